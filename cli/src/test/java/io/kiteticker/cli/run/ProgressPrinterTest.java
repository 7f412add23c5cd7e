package io.kiteticker.cli.run;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest
{
    private static final String NL = System.lineSeparator();

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    @Test
    void shouldRewriteOneLineAndBlankWhatIsLeftOfALongerOneWhenOnATerminal()
    {
        final ProgressPrinter printer = new ProgressPrinter(out, true);

        printer.print("[   1s] long line");
        printer.print("[   2s] short");
        printer.endLine();
        out.print("summary");
        out.flush();

        assertThat(text.toString()).isEqualTo("\r[   1s] long line" + "\r[   2s] short    " + NL + "summary");
    }

    @Test
    void shouldEndTheLineOnlyOnceAndOnlyAfterATerminalLine()
    {
        final ProgressPrinter printer = new ProgressPrinter(out, true);

        printer.endLine();
        printer.print("[   1s] a");
        printer.endLine();
        printer.endLine();

        assertThat(text.toString()).isEqualTo("\r[   1s] a" + NL);
    }

    @Test
    void shouldPrintOneLineEachWhenNotOnATerminal()
    {
        final ProgressPrinter printer = new ProgressPrinter(out, false);

        printer.print("[   1s] long line");
        printer.print("[   2s] short");
        printer.endLine();

        assertThat(text.toString()).isEqualTo("[   1s] long line" + NL + "[   2s] short" + NL);
    }
}
