package io.kiteticker.engine.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest
{
    @Test
    void shouldDoubleFromBaseUpToCap()
    {
        final Backoff backoff = new Backoff(100, 1000, 0.0, 1);

        assertThat(backoff.delayNs(1)).isEqualTo(100);
        assertThat(backoff.delayNs(2)).isEqualTo(200);
        assertThat(backoff.delayNs(3)).isEqualTo(400);
        assertThat(backoff.delayNs(4)).isEqualTo(800);
        assertThat(backoff.delayNs(5)).isEqualTo(1000);
        assertThat(backoff.delayNs(1_000_000)).isEqualTo(1000);
    }

    @Test
    void shouldNotOverflowWhenAttemptIsLarge()
    {
        final Backoff backoff = new Backoff(Long.MAX_VALUE / 4, Long.MAX_VALUE / 2, 0.0, 1);

        assertThat(backoff.delayNs(64)).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(backoff.delayNs(2)).isPositive().isLessThanOrEqualTo(Long.MAX_VALUE / 2);
        assertThat(backoff.delayNs(Integer.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void shouldKeepJitteredDelayWithinBounds()
    {
        final Backoff backoff = new Backoff(1_000_000, 60_000_000, 0.5, 42);
        long sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long delay = backoff.delayNs(1);
            assertThat(delay).isBetween(500_000L, 1_000_000L);
            sum += delay;
        }
        assertThat(sum / 10_000).isBetween(700_000L, 800_000L);
    }

    @Test
    void shouldBeDeterministicForSeed()
    {
        final Backoff a = new Backoff(1000, 100_000, 0.3, 7);
        final Backoff b = new Backoff(1000, 100_000, 0.3, 7);
        for (int i = 1; i < 50; i++)
        {
            assertThat(a.delayNs(i)).isEqualTo(b.delayNs(i));
        }
    }

    @Test
    void shouldRejectBadSettings()
    {
        assertThatThrownBy(() -> new Backoff(0, 10, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 20, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
