package io.kiteticker.engine.connection;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectScheduleTest
{
    private static final long BASE_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(4);

    private final CachedNanoClock clock = new CachedNanoClock();

    private static ReconnectSchedule schedule(final int maxAttempts)
    {
        return new ReconnectSchedule(new Backoff(BASE_NS, MAX_NS, 0.0, 42), maxAttempts);
    }

    @Test
    void shouldDoubleTheDelayUpToTheCapWhenFailuresFollowEachOther()
    {
        final ReconnectSchedule schedule = schedule(ReconnectSchedule.UNLIMITED_ATTEMPTS);
        clock.update(1_000);

        final long[] expectedDelaysNs = { BASE_NS, 2 * BASE_NS, 4 * BASE_NS, MAX_NS, MAX_NS };
        for (final long expectedDelayNs : expectedDelaysNs)
        {
            assertThat(schedule.onFailure(clock.nanoTime())).isTrue();
            assertThat(schedule.deadlineNs()).isEqualTo(clock.nanoTime() + expectedDelayNs);
        }
        assertThat(schedule.consecutiveFailures()).isEqualTo(expectedDelaysNs.length);
    }

    @Test
    void shouldBeDueOnlyOnceTheDeadlineIsReachedWhenTheClockMovesOn()
    {
        final ReconnectSchedule schedule = schedule(ReconnectSchedule.UNLIMITED_ATTEMPTS);
        clock.update(Long.MAX_VALUE - BASE_NS / 2);
        schedule.onFailure(clock.nanoTime());

        clock.advance(BASE_NS - 1);
        assertThat(schedule.isDue(clock.nanoTime())).isFalse();

        clock.advance(1);
        assertThat(schedule.isDue(clock.nanoTime())).isTrue();
        assertThat(clock.nanoTime()).isNegative();
    }

    @Test
    void shouldGiveUpWhenFailuresExceedTheAttemptLimit()
    {
        final ReconnectSchedule schedule = schedule(2);

        assertThat(schedule.onFailure(clock.nanoTime())).isTrue();
        assertThat(schedule.onFailure(clock.nanoTime())).isTrue();
        final long lastDeadlineNs = schedule.deadlineNs();

        assertThat(schedule.onFailure(clock.nanoTime())).isFalse();
        assertThat(schedule.failedAttempts()).isEqualTo(2);
        assertThat(schedule.deadlineNs()).isEqualTo(lastDeadlineNs);
    }

    @Test
    void shouldNeverGiveUpWhenAttemptsAreUnlimited()
    {
        final ReconnectSchedule schedule = schedule(ReconnectSchedule.UNLIMITED_ATTEMPTS);
        for (int i = 0; i < 10_000; i++)
        {
            assertThat(schedule.onFailure(clock.nanoTime())).isTrue();
        }
        assertThat(schedule.deadlineNs()).isEqualTo(clock.nanoTime() + MAX_NS);
    }

    @Test
    void shouldStartOverFromTheBaseDelayWhenASessionWentLive()
    {
        final ReconnectSchedule schedule = schedule(3);
        schedule.onFailure(clock.nanoTime());
        schedule.onFailure(clock.nanoTime());
        schedule.onFailure(clock.nanoTime());

        schedule.onLive();
        clock.advance(MAX_NS);

        assertThat(schedule.consecutiveFailures()).isZero();
        assertThat(schedule.failedAttempts()).isZero();
        assertThat(schedule.onFailure(clock.nanoTime())).isTrue();
        assertThat(schedule.deadlineNs()).isEqualTo(clock.nanoTime() + BASE_NS);
    }

    @Test
    void shouldWaitTheLongestDelayWhenCredentialsAreRejected()
    {
        final ReconnectSchedule schedule = schedule(2);
        clock.update(7);

        assertThat(schedule.onCredentialsRejected(clock.nanoTime())).isTrue();
        assertThat(schedule.deadlineNs()).isEqualTo(7 + MAX_NS);
        assertThat(schedule.onCredentialsRejected(clock.nanoTime())).isTrue();
        assertThat(schedule.onCredentialsRejected(clock.nanoTime())).isFalse();
    }

    @Test
    void shouldRetryRejectedCredentialsForTheGraceOnlyAfterASessionWentLive()
    {
        final long graceNs = TimeUnit.SECONDS.toNanos(10);
        final ReconnectSchedule schedule =
            new ReconnectSchedule(new Backoff(BASE_NS, MAX_NS, 0.0, 42), ReconnectSchedule.UNLIMITED_ATTEMPTS, graceNs);
        clock.update(1_000);
        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).as("never LIVE: believed at once").isFalse();

        schedule.onLive();
        clock.advance(TimeUnit.SECONDS.toNanos(60));
        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).as("the first 403 starts the grace").isTrue();
        clock.advance(graceNs - 1);
        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).isTrue();
        clock.advance(1);
        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).as("the grace is over").isFalse();

        schedule.onLive();
        clock.advance(1);
        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).as("a new session, a new grace").isTrue();
    }

    @Test
    void shouldNeverRetryRejectedCredentialsWhenTheGraceIsZero()
    {
        final ReconnectSchedule schedule = schedule(ReconnectSchedule.UNLIMITED_ATTEMPTS);
        schedule.onLive();

        assertThat(schedule.isWithinCredentialsGrace(clock.nanoTime())).isFalse();
    }
}
