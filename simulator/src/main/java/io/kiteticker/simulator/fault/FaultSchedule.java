package io.kiteticker.simulator.fault;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Runs a {@link FaultPlan} on the {@link FaultInjector}'s timer thread: each fault at its offset from
 * {@link #start()}; when no connection can take a fault (all reconnecting), it is retried every
 * {@value #RETRY_MS} ms for up to {@value #RETRY_LIMIT_MS} ms, then counted as skipped. The listener hears every
 * fault applied, on the timer thread.
 */
public final class FaultSchedule implements AutoCloseable
{
    /**
     * Retry interval of a fault no connection could take.
     */
    public static final long RETRY_MS = 50;

    /**
     * How long a fault is retried before it is skipped.
     */
    public static final long RETRY_LIMIT_MS = 10_000;

    private final FaultInjector injector;
    private final FaultPlan plan;
    private final Consumer<FaultRecord> listener;
    private final AtomicLongArray injected = new AtomicLongArray(FaultKind.values().length);
    private final AtomicLongArray skipped = new AtomicLongArray(FaultKind.values().length);
    private volatile ScheduledFuture<?> pending;
    private volatile boolean isClosed;
    private volatile int done;
    private long startNs;

    /**
     * A schedule, not started.
     *
     * @param injector applies the faults.
     * @param plan     what and when.
     * @param listener told of each fault applied, on the timer thread.
     */
    public FaultSchedule(final FaultInjector injector, final FaultPlan plan, final Consumer<FaultRecord> listener)
    {
        this.injector = injector;
        this.plan = plan;
        this.listener = listener;
    }

    /**
     * Start the clock: fault {@code i} happens {@code plan.offsetNanos(i)} from now.
     *
     * @return this.
     */
    public FaultSchedule start()
    {
        startNs = System.nanoTime();
        scheduleNext(0, 0);
        return this;
    }

    /**
     * Faults applied of a kind.
     *
     * @param kind of fault.
     * @return the count.
     */
    public long injected(final FaultKind kind)
    {
        return injected.get(kind.ordinal());
    }

    /**
     * Faults of a kind skipped because no connection could take them within {@value #RETRY_LIMIT_MS} ms.
     *
     * @param kind of fault.
     * @return the count.
     */
    public long skipped(final FaultKind kind)
    {
        return skipped.get(kind.ordinal());
    }

    /**
     * Faults of the plan done (applied or skipped).
     *
     * @return the count, up to {@code plan.size()}.
     */
    public int done()
    {
        return done;
    }

    /**
     * The plan.
     *
     * @return the plan run.
     */
    public FaultPlan plan()
    {
        return plan;
    }

    /**
     * Stop: no further fault is applied (the injector and its timer stay usable).
     */
    @Override
    public void close()
    {
        isClosed = true;
        final ScheduledFuture<?> next = pending;
        if (null != next)
        {
            next.cancel(false);
        }
    }

    private void scheduleNext(final int index, final long firstTryNs)
    {
        if (isClosed || index >= plan.size())
        {
            return;
        }
        final long delayNs = 0 == firstTryNs ? startNs + plan.offsetNanos(index) - System.nanoTime() :
            TimeUnit.MILLISECONDS.toNanos(RETRY_MS);
        pending = injector.timer().schedule(() -> run(index, firstTryNs), Math.max(0, delayNs), TimeUnit.NANOSECONDS);
    }

    private void run(final int index, final long firstTryNs)
    {
        if (isClosed)
        {
            return;
        }
        final FaultKind kind = plan.kind(index);
        final long nowNs = System.nanoTime();
        final FaultRecord record;
        try
        {
            record = injector.inject(kind);
        }
        catch (final IllegalStateException ex)
        {
            return; // the simulator closed
        }
        if (null == record)
        {
            final long triedSinceNs = 0 == firstTryNs ? nowNs : firstTryNs;
            if (nowNs - triedSinceNs < TimeUnit.MILLISECONDS.toNanos(RETRY_LIMIT_MS))
            {
                scheduleNext(index, triedSinceNs);
                return;
            }
            skipped.incrementAndGet(kind.ordinal());
        }
        else
        {
            injected.incrementAndGet(kind.ordinal());
            listener.accept(record);
        }
        done = index + 1;
        scheduleNext(index + 1, 0);
    }
}
