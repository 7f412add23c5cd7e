package io.kiteticker.journal.replay;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The pacing of a {@link Replayer}: a record is due once the clock has moved on from the first paced record by its
 * recorded wall-clock gap divided by the speed factor. Speed 0 (the default) means as fast as possible: every record
 * is due and the clock is not read. When the recorded time goes back (a new session) the pace restarts from that
 * record.
 * <p>
 * Deadline-based: it only answers whether a record is due; the caller leaves a record that is not due unread and
 * its idle strategy decides how to wait. Nothing here sleeps or allocates.
 */
final class ReplayPacer
{
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private double speed;
    private boolean isPaced;
    private long paceBaseEpochNanos;
    private long paceStartNanos;

    /**
     * Pace factor: 0 as fast as possible; 1 at the recorded pace; 2 twice as fast; 0.5 half.
     *
     * @throws IllegalArgumentException if negative, infinite or not a number.
     */
    ReplayPacer speed(final double speed)
    {
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive but was " + speed);
        }
        this.speed = speed;
        return this;
    }

    ReplayPacer nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * Whether the record stamped at this wall-clock time is due now; the first record asked about sets the pace.
     */
    boolean isDue(final long epochNanos)
    {
        if (speed <= 0)
        {
            return true;
        }
        final long nowNs = nanoClock.nanoTime();
        if (!isPaced)
        {
            isPaced = true;
            paceBaseEpochNanos = epochNanos;
            paceStartNanos = nowNs;
            return true;
        }
        final long recordedGapNs = epochNanos - paceBaseEpochNanos;
        if (recordedGapNs < 0)
        {
            // the wall clock went back (a new session): restart the pace from this record
            paceBaseEpochNanos = epochNanos;
            paceStartNanos = nowNs;
            return true;
        }
        final long deadlineNs = paceStartNanos + (long)(recordedGapNs / speed);
        return nowNs - deadlineNs >= 0;
    }
}
