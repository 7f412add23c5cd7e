package io.kiteticker.testing;

import java.lang.management.ManagementFactory;

/**
 * Measures the bytes the current (or a given) thread allocates, through
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}.
 * <p>
 * <b>Note:</b> the measurement itself allocates nothing once warm, so a steady-state loop measured between two
 * calls must report 0.
 */
public final class AllocationMeter
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    static
    {
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private AllocationMeter()
    {
    }

    /**
     * Bytes allocated so far by the calling thread.
     *
     * @return bytes allocated so far by the calling thread.
     */
    public static long allocatedBytes()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Bytes allocated so far by the thread with the given id, or -1 if it is not alive.
     *
     * @param threadId of the thread to measure.
     * @return bytes allocated so far by that thread.
     */
    public static long allocatedBytes(final long threadId)
    {
        return THREADS.getThreadAllocatedBytes(threadId);
    }

    /**
     * Rounds {@link #measure(int, int, Runnable)} runs at most.
     */
    public static final int MAX_ROUNDS = 3;

    /**
     * Bytes the task allocates on the calling thread when run {@code iterations} times in steady state, after running
     * it {@code warmupIterations} times first.
     * <p>
     * A one-off event inside the JVM (a deoptimisation that briefly runs the code interpreted, an OSR transition) can
     * charge a few hundred bytes to the thread once. So the measured loop is repeated up to {@link #MAX_ROUNDS} times
     * and the smallest round is returned: a real per-iteration allocation shows in every round (at least
     * {@code iterations} × 16 bytes), while a one-off event does not repeat.
     *
     * @param warmupIterations to run before measuring, so the JIT has compiled the path.
     * @param iterations       to measure per round.
     * @param task             to run.
     * @return bytes allocated over the quietest round of {@code iterations}.
     */
    public static long measure(final int warmupIterations, final int iterations, final Runnable task)
    {
        for (int i = 0; i < warmupIterations; i++)
        {
            task.run();
        }
        long least = Long.MAX_VALUE;
        for (int round = 0; round < MAX_ROUNDS && least > 0; round++)
        {
            final long before = allocatedBytes();
            for (int i = 0; i < iterations; i++)
            {
                task.run();
            }
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }
}
