package io.kiteticker.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling helpers: tests wait for a condition with a deadline, never sleep-and-hope.
 */
public final class Tests
{
    /**
     * Default wait for a condition in a loopback test.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Tests()
    {
    }

    /**
     * Wait until the condition holds or fail once the timeout has passed.
     *
     * @param condition to poll.
     * @param timeout   after which the wait fails.
     * @param what      describes the condition in the failure message.
     */
    public static void await(final BooleanSupplier condition, final Duration timeout, final Supplier<String> what)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what.get());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Wait until the condition holds, for at most {@link #DEFAULT_TIMEOUT}.
     *
     * @param condition to poll.
     * @param what      describes the condition in the failure message.
     */
    public static void await(final BooleanSupplier condition, final String what)
    {
        await(condition, DEFAULT_TIMEOUT, () -> what);
    }

    /**
     * Wait until the condition holds, for at most {@link #DEFAULT_TIMEOUT}, with a message computed on failure.
     *
     * @param condition to poll.
     * @param what      describes the condition (and current state) in the failure message.
     */
    public static void await(final BooleanSupplier condition, final Supplier<String> what)
    {
        await(condition, DEFAULT_TIMEOUT, what);
    }
}
