package io.kiteticker.engine;

import com.lmax.disruptor.WaitStrategy;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.exceptions.ConfigurationException;
import io.kiteticker.engine.exceptions.UnknownApiKeyException;
import io.kiteticker.engine.manager.Credentials;
import io.kiteticker.engine.manager.InstrumentAllocator;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.engine.threading.IdleStrategies;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.engine.threading.WaitStrategies;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

/**
 * Fluent settings of a {@link KiteManager}, obtained from {@link KiteManager#builder()}: API keys, limits, timeouts,
 * threading, and the handlers that receive ticks. Setters validate their own range at once and throw
 * {@link ConfigurationException}; {@link #build()} checks the whole (at least one key, handler key ids known, …) and
 * returns an unstarted manager.
 * <pre>
 * final KiteManager manager = KiteManager.builder()
 *     .addApiKey("primary", apiKey1, accessToken1)
 *     .addApiKey("secondary", apiKey2, accessToken2)
 *     .maxConnectionsPerApi(3)
 *     .distributionStrategy(DistributionStrategy.ROUND_ROBIN)
 *     .defaultMode(Mode.QUOTE)
 *     .onTick((tick, sequence, endOfBatch) -&gt; strategy.onTick(tick))
 *     .build();
 * manager.start();
 * manager.subscribe(new int[]{ 256265, 408065 }, Mode.FULL);
 * </pre>
 * <p>
 * <b>Note:</b> handlers must be registered before {@link #build()}: each {@code onTick}/{@code onText} handler gets
 * its own Disruptor {@code BatchEventProcessor} (and thread, started by {@link KiteManager#start()}); a
 * {@link #tickPoller()} is driven by the caller's thread instead. Every handler and poller gates the ring: a slow
 * one eventually fills it, and then the connections stop reading (TCP pushes back) rather than drop ticks.
 * <p>
 * {@link #build()} concludes the settings into an immutable {@code ManagerContext} (Aeron's
 * {@code MediaDriver.Context.conclude()}: validated once, defaults filled in, handler key ids resolved, lists
 * copied), which the manager keeps: after {@code build()} nothing references the builder, so changing it changes
 * nothing in the manager.
 * <p>
 * A builder is not thread-safe and builds one manager. It is long (about 820 lines) because it is the engine's whole
 * public configuration surface: one documented, range-checked fluent setter and one {@code *_DEFAULT} per setting,
 * and nothing else.
 */
public final class KiteManagerBuilder
{
    /**
     * Default Kite ticker endpoint.
     */
    public static final URI URI_DEFAULT = URI.create("wss://ws.kite.trade");

    /**
     * Default connections per API key (Kite's limit).
     */
    public static final int MAX_CONNECTIONS_PER_API_DEFAULT = InstrumentAllocator.MAX_CONNECTIONS_PER_API_KEY;

    /**
     * Default tokens per connection (Kite's limit).
     */
    public static final int MAX_SYMBOLS_PER_CONNECTION_DEFAULT = InstrumentAllocator.MAX_SYMBOLS_PER_CONNECTION;

    /**
     * Default connection timeout, as the Rust crate.
     */
    public static final Duration CONNECTION_TIMEOUT_DEFAULT = Duration.ofSeconds(30);

    /**
     * Default grace for 403s on reconnects after the credentials were accepted in this run.
     */
    public static final Duration CREDENTIALS_REJECTED_GRACE_DEFAULT =
        Duration.ofMillis(ConnectionContext.CREDENTIALS_REJECTED_GRACE_MS_DEFAULT);

    /**
     * Default data-silence limit after which a live connection is declared dead and reconnected.
     */
    public static final Duration LIVENESS_TIMEOUT_DEFAULT =
        Duration.ofMillis(ConnectionContext.LIVENESS_TIMEOUT_MS_DEFAULT);

    /**
     * Default health check interval, as the Rust crate.
     */
    public static final Duration HEALTH_CHECK_INTERVAL_DEFAULT = Duration.ofSeconds(10);

    /**
     * Default first reconnect delay.
     */
    public static final Duration RECONNECT_BACKOFF_BASE_DEFAULT =
        Duration.ofMillis(ConnectionContext.RECONNECT_BACKOFF_BASE_MS_DEFAULT);

