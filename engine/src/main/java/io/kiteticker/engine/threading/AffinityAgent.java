package io.kiteticker.engine.threading;

import io.kiteticker.engine.connection.ConnectionContext;
import net.openhft.affinity.AffinityLock;
import org.agrona.concurrent.Agent;

/**
 * Decorates an agent so that its thread takes an OpenHFT {@link AffinityLock} in {@link #onStart()} and releases it
 * in {@link #onClose()}.
 * <p>
 * Pinning degrades cleanly: when no CPU can be reserved (on a 2-vCPU host only one thread can hold a lock, as
 * {@code AffinityLock} never hands out CPU 0) or the native library is unavailable, the lock is released and the
 * agent runs unpinned; {@link #pinnedCpu()} then reports -1.
 */
public final class AffinityAgent implements Agent
{
    private final Agent delegate;
    private final int cpuAffinity;
    private AffinityLock lock;
    private volatile int pinnedCpu = -1;

    /**
     * Decorate an agent.
     *
     * @param delegate    the agent to run.
     * @param cpuAffinity {@link ConnectionContext#AFFINITY_ANY} or a CPU id.
     */
    public AffinityAgent(final Agent delegate, final int cpuAffinity)
    {
        this.delegate = delegate;
        this.cpuAffinity = cpuAffinity;
    }

    /**
     * The decorated agent.
     *
     * @return the agent.
     */
    public Agent delegate()
    {
        return delegate;
    }

    /**
     * CPU the thread is pinned to.
     *
     * @return the CPU id, or -1 when running unpinned.
     */
    public int pinnedCpu()
    {
        return pinnedCpu;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStart()
    {
        try
        {
            final AffinityLock lock = ConnectionContext.AFFINITY_ANY == cpuAffinity ?
                AffinityLock.acquireLock() : AffinityLock.acquireLock(cpuAffinity);
            if (lock.isAllocated() && lock.cpuId() >= 0)
            {
                this.lock = lock;
                pinnedCpu = lock.cpuId();
            }
            else
            {
                lock.release();
            }
        }
        catch (final Throwable ignore)
        {
            // no native affinity support: run unpinned
            pinnedCpu = -1;
        }
        delegate.onStart();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork() throws Exception
    {
        return delegate.doWork();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        try
        {
            delegate.onClose();
        }
        finally
        {
            if (null != lock)
            {
                lock.release();
                lock = null;
                pinnedCpu = -1;
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return delegate.roleName();
    }
}
