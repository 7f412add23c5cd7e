package io.kiteticker.cli.run;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.testing.AllocationMeter;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatencyRecorderTest
{
    private long nowNs = 1_000_000;
    private long sessionStart = 0;
    private final LatencyRecorder recorder =
        new LatencyRecorder(2, 3, () -> nowNs).sessionStarts((k, c) -> sessionStart);
    private final TickEvent event = new TickEvent();

    @Test
    void shouldRecordNowMinusTheSendTimeOfTheSamePacketOrdinal()
    {
        recorder.bind(1, 2, 0, (ordinal) -> 900_000 + ordinal);

        tick(1, 2);
        tick(1, 2);
        final Histogram histogram = recorder.intervalHistogram(null);

        assertThat(histogram.getTotalCount()).isEqualTo(2);
        assertThat(histogram.getMinValue()).isCloseTo(100_000L, withinPercentage(0.2));
        assertThat(histogram.getMaxValue()).isCloseTo(100_000L, withinPercentage(0.2));
    }

    @Test
    void shouldIgnoreTicksOfUnboundConnectionsAndUnknownSendTimes()
    {
        recorder.bind(0, 0, 0, (ordinal) -> -1);

        tick(0, 0);
        tick(0, 1);

        assertThat(recorder.intervalHistogram(null).getTotalCount()).isZero();
    }

    @Test
    void shouldNotMeasureANewSessionUntilItIsBoundAndThenCountFromItsStart()
    {
        recorder.bind(0, 1, 0, (ordinal) -> nowNs - 10_000);
        tick(0, 1);
        tick(0, 1);
        tick(0, 1);
        assertThat(recorder.intervalHistogram(null).getTotalCount()).isEqualTo(3);

        sessionStart = 3; // reconnected: the engine's tick 3 is packet 0 of the new session
        tick(0, 1);
        assertThat(recorder.intervalHistogram(null).getTotalCount()).as("new session not bound yet").isZero();

        final long[] asked = { -1 };
        recorder.bind(0, 1, 3, (ordinal) ->
        {
            asked[0] = ordinal;
            return nowNs - 20_000;
        });
        tick(0, 1);

        assertThat(asked[0]).isEqualTo(1);
        final Histogram histogram = recorder.intervalHistogram(null);
        assertThat(histogram.getTotalCount()).isEqualTo(1);
        assertThat(histogram.getMaxValue()).isCloseTo(20000L, withinPercentage(0.2));
    }

    @Test
    void shouldMeasureTheRestOfAnOldSessionAgainstItsOwnBindingWhenTheNewOneIsBoundFirst()
    {
        final long[] oldAsked = { -1 };
        recorder.bind(0, 0, 0, (ordinal) ->
        {
            oldAsked[0] = ordinal;
            return nowNs - 5_000;
        });
        tick(0, 0);
        sessionStart = 2;
        recorder.bind(0, 0, 2, (ordinal) -> nowNs - 7_000);

        tick(0, 0); // tick 1: still the old session
        assertThat(oldAsked[0]).isEqualTo(1);
        tick(0, 0); // tick 2: packet 0 of the new session

        final Histogram histogram = recorder.intervalHistogram(null);
        assertThat(histogram.getTotalCount()).isEqualTo(3);
        assertThat(histogram.getMinValue()).isCloseTo(5000L, withinPercentage(0.2));
        assertThat(histogram.getMaxValue()).isCloseTo(7000L, withinPercentage(0.2));
        assertThat(recorder.boundSession(0, 0)).isEqualTo(2);
    }

    @Test
    void shouldRecordWithoutAllocating()
    {
        recorder.bind(1, 1, 0, (ordinal) -> nowNs - 1_000 - (ordinal & 1023));

        final long bytes = AllocationMeter.measure(200_000, 100_000, () ->
        {
            nowNs += 100;
            tick(1, 1);
        });

        assertThat(bytes).isZero();
        assertThat(recorder.intervalHistogram(null).getTotalCount()).isGreaterThan(100_000);
    }

    private void tick(final int apiKeyIndex, final int connectionIndex)
    {
        event.clear(apiKeyIndex, connectionIndex, nowNs);
        recorder.onTick(event, 0, true);
    }
}
