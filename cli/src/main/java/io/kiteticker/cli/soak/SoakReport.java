package io.kiteticker.cli.soak;

import io.kiteticker.cli.run.Formats;
import io.kiteticker.simulator.fault.FaultInjector;
import io.kiteticker.simulator.fault.FaultKind;
import io.kiteticker.simulator.fault.FaultSchedule;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a soak: the faults asked, injected, skipped and survived by kind; the checks (tokens lost, on two
 * connections, torn, duplicated, foreign, volume backwards, sessions not back); reconnect and stall detection
 * times; the engine's and the simulator's counters; and the verdict. A fault is survived when its connection's
 * next session went live (for a fault that ends the session) and no token of that connection was lost within two
 * allowances (plus a refusal's window) after it.
 */
final class SoakReport
{
    private final SoakSettings settings;
    private final PrintWriter out;
    private final long warmUpNs;
    private final long startNs;
    private final long elapsedNs;
    private final boolean isInterrupted;
    private final TokenWatch watch;
    private final SoakChecker checker;
    private final SessionWatch sessions;
    private final FaultSchedule schedule;
    private final EngineFigures engine;
    private final SimulatorFigures simulator;
    private final MachinePauses pauses;
    private final Map<FaultKind, Integer> survived = new EnumMap<>(FaultKind.class);

    SoakReport(
        final SoakSettings settings,
        final PrintWriter out,
        final long warmUpNs,
        final long startNs,
        final long endNs,
        final boolean isInterrupted,
        final TokenWatch watch,
        final SoakChecker checker,
        final SessionWatch sessions,
        final FaultSchedule schedule,
        final EngineFigures engine,
        final SimulatorFigures simulator,
        final MachinePauses pauses)
    {
        this.settings = settings;
        this.out = out;
        this.warmUpNs = warmUpNs;
        this.startNs = startNs;
        this.elapsedNs = endNs - startNs;
        this.pauses = pauses;
        this.isInterrupted = isInterrupted;
        this.watch = watch;
        this.checker = checker;
        this.sessions = sessions;
        this.schedule = schedule;
        this.engine = engine;
        this.simulator = simulator;
        countSurvived();
    }

    private void countSurvived()
    {
        for (final SessionWatch.FaultEvent event : sessions.events())
        {
            final long windowNs = 2 * checker.allowanceNs() + 2 * FaultInjector.REFUSAL_DURATION_DEFAULT.toNanos();
            boolean isLost = false;
            for (final SoakChecker.Loss loss : checker.losses())
            {
                isLost |= loss.slot() == event.slot && loss.atNs() - event.record.atNanos() >= 0 &&
                    loss.atNs() - event.record.atNanos() < windowNs;
            }
            if (event.isRecovered() && !isLost)
            {
                survived.merge(event.record.kind(), 1, Integer::sum);
            }
        }
    }

    /**
     * Did the soak lose nothing?
     *
     * @return true when no token was lost, none arrived on two connections, no slot was torn, duplicated or
     *     foreign, no volume went backwards, every session that a fault ended came back and every packet came in its
     *     token's mode.
     */
    boolean isPass()
    {
        return failures().isEmpty();
    }

    /**
     * Faults applied in all.
     *
     * @return the count.
     */
    long faultsInjected()
    {
        long total = 0;
        for (final FaultKind kind : FaultKind.values())
        {
            total += schedule.injected(kind);
        }
        return total;
    }

    /**
     * Faults survived in all.
     *
     * @return the count.
     */
    int faultsSurvived()
    {
        int total = 0;
        for (final int count : survived.values())
        {
            total += count;
        }
        return total;
    }

    int tokensLost()
    {
        return checker.lostTokenCount();
    }

    private List<String> failures()
    {
        final List<String> failures = new ArrayList<>();
        addIf(failures, checker.lostTokenCount(), "tokens lost");
        addIf(failures, watch.tokensOnTwoConnections(), "tokens on two connections");
        addIf(failures, watch.tornSlots(), "torn slots");
        addIf(failures, watch.sequenceErrors(), "duplicated or skipped slots");
        addIf(failures, watch.foreignTokens(), "foreign tokens");
        addIf(failures, watch.volumeBackwards(), "volumes going backwards");
        addIf(failures, sessions.pendingCount(), "sessions not back at the end");
        addIf(failures, watch.modeMismatches(), "packets delivered in another mode than their token's");
        return failures;
    }

    private static void addIf(final List<String> failures, final long count, final String what)
    {
        if (count > 0)
        {
            failures.add(count + " " + what);
        }
    }

    void print()
    {
        out.println();
        out.printf("%-22s %7s %9s %8s %9s%n", "faults", "asked", "injected", "skipped", "survived");
        long asked = 0;
        long skipped = 0;
        for (final FaultKind kind : FaultKind.values())
        {
            final int askedOfKind = settings.asked(kind);
            if (0 == askedOfKind && 0 == schedule.injected(kind))
            {
                continue;
            }
            asked += askedOfKind;
            skipped += schedule.skipped(kind);
            out.printf("  %-20s %7d %9d %8d %9d%n", kind.cliName(), askedOfKind, schedule.injected(kind),
                schedule.skipped(kind), survived.getOrDefault(kind, 0));
        }
        out.printf("  %-20s %7d %9d %8d %9d%n", "total", asked, faultsInjected(), skipped, faultsSurvived());

        out.println();
        out.printf("%-44s %9s%n", "checks", "count");
        check("tokens lost (silent > " + Formats.seconds(checker.allowanceNs()) + ")", checker.lostTokenCount(),
            "of " + watch.tokenCount() + "; longest silence " + Formats.latency(checker.longestSilenceNs()));
        check("tokens on two connections", watch.tokensOnTwoConnections(), "");
        check("torn slots (raw bytes vs decoded fields)", watch.tornSlots(), "");
        check("duplicated or skipped slots (sequence)", watch.sequenceErrors(), "");
        check("foreign tokens", watch.foreignTokens(), "");
        check("volumes going backwards", watch.volumeBackwards(), "");
        check("sessions not back at the end", sessions.pendingCount(), "");
        check("packets delivered in another mode", watch.modeMismatches(), "");

        out.println();
        out.printf("%-30s %6s %9s %9s %9s%n", "times", "n", "p50", "p99", "max");
        times("reconnect", sessions.reconnectUs(), "");
        times("reconnect in a refusal window", sessions.refusalReconnectUs(), "");
        times("stall detection", sessions.stallDetectionUs(), "(liveness " +
            Formats.latency(settings.livenessMs() * 1_000_000L) + ")");

        out.println();
        final StringBuilder counters = new StringBuilder("engine: ticks ").append(Formats.count(watch.ticks()));
        for (final Map.Entry<String, Long> entry : engine.counts().entrySet())
        {
            counters.append(", ").append(entry.getKey()).append(' ').append(Formats.count(entry.getValue()));
        }
        out.println(counters);
        out.printf("simulator: connections accepted %d, upgrades refused %d, rejected %d, session errors %d%n",
            simulator.accepted(), simulator.refused(), simulator.rejected(), simulator.connectionErrors());
        out.printf("sessions: %d began with no fault to explain them, %d faults hit a connection already gone%n",
            sessions.unplannedSessions(), sessions.unmatchedFaults());
        out.println("engine errors by kind: " + (engine.distinctErrors().isEmpty() ? "none" : ""));
        for (final String error : engine.distinctErrors())
        {
            out.println("  " + error);
        }
        out.printf("run: %s faulted%s, warm-up %s (every token ticking)%n", Formats.seconds(elapsedNs),
            isInterrupted ? " (interrupted)" : "", Formats.seconds(warmUpNs));
        out.printf(Locale.ROOT, "machine: %d CPUs, load average %.1f at the start, %.1f at the end; the soak's " +
            "thread paused > %s %d times, longest %s%n", pauses.processors(), pauses.startLoad(), pauses.endLoad(),
            Formats.latency(pauses.thresholdNs()), pauses.pauses(), Formats.latency(pauses.longestNs()));

        out.println();
        final List<String> failures = failures();
        if (failures.isEmpty())
        {
            out.printf("result: PASS: %d faults survived of %d injected, 0 tokens lost, nothing duplicated or torn%n",
                faultsSurvived(), faultsInjected());
        }
        else
        {
            out.println("result: FAIL: " + String.join(", ", failures) + "; replay: " + settings.commandLine());
            for (final SoakChecker.Loss loss : firstLosses())
            {
                out.printf("  lost: token #%d on connection slot %d, found %s into the run%n",
                    loss.tokenIndex(), loss.slot(), Formats.seconds(loss.atNs() - startNs));
            }
        }
        out.flush();
    }

    private List<SoakChecker.Loss> firstLosses()
    {
        final List<SoakChecker.Loss> losses = checker.losses();
        return losses.subList(0, Math.min(5, losses.size()));
    }

    private void check(final String what, final long count, final String note)
    {
        out.printf("  %-42s %9d  %s%n", what, count, note);
    }

    private void times(final String what, final Histogram histogramUs, final String note)
    {
        if (0 == histogramUs.getTotalCount())
        {
            out.printf("  %-28s %6d%n", what, 0);
            return;
        }
        out.printf(Locale.ROOT, "  %-28s %6d %9s %9s %9s  %s%n", what, histogramUs.getTotalCount(),
            Formats.latency(histogramUs.getValueAtPercentile(50) * 1000),
            Formats.latency(histogramUs.getValueAtPercentile(99) * 1000),
            Formats.latency(histogramUs.getMaxValue() * 1000), note);
    }
}
