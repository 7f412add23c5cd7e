package io.kiteticker.cli.run;

import java.io.PrintWriter;

/**
 * Prints the progress lines of {@code ./kite run}: on a terminal each line rewrites the previous one in place (a
 * carriage return, then blanks over what is left of a longer line), otherwise one line each.
 * {@link #endLine()} ends a rewritten line before anything else is printed.
 */
final class ProgressPrinter
{
    private final PrintWriter out;
    private final boolean isTerminal;
    private int lastLineLength;

    /**
     * A printer.
     *
     * @param out        to print to.
     * @param isTerminal to rewrite one line instead of printing lines.
     */
    ProgressPrinter(final PrintWriter out, final boolean isTerminal)
    {
        this.out = out;
        this.isTerminal = isTerminal;
    }

    /**
     * Print a progress line, and flush.
     *
     * @param line to print, without a line separator.
     */
    void print(final String line)
    {
        if (isTerminal)
        {
            final StringBuilder builder = new StringBuilder(line.length() + 8).append('\r').append(line);
            for (int i = line.length(); i < lastLineLength; i++)
            {
                builder.append(' ');
            }
            out.print(builder);
            lastLineLength = line.length();
        }
        else
        {
            out.println(line);
        }
        out.flush();
    }

    /**
     * End the line being rewritten, if any, so that what follows starts on a line of its own.
     */
    void endLine()
    {
        if (lastLineLength > 0)
        {
            out.println();
            out.flush();
            lastLineLength = 0;
        }
    }
}
