package io.kiteticker.engine.manager;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionProxy;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.ConnectionTimeoutException;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.exceptions.KiteEngineException;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import io.kiteticker.engine.threading.IdleStrategies;

import java.util.concurrent.TimeUnit;

/**
 * The connection agents of one run of a manager (one {@code start()} to the next {@code stop()}) and the
 * {@link AgentScheduler} that runs them: everything in it is final, so the manager hands a whole run to another
 * thread through one volatile field. A new run is made by every start; a closed run is not used again.
 * <p>
 * <b>Note:</b> in {@link ThreadingMode#INVOKER} one thread at a time drives the agents ({@link #invoke()},
 * {@link #idle(int)}, and the waits of {@link #awaitLive}, of a command whose queue is full and of {@link #close}):
 * the thread that opened the run until it publishes it, then the caller's invoking thread. In the other modes the
 * scheduler's threads drive them and every method here is for the control thread.
 */
public final class ConnectionRun
{
    /**
     * Longest wait in {@link #close(ErrorHandler)} for the connections to finish their WebSocket close.
     */
    public static final long CLOSE_WAIT_NS = TimeUnit.SECONDS.toNanos(3);

    private final AgentScheduler scheduler;
    private final boolean isInvoker;
    private final ConnectionAgent[] agents;
    private final Credentials credentials;
    private final int connectionsPerApiKey;
    private final long commandTimeoutNs;
    private final NanoClock nanoClock;

    /**
     * Create the agents of a run, not yet scheduled.
     *
     * @param scheduler            to run them, new for this run.
     * @param contexts             of each slot, concluded.
     * @param credentials          for the key ids in messages.
     * @param connectionsPerApiKey connections of each key.
     * @param commandTimeoutNs     longest wait for room in a connection's command queue.
     * @param nanoClock            for the deadlines.
     */
    public ConnectionRun(
        final AgentScheduler scheduler,
        final ConnectionContext[] contexts,
        final Credentials credentials,
        final int connectionsPerApiKey,
        final long commandTimeoutNs,
        final NanoClock nanoClock)
    {
        this.scheduler = scheduler;
        this.credentials = credentials;
        this.commandTimeoutNs = commandTimeoutNs;
        this.isInvoker = ThreadingMode.INVOKER == scheduler.threadingMode();
        this.connectionsPerApiKey = connectionsPerApiKey;
        this.nanoClock = nanoClock;
        agents = new ConnectionAgent[contexts.length];
        for (int slot = 0; slot < contexts.length; slot++)
        {
            agents[slot] = new ConnectionAgent(contexts[slot]);
        }
    }

    /**
     * Hand every agent to the scheduler: the connections start connecting.
     */
    public void schedule()
    {
        for (final ConnectionAgent agent : agents)
        {
            scheduler.add(agent);
        }
    }

    /**
     * The agent of a slot.
     *
     * @param slot {@code apiKeyIndex * connectionsPerApiKey + connectionIndex}.
     * @return the agent.
     */
    public ConnectionAgent agent(final int slot)
    {
        return agents[slot];
    }

    /**
     * The state of a slot's connection.
     *
     * @param slot {@code apiKeyIndex * connectionsPerApiKey + connectionIndex}.
     * @return its state.
     */
    public ConnectionState state(final int slot)
    {
        return agents[slot].state();
    }

    /**
     * INVOKER: one duty cycle of every connection on the calling thread.
     *
     * @return the work done; 0 in the other modes.
     */
    public int invoke()
    {
        return isInvoker ? scheduler.invoke() : 0;
    }

    /**
     * INVOKER: idle the driving thread with the scheduler's idle strategy; nothing in the other modes.
     *
     * @param workCount of the last duty cycle.
     */
    public void idle(final int workCount)
    {
        if (isInvoker)
        {
            scheduler.idle(workCount);
        }
    }

    /**
     * Wait until every connection is live, driving them in INVOKER mode.
     *
     * @param slots     for credential rejections.
     * @param timeoutNs to wait.
     * @throws CredentialsRejectedException if a key's credentials were rejected.
     * @throws ConnectionTimeoutException   if some connection was not live in time.
     */
    public void awaitLive(final ConnectionSlots slots, final long timeoutNs)
    {
        final long deadlineNs = nanoClock.nanoTime() + timeoutNs;
        final IdleStrategy idle = IdleStrategies.newControlIdleStrategy();
        final int slotCount = agents.length;
        while (true)
        {
            int live = 0;
            for (int slot = 0; slot < slotCount; slot++)
            {
                final ConnectionState state = state(slot);
                if (slots.isRejected(slot) || ConnectionState.CREDENTIALS_REJECTED == state)
                {
                    throw new CredentialsRejectedException(credentials.id(slot / connectionsPerApiKey));
                }
                if (ConnectionState.LIVE == state)
                {
                    live++;
                }
            }
            if (live == slotCount)
            {
                return;
            }
            if (nanoClock.nanoTime() - deadlineNs > 0)
            {
                final StringBuilder message = new StringBuilder(128)
                    .append("start: ").append(slotCount - live).append(" of ").append(slotCount)
                    .append(" connections not live within ").append(TimeUnit.NANOSECONDS.toMillis(timeoutNs))
                    .append(" ms:");
                for (int slot = 0; slot < slotCount; slot++)
                {
                    final ConnectionState state = state(slot);
                    if (ConnectionState.LIVE != state)
                    {
                        message.append(" '").append(credentials.id(slot / connectionsPerApiKey)).append("'#")
                            .append(slot % connectionsPerApiKey).append('=').append(state);
                        final String failure = agents[slot].lastFailure();
                        if (null != failure)
                        {
                            message.append(" (last failure: ").append(failure).append(')');
                        }
                    }
                }
                throw new ConnectionTimeoutException(message.toString());
            }
            if (0 == invoke())
            {
                idle.idle();
            }
        }
    }

