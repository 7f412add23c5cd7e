package io.kiteticker.cli;

import io.kiteticker.journal.JournalDamagedException;
import io.kiteticker.journal.JournalException;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * How {@code ./kite replay} and {@code ./kite dump} report a recording they cannot read: one line on stderr and the
 * exit code of the table in {@link ExitCodes}.
 */
final class JournalCommands
{
    private JournalCommands()
    {
    }

    /**
     * The recording could not be opened: missing, not a recording ({@link ExitCodes#BAD_INPUT}), or damaged where
     * nothing can be read ({@link ExitCodes#JOURNAL_DAMAGED}).
     *
     * @param command name, e.g. {@code kite replay}.
     * @param ex      why.
     * @param err     to print the line to.
     * @return the exit code.
     */
    static int onOpenFailure(final String command, final JournalException ex, final PrintWriter err)
    {
        if (ex instanceof JournalDamagedException)
        {
            return onDamage(command, (JournalDamagedException)ex, "nothing was read", err);
        }
        err.println(command + ": " + ex.getMessage());
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /**
     * A fault in a read of the recording's mapped memory that surfaced outside the reader (the JVM raises it a
     * little after the access): a damaged file.
     *
     * @param command   name, e.g. {@code kite replay}.
     * @param directory of the recording.
     * @param fault     the error.
     * @param err       to print the line to.
     * @return {@link ExitCodes#JOURNAL_DAMAGED}.
     */
    static int onFault(final String command, final Path directory, final InternalError fault, final PrintWriter err)
    {
        err.println(command + ": damaged journal " + directory + ": a read past the end of a mapped queue file (" +
            fault.getMessage() + "); a file is truncated or holds bytes that are not documents");
        err.flush();
        return ExitCodes.JOURNAL_DAMAGED;
    }

    /**
     * The recording is damaged.
     *
     * @param command name, e.g. {@code kite replay}.
     * @param ex      where.
     * @param shown   what was shown of the recording.
     * @param err     to print the line to.
     * @return {@link ExitCodes#JOURNAL_DAMAGED}.
     */
    static int onDamage(final String command, final JournalDamagedException ex, final String shown,
        final PrintWriter err)
    {
        err.println(command + ": " + ex.getMessage() + " (" + shown + ")");
        err.flush();
        return ExitCodes.JOURNAL_DAMAGED;
    }
}