    /**
     * Default longest reconnect delay.
     */
    public static final Duration RECONNECT_BACKOFF_MAX_DEFAULT =
        Duration.ofMillis(ConnectionContext.RECONNECT_BACKOFF_MAX_MS_DEFAULT);

    /**
     * Default reconnect attempt limit: -1 means retry forever (as the Go SDK's auto-reconnect with no limit).
     */
    public static final int MAX_RECONNECT_ATTEMPTS_DEFAULT = ConnectionContext.RECONNECT_MAX_ATTEMPTS_DEFAULT;

    /**
     * Default tick ring size (slots).
     */
    public static final int RING_SIZE_DEFAULT = 65536;

    /**
     * Default text ring size (slots).
     */
    public static final int TEXT_RING_SIZE_DEFAULT = 1024;

    /**
     * Default number of threads that share the connection agents in {@link ThreadingMode#SHARED}.
     */
    public static final int SHARED_THREAD_COUNT_DEFAULT = 1;

    /**
     * Default idle strategy alias for connection agent threads.
     */
    public static final String IDLE_STRATEGY_DEFAULT = IdleStrategies.DEFAULT_ALIAS;

    final Map<String, String[]> credentialsById = new LinkedHashMap<>();
    final List<TickRegistration> tickRegistrations = new ArrayList<>();
    final List<TextHandler> textHandlers = new ArrayList<>();
    final List<EngineTickPoller> tickPollers = new ArrayList<>();
    final List<HealthListener> healthListeners = new ArrayList<>();
    final List<ConnectionEventListener> connectionEventListeners = new ArrayList<>();

    int maxConnectionsPerApi = MAX_CONNECTIONS_PER_API_DEFAULT;
    int maxSymbolsPerConnection = MAX_SYMBOLS_PER_CONNECTION_DEFAULT;
    Duration connectionTimeout = CONNECTION_TIMEOUT_DEFAULT;
    Duration credentialsRejectedGrace = CREDENTIALS_REJECTED_GRACE_DEFAULT;
    DistributionStrategy distributionStrategy = DistributionStrategy.ROUND_ROBIN;
    Mode defaultMode = Mode.QUOTE;
    Duration livenessTimeout = LIVENESS_TIMEOUT_DEFAULT;
    Duration healthCheckInterval = HEALTH_CHECK_INTERVAL_DEFAULT;
    Duration reconnectBackoffBase = RECONNECT_BACKOFF_BASE_DEFAULT;
    Duration reconnectBackoffMax = RECONNECT_BACKOFF_MAX_DEFAULT;
    int maxReconnectAttempts = MAX_RECONNECT_ATTEMPTS_DEFAULT;
    URI uri = URI_DEFAULT;
    SSLContext sslContext;
    int ringSize = RING_SIZE_DEFAULT;
    int textRingSize = TEXT_RING_SIZE_DEFAULT;
    Supplier<WaitStrategy> waitStrategies;
    ThreadingMode threadingMode = ThreadingMode.SHARED;
    int sharedThreadCount = SHARED_THREAD_COUNT_DEFAULT;
    String idleStrategy = IDLE_STRATEGY_DEFAULT;
    boolean pinThreads;
    ErrorHandler errorHandler;
    Path statusFile;
    NanoClock nanoClock = SystemNanoClock.INSTANCE;
    EpochClock epochClock = SystemEpochClock.INSTANCE;
    private boolean isBuilt;

    KiteManagerBuilder()
    {
    }

    /**
     * Add an API key under an id. Keys keep insertion order: the first added has index 0.
     *
     * @param id          label used in every API call, stat, counter label and message; must be unique.
     * @param apiKey      the Kite Connect api_key (never logged).
     * @param accessToken the access token of the session (never logged).
     * @return this for a fluent API.
     * @throws ConfigurationException if the id is empty or already added, or a credential is empty.
     */
    public KiteManagerBuilder addApiKey(final String id, final String apiKey, final String accessToken)
    {
        if (null == id || id.isBlank())
        {
            throw new ConfigurationException("API key id must not be empty");
        }
        if (credentialsById.containsKey(id))
        {
            throw new ConfigurationException("API key id '" + id + "' added twice: ids must be unique");
        }
        if (null == apiKey || apiKey.isEmpty())
        {
            throw new ConfigurationException("api_key of API key '" + id + "' must not be empty");
        }
        if (null == accessToken || accessToken.isEmpty())
        {
            throw new ConfigurationException("access token of API key '" + id + "' must not be empty");
        }
        credentialsById.put(id, new String[]{ apiKey, accessToken });
        return this;
    }

