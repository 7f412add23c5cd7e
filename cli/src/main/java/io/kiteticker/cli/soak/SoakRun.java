package io.kiteticker.cli.soak;

import io.kiteticker.cli.run.TokenSelection;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.transport.TlsProvider;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.fault.FaultInjector;
import io.kiteticker.simulator.fault.FaultKind;
import io.kiteticker.simulator.fault.FaultPlan;
import io.kiteticker.simulator.fault.FaultRecord;
import io.kiteticker.simulator.fault.FaultSchedule;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One soak: the simulator (paced, two ticks a second per token), the engine with a {@link TokenWatch} as its tick
 * handler, every token subscribed in LTP, quote and full mode in turn; once every token ticks, the fault plan runs
 * for the duration while the control thread polls the {@link SessionWatch} every {@value #POLL_MS} ms and the
 * {@link SoakChecker} every {@value #SCAN_MS} ms; then the engine stops and {@link SoakReport} prints the table.
 * Ctrl-C ends the run early, with the report.
 */
final class SoakRun
{
    /**
     * Ticks a second per token from the simulator.
     */
    static final double TICKS_PER_SECOND_PER_TOKEN = 2.0;

    /**
     * Slack added to the allowance by default, as in "cadence + back-off + 1 s".
     */
    static final long SLACK_MS_DEFAULT = 1000;

    /**
     * A wake-up of the control thread this much later than asked counts as a pause of the machine.
     */
    static final long PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * The first fault comes no earlier than this after the start.
     */
    static final long FIRST_FAULT_NS = TimeUnit.SECONDS.toNanos(1);

    private static final long POLL_MS = 5;
    private static final long SCAN_MS = 100;
    private static final long PROGRESS_NS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(60);

    private final SoakSettings settings;
    private final PrintWriter out;
    private final MachinePauses pauses = new MachinePauses(PAUSE_NS);

    SoakRun(final SoakSettings settings, final PrintWriter out)
    {
        this.settings = settings;
        this.out = out;
    }

    /**
     * The allowance: cadence + liveness timeout + first reconnect back-off + slack (1 s by default).
     *
     * @param livenessMs of the engine.
     * @param slackMs    the slack.
     * @return nanoseconds.
     */
    static long allowanceNs(final long livenessMs, final long slackMs)
    {
        return (long)(1e9 / TICKS_PER_SECOND_PER_TOKEN) + TimeUnit.MILLISECONDS.toNanos(livenessMs) +
            KiteManagerBuilder.RECONNECT_BACKOFF_BASE_DEFAULT.toNanos() + TimeUnit.MILLISECONDS.toNanos(slackMs);
    }

    /**
     * Time kept free of faults at the end, so that the last one can be recovered (and a loss seen) in the run:
     * the allowance + 1 s, plus a refusal window's doubling back-off when there are refusals.
     *
     * @param livenessMs   of the engine.
     * @param slackMs      of the allowance.
     * @param hasRefusals  whether the plan refuses upgrades.
     * @return nanoseconds.
     */
    static long quietTailNs(final long livenessMs, final long slackMs, final boolean hasRefusals)
    {
        final long refusalNs = hasRefusals ? 2 * FaultInjector.REFUSAL_DURATION_DEFAULT.toNanos() : 0;
        return allowanceNs(livenessMs, slackMs) + TimeUnit.SECONDS.toNanos(1) + refusalNs;
    }

    /**
     * Run it.
     *
     * @return the report, printed already.
     * @throws Exception from the engine or simulator set-up.
     */
    SoakReport run() throws Exception
    {
        final CountDownLatch stopSignal = new CountDownLatch(1);
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stopSignal::countDown);
            KiteSimulator simulator = launchSimulator())
        {
            final int[] tokens = TokenSelection.count(settings.tokens()).resolve(simulator.universe());
            final Mode[] modes = new Mode[tokens.length];
            final Mode[] cycle = {Mode.LTP, Mode.QUOTE, Mode.FULL};
            for (int i = 0; i < tokens.length; i++)
            {
                modes[i] = cycle[i % cycle.length];
            }
            final TokenWatch watch = new TokenWatch(tokens, modes, settings.connectionsPerKey());
            try (KiteManager manager = buildEngine(simulator, watch))
            {
                manager.start();
                for (final Mode mode : cycle)
                {
                    manager.subscribe(ofMode(tokens, modes, mode), mode);
                }
                final long subscribedNs = System.nanoTime();
                final SoakChecker checker = new SoakChecker(
                    watch, allowanceNs(settings.livenessMs(), settings.slackMs()), subscribedNs);
                final long warmUpNs = awaitEveryToken(watch, subscribedNs);
                final SessionWatch sessions =
                    new SessionWatch(manager, FaultInjector.REFUSAL_DURATION_DEFAULT.toNanos());
                final FaultPlan plan = FaultPlan.counted(settings.seed(), settings.faults(),
                    Duration.ofNanos(FIRST_FAULT_NS),
                    Duration.ofSeconds(settings.durationSeconds()).minusNanos(quietTailNs(settings.livenessMs(),
                        settings.slackMs(), settings.hasRefusals())));
                try (FaultInjector injector = new FaultInjector(simulator, settings.seed());
                    FaultSchedule schedule = new FaultSchedule(injector, plan, (record) -> onFault(record,
                        sessions, checker)))
                {
                    final long startNs = System.nanoTime();
                    pauses.start();
                    schedule.start();
                    final boolean isInterrupted = loop(startNs, stopSignal, sessions, checker, schedule);
                    schedule.close();
                    final long endNs = System.nanoTime();
                    checker.scan(endNs);
                    sessions.poll(endNs);
                    pauses.end();
                    final SoakReport report = new SoakReport(settings, out, warmUpNs, startNs, endNs, isInterrupted,
                        watch, checker, sessions, schedule, EngineFigures.of(manager), SimulatorFigures.of(simulator),
                        pauses);
                    manager.stop();
                    report.print();
                    return report;
                }
            }
        }
    }

    private static void onFault(final FaultRecord record, final SessionWatch sessions, final SoakChecker checker)
    {
        if (FaultKind.REFUSE_5XX == record.kind() || FaultKind.REFUSE_403 == record.kind())
        {
            // reconnects are refused for the window and back off doubling: the next attempt is within about a
            // window + the base back-off after its end
            final long windowNs = FaultInjector.REFUSAL_DURATION_DEFAULT.toNanos();
            checker.excuseUntil(record.atNanos() + 2 * windowNs +
                KiteManagerBuilder.RECONNECT_BACKOFF_BASE_DEFAULT.toNanos());
        }
        sessions.onFault(record);
    }

    private boolean loop(
        final long startNs,
        final CountDownLatch stopSignal,
        final SessionWatch sessions,
        final SoakChecker checker,
        final FaultSchedule schedule) throws InterruptedException
    {
        final long endNs = startNs + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
        long nextScanNs = startNs;
        long nextProgressNs = startNs + PROGRESS_NS;
        long lastWakeNs = startNs;
        while (true)
        {
            if (stopSignal.await(POLL_MS, TimeUnit.MILLISECONDS))
            {
                return true;
            }
            final long nowNs = System.nanoTime();
            pauses.onWake(nowNs - lastWakeNs - TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            lastWakeNs = nowNs;
            sessions.poll(nowNs);
            if (nowNs - nextScanNs >= 0)
            {
                checker.scan(nowNs);
                nextScanNs = nowNs + TimeUnit.MILLISECONDS.toNanos(SCAN_MS);
            }
            if (nowNs - nextProgressNs >= 0)
            {
                out.printf("  %4d s: faults %d of %d, waiting to reconnect %d, tokens silent too long now %d, " +
                    "lost so far %d%n", TimeUnit.NANOSECONDS.toSeconds(nowNs - startNs), schedule.done(),
                    schedule.plan().size(), sessions.pendingCount(), checker.silentNow(), checker.lostTokenCount());
                out.flush();
                nextProgressNs += PROGRESS_NS;
            }
            if (nowNs - endNs >= 0)
            {
                return false;
            }
        }
    }

    private static long awaitEveryToken(final TokenWatch watch, final long subscribedNs) throws InterruptedException
    {
        final long deadlineNs = subscribedNs + WARM_UP_TIMEOUT.toNanos();
        while (true)
        {
            boolean every = true;
            for (int i = 0, n = watch.tokenCount(); i < n && every; i++)
            {
                every = 0 != watch.lastTickNs(i);
            }
            final long nowNs = System.nanoTime();
            if (every)
            {
                return nowNs - subscribedNs;
            }
            if (nowNs - deadlineNs > 0)
            {
                throw new IllegalStateException("not every token ticked within " + WARM_UP_TIMEOUT.toSeconds() +
                    " s of the subscription, before any fault");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    private KiteSimulator launchSimulator()
    {
        final int perConnection = (settings.tokens() + settings.totalConnections() - 1) / settings.totalConnections();
        final SimulatorContext context = new SimulatorContext()
            .tls(settings.tls())
            .seed(settings.seed())
            .sendMode(SendMode.PACED)
            .ticksPerSecondPerToken(TICKS_PER_SECOND_PER_TOKEN)
            .ticksPerSecond(Math.max(1, perConnection) * TICKS_PER_SECOND_PER_TOKEN);
        for (int k = 1; k <= settings.keys(); k++)
        {
            context.credential("kite-sim-key-" + k, "kite-sim-token-" + k);
        }
        return KiteSimulator.launch(context);
    }

    private KiteManager buildEngine(final KiteSimulator simulator, final TokenWatch watch) throws Exception
    {
        final KiteManagerBuilder builder = KiteManager.builder()
            .uri(simulator.uri())
            .maxConnectionsPerApi(settings.connectionsPerKey())
            .livenessTimeout(Duration.ofMillis(settings.livenessMs()))
            .onTick(watch);
        for (int k = 1; k <= settings.keys(); k++)
        {
            builder.addApiKey("key-" + k, "kite-sim-key-" + k, "kite-sim-token-" + k);
        }
        if (simulator.isTls())
        {
            builder.sslContext(TlsProvider.defaultProvider().trustStoreContext(
                simulator.trustStorePath(), simulator.context().trustStorePassword().toCharArray()));
        }
        return builder.build();
    }

    private static int[] ofMode(final int[] tokens, final Mode[] modes, final Mode mode)
    {
        int count = 0;
        for (final Mode each : modes)
        {
            count += each == mode ? 1 : 0;
        }
        final int[] selected = new int[count];
        int n = 0;
        for (int i = 0; i < tokens.length; i++)
        {
            if (modes[i] == mode)
            {
                selected[n++] = tokens[i];
            }
        }
        return selected;
    }
}
