package io.kiteticker.cli;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.fault.FaultConsole;
import io.kiteticker.simulator.fault.FaultInjector;
import io.kiteticker.simulator.fault.FaultKind;
import io.kiteticker.simulator.fault.FaultPlan;
import io.kiteticker.simulator.fault.FaultSchedule;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./kite simulate}: a standalone Kite-compatible ticker server on loopback, until interrupted.
 * Prints one line, {@code listening ws://127.0.0.1:PORT} (or {@code wss://…}), once it accepts connections; after
 * that, standard output carries only the answers of the control channel: fault commands read from standard input,
 * one per line ({@link FaultConsole}). Faults at random times ({@code --faults-per-minute}) are drawn from the
 * seed, printed on stderr with each fault applied.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run a Kite-compatible ticker server on 127.0.0.1 until interrupted.",
    footerHeading = "%nControl channel: stdin, one command a line, one answer line on stdout:%n",
    footer = {
        "  reset | drop           TCP reset of a random open connection",
        "  close [CODE]           close frame (1000, or CODE), closing handshake",
        "  close-code [CODE]      close frame with an error code (1011)",
        "  stall                  half-open: nothing more is sent on a connection",
        "  slow [DUR]             the server reads nothing from one for DUR (2s)",
        "  refuse [STATUS] [DUR]  refuse upgrades with STATUS (503) for DUR (3s),",
        "                         and reset one connection into it",
        "  partial-frame          part of a frame, then the end of the stream",
        "  garbage                bytes that are no WebSocket frame",
        "  lose-subscription      the server silently forgets one token",
        "  status | help",
        "DUR is 500ms, 3s or 1.5s. Answers start with 'ok', 'none' (no open",
        "connection could take it) or 'error'. Example:",
        "  ./kite simulate --faults-per-minute 30 --seed 7",
        "  then type: stall, refuse 503 5s, status"})
public final class SimulateCommand implements Callable<Integer>
{
    /**
     * Highest TCP port.
     */
    public static final int MAX_PORT = 0xFFFF;

    private static final Duration SCHEDULE_HORIZON = Duration.ofDays(7);

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

    @Option(
        names = "--faults-per-minute",
        description = "Apply faults at random times, this many a minute on average, drawn from --seed " +
            "(default: ${DEFAULT-VALUE}, none).")
    double faultsPerMinute = 0;

    @Option(
        names = "--faults",
        split = ",",
        paramLabel = "KIND",
        description = "The mix of --faults-per-minute (default: reset,close,close-code,stall,slow-reader," +
            "refuse-5xx,partial-frame,garbage; also refuse-403, lose-subscription).")
    String[] faults;

    @Option(names = "--no-control", description = "Do not read fault commands from standard input.")
    boolean noControl;

    /**
     * Where the control channel reads from; tests replace it.
     */
    InputStream controlInput = System.in;

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
        if (!(faultsPerMinute >= 0) || Double.isInfinite(faultsPerMinute))
        {
            throw new ParameterException(spec.commandLine(),
                "--faults-per-minute must be 0 (none) or a positive number but was " + faultsPerMinute);
        }
        final List<FaultKind> mix = faultMix();
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
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(); KiteSimulator simulator = launched;
            FaultInjector injector = new FaultInjector(simulator, seed);
            FaultSchedule schedule = faultSchedule(injector, mix, err))
        {
            out.println("listening " + simulator.uri());
            out.flush();
            if (simulator.isTls())
            {
                err.println("trust store: " + simulator.trustStorePath() +
                    " (PKCS12, password " + context.trustStorePassword() + "), PEM: " + simulator.pemPath());
            }
            if (null != schedule)
            {
                err.println("faults: " + faultsPerMinute + " a minute of " + mix + ", seed " + seed);
                schedule.start();
            }
            err.flush();
            if (!noControl)
            {
                startConsole(injector, out);
            }
            barrier.await();
        }
        return ExitCodes.OK;
    }

    private List<FaultKind> faultMix()
    {
        if (null == faults)
        {
            return FaultKind.defaultMix();
        }
        final List<FaultKind> mix = new ArrayList<>();
        for (final String name : faults)
        {
            try
            {
                mix.add(FaultKind.fromCliName(name.trim()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ParameterException(spec.commandLine(), "--faults: " + ex.getMessage());
            }
        }
        return mix;
    }

    private FaultSchedule faultSchedule(final FaultInjector injector, final List<FaultKind> mix, final PrintWriter err)
    {
        if (0 == faultsPerMinute)
        {
            return null;
        }
        final FaultPlan plan = FaultPlan.atRate(seed, faultsPerMinute, mix, SCHEDULE_HORIZON);
        return new FaultSchedule(injector, plan, (record) ->
        {
            err.println("fault: " + record);
            err.flush();
        });
    }

    private void startConsole(final FaultInjector injector, final PrintWriter out)
    {
        final FaultConsole console = new FaultConsole(injector, out);
        final BufferedReader in = new BufferedReader(new InputStreamReader(controlInput, StandardCharsets.UTF_8));
        final Thread thread = new Thread(() -> console.run(in), "kite-fault-console");
        thread.setDaemon(true);
        thread.start();
    }

    private static String messageOf(final RuntimeException ex)
    {
        final Throwable cause = null != ex.getCause() ? ex.getCause() : ex;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