    /**
     * WebSocket connections opened per API key.
     *
     * @param maxConnectionsPerApi 1 to 3 (Kite's limit); default 3.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder maxConnectionsPerApi(final int maxConnectionsPerApi)
    {
        if (maxConnectionsPerApi < 1 || maxConnectionsPerApi > InstrumentAllocator.MAX_CONNECTIONS_PER_API_KEY)
        {
            throw new ConfigurationException("maxConnectionsPerApi must be 1.." +
                InstrumentAllocator.MAX_CONNECTIONS_PER_API_KEY + " but was " + maxConnectionsPerApi);
        }
        this.maxConnectionsPerApi = maxConnectionsPerApi;
        return this;
    }

    /**
     * Instrument tokens per connection.
     *
     * @param maxSymbolsPerConnection 1 to 3000 (Kite's limit); default 3000.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder maxSymbolsPerConnection(final int maxSymbolsPerConnection)
    {
        if (maxSymbolsPerConnection < 1 || maxSymbolsPerConnection > InstrumentAllocator.MAX_SYMBOLS_PER_CONNECTION)
        {
            throw new ConfigurationException("maxSymbolsPerConnection must be 1.." +
                InstrumentAllocator.MAX_SYMBOLS_PER_CONNECTION + " but was " + maxSymbolsPerConnection);
        }
        this.maxSymbolsPerConnection = maxSymbolsPerConnection;
        return this;
    }

    /**
     * Time allowed for one connect attempt (TCP, TLS and WebSocket upgrade) and for {@link KiteManager#start()} to
     * see every connection live.
     *
     * @param connectionTimeout positive; default 30 s.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder connectionTimeout(final Duration connectionTimeout)
    {
        this.connectionTimeout = positive(connectionTimeout, "connectionTimeout");
        return this;
    }

    /**
     * How {@link KiteManager#subscribe(int[], Mode)} places tokens.
     *
     * @param distributionStrategy the strategy; default {@link DistributionStrategy#ROUND_ROBIN}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder distributionStrategy(final DistributionStrategy distributionStrategy)
    {
        this.distributionStrategy = nonNull(distributionStrategy, "distributionStrategy");
        return this;
    }

    /**
     * Mode used by the subscribe methods that take no mode.
     *
     * @param defaultMode the mode; default {@link Mode#QUOTE}, as the Rust crate.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder defaultMode(final Mode defaultMode)
    {
        this.defaultMode = nonNull(defaultMode, "defaultMode");
        return this;
    }

    /**
     * How long a 403 on a reconnect is retried before the key's credentials are declared rejected. Kite refuses a
     * handshake with 403 transiently at times, so a connection that was live before in this run retries a 403 with
     * the normal back-off for this long from the first 403 since it was last live; a 403 after the grace moves it to
     * {@code CREDENTIALS_REJECTED} (the {@link #onConnectionEvent(ConnectionEventListener)} listeners are told,
     * {@link KiteManager#health()} names the key, {@code ./kite run} exits 3). At {@link KiteManager#start()}, before a
     * connection was ever live, a 403 is final at once whatever this setting, so a wrong token fails fast.
     * <p>
     * <b>Note:</b> the verdict comes with the first 403 after the grace, so it can come up to one back-off delay
     * (at most {@link #reconnectBackoff(Duration, Duration) the maximum}) later than the grace.
     *
     * @param credentialsRejectedGrace zero or positive; 0 declares the first 403 final; default 10 s
     *                                 ({@link #CREDENTIALS_REJECTED_GRACE_DEFAULT}).
     * @return this for a fluent API.
     */
    public KiteManagerBuilder credentialsRejectedGrace(final Duration credentialsRejectedGrace)
    {
        nonNull(credentialsRejectedGrace, "credentialsRejectedGrace");
        if (credentialsRejectedGrace.isNegative())
        {
            throw new ConfigurationException("credentialsRejectedGrace must not be negative but was " +
                credentialsRejectedGrace);
        }
        this.credentialsRejectedGrace = credentialsRejectedGrace;
        return this;
    }

