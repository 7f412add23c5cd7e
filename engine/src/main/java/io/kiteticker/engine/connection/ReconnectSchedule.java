package io.kiteticker.engine.connection;

/**
 * The recovery policy of one connection: a failure goes in, the deadline of the next connect attempt (or the
 * verdict to give up) comes out. Consecutive failures are counted from the last session that went LIVE; attempt
 * {@code n} waits {@link Backoff#delayNs(int) backoff.delayNs(n)}, a rejected login waits the back-off's cap, and
 * once more than {@code maxAttempts} failures follow each other the connection gives up ({@code -1}: never). A
 * rejected login after a session of this run went LIVE is retried like a failure for a grace period from the first
 * rejection ({@link #isWithinCredentialsGrace(long)}), since servers refuse good tokens for a while at times.
 * <pre>
 *   if (schedule.onFailure(nowNs))        // else give up: schedule.failedAttempts() attempts failed
 *   {
 *       state = BACKOFF;                  // connect again once schedule.isDue(nowNs)
 *   }
 * </pre>
 * Pure: no I/O and no clock of its own, the caller passes its cached {@code nowNs}; deadlines compare
 * overflow-safely.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; allocates nothing.
 */
final class ReconnectSchedule
{
    /**
     * {@code maxAttempts} for a connection that never gives up.
     */
    static final int UNLIMITED_ATTEMPTS = -1;

    private final Backoff backoff;
    private final int maxAttempts;
    private final long credentialsGraceNs;
    private int consecutiveFailures;
    private long deadlineNs;
    private boolean hasBeenLive;
    private boolean isCredentialsGraceRunning;
    private long credentialsGraceStartNs;

    /**
     * Create the schedule of a connection with no credentials grace.
     *
     * @param backoff     delays between attempts.
     * @param maxAttempts failed reconnect attempts in a row tolerated, or {@link #UNLIMITED_ATTEMPTS}.
     */
    ReconnectSchedule(final Backoff backoff, final int maxAttempts)
    {
        this(backoff, maxAttempts, 0);
    }

    /**
     * Create the schedule of a connection.
     *
     * @param backoff            delays between attempts.
     * @param maxAttempts        failed reconnect attempts in a row tolerated, or {@link #UNLIMITED_ATTEMPTS}.
     * @param credentialsGraceNs how long rejected credentials are retried once a session went LIVE, 0 for never.
     */
    ReconnectSchedule(final Backoff backoff, final int maxAttempts, final long credentialsGraceNs)
    {
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.credentialsGraceNs = credentialsGraceNs;
    }

    /**
     * Is a rejected login to be retried rather than believed: a session of this run went LIVE before, a grace is
     * set, and the first rejection since the last LIVE session came less than the grace ago. The first call after a
     * LIVE session starts the grace.
     *
     * @param nowNs of the rejection.
     * @return true to retry with the normal back-off ({@link #onFailure(long)}).
     */
    boolean isWithinCredentialsGrace(final long nowNs)
    {
        if (!hasBeenLive || 0 == credentialsGraceNs)
        {
            return false;
        }
        if (!isCredentialsGraceRunning)
        {
            isCredentialsGraceRunning = true;
            credentialsGraceStartNs = nowNs;
        }
        return nowNs - credentialsGraceStartNs < credentialsGraceNs;
    }

    /**
     * A connect attempt failed or a session was lost: schedule the next attempt.
     *
     * @param nowNs of the failure.
     * @return true with {@link #deadlineNs()} set, false when the attempt limit is reached (give up).
     */
    boolean onFailure(final long nowNs)
    {
        return schedule(nowNs, false);
    }

    /**
     * The server rejected the credentials and retrying is enabled: schedule the next attempt after the longest
     * delay, since a new token takes a while.
     *
     * @param nowNs of the rejection.
     * @return true with {@link #deadlineNs()} set, false when the attempt limit is reached (give up).
     */
    boolean onCredentialsRejected(final long nowNs)
    {
        return schedule(nowNs, true);
    }

    /**
     * A session went LIVE: the failures so far are forgiven, and a later rejected login starts a new grace.
     */
    void onLive()
    {
        consecutiveFailures = 0;
        hasBeenLive = true;
        isCredentialsGraceRunning = false;
    }

    /**
     * Is the next attempt due.
     *
     * @param nowNs current time.
     * @return true once the deadline has been reached.
     */
    boolean isDue(final long nowNs)
    {
        return deadlineNs - nowNs <= 0;
    }

    /**
     * Deadline of the next attempt, set by the last failure that did not give up.
     *
     * @return the deadline in nanoseconds of the caller's clock.
     */
    long deadlineNs()
    {
        return deadlineNs;
    }

    /**
     * Failures in a row since the last LIVE session.
     *
     * @return the count.
     */
    int consecutiveFailures()
    {
        return consecutiveFailures;
    }

    /**
     * Failed reconnect attempts in a row (the first failure lost the session, each one after it was an attempt).
     *
     * @return the count, 0 before the first failure.
     */
    int failedAttempts()
    {
        return Math.max(0, consecutiveFailures - 1);
    }

    private boolean schedule(final long nowNs, final boolean isLongestDelay)
    {
        consecutiveFailures++;
        if (UNLIMITED_ATTEMPTS != maxAttempts && consecutiveFailures > maxAttempts)
        {
            return false;
        }
        deadlineNs = nowNs + (isLongestDelay ? backoff.maxNs() : backoff.delayNs(consecutiveFailures));
        return true;
    }
}
