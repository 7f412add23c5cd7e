package io.kiteticker.engine;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.connection.ConnectionProxy;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.manager.ConnectionBatches;
import io.kiteticker.engine.manager.InstrumentAllocator;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

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
 *     <li>This class is the control plane: every public method is thread-safe (one control lock); statistics and
 *     health read atomics and counters without the lock. The manager talks to connections only through their
 *     command queues ({@link ConnectionProxy}), never locking the data path.</li>
 * </ul>
 * <b>Subscriptions.</b> {@link #subscribe(int[], Mode)} and friends are atomic (all or nothing) and send one command,
 * so one subscribe frame and one mode frame, per connection touched. They are remembered across reconnects (each
 * connection resubscribes its tokens in their modes) and across {@link #stop()}/{@link #start()}: a restart
 * resubscribes everything that was subscribed.
 */
public final class KiteManager implements AutoCloseable
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long CLOSE_WAIT_NS = TimeUnit.SECONDS.toNanos(3);

    private final Object lock = new Object();

    private final String[] apiKeyIds;
    private final String[] apiKeys;
    private final String[] accessTokens;
    private final Object2IntHashMap<String> indexById = new Object2IntHashMap<>(-1);
    private final int connectionsPerApiKey;
    private final int slotCount;
    private final Mode defaultMode;
    private final Duration connectionTimeout;
    private final Duration healthCheckInterval;
    private final ThreadingMode threadingMode;
    private final KiteManagerBuilder settings;
    private final NanoClock nanoClock;

    private final InstrumentAllocator allocator;
    private final AtomicIntegerArray symbolCounts;
    private final EngineStatus status;
    private final ErrorHandler errorHandler;
    private final ConnectionCounters[] counters;
    private final AtomicLongArray liveSinceNs;
    private final AtomicIntegerArray rejected;
    private final ConnectionListener listener = new Listener();

    private final RingBuffer<TickEvent> tickRing;
    private final RingBuffer<TextEvent> textRing;
    private final List<BatchEventProcessor<?>> processors = new ArrayList<>();
    private final List<String> processorNames = new ArrayList<>();
    private final List<RingBuffer<?>> processorRings = new ArrayList<>();
    private final List<HealthListener> healthListeners;

    private volatile ConnectionAgent[] agents;
    private volatile boolean isStarted;
    private volatile long startedAtNs;
    private AgentScheduler scheduler;
    private Thread[] processorThreads;
    private AgentRunner healthRunner;
    private boolean isClosed;
    private long lastStatsNs;
    private long lastStatsTicks;

    KiteManager(final KiteManagerBuilder builder)
    {
        settings = builder;
        final int keyCount = builder.credentialsById.size();
        apiKeyIds = new String[keyCount];
        apiKeys = new String[keyCount];
        accessTokens = new String[keyCount];
        int index = 0;
        for (final Map.Entry<String, String[]> entry : builder.credentialsById.entrySet())
        {
            apiKeyIds[index] = entry.getKey();
            apiKeys[index] = entry.getValue()[0];
            accessTokens[index] = entry.getValue()[1];
            indexById.put(entry.getKey(), index);
            index++;
        }

        connectionsPerApiKey = builder.maxConnectionsPerApi;
        slotCount = keyCount * connectionsPerApiKey;
        defaultMode = builder.defaultMode;
        connectionTimeout = builder.connectionTimeout;
        healthCheckInterval = builder.healthCheckInterval;
        threadingMode = builder.threadingMode;
        nanoClock = builder.nanoClock;
        healthListeners = List.copyOf(builder.healthListeners);

        allocator = new InstrumentAllocator(
            apiKeyIds, connectionsPerApiKey, builder.maxSymbolsPerConnection, builder.distributionStrategy);
        symbolCounts = new AtomicIntegerArray(slotCount);
        liveSinceNs = new AtomicLongArray(slotCount);
        rejected = new AtomicIntegerArray(slotCount);

        status = null == builder.statusFile ?
            EngineStatus.inMemory() :
            EngineStatus.mapped(builder.statusFile.toFile(), false);
        errorHandler = compose(status.errorHandler(), builder.errorHandler);

        counters = new ConnectionCounters[slotCount];
        for (int k = 0; k < keyCount; k++)
        {
            for (int c = 0; c < connectionsPerApiKey; c++)
            {
                counters[k * connectionsPerApiKey + c] = status.newConnectionCounters(k, c, apiKeyIds[k]);
            }
        }

        final ProducerType producerType = slotCount > 1 ? ProducerType.MULTI : ProducerType.SINGLE;
        tickRing = RingBuffer.create(producerType, TickEvent.EVENT_FACTORY, builder.ringSize, builder.waitStrategy);
        textRing = RingBuffer.create(
            producerType, TextEvent.EVENT_FACTORY, builder.textRingSize, builder.waitStrategy);

        final ExceptionHandler<Object> exceptionHandler = new HandlerExceptionHandler(errorHandler);
        int tickHandlerCount = 0;
        for (final KiteManagerBuilder.TickRegistration registration : builder.tickRegistrations)
        {
            final int keyIndex = null == registration.apiKeyId ? -1 : indexById.getValue(registration.apiKeyId);
            final EventHandler<TickEvent> handler =
                new TickHandlerAdapter(registration.handler, keyIndex, registration.connectionIndex);
            final BatchEventProcessor<TickEvent> processor =
                new BatchEventProcessorBuilder().build(tickRing, tickRing.newBarrier(), handler);
            processor.setExceptionHandler(exceptionHandler);
            tickRing.addGatingSequences(processor.getSequence());
            processors.add(processor);
            processorRings.add(tickRing);
            processorNames.add("kite-tick-handler-" + tickHandlerCount++);
        }
        int textHandlerCount = 0;
        for (final TextHandler textHandler : builder.textHandlers)
        {
            final BatchEventProcessor<TextEvent> processor = new BatchEventProcessorBuilder().build(
                textRing, textRing.newBarrier(), new TextHandlerAdapter(textHandler));
            processor.setExceptionHandler(exceptionHandler);
            textRing.addGatingSequences(processor.getSequence());
            processors.add(processor);
            processorRings.add(textRing);
            processorNames.add("kite-text-handler-" + textHandlerCount++);
        }
        for (final EngineTickPoller poller : builder.tickPollers)
        {
            poller.bind(tickRing);
        }
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
            try
            {
                startConnections();
            }
            catch (final RuntimeException | Error ex)
            {
                shutdown();
                throw ex;
            }

            startedAtNs = startNs;
            lastStatsNs = nanoClock.nanoTime();
            lastStatsTicks = totalTicks();
            isStarted = true;
            startHealthMonitor();
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
     * Drive one duty cycle of every connection on the calling thread, in {@link ThreadingMode#INVOKER}.
     *
     * @return the work done (0 when idle or when not in invoker mode).
     */
    public int invoke()
    {
        final AgentScheduler scheduler = this.scheduler;
        return ThreadingMode.INVOKER == threadingMode && null != scheduler ? scheduler.invoke() : 0;
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
        final AgentScheduler scheduler = this.scheduler;
        if (ThreadingMode.INVOKER == threadingMode && null != scheduler && !scheduler.isClosed())
        {
            scheduler.idle(workCount);
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
        return subscribe(tokens, defaultMode);
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
            requireStarted("subscribe");
            refreshAccepting();
            final ConnectionBatches batches = allocator.allocate(tokens, 0, tokens.length, mode);
            publishSymbolCounts();
            sendSubscribe(batches);
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
        return subscribeToApi(apiKeyId, tokens, defaultMode);
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
            requireStarted("subscribeToApi");
            refreshAccepting();
            final ConnectionBatches batches = allocator.allocateToApiKey(keyIndex, tokens, 0, tokens.length, mode);
            publishSymbolCounts();
            sendSubscribe(batches);
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
            requireStarted("unsubscribe");
            final ConnectionBatches batches = allocator.release(tokens, 0, tokens.length);
            publishSymbolCounts();
            for (int slot = 0; slot < slotCount; slot++)
            {
                final int count = batches.tokenCount(slot);
                if (count > 0)
                {
                    final int[] slotTokens = batches.tokens(slot);
                    offer(slot, "unsubscribe", (proxy) -> proxy.unsubscribe(slotTokens, 0, count));
                }
            }
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
            requireStarted("changeMode");
            final ConnectionBatches batches = allocator.changeMode(tokens, 0, tokens.length, mode);
            for (int slot = 0; slot < slotCount; slot++)
            {
                final int count = batches.tokenCount(slot);
                if (count > 0)
                {
                    final int[] slotTokens = batches.tokens(slot);
                    offer(slot, "changeMode", (proxy) -> proxy.changeMode(slotTokens, 0, count, mode));
                }
            }
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
        return List.of(apiKeyIds);
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
        return apiKeyIds[apiKeyIndex];
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
        final int index = null == apiKeyId ? -1 : indexById.getValue(apiKeyId);
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
            for (int k = 0; k < apiKeyIds.length; k++)
            {
                final Map<Integer, int[]> byConnection = new TreeMap<>();
                for (int c = 0; c < connectionsPerApiKey; c++)
                {
                    byConnection.put(c, allocator.tokens(k, c));
                }
                distribution.put(apiKeyIds[k], Collections.unmodifiableMap(byConnection));
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
     * Aggregate statistics. Also resets the window of {@link ManagerStats#ticksPerSecond()}.
     *
     * @return a new snapshot.
     */
    public ManagerStats stats()
    {
        final List<ApiKeyStats> keys = new ArrayList<>(apiKeyIds.length);
        int symbols = 0;
        int active = 0;
        long ticks = 0;
        long frames = 0;
        long errors = 0;
        long malformed = 0;
        long reconnects = 0;
        for (int k = 0; k < apiKeyIds.length; k++)
        {
            final ApiKeyStats keyStats = apiStats(k);
            keys.add(keyStats);
            symbols += keyStats.symbols();
            active += keyStats.activeConnections();
            ticks += keyStats.ticks();
            frames += keyStats.frames();
            errors += keyStats.errors();
            reconnects += keyStats.reconnects();
            for (final ConnectionStats connection : keyStats.connections())
            {
                malformed += connection.malformedTotal();
            }
        }

        final double ticksPerSecond;
        synchronized (lock)
        {
            final long nowNs = nanoClock.nanoTime();
            final long elapsedNs = nowNs - lastStatsNs;
            ticksPerSecond = isStarted && elapsedNs > 0 ? (ticks - lastStatsTicks) * 1e9 / elapsedNs : 0.0;
            lastStatsNs = nowNs;
            lastStatsTicks = ticks;
        }

        return new ManagerStats(
            apiKeyIds.length, symbols, active, slotCount, ticks, frames, ticksPerSecond, errors, malformed, reconnects,
            uptime(), Collections.unmodifiableList(keys));
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
        return apiStats(apiKeyIndex(apiKeyId));
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
        return connectionStats(keyIndex * connectionsPerApiKey + connectionIndex);
    }

    /**
     * Local TCP port of a connection's current (or last) WebSocket session, to match it with the server's view of
     * the connection (the simulator's {@code SimulatedConnection.remotePort()}).
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the local port, or 0 when stopped or before the connection first went live.
     */
    public int localPort(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent agent = agent(apiKeyIndex, connectionIndex);
        return null == agent ? 0 : agent.localPort();
    }

    /**
     * Ticks a connection had published when its current (or last) WebSocket session went live: packet {@code n}
     * (0-based) of that session is the connection's tick number {@code ticksBeforeSession + n}, counting the ticks a
     * handler sees for that connection from 0. Allocation-free and lock-free, so a handler may call it per tick.
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the tick count at the start of the session, or -1 when stopped or before it first went live.
     */
    public long ticksBeforeSession(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent agent = agent(apiKeyIndex, connectionIndex);
        return null == agent ? -1 : agent.ticksBeforeSession();
    }

    /**
     * Current health: which connections are live now.
     *
     * @return a new summary.
     */
    public HealthSummary health()
    {
        int healthy = 0;
        int symbols = 0;
        long ticks = 0;
        long errors = 0;
        final List<ConnectionStats> unhealthy = new ArrayList<>();
        for (int slot = 0; slot < slotCount; slot++)
        {
            final ConnectionStats connection = connectionStats(slot);
            symbols += connection.symbols();
            ticks += connection.ticks();
            errors += connection.errors();
            if (connection.isLive())
            {
                healthy++;
            }
            else
            {
                unhealthy.add(connection);
            }
        }
        return new HealthSummary(
            healthy, slotCount, Collections.unmodifiableList(unhealthy), symbols, ticks, errors, uptime());
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
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "KiteManager{apiKeyIds=" + List.of(apiKeyIds) + ", connectionsPerApiKey=" + connectionsPerApiKey +
            ", started=" + isStarted + '}';
    }

    private ApiKeyStats apiStats(final int keyIndex)
    {
        final List<ConnectionStats> connections = new ArrayList<>(connectionsPerApiKey);
        int active = 0;
        int symbols = 0;
        long ticks = 0;
        long frames = 0;
        long errors = 0;
        long reconnects = 0;
        for (int c = 0; c < connectionsPerApiKey; c++)
        {
            final ConnectionStats connection = connectionStats(keyIndex * connectionsPerApiKey + c);
            connections.add(connection);
            active += connection.isLive() ? 1 : 0;
            symbols += connection.symbols();
            ticks += connection.ticks();
            frames += connection.frames();
            errors += connection.errors();
            reconnects += connection.reconnects();
        }
        return new ApiKeyStats(
            apiKeyIds[keyIndex], keyIndex, active, connectionsPerApiKey, symbols, ticks, frames, errors, reconnects,
            Collections.unmodifiableList(connections));
    }

    private ConnectionStats connectionStats(final int slot)
    {
        final ConnectionCounters c = counters[slot];
        final long liveSince = liveSinceNs.get(slot);
        final ConnectionState state = state(slot);
        final Duration uptime = ConnectionState.LIVE == state && 0 != liveSince ?
            Duration.ofNanos(Math.max(0, nanoClock.nanoTime() - liveSince)) : Duration.ZERO;

        return new ConnectionStats(
            apiKeyIds[slot / connectionsPerApiKey],
            slot / connectionsPerApiKey,
            slot % connectionsPerApiKey,
            state,
            symbolCounts.get(slot),
            c.get(KiteCounterDescriptor.FRAMES),
            c.get(KiteCounterDescriptor.PACKETS),
            c.get(KiteCounterDescriptor.HEARTBEATS),
            c.get(KiteCounterDescriptor.TEXT_MESSAGES),
            c.get(KiteCounterDescriptor.BYTES_READ),
            c.get(KiteCounterDescriptor.MALFORMED_FRAMES),
            c.get(KiteCounterDescriptor.MALFORMED_MESSAGES),
            c.get(KiteCounterDescriptor.MALFORMED_PACKETS),
            c.get(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH),
            c.get(KiteCounterDescriptor.MALFORMED_TEXT),
            c.get(KiteCounterDescriptor.RING_FULL),
            c.get(KiteCounterDescriptor.RECONNECTS),
            c.get(KiteCounterDescriptor.DISCONNECTS),
            c.get(KiteCounterDescriptor.CONNECT_FAILURES),
            c.get(KiteCounterDescriptor.CREDENTIALS_REJECTED),
            c.get(KiteCounterDescriptor.LIVENESS_TIMEOUTS),
            c.get(KiteCounterDescriptor.ERRORS),
            c.get(KiteCounterDescriptor.COMMAND_QUEUE_FULL),
            c.get(KiteCounterDescriptor.MAX_CYCLE_NS),
            c.get(KiteCounterDescriptor.REQUESTS_SENT),
            uptime);
    }

    private ConnectionAgent agent(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent[] agents = this.agents;
        if (null == agents || apiKeyIndex < 0 || apiKeyIndex >= apiKeyIds.length || connectionIndex < 0 ||
            connectionIndex >= connectionsPerApiKey)
        {
            return null;
        }
        return agents[apiKeyIndex * connectionsPerApiKey + connectionIndex];
    }

    private ConnectionState state(final int slot)
    {
        final ConnectionAgent[] agents = this.agents;
        return null == agents || null == agents[slot] ? ConnectionState.CLOSED : agents[slot].state();
    }

    private Duration uptime()
    {
        return isStarted ? Duration.ofNanos(Math.max(0, nanoClock.nanoTime() - startedAtNs)) : Duration.ZERO;
    }

    private long totalTicks()
    {
        long ticks = 0;
        for (final ConnectionCounters c : counters)
        {
            ticks += c.get(KiteCounterDescriptor.PACKETS);
        }
        return ticks;
    }

    private void requireStarted(final String operation)
    {
        if (!isStarted)
        {
            throw new NotStartedException(operation);
        }
    }

    private void refreshAccepting()
    {
        for (int slot = 0; slot < slotCount; slot++)
        {
            final ConnectionState state = state(slot);
            allocator.accepting(
                slot / connectionsPerApiKey,
                slot % connectionsPerApiKey,
                ConnectionState.CREDENTIALS_REJECTED != state && ConnectionState.CLOSED != state);
        }
    }

    private void publishSymbolCounts()
    {
        for (int slot = 0; slot < slotCount; slot++)
        {
            symbolCounts.set(slot, allocator.symbolCount(slot / connectionsPerApiKey, slot % connectionsPerApiKey));
        }
    }

    private void sendSubscribe(final ConnectionBatches batches)
    {
        final Mode mode = batches.mode();
        for (int slot = 0; slot < slotCount; slot++)
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

    private void offer(final int slot, final String operation, final Command command)
    {
        final ConnectionProxy proxy = agents[slot].proxy();
        final long deadlineNs = nanoClock.nanoTime() + connectionTimeout.toNanos();
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        while (!command.offer(proxy))
        {
            if (nanoClock.nanoTime() - deadlineNs > 0)
            {
                throw new KiteEngineException(operation + ": command queue of connection " +
                    (slot % connectionsPerApiKey) + " of API key '" + apiKeyIds[slot / connectionsPerApiKey] +
                    "' stayed full for " + connectionTimeout.toMillis() + " ms; the change is recorded and will " +
                    "be sent when the connection next (re)subscribes");
            }
            invoke();
            idle.idle();
        }
    }

    private void startConnections()
    {
        for (int slot = 0; slot < slotCount; slot++)
        {
            liveSinceNs.set(slot, 0);
            rejected.set(slot, 0);
        }

        final Thread[] threads = new Thread[processors.size()];
        processorThreads = threads;
        for (int i = 0; i < threads.length; i++)
        {
            threads[i] = new Thread(processors.get(i), processorNames.get(i));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        awaitProcessorsRunning();

        scheduler = newScheduler();
        final ConnectionAgent[] newAgents = new ConnectionAgent[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            newAgents[slot] = new ConnectionAgent(context(slot));
        }
        agents = newAgents;

        for (int slot = 0; slot < slotCount; slot++)
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

        for (final ConnectionAgent agent : newAgents)
        {
            scheduler.add(agent);
        }

        awaitLive();
    }

    private void awaitProcessorsRunning()
    {
        // a processor halted before its run() begins would stay halted for good (Disruptor 4 earlyExit), so make
        // sure every one is running before anything can fail and halt it
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        for (final BatchEventProcessor<?> processor : processors)
        {
            while (!processor.isRunning())
            {
                idle.idle();
            }
        }
    }

    private void awaitLive()
    {
        final long deadlineNs = nanoClock.nanoTime() + connectionTimeout.toNanos();
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        while (true)
        {
            int live = 0;
            for (int slot = 0; slot < slotCount; slot++)
            {
                final ConnectionState state = state(slot);
                if (0 != rejected.get(slot) || ConnectionState.CREDENTIALS_REJECTED == state)
                {
                    throw new CredentialsRejectedException(apiKeyIds[slot / connectionsPerApiKey]);
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
                    .append(" connections not live within ").append(connectionTimeout.toMillis()).append(" ms:");
                for (int slot = 0; slot < slotCount; slot++)
                {
                    final ConnectionState state = state(slot);
                    if (ConnectionState.LIVE != state)
                    {
                        message.append(" '").append(apiKeyIds[slot / connectionsPerApiKey]).append("'#")
                            .append(slot % connectionsPerApiKey).append('=').append(state);
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

    private ConnectionContext context(final int slot)
    {
        final int k = slot / connectionsPerApiKey;
        final KiteManagerBuilder s = settings;
        final ConnectionContext context = new ConnectionContext()
            .apiKeyIndex(k)
            .connectionIndex(slot % connectionsPerApiKey)
            .apiKeyId(apiKeyIds[k])
            .apiKey(apiKeys[k])
            .accessToken(accessTokens[k])
            .uri(s.uri)
            .connectTimeoutNs(s.connectionTimeout.toNanos())
            .livenessTimeoutNs(s.livenessTimeout.toNanos())
            .reconnectBackoffBaseNs(s.reconnectBackoffBase.toNanos())
            .reconnectBackoffMaxNs(s.reconnectBackoffMax.toNanos())
            .reconnectMaxAttempts(s.maxReconnectAttempts)
            .tickRing(tickRing)
            .textRing(textRing)
            .nanoClock(s.nanoClock)
            .epochClock(s.epochClock)
            .errorHandler(errorHandler)
            .counters(counters[slot])
            .listener(listener);
        if (null != s.sslContext)
        {
            context.sslContext(s.sslContext);
        }
        return context.conclude();
    }

    private AgentScheduler newScheduler()
    {
        final KiteManagerBuilder s = settings;
        return new AgentScheduler(
            s.threadingMode,
            s.sharedThreadCount,
            s.idleStrategy,
            errorHandler,
            status.errorCounter(),
            "kite",
            s.pinThreads ? ConnectionContext.AFFINITY_ANY : ConnectionContext.AFFINITY_NONE);
    }

    private void shutdown()
    {
        isStarted = false;
        stopHealthMonitor();

        final ConnectionAgent[] agents = this.agents;
        if (null != agents)
        {
            for (final ConnectionAgent agent : agents)
            {
                if (null != agent)
                {
                    agent.proxy().close();
                }
            }
            awaitClosed(agents);
        }

        if (null != scheduler)
        {
            try
            {
                scheduler.close();
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
            scheduler = null;
        }

        if (null != processorThreads)
        {
            drainProcessors();
            for (final BatchEventProcessor<?> processor : processors)
            {
                processor.halt();
            }
            for (final Thread thread : processorThreads)
            {
                join(thread);
            }
            processorThreads = null;
        }

        for (int slot = 0; slot < slotCount; slot++)
        {
            liveSinceNs.set(slot, 0);
        }
        this.agents = null;
    }

    private void awaitClosed(final ConnectionAgent[] agents)
    {
        final long deadlineNs = nanoClock.nanoTime() + CLOSE_WAIT_NS;
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        while (nanoClock.nanoTime() - deadlineNs < 0)
        {
            boolean allClosed = true;
            for (final ConnectionAgent agent : agents)
            {
                if (null != agent && ConnectionState.CLOSED != agent.state() && ConnectionState.IDLE != agent.state())
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

    private void drainProcessors()
    {
        final long deadlineNs = nanoClock.nanoTime() + DRAIN_TIMEOUT_NS;
        final IdleStrategy idle = new SleepingMillisIdleStrategy(1);
        for (int i = 0; i < processors.size(); i++)
        {
            final BatchEventProcessor<?> processor = processors.get(i);
            final long target = processorRings.get(i).getCursor();
            while (processor.isRunning() && processor.getSequence().get() < target &&
                nanoClock.nanoTime() - deadlineNs < 0)
            {
                idle.idle();
            }
        }
    }

    private void join(final Thread thread)
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

    private void startHealthMonitor()
    {
        if (!healthListeners.isEmpty())
        {
            final long periodMs = Math.max(1, Math.min(100, healthCheckInterval.toMillis()));
            healthRunner = new AgentRunner(
                new SleepingMillisIdleStrategy(periodMs), errorHandler, null, new HealthMonitor());
            AgentRunner.startOnThread(healthRunner);
        }
    }

    private void stopHealthMonitor()
    {
        if (null != healthRunner)
        {
            healthRunner.close();
            healthRunner = null;
        }
    }

    private static ErrorHandler compose(final ErrorHandler statusHandler, final ErrorHandler userHandler)
    {
        if (null == userHandler)
        {
            return statusHandler;
        }
        return (throwable) ->
        {
            statusHandler.onError(throwable);
            try
            {
                userHandler.onError(throwable);
            }
            catch (final Throwable ignore)
            {
                // the user's handler must not throw; nothing more can be done with its failure
            }
        };
    }

    @FunctionalInterface
    private interface Command
    {
        boolean offer(ConnectionProxy proxy);
    }

    private final class Listener implements ConnectionListener
    {
        public void onStateChange(
            final int apiKeyIndex, final int connectionIndex, final ConnectionState from, final ConnectionState to)
        {
            final int slot = apiKeyIndex * connectionsPerApiKey + connectionIndex;
            if (ConnectionState.LIVE == to)
            {
                final long nowNs = nanoClock.nanoTime();
                liveSinceNs.set(slot, 0 == nowNs ? 1 : nowNs);
            }
            else if (ConnectionState.LIVE == from)
            {
                liveSinceNs.set(slot, 0);
            }
            if (ConnectionState.CREDENTIALS_REJECTED == to)
            {
                rejected.set(slot, 1);
            }
        }

        public void onCredentialsRejected(final int apiKeyIndex, final String apiKeyId)
        {
            for (int c = 0; c < connectionsPerApiKey; c++)
            {
                final int slot = apiKeyIndex * connectionsPerApiKey + c;
                if (ConnectionState.CREDENTIALS_REJECTED == state(slot))
                {
                    rejected.set(slot, 1);
                }
            }
        }
    }

    private final class HealthMonitor implements Agent
    {
        private final long periodNs = healthCheckInterval.toNanos();
        private long nextCheckNs = nanoClock.nanoTime();
        private int lastHealthy = -1;
        private String lastUnhealthy = "";

        public int doWork()
        {
            final long nowNs = nanoClock.nanoTime();
            if (nowNs - nextCheckNs < 0)
            {
                return 0;
            }
            nextCheckNs = nowNs + periodNs;

            final HealthSummary health = health();
            final StringBuilder unhealthy = new StringBuilder();
            for (final ConnectionStats connection : health.unhealthyConnections())
            {
                unhealthy.append(connection.apiKeyIndex()).append('-').append(connection.connectionIndex())
                    .append('=').append(connection.state()).append(' ');
            }
            final String unhealthyKey = unhealthy.toString();
            if (health.healthyConnections() != lastHealthy || !unhealthyKey.equals(lastUnhealthy))
            {
                lastHealthy = health.healthyConnections();
                lastUnhealthy = unhealthyKey;
                for (final HealthListener healthListener : healthListeners)
                {
                    healthListener.onHealthChange(health);
                }
            }
            return 1;
        }

        public String roleName()
        {
            return "kite-health";
        }
    }

    private static final class TickHandlerAdapter implements EventHandler<TickEvent>
    {
        private final TickHandler handler;
        private final int apiKeyIndex;
        private final int connectionIndex;

        TickHandlerAdapter(final TickHandler handler, final int apiKeyIndex, final int connectionIndex)
        {
            this.handler = handler;
            this.apiKeyIndex = apiKeyIndex;
            this.connectionIndex = connectionIndex;
        }

        public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            if ((apiKeyIndex < 0 || event.apiKeyIndex() == apiKeyIndex) &&
                (connectionIndex < 0 || event.connectionIndex() == connectionIndex))
            {
                handler.onTick(event, sequence, endOfBatch);
            }
        }
    }

    private static final class TextHandlerAdapter implements EventHandler<TextEvent>
    {
        private final TextHandler handler;

        TextHandlerAdapter(final TextHandler handler)
        {
            this.handler = handler;
        }

        public void onEvent(final TextEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            handler.onText(event, sequence, endOfBatch);
        }
    }

    private static final class HandlerExceptionHandler implements ExceptionHandler<Object>
    {
        private final ErrorHandler errorHandler;

        HandlerExceptionHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
        }

        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            errorHandler.onError(ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }
}