    /**
     * A live connection that receives nothing (no tick, no heartbeat, no pong) for this long is declared dead and
     * reconnected. The crate's {@code heartbeat_liveness_threshold}. The default is two periods of Kite's 1 s
     * heartbeat; the connections ping every second, or every half timeout when that is shorter, so a server that
     * answers pings but sends no heartbeat stays live and a missing pong counts as silence.
     *
     * @param livenessTimeout positive; default 2 s ({@link #LIVENESS_TIMEOUT_DEFAULT}).
     * @return this for a fluent API.
     */
    public KiteManagerBuilder livenessTimeout(final Duration livenessTimeout)
    {
        this.livenessTimeout = positive(livenessTimeout, "livenessTimeout");
        return this;
    }

    /**
     * Period of the health monitor that calls the {@link #onHealthChange(HealthListener)} listeners. Any positive
     * value works, sub-second included. Health itself ({@link KiteManager#health()}) is always computed on demand
     * from the current connection states, whatever this period.
     *
     * @param healthCheckInterval positive; default 10 s.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder healthCheckInterval(final Duration healthCheckInterval)
    {
        this.healthCheckInterval = positive(healthCheckInterval, "healthCheckInterval");
        return this;
    }

    /**
     * Reconnect back-off: attempt {@code n} waits {@code min(base * 2^(n-1), max)} minus up to 20 % jitter.
     *
     * @param base first delay, positive; default 500 ms.
     * @param max  longest delay, at least {@code base}; default 60 s.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder reconnectBackoff(final Duration base, final Duration max)
    {
        positive(base, "reconnect backoff base");
        positive(max, "reconnect backoff max");
        if (max.compareTo(base) < 0)
        {
            throw new ConfigurationException("reconnect backoff max (" + max + ") < base (" + base + ")");
        }
        this.reconnectBackoffBase = base;
        this.reconnectBackoffMax = max;
        return this;
    }

    /**
     * Consecutive failed reconnect attempts after which a connection gives up and closes.
     *
     * @param maxReconnectAttempts positive, or -1 to retry forever (the default).
     * @return this for a fluent API.
     */
    public KiteManagerBuilder maxReconnectAttempts(final int maxReconnectAttempts)
    {
        if (maxReconnectAttempts < -1 || 0 == maxReconnectAttempts)
        {
            throw new ConfigurationException("maxReconnectAttempts must be -1 (forever) or > 0 but was " +
                maxReconnectAttempts);
        }
        this.maxReconnectAttempts = maxReconnectAttempts;
        return this;
    }

    /**
     * Ticker endpoint; tests point it at the simulator.
     *
     * @param uri {@code ws://} or {@code wss://} URI; default {@code wss://ws.kite.trade}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder uri(final URI uri)
    {
        nonNull(uri, "uri");
        final String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme))
        {
            throw new ConfigurationException("uri scheme must be ws or wss but was " + scheme);
        }
        this.uri = uri;
        return this;
    }

    /**
     * TLS context for {@code wss://}.
     *
     * @param sslContext the context; default {@code SSLContext.getDefault()}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder sslContext(final SSLContext sslContext)
    {
        this.sslContext = nonNull(sslContext, "sslContext");
        return this;
    }

    /**
     * Slots in the tick ring shared by all connections.
     *
     * @param ringSize a power of two, at least 1024; default 65536.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder ringSize(final int ringSize)
    {
        this.ringSize = powerOfTwo(ringSize, "ringSize");
        return this;
    }

    /**
     * Slots in the ring of text messages (orders, errors, other).
     *
     * @param textRingSize a power of two, at least 1024; default 1024.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder textRingSize(final int textRingSize)
    {
        this.textRingSize = powerOfTwo(textRingSize, "textRingSize");
        return this;
    }

    /**
     * How the handler threads wait for events, one instance shared by the tick and text rings.
     * <p>
     * <b>Note:</b> a blocking strategy shared by both rings wakes the text handlers on every tick batch (a
     * context switch each); prefer {@link #waitStrategy(String)} or {@link #waitStrategy(Supplier)}, which give
     * each ring its own.
     *
     * @param waitStrategy the Disruptor wait strategy; use {@code BusySpinWaitStrategy} on a host with spare cores
     *                     for the lowest latency.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder waitStrategy(final WaitStrategy waitStrategy)
    {
        nonNull(waitStrategy, "waitStrategy");
        this.waitStrategies = () -> waitStrategy;
        return this;
    }

    /**
     * How the handler threads wait for events, a new instance per ring (the default is
     * {@link WaitStrategies#DEFAULT_ALIAS phased}: spin, yield, then block until signalled — next to no CPU when
     * idle).
     *
     * @param alias one of {@link WaitStrategies#newWaitStrategy(String)}'s aliases, checked now.
     * @return this for a fluent API.
     * @throws IllegalArgumentException for an unknown alias.
     */
    public KiteManagerBuilder waitStrategy(final String alias)
    {
        WaitStrategies.newWaitStrategy(alias);
        this.waitStrategies = () -> WaitStrategies.newWaitStrategy(alias);
        return this;
    }

