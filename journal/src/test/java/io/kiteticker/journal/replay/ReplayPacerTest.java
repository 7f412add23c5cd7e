package io.kiteticker.journal.replay;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayPacerTest
{
    private static final long EPOCH_NS = 1_767_584_700_000_000_000L;
    private static final long START_NS = 5_000_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();

    @Test
    void shouldMakeEveryRecordDueWithoutReadingTheClockWhenSpeedIsZero()
    {
        final ReplayPacer pacer = new ReplayPacer().nanoClock(() ->
        {
            throw new AssertionError("the clock was read");
        });

        assertThat(pacer.isDue(EPOCH_NS)).isTrue();
        assertThat(pacer.isDue(EPOCH_NS + 60_000_000_000L)).isTrue();
    }

    @Test
    void shouldMakeARecordDueAfterItsRecordedGapWhenSpeedIsOne()
    {
        clock.update(START_NS);
        final ReplayPacer pacer = new ReplayPacer().speed(1).nanoClock(clock);

        assertThat(pacer.isDue(EPOCH_NS)).isTrue();
        assertThat(pacer.isDue(EPOCH_NS + 1_000_000)).isFalse();

        clock.update(START_NS + 999_999);
        assertThat(pacer.isDue(EPOCH_NS + 1_000_000)).isFalse();

        clock.update(START_NS + 1_000_000);
        assertThat(pacer.isDue(EPOCH_NS + 1_000_000)).isTrue();
    }

    @Test
    void shouldDivideTheRecordedGapBySpeedWhenFasterOrSlower()
    {
        clock.update(START_NS);
        final ReplayPacer fast = new ReplayPacer().speed(4).nanoClock(clock);
        final ReplayPacer slow = new ReplayPacer().speed(0.5).nanoClock(clock);
        assertThat(fast.isDue(EPOCH_NS)).isTrue();
        assertThat(slow.isDue(EPOCH_NS)).isTrue();

        clock.update(START_NS + 250_000);
        assertThat(fast.isDue(EPOCH_NS + 1_000_000)).isTrue();
        assertThat(slow.isDue(EPOCH_NS + 1_000_000)).isFalse();

        clock.update(START_NS + 2_000_000);
        assertThat(slow.isDue(EPOCH_NS + 1_000_000)).isTrue();
    }

    @Test
    void shouldRestartThePaceFromARecordWhenTheRecordedTimeGoesBack()
    {
        clock.update(START_NS);
        final ReplayPacer pacer = new ReplayPacer().speed(1).nanoClock(clock);
        assertThat(pacer.isDue(EPOCH_NS)).isTrue();

        clock.update(START_NS + 10);
        assertThat(pacer.isDue(EPOCH_NS - 5_000_000)).isTrue();
        assertThat(pacer.isDue(EPOCH_NS - 4_000_000)).isFalse();

        clock.update(START_NS + 10 + 1_000_000);
        assertThat(pacer.isDue(EPOCH_NS - 4_000_000)).isTrue();
    }

    @Test
    void shouldRejectASpeedWhenNegativeInfiniteOrNotANumber()
    {
        final ReplayPacer pacer = new ReplayPacer();

        assertThatThrownBy(() -> pacer.speed(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pacer.speed(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pacer.speed(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
