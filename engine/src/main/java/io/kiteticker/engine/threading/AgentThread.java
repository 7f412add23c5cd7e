package io.kiteticker.engine.threading;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One scheduler thread: its {@link AgentRunner}, the {@link Thread} started for it and its idle strategy, closed
 * together. The thread is joined itself because {@code AgentRunner.close()} returns before its thread has even
 * entered {@code run()} if it had not yet (and {@code AgentRunner.thread()} is then a tombstone).
 */
final class AgentThread
{
    private final AgentRunner runner;
    private final IdleStrategy idleStrategy;
    private final Thread thread;

    AgentThread(
        final Agent agent,
        final IdleStrategy idleStrategy,
        final ErrorHandler errorHandler,
        final AtomicCounter errorCounter)
    {
        this.idleStrategy = idleStrategy;
        runner = new AgentRunner(idleStrategy, errorHandler, errorCounter, agent);
        thread = AgentRunner.startOnThread(runner, (runnable) ->
        {
            final Thread newThread = new Thread(runnable);
            newThread.setDaemon(true);
            return newThread;
        });
    }

    IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    Thread thread()
    {
        return thread;
    }

    /**
     * Close the agent on its thread, join the thread and close the idle strategy (its selector, if any).
     *
     * @param joinTimeoutMs longest wait for the thread to exit.
     */
    void close(final long joinTimeoutMs)
    {
        runner.close();
        if (Thread.currentThread() != thread)
        {
            try
            {
                thread.join(joinTimeoutMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        AgentScheduler.closeIdleStrategy(idleStrategy);
    }
}