    /**
     * How the handler threads wait for events: the supplier is asked once per ring.
     *
     * @param waitStrategies supplier of a new wait strategy for each ring.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder waitStrategy(final Supplier<WaitStrategy> waitStrategies)
    {
        this.waitStrategies = nonNull(waitStrategies, "waitStrategies");
        return this;
    }

    /**
     * How connection agents map onto threads.
     *
     * @param threadingMode the mode; default {@link ThreadingMode#SHARED} (all connections on
     *                      {@link #sharedThreadCount(int)} threads, correct when connections outnumber cores).
     * @return this for a fluent API.
     */
    public KiteManagerBuilder threadingMode(final ThreadingMode threadingMode)
    {
        this.threadingMode = nonNull(threadingMode, "threadingMode");
        return this;
    }

    /**
     * Threads that share the connection agents in {@link ThreadingMode#SHARED}.
     *
     * @param sharedThreadCount at least 1; default 1.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder sharedThreadCount(final int sharedThreadCount)
    {
        if (sharedThreadCount < 1)
        {
            throw new ConfigurationException("sharedThreadCount must be >= 1 but was " + sharedThreadCount);
        }
        this.sharedThreadCount = sharedThreadCount;
        return this;
    }

    /**
     * Idle strategy of the connection agent threads, by Agrona alias.
     *
     * @param alias {@code "backoff"} (default), {@code "spin"}, {@code "yield"}, {@code "sleep-ns"},
     *              {@code "sleep-ms"} or {@code "noop"}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder idleStrategy(final String alias)
    {
        nonNull(alias, "idleStrategy");
        try
        {
            IdleStrategies.validate(alias);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigurationException("unknown idle strategy alias '" + alias + "': use one of select, " +
                "backoff, spin, yield, sleep-ns, sleep-ms, noop");
        }
        this.idleStrategy = alias;
        return this;
    }

    /**
     * Pin connection threads to CPUs (OpenHFT affinity): each dedicated thread in {@link ThreadingMode#DEDICATED},
     * each shared thread in {@link ThreadingMode#SHARED}; degrades to unpinned when no CPU can be reserved (on 2
     * vCPUs one thread can be pinned: OpenHFT never hands out CPU 0).
     *
     * @param pinThreads true to pin; default false.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder pinThreads(final boolean pinThreads)
    {
        this.pinThreads = pinThreads;
        return this;
    }

    /**
     * Receives unexpected errors of connections and handlers (must not throw). Errors are also counted and recorded
     * once per distinct stack trace in the engine's error log.
     *
     * @param errorHandler the handler; default none beyond the error log.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder errorHandler(final ErrorHandler errorHandler)
    {
        this.errorHandler = nonNull(errorHandler, "errorHandler");
        return this;
    }

    /**
     * Put the counters and the distinct error log in a memory-mapped file another process can read.
     *
     * @param statusFile the file (replaced if it exists); default none (in memory).
     * @return this for a fluent API.
     */
    public KiteManagerBuilder statusFile(final Path statusFile)
    {
        this.statusFile = nonNull(statusFile, "statusFile");
        return this;
    }

