package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionProxy;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.AlreadySubscribedException;
import io.kiteticker.engine.exceptions.AtCapacityException;
import io.kiteticker.engine.exceptions.ConnectionTimeoutException;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.exceptions.KiteEngineException;
import io.kiteticker.engine.exceptions.ManualDistributionException;
import io.kiteticker.engine.exceptions.NotStartedException;
import io.kiteticker.engine.exceptions.UnknownApiKeyException;
import io.kiteticker.engine.manager.ConnectionBatches;
import io.kiteticker.engine.manager.ConnectionEventDispatcher;
import io.kiteticker.engine.manager.ConnectionRun;
import io.kiteticker.engine.manager.ConnectionSlots;
import io.kiteticker.engine.manager.Credentials;
import io.kiteticker.engine.manager.HandlerRings;
import io.kiteticker.engine.manager.HealthMonitor;
import io.kiteticker.engine.manager.InstrumentAllocator;
import io.kiteticker.engine.manager.ManagerStatistics;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Streams Kite ticks for one or many API keys, each with up to three WebSocket connections of up to 3000 instrument
 * tokens: the Java counterpart of the Rust crate's {@code KiteTickerManager} (one key) and
 * {@code MultiApiKiteTickerManager} (many keys). Create it with {@link #builder()}.
 * <pre>
 * try (KiteManager manager = KiteManager.builder()
 *     .addApiKey("primary", apiKey, accessToken)
 *     .onTick((tick, sequence, endOfBatch) -&gt; onTick(tick))
 *     .build())
 * {
 *     manager.start();                                   // every connection live, or an exception
 *     manager.subscribe(new int[]{ 256265, 408065 }, Mode.FULL);
 *     …
 *     manager.changeMode(new int[]{ 408065 }, Mode.LTP);
 *     final int[] unknown = manager.unsubscribe(new int[]{ 256265 });
 * }
 * </pre>
 * <b>A facade over parts</b> (package {@code engine.manager}): the settings are the immutable
 * {@code ManagerContext} concluded by {@link KiteManagerBuilder#build()}; {@link Credentials} hold the keys;
 * {@link InstrumentAllocator} places tokens; {@link HandlerRings} are the Disruptor rings and handler threads;
 * {@link ConnectionRun} is the agents and scheduler of one start-to-stop run; {@link ConnectionSlots} track
 * liveness, rejections and token counts per connection; {@link ManagerStatistics} builds the snapshots,
 * {@link HealthMonitor} calls the health listeners and {@link ConnectionEventDispatcher} the connection event
 * listeners. This class holds the lock, the lifecycle and the API; it is
 * long (about 650 lines) only because it is the engine's whole public API, 26 documented methods of a few lines
 * each; {@link ConnectionDiagnostics} holds the tools-only per-connection facts.
 * <p>
 * <b>Threads.</b>
 * <ul>
 *     <li>Connections are Agrona agents ({@code kite-<keyIndex>-<connectionIndex>}) run by the threading mode:
 *     {@link ThreadingMode#SHARED} (default: all connections on one thread, correct when connections outnumber
 *     cores), {@link ThreadingMode#DEDICATED} (a thread per connection, optionally pinned) or
 *     {@link ThreadingMode#INVOKER} (the caller drives them with {@link #invoke()}). They decode each packet straight
 *     into a slot of one shared Disruptor ring, which is multi-producer when there is more than one connection.</li>
 *     <li>Each handler registered with the builder's {@code onTick}/{@code onText} runs on its own
 *     {@code BatchEventProcessor} thread ({@code kite-tick-handler-N}, {@code kite-text-handler-N}); a
 *     {@link EngineTickPoller} runs on the caller's thread. Handler exceptions go to the error handler and the
 *     handler carries on with the next event.</li>
 *     <li>This class is the control plane: every public method is thread-safe (one control lock); statistics,
 *     health and diagnostics read atomics and counters without the lock. The manager talks to connections only
 *     through their command queues ({@link ConnectionProxy}), never locking the data path.</li>
 *     <li>In {@link ThreadingMode#INVOKER} one thread at a time drives the connections. {@link #start()} drives them
 *     itself until every one is live, then hands them over through a volatile field: from then on {@link #invoke()}
 *     and {@link #idle(int)} on any one thread drive them (before that they return at once), whichever thread called
 *     {@code start()}. {@link #stop()} and {@link #close()} withdraw them first (invoke returns 0 again) and then
 *     drive their close on the calling thread, so let an {@code invoke()} in progress on another thread return
 *     first: stop from the invoking thread, or end its loop before stopping. A {@code subscribe} whose command
 *     queue is full also drives them while it waits.</li>
 * </ul>
 * <b>Subscriptions.</b> {@link #subscribe(int[], Mode)} and friends are atomic (all or nothing) and send one command,
 * so one subscribe frame and one mode frame, per connection touched. They are remembered across reconnects (each
 * connection resubscribes its tokens in their modes) and across {@link #stop()}/{@link #start()}: a restart
 * resubscribes everything that was subscribed.
 */
public final class KiteManager implements AutoCloseable
{
    // Final fields are set by the constructor and immutable or thread-safe parts: any thread reads them.
    private final Object lock = new Object();
    private final ManagerContext context;
    private final Credentials credentials;
    private final int connectionsPerApiKey;
    private final int slotCount;
    private final NanoClock nanoClock;
    private final InstrumentAllocator allocator; // not thread-safe: only under lock
    private final EngineStatus status;
    private final ErrorHandler errorHandler;
    private final ConnectionCounters[] counters;
    private final ConnectionSlots slots;
    private final HandlerRings rings; // started and stopped only under lock
    private final ManagerStatistics statistics;
    private final HealthMonitor health; // started and stopped only under lock
    private final ConnectionEventDispatcher events; // started and stopped only under lock
    private final ConnectionDiagnostics diagnostics;

    // Owned by the control thread that holds the lock; read only under the lock.
    private boolean isClosed;

    // Written by the control thread under the lock; read by any thread without it (statistics, health monitor,
    // diagnostics, connection threads through the listener): the current run, from the creation of its agents in
    // start() until stop() has closed them.
    private volatile ConnectionRun run;
    private volatile boolean isStarted;

    // Written by the control thread under the lock; read by the INVOKER mode's invoking thread in invoke()/idle():
    // the run handed to that thread once start() saw every connection live, withdrawn first thing by stop(). The
    // volatile write and read order the start thread's work on the agents before the invoking thread's.
    private volatile ConnectionRun invokerRun;

    KiteManager(final ManagerContext context)
    {
        this.context = context;
        credentials = context.credentials();
        connectionsPerApiKey = context.connectionsPerApiKey();
        slotCount = context.slotCount();
        nanoClock = context.nanoClock();

        allocator = new InstrumentAllocator(credentials.ids().toArray(new String[0]), connectionsPerApiKey,
            context.maxSymbolsPerConnection(), context.distributionStrategy());
        status = null == context.statusFile() ?
            EngineStatus.inMemory() :
            EngineStatus.mapped(context.statusFile().toFile(), false);
        errorHandler = context.errorHandler(status.errorHandler());
        counters = new ConnectionCounters[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            final int k = slot / connectionsPerApiKey;
            counters[slot] = status.newConnectionCounters(k, slot % connectionsPerApiKey, credentials.id(k));
        }

        events = new ConnectionEventDispatcher(context.connectionEventListeners(), credentials, errorHandler);
        slots = new ConnectionSlots(slotCount, connectionsPerApiKey, nanoClock, this::state, events);
        rings = context.newHandlerRings(errorHandler);
        statistics = new ManagerStatistics(
            credentials, connectionsPerApiKey, counters, slots, this::state, this::lastFailure, nanoClock);
        health = new HealthMonitor(
            context.healthListeners(), statistics::health, context.healthCheckInterval().toNanos(), nanoClock,
            errorHandler);
        diagnostics = new ConnectionDiagnostics(this);
    }

    /**
     * A new builder.
     *
     * @return a new builder with the defaults.
     */
    public static KiteManagerBuilder builder()
    {
        return new KiteManagerBuilder();
    }

    /**
     * Open every connection of every API key and wait, up to the connection timeout, until all are live. Tokens
     * subscribed before a {@link #stop()} are subscribed again. Calling it on a started manager does nothing.
     * <p>
     * On failure everything opened is closed again (threads joined) and the manager can be started again.
     *
     * @throws CredentialsRejectedException if the server rejected a key's credentials (names the key id).
     * @throws ConnectionTimeoutException   if some connection was not live in time.
     * @throws KiteEngineException          if the manager was closed.
     */
    public void start()
    {
        synchronized (lock)
        {
            if (isClosed)
            {
                throw new KiteEngineException("manager is closed");
            }
            if (isStarted)
            {
                return;
            }

            final long startNs = nanoClock.nanoTime(); // before any connection can go live: uptimes nest
            final ConnectionRun newRun;
            try
            {
                events.start(); // before the connections: a rejection at start is told too
                newRun = startConnections();
            }
            catch (final RuntimeException | Error ex)
            {
                shutdown();
                throw ex;
            }

            statistics.started(startNs);
            isStarted = true;
            invokerRun = newRun; // the hand-off: from here invoke() on any one thread drives the connections
            health.start();
        }
    }

    /**
     * Close every connection (WebSocket close, then the socket), let the handlers drain what was published, halt
     * them and join every thread the manager started. Subscriptions are kept for the next {@link #start()}. Calling
     * it on a stopped manager does nothing.
     */
    public void stop()
    {
        synchronized (lock)
        {
            shutdown();
        }
    }

    /**
     * {@link #stop()} and release the counters and error log (unmapping the status file). The manager cannot be
     * started again.
     */
    public void close()
    {
        synchronized (lock)
        {
            if (!isClosed)
            {
                shutdown();
                isClosed = true;
                for (final ConnectionCounters connectionCounters : counters)
                {
                    connectionCounters.close();
                }
                status.close();
            }
        }
    }

    /**
     * Whether {@link #start()} succeeded and {@link #stop()} was not called since.
     *
     * @return true while started.
     */
    public boolean isStarted()
    {
        return isStarted;
    }

    /**
     * Drive one duty cycle of every connection on the calling thread, in {@link ThreadingMode#INVOKER}. Any one
     * thread may be the invoking thread, also another than the one that called {@link #start()}; the cost beyond
     * the duty cycle is one volatile read.
     *
     * @return the work done (0 when idle, when not in invoker mode, or until {@link #start()} has returned).
     */
    public int invoke()
    {
        final ConnectionRun handedOver = invokerRun;
        return null == handedOver ? 0 : handedOver.invoke();
    }

    /**
     * In {@link ThreadingMode#INVOKER}, idle the driving thread with the manager's idle strategy after a duty cycle:
     * with {@code select} (the default) a cycle without work blocks until a connection's socket is readable, at most
     * 1 ms. One thread can then run everything from socket to strategy, with no hand-off:
     * <pre>
     * while (running)
     * {
     *     manager.idle(manager.invoke() + poller.poll(handler));
     * }
     * </pre>
     * Call it from the thread that calls {@link #invoke()}; it does nothing in other modes or when stopped.
     *
     * @param workCount of the last cycle.
     */
    public void idle(final int workCount)
    {
        final ConnectionRun handedOver = invokerRun;
        if (null != handedOver)
        {
            handedOver.idle(workCount);
        }
    }

    /**
     * Subscribe tokens in the default mode, placed by the distribution strategy.
     *
     * @param tokens instrument tokens; duplicates and tokens already subscribed are fine.
     * @return the number of tokens that were not subscribed before.
     * @see #subscribe(int[], Mode)
     */
    public int subscribe(final int[] tokens)
    {
        return subscribe(tokens, context.defaultMode());
    }

    /**
     * Subscribe tokens in a mode, placed by the distribution strategy across every API key. Tokens already
     * subscribed stay on their connection and take the mode. Atomic: either every new token fits or nothing is
     * subscribed. One subscribe command (one subscribe and one mode frame) per connection touched.
     *
     * @param tokens instrument tokens.
     * @param mode   to stream them in.
     * @return the number of tokens that were not subscribed before.
     * @throws NotStartedException         if the manager is not started.
     * @throws ManualDistributionException under {@link DistributionStrategy#MANUAL}.
     * @throws AtCapacityException         if the new tokens do not all fit (nothing subscribed).
     */
    public int subscribe(final int[] tokens, final Mode mode)
    {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(mode, "mode");
        synchronized (lock)
        {
            final ConnectionRun run = startedRun("subscribe");
            run.refreshAccepting(allocator);
            final ConnectionBatches batches = allocator.allocate(tokens, 0, tokens.length, mode);
            slots.publishSymbolCounts(allocator);
            run.subscribe(batches);
            return batches.newTokenCount();
        }
    }

    /**
     * Subscribe tokens in the default mode on one API key.
     *
     * @param apiKeyId id of the key.
     * @param tokens   instrument tokens.
     * @return the number of tokens that were not subscribed before.
     * @see #subscribeToApi(String, int[], Mode)
     */
    public int subscribeToApi(final String apiKeyId, final int[] tokens)
    {
        return subscribeToApi(apiKeyId, tokens, context.defaultMode());
    }

    /**
     * Subscribe tokens on the connections of one API key (allowed under every strategy; the only way under
     * {@link DistributionStrategy#MANUAL}). Atomic, one command per connection touched.
     *
     * @param apiKeyId id of the key.
     * @param tokens   instrument tokens.
     * @param mode     to stream them in.
     * @return the number of tokens that were not subscribed before.
     * @throws NotStartedException        if the manager is not started.
     * @throws UnknownApiKeyException     if no key has that id.
     * @throws AlreadySubscribedException if a token is held by another key (nothing subscribed).
     * @throws AtCapacityException        if the new tokens do not all fit on the key (nothing subscribed).
     */
    public int subscribeToApi(final String apiKeyId, final int[] tokens, final Mode mode)
    {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(mode, "mode");
        final int keyIndex = apiKeyIndex(apiKeyId);
        synchronized (lock)
        {
            final ConnectionRun run = startedRun("subscribeToApi");
            run.refreshAccepting(allocator);
            final ConnectionBatches batches = allocator.allocateToApiKey(keyIndex, tokens, 0, tokens.length, mode);
            slots.publishSymbolCounts(allocator);
            run.subscribe(batches);
            return batches.newTokenCount();
        }
    }

    /**
     * Unsubscribe tokens wherever they are, freeing their places. One unsubscribe command per connection touched.
     *
     * @param tokens instrument tokens.
     * @return the tokens that were not subscribed (ignored), in call order; empty when all were known.
     * @throws NotStartedException if the manager is not started.
     */
    public int[] unsubscribe(final int[] tokens)
    {
        Objects.requireNonNull(tokens, "tokens");
        synchronized (lock)
        {
            final ConnectionRun run = startedRun("unsubscribe");
            final ConnectionBatches batches = allocator.release(tokens, 0, tokens.length);
            slots.publishSymbolCounts(allocator);
            run.unsubscribe(batches);
            return batches.ignoredTokens();
        }
    }

    /**
     * Change the mode of subscribed tokens. One mode command per connection touched.
     *
     * @param tokens instrument tokens.
     * @param mode   the new mode.
     * @return the tokens that were not subscribed (ignored), in call order; empty when all were known.
     * @throws NotStartedException if the manager is not started.
     */
    public int[] changeMode(final int[] tokens, final Mode mode)
    {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(mode, "mode");
        synchronized (lock)
        {
            final ConnectionRun run = startedRun("changeMode");
            final ConnectionBatches batches = allocator.changeMode(tokens, 0, tokens.length, mode);
            run.changeMode(batches, mode);
            return batches.ignoredTokens();
        }
    }

    /**
     * Ids of the API keys, in the order they were added (index order).
     *
     * @return an unmodifiable list of ids.
     */
    public List<String> apiKeys()
    {
        return credentials.ids();
    }

    /**
     * Id of the API key with an index (as carried by {@link TickEvent#apiKeyIndex()}).
     *
     * @param apiKeyIndex of the key.
     * @return its id.
     * @throws IndexOutOfBoundsException if no key has that index.
     */
    public String apiKeyId(final int apiKeyIndex)
    {
        return credentials.id(apiKeyIndex);
    }

    /**
     * Index of the API key with an id.
     *
     * @param apiKeyId id of the key.
     * @return its index.
     * @throws UnknownApiKeyException if no key has that id.
     */
    public int apiKeyIndex(final String apiKeyId)
    {
        final int index = credentials.indexOf(apiKeyId);
        if (index < 0)
        {
            throw new UnknownApiKeyException(apiKeyId);
        }
        return index;
    }

    /**
     * Connections per API key.
     *
     * @return {@code maxConnectionsPerApi}.
     */
    public int connectionsPerApiKey()
    {
        return connectionsPerApiKey;
    }

    /**
     * Where every subscribed token is: key id (in key order) → connection index → sorted tokens. Every connection
     * of every key is present, with an empty array when it holds nothing.
     *
     * @return a new snapshot.
     */
    public Map<String, Map<Integer, int[]>> symbolDistribution()
    {
        synchronized (lock)
        {
            final Map<String, Map<Integer, int[]>> distribution = new LinkedHashMap<>();
            for (int k = 0; k < credentials.count(); k++)
            {
                final Map<Integer, int[]> byConnection = new TreeMap<>();
                for (int c = 0; c < connectionsPerApiKey; c++)
                {
                    byConnection.put(c, allocator.tokens(k, c));
                }
                distribution.put(credentials.id(k), Collections.unmodifiableMap(byConnection));
            }
            return Collections.unmodifiableMap(distribution);
        }
    }

    /**
     * Mode of a subscribed token.
     *
     * @param token instrument token.
     * @return its mode, or {@code null} if not subscribed.
     */
    public Mode modeOf(final int token)
    {
        synchronized (lock)
        {
            return allocator.modeOf(token);
        }
    }

    /**
     * Aggregate statistics. Also starts the next window of {@link ManagerStats#ticksPerSecond()} (a caller that
     * wants a rate of its own keeps a {@link io.kiteticker.engine.manager.TickRateWindow} over
     * {@link ManagerStats#ticks()}).
     *
     * @return a new snapshot.
     */
    public ManagerStats stats()
    {
        return statistics.managerStats();
    }

    /**
     * Statistics of one API key.
     *
     * @param apiKeyId id of the key.
     * @return a new snapshot.
     * @throws UnknownApiKeyException if no key has that id.
     */
    public ApiKeyStats apiStats(final String apiKeyId)
    {
        return statistics.apiKeyStats(apiKeyIndex(apiKeyId));
    }

    /**
     * Statistics of one connection.
     *
     * @param apiKeyId        id of the key.
     * @param connectionIndex index of the connection within the key.
     * @return a new snapshot.
     * @throws UnknownApiKeyException    if no key has that id.
     * @throws IndexOutOfBoundsException if the key has no such connection.
     */
    public ConnectionStats connectionStats(final String apiKeyId, final int connectionIndex)
    {
        final int keyIndex = apiKeyIndex(apiKeyId);
        if (connectionIndex < 0 || connectionIndex >= connectionsPerApiKey)
        {
            throw new IndexOutOfBoundsException(
                "API key '" + apiKeyId + "' has connections 0.." + (connectionsPerApiKey - 1) + ": " + connectionIndex);
        }
        return statistics.connectionStats(keyIndex * connectionsPerApiKey + connectionIndex);
    }

    /**
     * Current health: which connections are live now, and the keys whose credentials the server refused in this run
     * ({@link HealthSummary#rejectedApiKeyIds()}).
     *
     * @return a new summary.
     */
    public HealthSummary health()
    {
        return statistics.health();
    }

    /**
     * The engine's counters and distinct error log (for tools such as a status reader).
     *
     * @return the engine status.
     */
    public EngineStatus engineStatus()
    {
        return status;
    }

    /**
     * Per-connection facts for tools (latency rigs that match engine connections with the server's): local ports
     * and session tick offsets. Not needed by trading code.
     *
     * @return the diagnostics of this manager.
     */
    public ConnectionDiagnostics connectionDiagnostics()
    {
        return diagnostics;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "KiteManager{apiKeyIds=" + credentials.ids() + ", connectionsPerApiKey=" + connectionsPerApiKey +
            ", started=" + isStarted + '}';
    }

    /**
     * The agent of a connection in the current run, for {@link ConnectionDiagnostics}.
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the agent, or {@code null} when stopped or out of range.
     */
    ConnectionAgent agent(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionRun run = this.run;
        if (null == run || apiKeyIndex < 0 || apiKeyIndex >= credentials.count() || connectionIndex < 0 ||
            connectionIndex >= connectionsPerApiKey)
        {
            return null;
        }
        return run.agent(apiKeyIndex * connectionsPerApiKey + connectionIndex);
    }

    private ConnectionState state(final int slot)
    {
        final ConnectionRun run = this.run;
        return null == run ? ConnectionState.CLOSED : run.state(slot);
    }

    private String lastFailure(final int slot)
    {
        final ConnectionRun run = this.run;
        return null == run ? null : run.agent(slot).lastFailure();
    }

    private ConnectionRun startedRun(final String operation)
    {
        if (!isStarted)
        {
            throw new NotStartedException(operation);
        }
        return run; // under the lock: set before isStarted, cleared after
    }

    private ConnectionRun startConnections()
    {
        slots.resetRun();
        rings.start();

        final AgentScheduler scheduler = context.newScheduler(errorHandler, status.errorCounter());
        final ConnectionRun newRun;
        try
        {
            final ConnectionContext[] contexts = new ConnectionContext[slotCount];
            for (int slot = 0; slot < slotCount; slot++)
            {
                contexts[slot] = context.connectionContext(slot, rings, errorHandler, counters[slot], slots);
            }
            newRun = new ConnectionRun(scheduler, contexts, credentials, connectionsPerApiKey,
                context.connectionTimeout().toNanos(), nanoClock);
        }
        catch (final RuntimeException | Error ex)
        {
            scheduler.close();
            throw ex;
        }
        run = newRun;
        newRun.resubscribe(allocator);
        newRun.schedule();
        newRun.awaitLive(slots, context.connectionTimeout().toNanos());
        return newRun;
    }

    private void shutdown()
    {
        isStarted = false;
        invokerRun = null; // withdraw the hand-off first: invoke() and idle() elsewhere return at once from here
        statistics.stopped();
        health.stop();

        final ConnectionRun run = this.run;
        if (null != run)
        {
            run.close(errorHandler);
        }
        events.stop(); // after the connections closed: every event of the run is told before stop() returns
        rings.stop();
        slots.clearLive();
        this.run = null;
    }
}
