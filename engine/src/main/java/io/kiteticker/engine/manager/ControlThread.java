package io.kiteticker.engine.manager;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.function.Supplier;

/**
 * One control-plane thread of the manager ({@code kite-health}, {@code kite-events}): an {@link AgentRunner} that
 * sleeps a few milliseconds when idle, started on demand and joined on stop, so each run starts a fresh one.
 * <p>
 * <b>Note:</b> {@code start}/{@code stop} are for the control thread (under the manager's lock).
 */
final class ControlThread
{
    private final long sleepMs;
    private final ErrorHandler errorHandler;
    private AgentRunner runner;

    /**
     * A thread, not yet running.
     *
     * @param sleepMs      idle sleep between duty cycles, at least 1.
     * @param errorHandler for an exception escaping the agent.
     */
    ControlThread(final long sleepMs, final ErrorHandler errorHandler)
    {
        this.sleepMs = Math.max(1, sleepMs);
        this.errorHandler = errorHandler;
    }

    /**
     * Start the thread with a new agent (named by its role) unless it runs.
     *
     * @param agent makes the agent of this start.
     */
    void start(final Supplier<Agent> agent)
    {
        if (null == runner)
        {
            runner = new AgentRunner(new SleepingMillisIdleStrategy(sleepMs), errorHandler, null, agent.get());
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * Close the agent (its {@code onClose} runs on the thread) and join the thread; nothing when not running.
     */
    void stop()
    {
        if (null != runner)
        {
            runner.close();
            runner = null;
        }
    }

    /**
     * Whether the thread runs.
     *
     * @return true between {@link #start} and {@link #stop()}.
     */
    boolean isRunning()
    {
        return null != runner;
    }
}