    /**
     * Clock for deadlines, liveness and uptime.
     *
     * @param nanoClock the clock; default {@link SystemNanoClock}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nonNull(nanoClock, "nanoClock");
        return this;
    }

    /**
     * Clock for timestamps in the error log and counters.
     *
     * @param epochClock the clock; default {@link SystemEpochClock}.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder epochClock(final EpochClock epochClock)
    {
        this.epochClock = nonNull(epochClock, "epochClock");
        return this;
    }

    /**
     * Receive every tick of every key and connection (the crate's unified channel). Each event carries
     * {@link io.kiteticker.engine.ring.TickEvent#apiKeyIndex()} (turn it into the id with
     * {@link KiteManager#apiKeyId(int)}) and {@link io.kiteticker.engine.ring.TickEvent#connectionIndex()}.
     * <p>
     * <b>Note:</b> the handler runs on its own Disruptor {@code BatchEventProcessor} thread, named
     * {@code kite-tick-handler-N}; the event is a reused ring slot, valid only during the call.
     *
     * @param handler to call for every tick.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onTick(final TickHandler handler)
    {
        tickRegistrations.add(new TickRegistration(null, -1, nonNull(handler, "handler")));
        return this;
    }

    /**
     * Receive the ticks of one API key only (all its connections).
     * <p>
     * <b>Note:</b> a view filters the shared ring on its own thread; {@code endOfBatch} is the ring's, so a view may
     * not see an event with {@code endOfBatch} true at the end of every batch.
     *
     * @param apiKeyId id given to {@link #addApiKey(String, String, String)} (may be added later, before build).
     * @param handler  to call for the key's ticks.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onTick(final String apiKeyId, final TickHandler handler)
    {
        tickRegistrations.add(new TickRegistration(nonNull(apiKeyId, "apiKeyId"), -1, nonNull(handler, "handler")));
        return this;
    }

    /**
     * Receive the ticks of one connection of one API key only (the crate's {@code get_channel(id, ChannelId)}).
     *
     * @param apiKeyId        id given to {@link #addApiKey(String, String, String)}.
     * @param connectionIndex 0 to {@code maxConnectionsPerApi - 1}.
     * @param handler         to call for the connection's ticks.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onTick(final String apiKeyId, final int connectionIndex, final TickHandler handler)
    {
        if (connectionIndex < 0 || connectionIndex >= InstrumentAllocator.MAX_CONNECTIONS_PER_API_KEY)
        {
            throw new ConfigurationException("connectionIndex must be 0.." +
                (InstrumentAllocator.MAX_CONNECTIONS_PER_API_KEY - 1) + " but was " + connectionIndex);
        }
        tickRegistrations.add(
            new TickRegistration(nonNull(apiKeyId, "apiKeyId"), connectionIndex, nonNull(handler, "handler")));
        return this;
    }

    /**
     * Receive order updates, error messages and other text messages of every key, tagged with
     * {@link io.kiteticker.engine.ring.TextEvent#apiKeyIndex()} and the connection index.
     * <p>
     * <b>Note:</b> runs on its own {@code BatchEventProcessor} thread, named {@code kite-text-handler-N}.
     *
     * @param handler to call for every text message.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onText(final TextHandler handler)
    {
        textHandlers.add(nonNull(handler, "handler"));
        return this;
    }

    /**
     * Be told when the health summary changes (a connection goes down, comes back, or has its credentials rejected).
     * The manager checks every {@link #healthCheckInterval(Duration)} on a control thread named {@code kite-health},
     * started only when at least one listener is registered.
     *
     * @param listener to call with the new summary.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onHealthChange(final HealthListener listener)
    {
        healthListeners.add(nonNull(listener, "listener"));
        return this;
    }

    /**
     * Be told what happens to the connections, as it happens: today when the server refuses a key's credentials
     * ({@link ConnectionEvent.Kind#CREDENTIALS_REJECTED}, at start or mid-run after a reconnect), more kinds later.
     * Events are delivered in order on a thread named {@code kite-events}, started only when at least one listener
     * is registered, never on a connection thread.
     *
     * @param listener to call with each event.
     * @return this for a fluent API.
     */
    public KiteManagerBuilder onConnectionEvent(final ConnectionEventListener listener)
    {
        connectionEventListeners.add(nonNull(listener, "listener"));
        return this;
    }

