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
     * Bytes the task allocates on the calling thread when run {@code iterations} times, after running it
     * {@code warmupIterations} times first.
     *
     * @param warmupIterations to run before measuring, so the JIT has compiled the path.
     * @param iterations       to measure.
     * @param task             to run.
     * @return bytes allocated over the measured iterations.
     */
    public static long measure(final int warmupIterations, final int iterations, final Runnable task)
    {
        for (int i = 0; i < warmupIterations; i++)
        {
            task.run();
        }
        final long before = allocatedBytes();
        for (int i = 0; i < iterations; i++)
        {
            task.run();
        }
        return allocatedBytes() - before;
    }
}
