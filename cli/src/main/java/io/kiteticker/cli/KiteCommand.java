package io.kiteticker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        System.exit(execute(args));
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
     * With no sub-command, print the usage.
     */
    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