    /**
     * A poller over the tick ring that the caller's own thread drives with {@link EngineTickPoller#poll(TickHandler)}
     * (for a strategy that owns its thread). Usable once {@link #build()} has returned.
     * <p>
     * <b>Note:</b> the poller gates the ring like a handler: if it is not polled, the ring fills and the connections
     * stop reading.
     *
     * @return the poller, bound to the ring at {@link #build()}.
     */
    public EngineTickPoller tickPoller()
    {
        final EngineTickPoller poller = new EngineTickPoller();
        tickPollers.add(poller);
        return poller;
    }

    /**
     * Validate the settings as a whole and create the manager, unstarted.
     *
     * @return the new manager; call {@link KiteManager#start()} next.
     * @throws ConfigurationException  if no key was added or a setting is inconsistent.
     * @throws UnknownApiKeyException if a per-key handler names an id that was not added.
     */
    public KiteManager build()
    {
        if (isBuilt)
        {
            throw new ConfigurationException("this builder already built a manager");
        }
        if (credentialsById.isEmpty())
        {
            throw new ConfigurationException("No API keys configured: call addApiKey(id, apiKey, accessToken)");
        }
        for (final TickRegistration registration : tickRegistrations)
        {
            if (null != registration.apiKeyId)
            {
                if (!credentialsById.containsKey(registration.apiKeyId))
                {
                    throw new UnknownApiKeyException(registration.apiKeyId);
                }
                if (registration.connectionIndex >= maxConnectionsPerApi)
                {
                    throw new ConfigurationException("handler for API key '" + registration.apiKeyId +
                        "' connection " + registration.connectionIndex + " but maxConnectionsPerApi is " +
                        maxConnectionsPerApi);
                }
            }
        }

        isBuilt = true;
        return new KiteManager(conclude());
    }

    /**
     * The validated settings as an immutable context: credentials in index order, handler key ids resolved to
     * indices, lists copied, defaults filled in. The manager keeps the context, never this builder.
     *
     * @return the concluded context.
     */
    ManagerContext conclude()
    {
        final int keyCount = credentialsById.size();
        final String[] ids = new String[keyCount];
        final String[] apiKeys = new String[keyCount];
        final String[] accessTokens = new String[keyCount];
        int index = 0;
        for (final Map.Entry<String, String[]> entry : credentialsById.entrySet())
        {
            ids[index] = entry.getKey();
            apiKeys[index] = entry.getValue()[0];
            accessTokens[index] = entry.getValue()[1];
            index++;
        }
        final Credentials credentials = new Credentials(ids, apiKeys, accessTokens);

        final List<ManagerContext.TickView> tickViews = new ArrayList<>(tickRegistrations.size());
        for (final TickRegistration registration : tickRegistrations)
        {
            tickViews.add(new ManagerContext.TickView(
                registration.handler, credentials.indexOf(registration.apiKeyId), registration.connectionIndex));
        }
        return new ManagerContext(this, credentials, tickViews);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "KiteManagerBuilder{apiKeyIds=" + credentialsById.keySet() +
            ", maxConnectionsPerApi=" + maxConnectionsPerApi +
            ", maxSymbolsPerConnection=" + maxSymbolsPerConnection +
            ", distributionStrategy=" + distributionStrategy +
            ", defaultMode=" + defaultMode +
            ", uri=" + uri.getScheme() + "://" + uri.getHost() + ':' + uri.getPort() +
            ", threadingMode=" + threadingMode + '}';
    }

    static final class TickRegistration
    {
        final String apiKeyId;
        final int connectionIndex;
        final TickHandler handler;

        TickRegistration(final String apiKeyId, final int connectionIndex, final TickHandler handler)
        {
            this.apiKeyId = apiKeyId;
            this.connectionIndex = connectionIndex;
            this.handler = handler;
        }
    }

    private static <T> T nonNull(final T value, final String name)
    {
        if (null == value)
        {
            throw new ConfigurationException(name + " must not be null");
        }
        return value;
    }

    private static Duration positive(final Duration value, final String name)
    {
        nonNull(value, name);
        if (value.isNegative() || value.isZero())
        {
            throw new ConfigurationException(name + " must be positive but was " + value);
        }
        return value;
    }

    private static int powerOfTwo(final int value, final String name)
    {
        if (value < 1024 || Integer.bitCount(value) != 1)
        {
            throw new ConfigurationException(name + " must be a power of two >= 1024 but was " + value);
        }
        return value;
    }
}