    /**
     * Mark which connections may take new tokens: not those whose credentials were rejected or that gave up.
     *
     * @param allocator to tell.
     */
    public void refreshAccepting(final InstrumentAllocator allocator)
    {
        for (int slot = 0; slot < agents.length; slot++)
        {
            final ConnectionState state = state(slot);
            allocator.accepting(
                slot / connectionsPerApiKey,
                slot % connectionsPerApiKey,
                ConnectionState.CREDENTIALS_REJECTED != state && ConnectionState.CLOSED != state);
        }
    }

    /**
     * Queue, before the agents are scheduled, every token the allocator holds for each connection, one subscribe
     * command per connection and mode (what a restart resubscribes).
     *
     * @param allocator that holds the placement.
     * @throws KiteEngineException if a command queue stayed full.
     */
    public void resubscribe(final InstrumentAllocator allocator)
    {
        for (int slot = 0; slot < agents.length; slot++)
        {
            final int k = slot / connectionsPerApiKey;
            final int c = slot % connectionsPerApiKey;
            for (final Mode mode : Mode.values())
            {
                final int[] tokens = allocator.tokens(k, c, mode);
                if (tokens.length > 0)
                {
                    offer(slot, "resubscribe", (proxy) -> proxy.subscribe(tokens, 0, tokens.length, mode));
                }
            }
        }
    }

    /**
     * Send a subscription: one subscribe command (new tokens) and one mode command (tokens held in another mode) per
     * connection touched.
     *
     * @param batches from the allocator.
     * @throws KiteEngineException if a command queue stayed full.
     */
    public void subscribe(final ConnectionBatches batches)
    {
        final Mode mode = batches.mode();
        for (int slot = 0; slot < agents.length; slot++)
        {
            final int count = batches.tokenCount(slot);
            if (count > 0)
            {
                final int[] slotTokens = batches.tokens(slot);
                offer(slot, "subscribe", (proxy) -> proxy.subscribe(slotTokens, 0, count, mode));
            }
            final int modeChangeCount = batches.modeChangeCount(slot);
            if (modeChangeCount > 0)
            {
                final int[] slotTokens = batches.modeChangeTokens(slot);
                offer(slot, "changeMode", (proxy) -> proxy.changeMode(slotTokens, 0, modeChangeCount, mode));
            }
        }
    }

    /**
     * Send an unsubscribe command to each connection touched.
     *
     * @param batches from the allocator.
     * @throws KiteEngineException if a command queue stayed full.
     */
    public void unsubscribe(final ConnectionBatches batches)
    {
        for (int slot = 0; slot < agents.length; slot++)
        {
            final int count = batches.tokenCount(slot);
            if (count > 0)
            {
                final int[] slotTokens = batches.tokens(slot);
                offer(slot, "unsubscribe", (proxy) -> proxy.unsubscribe(slotTokens, 0, count));
            }
        }
    }

    /**
     * Send a mode command to each connection touched.
     *
     * @param batches from the allocator.
     * @param mode    the new mode.
     * @throws KiteEngineException if a command queue stayed full.
     */
    public void changeMode(final ConnectionBatches batches, final Mode mode)
    {
        for (int slot = 0; slot < agents.length; slot++)
        {
            final int count = batches.tokenCount(slot);
            if (count > 0)
            {
                final int[] slotTokens = batches.tokens(slot);
                offer(slot, "changeMode", (proxy) -> proxy.changeMode(slotTokens, 0, count, mode));
            }
        }
    }

    /**
     * Ask every connection to close (WebSocket close, then the socket), wait up to {@link #CLOSE_WAIT_NS} for them
     * (driving them in INVOKER mode), then close the scheduler (joining its threads).
     *
     * @param errorHandler for a failure to close the scheduler.
     */
    public void close(final ErrorHandler errorHandler)
    {
        for (final ConnectionAgent agent : agents)
        {
            agent.proxy().close();
        }
        awaitClosed();
        try
        {
            scheduler.close();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void offer(final int slot, final String operation, final Command command)
    {
        final ConnectionProxy proxy = agents[slot].proxy();
        final long deadlineNs = nanoClock.nanoTime() + commandTimeoutNs;
        final IdleStrategy idle = IdleStrategies.newControlIdleStrategy();
        while (!command.offer(proxy))
        {
            if (nanoClock.nanoTime() - deadlineNs > 0)
            {
                throw new KiteEngineException(operation + ": command queue of connection " +
                    (slot % connectionsPerApiKey) + " of API key '" + credentials.id(slot / connectionsPerApiKey) +
                    "' stayed full for " + TimeUnit.NANOSECONDS.toMillis(commandTimeoutNs) + " ms; the change is " +
                    "recorded and will be sent when the connection next (re)subscribes");
            }
            invoke();
            idle.idle();
        }
    }

    private void awaitClosed()
    {
        final long deadlineNs = nanoClock.nanoTime() + CLOSE_WAIT_NS;
        final IdleStrategy idle = IdleStrategies.newControlIdleStrategy();
        while (nanoClock.nanoTime() - deadlineNs < 0)
        {
            boolean allClosed = true;
            for (final ConnectionAgent agent : agents)
            {
                if (ConnectionState.CLOSED != agent.state() && ConnectionState.IDLE != agent.state())
                {
                    allClosed = false;
                    break;
                }
            }
            if (allClosed)
            {
                return;
            }
            if (0 == invoke())
            {
                idle.idle();
            }
        }
    }

    @FunctionalInterface
    private interface Command
    {
        boolean offer(ConnectionProxy proxy);
    }
}
