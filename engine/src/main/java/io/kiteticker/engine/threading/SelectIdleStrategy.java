package io.kiteticker.engine.threading;

import org.agrona.LangUtil;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An idle strategy that waits for the sockets of the agents on its thread to become readable: once a duty cycle did
 * no work it blocks in {@link Selector#select(Consumer, long)} (epoll on Linux) for at most {@link #maxWaitNs()},
 * so the kernel wakes the thread as soon as bytes arrive instead of after a timer (a parked thread on Linux sleeps
 * at least the 50 µs timer slack), and an idle connection costs no CPU. Deadlines (heartbeats, liveness, back-off,
 * commands) are still checked at least every {@link #maxWaitNs()}.
 * <p>
 * Agents register their channels with {@link #register(SelectableChannel, int)} (or with {@link #selector()}) from
 * the thread that runs them; the
 * {@code AgentScheduler} hands each connection agent the strategy of its thread. Readiness is level-triggered: a
 * socket the agent leaves unread (its ring is full) would wake the select at once, so after a wake-up that was
 * followed by a cycle with no work the strategy parks for {@link #BACK_PRESSURE_PARK_NS} instead of selecting again.
 * <p>
 * <b>Note:</b> one instance per thread, as every idle strategy. Waiting allocates nothing ({@code select} with an
 * action does not touch the selected-key set).
 */
public final class SelectIdleStrategy implements IdleStrategy, AutoCloseable
{
    /**
     * Alias of this strategy in {@link IdleStrategies}.
     */
    public static final String ALIAS = "select";

    /**
     * Default longest wait in one select: 1 ms.
     */
    public static final long DEFAULT_MAX_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * Park after a wake-up whose readiness no agent consumed: 20 µs.
     */
    public static final long BACK_PRESSURE_PARK_NS = TimeUnit.MICROSECONDS.toNanos(20);

    private final Selector selector;
    private final long maxWaitMs;
    private int readyCount;
    private final Consumer<SelectionKey> onReady = (key) -> readyCount++;
    private boolean isReadyUnconsumed;

    /**
     * A strategy waiting at most {@link #DEFAULT_MAX_WAIT_NS} per select.
     */
    public SelectIdleStrategy()
    {
        this(DEFAULT_MAX_WAIT_NS);
    }

    /**
     * A strategy waiting at most {@code maxWaitNs} per select.
     *
     * @param maxWaitNs longest wait, rounded up to whole milliseconds (the selector's resolution), at least 1 ms.
     */
    public SelectIdleStrategy(final long maxWaitNs)
    {
        maxWaitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxWaitNs + 999_999));
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open a selector", ex);
        }
    }

    /**
     * Longest wait in one select.
     *
     * @return nanoseconds.
     */
    public long maxWaitNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
    }

    /**
     * Wake this strategy when the channel is ready for the given operations. Call from the thread this strategy idles
     * (the channel must be non-blocking); closing the channel cancels its registration.
     *
     * @param channel to watch.
     * @param ops     {@link SelectionKey} interest set, e.g. {@link SelectionKey#OP_READ}.
     * @return the key, to change the interest set later with {@link SelectionKey#interestOps(int)}.
     * @throws ClosedChannelException if the channel is closed.
     */
    public SelectionKey register(final SelectableChannel channel, final int ops) throws ClosedChannelException
    {
        return channel.register(selector, ops);
    }

    /**
     * The selector this strategy waits on, for agents that register their own channels with it.
     *
     * @return the selector.
     */
    public Selector selector()
    {
        return selector;
    }

    /**
     * Number of channels registered (including cancelled keys not yet removed by a select).
     *
     * @return registered key count.
     */
    public int registeredCount()
    {
        return selector.keys().size();
    }

    /**
     * Wake a thread blocked in this strategy's select (from any thread); its next select returns at once if none is
     * in progress.
     */
    public void wakeup()
    {
        selector.wakeup();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            isReadyUnconsumed = false;
            return;
        }
        idle();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void idle()
    {
        if (isReadyUnconsumed)
        {
            isReadyUnconsumed = false;
            LockSupport.parkNanos(BACK_PRESSURE_PARK_NS);
            return;
        }

        readyCount = 0;
        try
        {
            selector.select(onReady, maxWaitMs);
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        isReadyUnconsumed = readyCount > 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void reset()
    {
        isReadyUnconsumed = false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String alias()
    {
        return ALIAS;
    }

    /**
     * Close the selector (registered channels stay open).
     */
    @Override
    public void close()
    {
        try
        {
            selector.close();
        }
        catch (final IOException ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "SelectIdleStrategy{maxWaitMs=" + maxWaitMs + ", registered=" + selector.keys().size() + '}';
    }
}
