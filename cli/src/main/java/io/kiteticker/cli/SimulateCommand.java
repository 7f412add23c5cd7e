package io.kiteticker.cli;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.Callable;

/**
 * {@code ./kite simulate}: a standalone Kite-compatible ticker server on loopback, until interrupted.
 * Prints exactly one line, {@code listening ws://127.0.0.1:PORT} (or {@code wss://…}), once it accepts connections.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run a Kite-compatible ticker server on 127.0.0.1 until interrupted.")
public final class SimulateCommand implements Callable<Integer>
{
    /**
     * Highest TCP port.
     */
    public static final int MAX_PORT = 0xFFFF;

    @Option(names = "--port", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--tls", description = "Serve wss:// with a self-signed certificate exported as a trust store.")
    boolean tls;

    @Option(
        names = "--credentials",
        split = ",",
        paramLabel = "KEY:TOKEN",
        description = "Accepted api_key:access_token pairs (default: " + SimulatorContext.API_KEY_DEFAULT + ":" +
            SimulatorContext.ACCESS_TOKEN_DEFAULT + ").")
    String[] credentials;

    @Option(
        names = "--rate",
        description = "Ticks per second per connection, at most 2 per token; 0 = flood (default: ${DEFAULT-VALUE}).")
    double rate = SimulatorContext.TICKS_PER_SECOND_DEFAULT;

    @Option(names = "--seed", description = "Seed of the market model (default: ${DEFAULT-VALUE}).")
    long seed = SimulatorContext.SEED_DEFAULT;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * Start the simulator, print the listening line, and wait for a shutdown signal.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        if (port < 0 || port > MAX_PORT)
        {
            throw new ParameterException(spec.commandLine(),
                "--port must be 0 (a free port) to " + MAX_PORT + " but was " + port);
        }
        if (!(rate >= 0) || Double.isInfinite(rate))
        {
            throw new ParameterException(spec.commandLine(),
                "--rate must be 0 (flood) or a positive number of ticks per second but was " + rate);
        }
        final SimulatorContext context = new SimulatorContext().port(port).tls(tls).seed(seed);
        if (0 == rate)
        {
            context.sendMode(SendMode.FLOOD);
        }
        else
        {
            context.ticksPerSecond(rate);
        }
        if (null != credentials)
        {
            for (final String pair : credentials)
            {
                final int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1)
                {
                    throw new ParameterException(
                        spec.commandLine(), "--credentials expects KEY:TOKEN pairs separated by commas");
                }
                context.credential(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }

        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final KiteSimulator launched;
        try
        {
            launched = KiteSimulator.launch(context);
        }
        catch (final UncheckedIOException | IllegalArgumentException | IllegalStateException ex)
        {
            final boolean isInUse = ex.getCause() instanceof BindException;
            err.println("kite simulate: " + (isInUse ? "port " + port + " is in use (" + ex.getCause().getMessage() +
                "); give another --port, or 0 for a free one" : "cannot start: " + messageOf(ex)));
            err.flush();
            return isInUse ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); KiteSimulator simulator = launched)
        {
            out.println("listening " + simulator.uri());
            out.flush();
            if (simulator.isTls())
            {
                spec.commandLine().getErr().println("trust store: " + simulator.trustStorePath() +
                    " (PKCS12, password " + context.trustStorePassword() + "), PEM: " + simulator.pemPath());
            }
            barrier.await();
        }
        return ExitCodes.OK;
    }

    private static String messageOf(final RuntimeException ex)
    {
        final Throwable cause = null != ex.getCause() ? ex.getCause() : ex;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
