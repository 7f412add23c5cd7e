package io.kiteticker.engine.manager;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TickRateWindowTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldGiveTheRateSinceThePreviousCall()
    {
        final TickRateWindow window = new TickRateWindow();
        window.reset(0, 100);

        assertThat(window.rate(2 * SECOND_NS, 1_100)).isCloseTo(500.0, within(1e-9));
        assertThat(window.rate(3 * SECOND_NS, 1_200)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void shouldGiveZeroWhenNoTimePassed()
    {
        final TickRateWindow window = new TickRateWindow();
        window.reset(SECOND_NS, 0);

        assertThat(window.rate(SECOND_NS, 1_000)).isZero();
    }

    @Test
    void shouldKeepEachCallersWindowApartWhenTwoCallersSample()
    {
        final TickRateWindow progress = new TickRateWindow();
        final TickRateWindow report = new TickRateWindow();
        progress.reset(0, 0);
        report.reset(0, 0);

        progress.rate(SECOND_NS, 1_000);
        progress.rate(2 * SECOND_NS, 1_000);

        assertThat(report.rate(4 * SECOND_NS, 2_000)).as("not shortened by the other caller").isCloseTo(
            500.0, within(1e-9));
        assertThat(progress.rate(4 * SECOND_NS, 2_000)).isCloseTo(500.0, within(1e-9));
    }
}
