package io.kiteticker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * Entry point of {@code ./kite}: dispatches to the sub-commands.
 */
@Command(
    name = "kite",
    mixinStandardHelpOptions = true,
    version = "kite 0.1.0",
    description = "Kite ticker engine: a low-latency Kite Connect market-data engine and its tools.",
    subcommands = {
        RunCommand.class, SimulateCommand.class, ReplayCommand.class, DumpCommand.class, StatsCommand.class,
        CommandLine.HelpCommand.class })
public final class KiteCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Run the command line.
     *
     * @param args as given by the launcher.
     */
    public static void main(final String[] args)
    {
        final int exitCode = execute(args);
        // a command stopped by SIGINT/SIGTERM returns while the JVM is already shutting down, where System.exit
        // would block forever: return normally on success (every engine thread is a daemon)
        if (0 != exitCode)
        {
            System.exit(exitCode);
        }
    }

    /**
     * Run the command line without exiting the JVM, as tests do.
     *
     * @param args as given by the user.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new KiteCommand()).execute(args);
    }

    /**
     * Run the command line without exiting the JVM, printing to the given writers (tests capture the output).
     *
     * @param out  for normal output.
     * @param err  for errors and usage messages.
     * @param args as given by the user.
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        return new CommandLine(new KiteCommand()).setOut(out).setErr(err).execute(args);
    }

    /**
     * With no sub-command, print the usage.
     */
    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
