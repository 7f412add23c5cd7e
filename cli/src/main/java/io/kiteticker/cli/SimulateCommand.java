package io.kiteticker.cli;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
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
                    throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--credentials expects KEY:TOKEN pairs separated by commas");
                }
                context.credential(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }

        final PrintWriter out = spec.commandLine().getOut();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            KiteSimulator simulator = KiteSimulator.launch(context))
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
        return 0;
    }
}
