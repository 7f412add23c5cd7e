package io.kiteticker.engine.threading;

import org.agrona.concurrent.Agent;

/**
 * An agent on a shared thread (the scheduler's thread {@link #threadIndex()}), decorated so that the scheduler can
 * tell when its {@code onClose} has returned:
 * {@code DynamicCompositeAgent} reports a removal complete before it calls the removed agent's {@code onClose}.
 */
final class SharedAgent implements Agent
{
    private final Agent delegate;
    private final int threadIndex;
    private volatile boolean isClosed;

    SharedAgent(final Agent delegate, final int threadIndex)
    {
        this.delegate = delegate;
        this.threadIndex = threadIndex;
    }

    int threadIndex()
    {
        return threadIndex;
    }

    boolean isClosed()
    {
        return isClosed;
    }

    public void onStart()
    {
        delegate.onStart();
    }

    public int doWork() throws Exception
    {
        return delegate.doWork();
    }

    public void onClose()
    {
        try
        {
            delegate.onClose();
        }
        finally
        {
            isClosed = true;
        }
    }

    public String roleName()
    {
        return delegate.roleName();
    }
}
