package io.kiteticker.engine.threading;

/**
 * Small thread helpers for the control plane (never a data path).
 */
public final class Threads
{
    private Threads()
    {
    }

    /**
     * Wait until a thread has ended, however often the waiting thread is interrupted meanwhile; the interrupt is
     * restored afterwards. For threads that must never be interrupted themselves (a journal writer) but are sure to
     * end once told to stop.
     *
     * @param thread to wait for.
     */
    public static void joinUninterruptibly(final Thread thread)
    {
        boolean isInterrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                isInterrupted = true;
            }
        }
        if (isInterrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
