package io.kiteticker.cli.run;

import io.kiteticker.engine.ManagerStats;
import io.kiteticker.engine.ring.TickEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest
{
    private static final long START_NS = 5_000_000_000L;

    private final ManagerStats stats =
        new ManagerStats(2, 3000, 5, 6, 185_675, 9_000, 0, 2, 1, 4, Duration.ZERO, List.of());

    @Test
    void shouldShowRateTotalsConnectionsAndNoLatencyWhenSendTimesAreUnknown()
    {
        final ProgressLine progress = new ProgressLine(null);
        progress.start(START_NS);

        assertThat(progress.line(START_NS + 2_600_000_000L, stats, 60_005.4))
            .isEqualTo("[   3s] 60,005 ticks/s | total 185,675 | conns 5/6 | reconnects 4 | errors 3 | latency n/a");
        assertThat(progress.total()).isNull();
        assertThat(progress.inEngineTotal()).isNull();
    }

    @Test
    void shouldShowADashWhenNoTickWasMeasuredInTheInterval()
    {
        final ProgressLine progress = new ProgressLine(new LatencyRecorder(1, 1, () -> START_NS));
        progress.start(START_NS);

        assertThat(progress.line(START_NS + 1_000_000_000L, stats, 0))
            .isEqualTo("[   1s] 0 ticks/s | total 185,675 | conns 5/6 | reconnects 4 | errors 3 | latency -");
        assertThat(progress.total().getTotalCount()).isZero();
    }

    @Test
    void shouldMeasureTheRunFromItsStartToItsEnd()
    {
        final ProgressLine progress = new ProgressLine(null);
        progress.start(START_NS);
        progress.end(START_NS + 7_250_000_000L);

        assertThat(progress.elapsedNs()).isEqualTo(7_250_000_000L);
    }

    @Test
    void shouldKeepTheFirstFiveSecondsOutOfTheSteadyStateButInTheTotal()
    {
        final long[] nowNs = { START_NS };
        final LatencyRecorder recorder = new LatencyRecorder(1, 1, () -> nowNs[0]).sessionStarts((k, c) -> 0);
        recorder.bind(0, 0, 0, (ordinal) -> nowNs[0] - (ordinal < 5 ? 1_000_000 : 10_000));
        final TickEvent event = new TickEvent();
        final ProgressLine progress = new ProgressLine(recorder);
        progress.start(START_NS);

        for (int second = 1; second <= 7; second++)
        {
            event.clear(0, 0, nowNs[0]);
            recorder.onTick(event, 0, true);
            nowNs[0] = START_NS + second * 1_000_000_000L;
            progress.line(nowNs[0], stats, 1);
        }
        event.clear(0, 0, nowNs[0]);
        recorder.onTick(event, 0, true);

        assertThat(progress.total().getTotalCount()).isEqualTo(8);
        assertThat(progress.steadyState().getTotalCount()).as("ticks of seconds 6, 7 and the rest").isEqualTo(3);
        assertThat(progress.steadyState().getMaxValue()).isLessThan(11_000);
    }
}
