package io.kiteticker.engine.threading;

import org.agrona.concurrent.Agent;

/**
 * An agent on a shared thread, decorated so that the scheduler can tell when its {@code onClose} has returned:
 * {@code DynamicCompositeAgent} reports a removal complete before it calls the removed agent's {@code onClose}.
 */
final class SharedAgent implements Agent
{
    private final Agent delegate;
    private volatile boolean isClosed;

    SharedAgent(final Agent delegate)
    {
        this.delegate = delegate;
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
