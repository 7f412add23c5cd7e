package io.kiteticker.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One in-process execution of {@code kite ...} with its output captured (public for the tests of the command
 * packages, e.g. {@code cli.soak}).
 */
public final class CliRun
{
    /**
     * The command's exit code.
     */
    public final int exitCode;

    /**
     * What it printed on stdout.
     */
    public final String out;

    /**
     * What it printed on stderr.
     */
    public final String err;

    private CliRun(final int exitCode, final String out, final String err)
    {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * Run {@code kite ARGS} in this JVM.
     *
     * @param args the command line after {@code kite}.
     * @return the exit code and the output.
     */
    public static CliRun execute(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true))
        {
            exitCode = KiteCommand.execute(outWriter, errWriter, args);
        }
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /**
     * {@code kite run ...} with the environment replaced (credentials come from it).
     */
    static CliRun run(final Map<String, String> environment, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true))
        {
            final CommandLine commandLine = KiteCommand.commandLine().setOut(outWriter).setErr(errWriter);
            ((RunCommand)commandLine.getSubcommands().get("run").getCommand()).environment = environment;
            final String[] all = new String[args.length + 1];
            all[0] = "run";
            System.arraycopy(args, 0, all, 1, args.length);
            exitCode = commandLine.execute(all);
        }
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    String all()
    {
        return out + err;
    }

    public String toString()
    {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
