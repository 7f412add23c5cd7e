package io.kiteticker.engine.threading;

import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.DynamicCompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs agents on threads according to a {@link ThreadingMode}, as Aeron maps the same agents onto different thread
 * layouts:
 * <ul>
 *     <li>{@link ThreadingMode#DEDICATED}: one {@link AgentRunner} thread per agent, named after its role. A
 *     {@link ConnectionAgent} whose context asks for CPU affinity (or every agent, if {@link #cpuAffinity()} is set)
 *     is wrapped in an {@link AffinityAgent}, which pins in {@code onStart} and runs unpinned when no CPU is free.</li>
 *     <li>{@link ThreadingMode#SHARED}: {@link #sharedThreadCount()} threads, each an {@link AgentRunner} over a
 *     {@link DynamicCompositeAgent}; each added agent goes to the thread with the fewest agents, so nine or more
 *     connections run correctly on two cores. With {@link #cpuAffinity()} set each shared thread is pinned the same
 *     way.</li>
 *     <li>{@link ThreadingMode#INVOKER}: no threads; each agent gets an {@link AgentInvoker} and the caller drives
 *     one duty cycle of all of them with {@link #invoke()}.</li>
 * </ul>
 * {@link #add(Agent)} calls the agent's {@code onStart} (on its thread) and {@link #remove(Agent)} its
 * {@code onClose}; {@link #close()} removes every agent and joins every thread.
 * <p>
 * <b>Note:</b> {@code add}, {@code remove} and {@code close} are for control threads and may block briefly while a
 * shared thread takes an agent on or off (bounded by {@link #CHANGE_TIMEOUT_MS}). In INVOKER mode every call,
 * including {@link #invoke()}, must come from one driving thread at a time: {@link #invoke()} reads the invoker
 * array that {@code add}/{@code remove}/{@code close} replace without a lock or a volatile read, so that a duty cycle
 * costs nothing beyond the agents' work. A hand-off to another driving thread needs a happens-before edge of the
 * caller's (KiteManager publishes its run, scheduler included, through a volatile field once it has added every
 * agent, and withdraws it before closing the scheduler).
 */
public final class AgentScheduler implements AutoCloseable
{
    /**
     * Longest wait for a shared thread to take an agent on or off.
     */
    public static final long CHANGE_TIMEOUT_MS = 10_000;

    private final ThreadingMode threadingMode;
    private final int sharedThreadCount;
    private final String idleStrategyAlias;
    private final ErrorHandler errorHandler;
    private final AtomicCounter errorCounter;
    private final String namePrefix;
    private final int cpuAffinity;
    private final Map<Agent, AgentThread> dedicatedThreads = new IdentityHashMap<>();
    private final Map<Agent, SharedAgent> sharedPlacement = new IdentityHashMap<>();
    private final DynamicCompositeAgent[] sharedAgents;
    private final AgentThread[] sharedThreads;
    private final IdleStrategy invokerIdleStrategy;
    private final int[] sharedLoad;
    private final ArrayList<AgentInvoker> invokers = new ArrayList<>();
    private final Map<Agent, AgentInvoker> invokerByAgent = new IdentityHashMap<>();
    private AgentInvoker[] invokerArray = new AgentInvoker[0]; // written under the lock, read by the driving thread
    private boolean isClosed;

    /**
     * A scheduler with the default shared thread count, the "backoff" idle strategy, daemon threads and no pinning.
     *
     * @param threadingMode how to map agents onto threads.
     * @param errorHandler  for errors escaping an agent's duty cycle.
     */
    public AgentScheduler(final ThreadingMode threadingMode, final ErrorHandler errorHandler)
    {
        this(threadingMode, defaultSharedThreadCount(), IdleStrategies.DEFAULT_ALIAS, errorHandler, null, "kite",
            ConnectionContext.AFFINITY_NONE);
    }

    /**
     * A fully configured scheduler.
     *
     * @param threadingMode     how to map agents onto threads.
     * @param sharedThreadCount threads in SHARED mode, &gt;= 1 (ignored otherwise).
     * @param idleStrategyAlias for every thread, see {@link IdleStrategies}.
     * @param errorHandler      for errors escaping an agent's duty cycle.
     * @param errorCounter      incremented for each such error, or {@code null}.
     * @param namePrefix        for shared thread names ({@code <prefix>-shared-<n>}).
     * @param cpuAffinity       pinning for every DEDICATED agent and every SHARED thread
     *                          ({@link ConnectionContext#AFFINITY_NONE}: none for shared threads, and each
     *                          connection's context decides for dedicated ones).
     */
    public AgentScheduler(
        final ThreadingMode threadingMode,
        final int sharedThreadCount,
        final String idleStrategyAlias,
        final ErrorHandler errorHandler,
        final AtomicCounter errorCounter,
        final String namePrefix,
        final int cpuAffinity)
    {
        this.threadingMode = Objects.requireNonNull(threadingMode, "threadingMode");
        this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
        this.errorCounter = errorCounter;
        this.namePrefix = null == namePrefix ? "kite" : namePrefix;
        this.idleStrategyAlias = null == idleStrategyAlias ? IdleStrategies.DEFAULT_ALIAS : idleStrategyAlias;
        this.cpuAffinity = cpuAffinity;
        IdleStrategies.validate(this.idleStrategyAlias);

        if (ThreadingMode.SHARED == threadingMode)
        {
            if (sharedThreadCount < 1)
            {
                throw new IllegalArgumentException("sharedThreadCount must be >= 1: " + sharedThreadCount);
            }
            this.sharedThreadCount = sharedThreadCount;
            sharedAgents = new DynamicCompositeAgent[sharedThreadCount];
            sharedThreads = new AgentThread[sharedThreadCount];
            invokerIdleStrategy = null;
            sharedLoad = new int[sharedThreadCount];
            for (int i = 0; i < sharedThreadCount; i++)
            {
                sharedAgents[i] = new DynamicCompositeAgent(this.namePrefix + "-shared-" + i);
                sharedThreads[i] = new AgentThread(
                    pinned(sharedAgents[i], cpuAffinity), IdleStrategies.newIdleStrategy(this.idleStrategyAlias),
                    errorHandler, errorCounter);
            }
        }
        else
        {
            this.sharedThreadCount = 0;
            invokerIdleStrategy = ThreadingMode.INVOKER == threadingMode ?
                IdleStrategies.newIdleStrategy(this.idleStrategyAlias) : null;
            sharedAgents = null;
            sharedThreads = null;
            sharedLoad = null;
        }
    }

    /**
     * Default shared thread count: one thread on up to 2 cores (leaving a core for the ring's consumers), otherwise
     * half the cores.
     *
     * @return the default number of shared threads.
     */
    public static int defaultSharedThreadCount()
    {
        final int processors = Runtime.getRuntime().availableProcessors();
        return processors <= 2 ? 1 : processors / 2;
    }

    /**
     * The threading mode.
     *
     * @return the mode.
     */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * Number of shared threads (SHARED mode), else 0.
     *
     * @return shared thread count.
     */
    public int sharedThreadCount()
    {
        return sharedThreadCount;
    }

    /**
     * The idle strategy alias used by every thread.
     *
     * @return the alias.
     */
    public String idleStrategyAlias()
    {
        return idleStrategyAlias;
    }

    /**
     * Pinning applied to every agent in DEDICATED mode.
     *
     * @return the affinity setting.
     */
    public int cpuAffinity()
    {
        return cpuAffinity;
    }

    /**
     * Start running an agent: its {@code onStart} runs on the thread that will run it (in INVOKER mode, on the
     * caller's thread, now).
     *
     * @param agent to run; an agent may be added to one scheduler once.
     * @throws IllegalStateException if the agent is already added, the scheduler is closed, or a shared thread did
     *                               not take the agent on in time.
     */
    public synchronized void add(final Agent agent)
    {
        Objects.requireNonNull(agent, "agent");
        if (isClosed)
        {
            throw new IllegalStateException("scheduler is closed");
        }
        if (contains(agent))
        {
            throw new IllegalStateException("agent already added: " + agent.roleName());
        }

        switch (threadingMode)
        {
            case DEDICATED:
            {
                final IdleStrategy idleStrategy = IdleStrategies.newIdleStrategy(idleStrategyAlias);
                selectWith(agent, idleStrategy);
                dedicatedThreads.put(
                    agent,
                    new AgentThread(pinned(agent, affinityFor(agent)), idleStrategy, errorHandler, errorCounter));
                break;
            }

            case SHARED:
            {
                int least = 0;
                for (int i = 1; i < sharedThreadCount; i++)
                {
                    if (sharedLoad[i] < sharedLoad[least])
                    {
                        least = i;
                    }
                }
                final DynamicCompositeAgent composite = sharedAgents[least];
                selectWith(agent, sharedThreads[least].idleStrategy());
                // a composite refuses agents until its thread has run onStart
                awaitChange(() -> DynamicCompositeAgent.Status.INIT != composite.status(), agent, "add");
                final SharedAgent shared = new SharedAgent(agent, least);
                awaitChange(() -> composite.tryAdd(shared), agent, "add");
                awaitChange(composite::hasAddAgentCompleted, agent, "add");
                sharedPlacement.put(agent, shared);
                sharedLoad[least]++;
                break;
            }

            default:
            {
                selectWith(agent, invokerIdleStrategy);
                final AgentInvoker invoker = new AgentInvoker(errorHandler, errorCounter, agent);
                invoker.start();
                invokers.add(invoker);
                invokerByAgent.put(agent, invoker);
                invokerArray = invokers.toArray(new AgentInvoker[0]);
                break;
            }
        }
    }

    /**
     * Stop running an agent: its {@code onClose} runs on its thread (DEDICATED: the thread is joined).
     *
     * @param agent previously added.
     * @return true if the agent was running here and has been removed.
     */
    public synchronized boolean remove(final Agent agent)
    {
        switch (threadingMode)
        {
            case DEDICATED:
            {
                final AgentThread thread = dedicatedThreads.remove(agent);
                if (null == thread)
                {
                    return false;
                }
                thread.close(CHANGE_TIMEOUT_MS);
                return true;
            }

            case SHARED:
            {
                final SharedAgent shared = sharedPlacement.remove(agent);
                if (null == shared)
                {
                    return false;
                }
                final DynamicCompositeAgent composite = sharedAgents[shared.threadIndex()];
                awaitChange(() -> composite.tryRemove(shared), agent, "remove");
                awaitChange(composite::hasRemoveAgentCompleted, agent, "remove");
                awaitChange(shared::isClosed, agent, "close"); // the composite reports removal before onClose
                sharedLoad[shared.threadIndex()]--;
                return true;
            }

            default:
            {
                final AgentInvoker invoker = invokerByAgent.remove(agent);
                if (null == invoker)
                {
                    return false;
                }
                invoker.close();
                invokers.remove(invoker);
                invokerArray = invokers.toArray(new AgentInvoker[0]);
                return true;
            }
        }
    }

    /**
     * Is the agent running under this scheduler.
     *
     * @param agent to look for.
     * @return true if added and not removed.
     */
    public synchronized boolean contains(final Agent agent)
    {
        return dedicatedThreads.containsKey(agent) || sharedPlacement.containsKey(agent) ||
            invokerByAgent.containsKey(agent);
    }

    /**
     * Number of agents running.
     *
     * @return agent count.
     */
    public synchronized int agentCount()
    {
        return dedicatedThreads.size() + sharedPlacement.size() + invokerByAgent.size();
    }

    /**
     * INVOKER mode: run one duty cycle of every agent on the calling thread.
     *
     * @return the summed work count.
     * @throws IllegalStateException in another mode.
     */
    public int invoke()
    {
        if (ThreadingMode.INVOKER != threadingMode)
        {
            throw new IllegalStateException("invoke() is for INVOKER mode, not " + threadingMode);
        }
        final AgentInvoker[] invokers = invokerArray;
        int work = 0;
        for (final AgentInvoker invoker : invokers)
        {
            work += invoker.invoke();
        }
        return work;
    }

    /**
     * INVOKER mode: idle the driving thread after a duty cycle with the scheduler's idle strategy; with
     * {@code select} it blocks until a socket of an agent becomes readable (at most 1 ms) when the cycle did no work.
     *
     * @param workCount of the last duty cycle, e.g. {@link #invoke()} plus the caller's own work.
     * @throws IllegalStateException in another mode.
     */
    public void idle(final int workCount)
    {
        if (ThreadingMode.INVOKER != threadingMode)
        {
            throw new IllegalStateException("idle(int) is for INVOKER mode, not " + threadingMode);
        }
        invokerIdleStrategy.idle(workCount);
    }

    /**
     * The runner thread of an agent in DEDICATED mode (for measurement in tests and tools).
     *
     * @param agent previously added.
     * @return its thread, or {@code null} if not running on a dedicated thread (yet).
     */
    public synchronized Thread thread(final Agent agent)
    {
        final AgentThread thread = dedicatedThreads.get(agent);
        return null == thread ? null : thread.thread();
    }

    /**
     * The idle strategy of the thread an agent runs on (DEDICATED or SHARED).
     *
     * @param agent previously added.
     * @return its thread's idle strategy, or {@code null}.
     */
    synchronized IdleStrategy idleStrategy(final Agent agent)
    {
        final AgentThread thread = dedicatedThreads.get(agent);
        if (null != thread)
        {
            return thread.idleStrategy();
        }
        final SharedAgent shared = sharedPlacement.get(agent);
        return null == shared ? null : sharedThreads[shared.threadIndex()].idleStrategy();
    }

    /**
     * Remove every agent and join every thread. Idempotent.
     */
    public synchronized void close()
    {
        if (isClosed)
        {
            return;
        }
        isClosed = true;

        for (final AgentThread thread : dedicatedThreads.values())
        {
            thread.close(CHANGE_TIMEOUT_MS);
        }
        dedicatedThreads.clear();
        if (null != sharedThreads)
        {
            for (final AgentThread thread : sharedThreads)
            {
                thread.close(CHANGE_TIMEOUT_MS);
            }
            sharedPlacement.clear();
        }
        closeIdleStrategy(invokerIdleStrategy);
        CloseHelper.closeAll(invokers);
        invokers.clear();
        invokerByAgent.clear();
        invokerArray = new AgentInvoker[0];
    }

    /**
     * Has {@link #close()} been called.
     *
     * @return true once closed.
     */
    public synchronized boolean isClosed()
    {
        return isClosed;
    }

    private int affinityFor(final Agent agent)
    {
        if (ConnectionContext.AFFINITY_NONE != cpuAffinity)
        {
            return cpuAffinity;
        }
        if (agent instanceof ConnectionAgent)
        {
            return ((ConnectionAgent)agent).context().cpuAffinity();
        }
        return ConnectionContext.AFFINITY_NONE;
    }

    private interface Condition
    {
        boolean isMet();
    }

    private static void selectWith(final Agent agent, final IdleStrategy idleStrategy)
    {
        if (idleStrategy instanceof SelectIdleStrategy && agent instanceof ConnectionAgent)
        {
            ((ConnectionAgent)agent).registerWith(((SelectIdleStrategy)idleStrategy).selector());
        }
    }

    static void closeIdleStrategy(final IdleStrategy idleStrategy)
    {
        if (idleStrategy instanceof AutoCloseable)
        {
            CloseHelper.quietClose((AutoCloseable)idleStrategy);
        }
    }

    private static Agent pinned(final Agent agent, final int affinity)
    {
        return ConnectionContext.AFFINITY_NONE == affinity ? agent : new AffinityAgent(agent, affinity);
    }

    private void awaitChange(final Condition condition, final Agent agent, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHANGE_TIMEOUT_MS);
        while (!condition.isMet())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException(
                    "shared thread did not complete " + what + " of " + agent.roleName() + " in time");
            }
            Thread.yield();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "AgentScheduler{" + threadingMode + ", sharedThreads=" + sharedThreadCount +
            ", idle=" + idleStrategyAlias + ", agents=" + agentCount() + '}';
    }
}
