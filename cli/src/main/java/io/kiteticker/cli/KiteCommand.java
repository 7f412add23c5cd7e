package io.kiteticker.cli;

import io.kiteticker.cli.soak.SoakCommand;
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
        RunCommand.class, SimulateCommand.class, SoakCommand.class, ReplayCommand.class, DumpCommand.class,
        StatsCommand.class,
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
        StopSignals.install();
        final int exitCode = execute(args);
        // a command stopped by a signal returns normally (StopSignals keeps the JVM from exiting on it); if the JVM
        // is shutting down anyway (System.exit elsewhere), System.exit would block forever: leave the code to it
        if (!isShuttingDown())
        {
            System.exit(exitCode);
        }
    }

    private static boolean isShuttingDown()
    {
        try
        {
            final Thread probe = new Thread(() -> {});
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        }
        catch (final IllegalStateException ex)
        {
            return true;
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
        return commandLine().execute(args);
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
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /**
     * The command line with the house error handling: a usage error prints one line naming the command and a hint
     * ({@link ExitCodes#BAD_INPUT}); an exception a command did not handle prints one line
     * ({@link ExitCodes#FAILURE}), its stack trace only with {@code -Dkite.stack.traces=true}.
     *
     * @return a new command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new KiteCommand());
        commandLine.setParameterExceptionHandler(KiteCommand::onParameterException);
        commandLine.setExecutionExceptionHandler(KiteCommand::onExecutionException);
        withExitCodes(commandLine);
        return commandLine;
    }

    private static void withExitCodes(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading(ExitCodes.HEADING)
            .exitCodeList(ExitCodes.helpTable());
        commandLine.getSubcommands().values().forEach(KiteCommand::withExitCodes);
    }

    private static int onParameterException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static int onExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": internal error: " + ex);
        if (Boolean.getBoolean(ExitCodes.STACK_TRACES_PROP_NAME))
        {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
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
