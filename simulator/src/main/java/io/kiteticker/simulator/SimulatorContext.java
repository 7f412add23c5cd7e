package io.kiteticker.simulator;

import io.kiteticker.simulator.market.Universe;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Configuration of a {@link KiteSimulator}: fluent no-prefix pairs (a getter and a setter that share a name), with
 * defaults from the {@code *_DEFAULT} constants. {@link #conclude()} validates it once at launch; do not change it
 * afterwards.
 * <p>
 * Documented behaviours (Kite does not document its responses past the limits, KITE_PROTOCOL.md §12, §16):
 * <ul>
 *     <li>Credentials: {@value #API_KEY_DEFAULT} / {@value #ACCESS_TOKEN_DEFAULT} unless replaced. An unknown
 *     {@code api_key} or a wrong {@code access_token} in the upgrade query gets {@code HTTP/1.1 403 Forbidden}.</li>
 *     <li>At most {@value #MAX_CONNECTIONS_PER_API_KEY_DEFAULT} concurrent connections per api_key: the next one is
 *     refused at the upgrade with HTTP {@link #connectionLimitHttpStatus()} (429 Too Many Requests by default).</li>
 *     <li>At most {@value #MAX_INSTRUMENTS_PER_CONNECTION_DEFAULT} instruments per connection, handled by
 *     {@link #instrumentLimitPolicy()} (an {@code error} text message, extra tokens ignored, by default).</li>
 *     <li>A one-byte binary heartbeat (value 0) after {@value #HEARTBEAT_INTERVAL_MS_DEFAULT} ms without any other
 *     frame sent.</li>
 * </ul>
 * <b>Why this file is long (~830 lines):</b> it holds 30 settings, and each is a {@code *_DEFAULT} constant, a
 * field, and a Javadoc'd getter and fluent setter (about 18 lines a setting), plus {@link #conclude()}. There is no
 * logic to move out; splitting the settings over several classes would only make callers chain through them.
 */
public final class SimulatorContext
{
    /**
     * Default api_key accepted by the simulator.
     */
    public static final String API_KEY_DEFAULT = "kite-sim-key";

    /**
     * Default access_token for {@link #API_KEY_DEFAULT}.
     */
    public static final String ACCESS_TOKEN_DEFAULT = "kite-sim-token";

    /**
     * Default bind address: loopback only.
     */
    public static final String BIND_ADDRESS_DEFAULT = "127.0.0.1";

    /**
     * Default port: 0, an ephemeral port chosen by the OS (see {@link KiteSimulator#port()}).
     */
    public static final int PORT_DEFAULT = 0;

    /**
     * Kite's documented connection limit per api_key.
     */
    public static final int MAX_CONNECTIONS_PER_API_KEY_DEFAULT = 3;

    /**
     * HTTP status of an upgrade refused for the connection limit: 429 Too Many Requests.
     */
    public static final int CONNECTION_LIMIT_HTTP_STATUS_DEFAULT = 429;

    /**
     * Kite's documented instrument limit per connection.
     */
    public static final int MAX_INSTRUMENTS_PER_CONNECTION_DEFAULT = 3000;

    /**
     * Heartbeat period when no other frame is sent.
     */
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 1000;

    /**
     * Default ticks per second per connection (all tokens together) in PACED and LATENCY modes.
     */
    public static final double TICKS_PER_SECOND_DEFAULT = 100_000;

    /**
     * Default ticks per second per subscribed token in PACED and LATENCY modes.
     */
    public static final double TICKS_PER_SECOND_PER_TOKEN_DEFAULT = 2;

    /**
     * Default most packets per binary message (Kite batches many packets into one message).
     */
    public static final int MAX_PACKETS_PER_MESSAGE_DEFAULT = 200;

    /**
     * Default outbound (plaintext) buffer per connection.
     */
    public static final int SEND_BUFFER_LENGTH_DEFAULT = 1024 * 1024;

    /**
     * Default largest WebSocket message accepted from a client.
     */
    public static final int MAX_INBOUND_MESSAGE_LENGTH_DEFAULT = 256 * 1024;

    /**
     * Default capacity of the per-connection send-time ring in LATENCY mode (a power of two).
     */
    public static final int SEND_NANOS_CAPACITY_DEFAULT = 1 << 20;

    /**
     * Default ticks per token in a market-open burst ({@link KiteSimulator#startBurst()}).
     */
    public static final int BURST_TICKS_PER_TOKEN_DEFAULT = 5;

    /**
     * Default time from a connection first holding {@link #burstAtTokens()} tokens to its automatic burst.
     */
    public static final long BURST_DELAY_MS_DEFAULT = 100;

    /**
     * Default time to wait for the peer's close frame after sending one.
     */
    public static final long CLOSE_TIMEOUT_MS_DEFAULT = 2000;

    /**
     * Default time allowed for TLS and the HTTP upgrade after TCP accept.
     */
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 10_000;

    /**
     * Default market seed.
     */
    public static final long SEED_DEFAULT = 42;

    /**
     * Default password of the exported PKCS12 trust store.
     */
    public static final String TRUST_STORE_PASSWORD_DEFAULT = "kite-sim";

    private String bindAddress = BIND_ADDRESS_DEFAULT;
    private int port = PORT_DEFAULT;
    private boolean tls;
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private final Map<String, String> revokedCredentials = new LinkedHashMap<>();
    private boolean credentialsReplaced;
    private int maxConnectionsPerApiKey = MAX_CONNECTIONS_PER_API_KEY_DEFAULT;
    private int connectionLimitHttpStatus = CONNECTION_LIMIT_HTTP_STATUS_DEFAULT;
    private int maxInstrumentsPerConnection = MAX_INSTRUMENTS_PER_CONNECTION_DEFAULT;
    private InstrumentLimitPolicy instrumentLimitPolicy = InstrumentLimitPolicy.ERROR_AND_IGNORE;
    private long heartbeatIntervalNs = TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_INTERVAL_MS_DEFAULT);
    private SendMode sendMode = SendMode.PACED;
    private double ticksPerSecond = TICKS_PER_SECOND_DEFAULT;
    private double ticksPerSecondPerToken = TICKS_PER_SECOND_PER_TOKEN_DEFAULT;
    private int maxPacketsPerMessage = MAX_PACKETS_PER_MESSAGE_DEFAULT;
    private boolean answerEachRequest = false;
    private int sendBufferLength = SEND_BUFFER_LENGTH_DEFAULT;
    private int socketSendBufferBytes;
    private int maxInboundMessageLength = MAX_INBOUND_MESSAGE_LENGTH_DEFAULT;
    private int sendNanosCapacity = SEND_NANOS_CAPACITY_DEFAULT;
    private int burstTicksPerToken = BURST_TICKS_PER_TOKEN_DEFAULT;
    private int burstAtTokens;
    private long burstDelayNs = TimeUnit.MILLISECONDS.toNanos(BURST_DELAY_MS_DEFAULT);
    private long closeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS_DEFAULT);
    private long handshakeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MS_DEFAULT);
    private long seed = SEED_DEFAULT;
    private Universe universe;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private Supplier<IdleStrategy> idleStrategySupplier =
        () -> new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    private Path certificateDirectory;
    private String trustStorePassword = TRUST_STORE_PASSWORD_DEFAULT;
    private boolean concluded;

    /**
     * A context with every default.
     */
    public SimulatorContext()
    {
        credentials.put(API_KEY_DEFAULT, ACCESS_TOKEN_DEFAULT);
    }

    /**
     * Validate and fill defaults; called by {@link KiteSimulator#launch(SimulatorContext)}.
     *
     * @return this for a fluent API.
     * @throws IllegalArgumentException for an invalid setting.
     */
    public SimulatorContext conclude()
    {
        require(port >= 0 && port <= 65535, "port");
        require(!credentials.isEmpty(), "at least one credential");
        require(maxConnectionsPerApiKey > 0, "maxConnectionsPerApiKey > 0");
        require(connectionLimitHttpStatus >= 400 && connectionLimitHttpStatus <= 599,
            "connectionLimitHttpStatus 4xx/5xx");
        require(maxInstrumentsPerConnection > 0, "maxInstrumentsPerConnection > 0");
        require(heartbeatIntervalNs > 0, "heartbeatIntervalNs > 0");
        require(ticksPerSecond > 0 && ticksPerSecondPerToken > 0, "tick rates > 0");
        require(maxPacketsPerMessage > 0 && maxPacketsPerMessage <= 350, "maxPacketsPerMessage in 1..350");
        require(sendBufferLength >= 128 * 1024, "sendBufferLength >= 128 KiB");
        require(maxInboundMessageLength >= 1024, "maxInboundMessageLength >= 1024");
        require(Integer.bitCount(sendNanosCapacity) == 1, "sendNanosCapacity a power of two");
        require(null != instrumentLimitPolicy && null != sendMode, "policies");
        require(burstTicksPerToken > 0, "burstTicksPerToken > 0");
        require(burstAtTokens >= 0 && burstDelayNs >= 0, "burstAtTokens and burstDelayNs >= 0");
        if (null == universe)
        {
            universe = Universe.standard();
        }
        concluded = true;
        return this;
    }

    /**
     * Has {@link #conclude()} run?
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * @return address to bind, loopback by default.
     */
    public String bindAddress()
    {
        return bindAddress;
    }

    /**
     * @param bindAddress to bind, e.g. "127.0.0.1".
     * @return this for a fluent API.
     */
    public SimulatorContext bindAddress(final String bindAddress)
    {
        this.bindAddress = bindAddress;
        return this;
    }

    /**
     * @return port to listen on, 0 for ephemeral.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param port to listen on, 0 for an ephemeral port.
     * @return this for a fluent API.
     */
    public SimulatorContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return true for {@code wss://} with a generated self-signed certificate.
     */
    public boolean tls()
    {
        return tls;
    }

    /**
     * @param tls true for {@code wss://}.
     * @return this for a fluent API.
     */
    public SimulatorContext tls(final boolean tls)
    {
        this.tls = tls;
        return this;
    }

    /**
     * @return the accepted credentials, api_key to access_token (unmodifiable view).
     */
    public Map<String, String> credentials()
    {
        return Collections.unmodifiableMap(credentials);
    }

    /**
     * Accept a credential. The first call replaces the default {@value #API_KEY_DEFAULT} credential; later calls
     * add more.
     *
     * @param apiKey      to accept.
     * @param accessToken that must come with it.
     * @return this for a fluent API.
     */
    public SimulatorContext credential(final String apiKey, final String accessToken)
    {
        if (!credentialsReplaced)
        {
            credentials.clear();
            credentialsReplaced = true;
        }
        credentials.put(apiKey, accessToken);
        return this;
    }

    /**
     * Stop accepting an api_key: called on the simulator thread by {@link KiteSimulator#revokeCredential(String)},
     * the only thread that reads the credentials once launched.
     *
     * @param apiKey to refuse from now on.
     * @return true if it was accepted until now.
     */
    boolean revokeCredential(final String apiKey)
    {
        final String accessToken = credentials.remove(apiKey);
        if (null == accessToken)
        {
            return false;
        }
        revokedCredentials.put(apiKey, accessToken);
        return true;
    }

    /**
     * Accept a revoked api_key again, with the access token it had: called on the simulator thread by
     * {@link KiteSimulator#acceptCredential(String)}.
     *
     * @param apiKey revoked before.
     * @return true if it was refused until now.
     */
    boolean acceptCredential(final String apiKey)
    {
        final String accessToken = revokedCredentials.remove(apiKey);
        if (null == accessToken)
        {
            return false;
        }
        credentials.put(apiKey, accessToken);
        return true;
    }

    /**
     * @return concurrent connections allowed per api_key.
     */
    public int maxConnectionsPerApiKey()
    {
        return maxConnectionsPerApiKey;
    }

    /**
     * @param maxConnectionsPerApiKey concurrent connections allowed per api_key.
     * @return this for a fluent API.
     */
    public SimulatorContext maxConnectionsPerApiKey(final int maxConnectionsPerApiKey)
    {
        this.maxConnectionsPerApiKey = maxConnectionsPerApiKey;
        return this;
    }

    /**
     * @return HTTP status of an upgrade refused for the connection limit.
     */
    public int connectionLimitHttpStatus()
    {
        return connectionLimitHttpStatus;
    }

    /**
     * @param connectionLimitHttpStatus HTTP status (4xx or 5xx) of an upgrade refused for the connection limit.
     * @return this for a fluent API.
     */
    public SimulatorContext connectionLimitHttpStatus(final int connectionLimitHttpStatus)
    {
        this.connectionLimitHttpStatus = connectionLimitHttpStatus;
        return this;
    }

    /**
     * @return instruments allowed per connection.
     */
    public int maxInstrumentsPerConnection()
    {
        return maxInstrumentsPerConnection;
    }

    /**
     * @param maxInstrumentsPerConnection instruments allowed per connection.
     * @return this for a fluent API.
     */
    public SimulatorContext maxInstrumentsPerConnection(final int maxInstrumentsPerConnection)
    {
        this.maxInstrumentsPerConnection = maxInstrumentsPerConnection;
        return this;
    }

    /**
     * @return what happens past the instrument limit.
     */
    public InstrumentLimitPolicy instrumentLimitPolicy()
    {
        return instrumentLimitPolicy;
    }

    /**
     * @param instrumentLimitPolicy what happens past the instrument limit.
     * @return this for a fluent API.
     */
    public SimulatorContext instrumentLimitPolicy(final InstrumentLimitPolicy instrumentLimitPolicy)
    {
        this.instrumentLimitPolicy = instrumentLimitPolicy;
        return this;
    }

    /**
     * @return heartbeat period in nanoseconds.
     */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * @param heartbeatIntervalNs send a heartbeat after this long without any other frame.
     * @return this for a fluent API.
     */
    public SimulatorContext heartbeatIntervalNs(final long heartbeatIntervalNs)
    {
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        return this;
    }

    /**
     * @return how ticks are paced.
     */
    public SendMode sendMode()
    {
        return sendMode;
    }

    /**
     * @param sendMode how ticks are paced.
     * @return this for a fluent API.
     */
    public SimulatorContext sendMode(final SendMode sendMode)
    {
        this.sendMode = sendMode;
        return this;
    }

    /**
     * @return ticks per second per connection, all tokens together (PACED and LATENCY).
     */
    public double ticksPerSecond()
    {
        return ticksPerSecond;
    }

    /**
     * @param ticksPerSecond per connection, all tokens together (PACED and LATENCY).
     * @return this for a fluent API.
     */
    public SimulatorContext ticksPerSecond(final double ticksPerSecond)
    {
        this.ticksPerSecond = ticksPerSecond;
        return this;
    }

    /**
     * @return ticks per second per subscribed token (PACED and LATENCY).
     */
    public double ticksPerSecondPerToken()
    {
        return ticksPerSecondPerToken;
    }

    /**
     * @param ticksPerSecondPerToken per subscribed token (PACED and LATENCY).
     * @return this for a fluent API.
     */
    public SimulatorContext ticksPerSecondPerToken(final double ticksPerSecondPerToken)
    {
        this.ticksPerSecondPerToken = ticksPerSecondPerToken;
        return this;
    }

    /**
     * @return most packets per binary message.
     */
    public int maxPacketsPerMessage()
    {
        return maxPacketsPerMessage;
    }

    /**
     * @param maxPacketsPerMessage most packets per binary message, 1 to 350 (a message stays under 64 KiB).
     * @return this for a fluent API.
     */
    public SimulatorContext maxPacketsPerMessage(final int maxPacketsPerMessage)
    {
        this.maxPacketsPerMessage = maxPacketsPerMessage;
        return this;
    }

    /**
     * @return true when each subscribe and mode request is answered with its snapshots before the next request is
     * read.
     */
    public boolean answerEachRequest()
    {
        return answerEachRequest;
    }

    /**
     * Answer each {@code subscribe} and {@code mode} request with its snapshots (one tick per affected token) at
     * once, before the next request is read, as a server that handles requests one by one does: a {@code subscribe}
     * followed by a {@code mode} frame then always yields quote snapshots first, whether or not the two frames
     * arrive in one read. Off (default): the snapshots owed go out with the next produced message, so two requests
     * read together are answered once, in the last mode.
     *
     * @param answerEachRequest true to answer each request at once.
     * @return this for a fluent API.
     */
    public SimulatorContext answerEachRequest(final boolean answerEachRequest)
    {
        this.answerEachRequest = answerEachRequest;
        return this;
    }

    /**
     * @return outbound plaintext buffer per connection, bytes.
     */
    public int sendBufferLength()
    {
        return sendBufferLength;
    }

    /**
     * @param sendBufferLength outbound plaintext buffer per connection, at least 128 KiB.
     * @return this for a fluent API.
     */
    public SimulatorContext sendBufferLength(final int sendBufferLength)
    {
        this.sendBufferLength = sendBufferLength;
        return this;
    }

    /**
     * @return SO_SNDBUF for accepted sockets, 0 for the OS default.
     */
    public int socketSendBufferBytes()
    {
        return socketSendBufferBytes;
    }

    /**
     * @param socketSendBufferBytes SO_SNDBUF for accepted sockets, 0 for the OS default.
     * @return this for a fluent API.
     */
    public SimulatorContext socketSendBufferBytes(final int socketSendBufferBytes)
    {
        this.socketSendBufferBytes = socketSendBufferBytes;
        return this;
    }

    /**
     * @return largest WebSocket message accepted from a client.
     */
    public int maxInboundMessageLength()
    {
        return maxInboundMessageLength;
    }

    /**
     * @param maxInboundMessageLength largest WebSocket message accepted from a client; larger ones close with 1009.
     * @return this for a fluent API.
     */
    public SimulatorContext maxInboundMessageLength(final int maxInboundMessageLength)
    {
        this.maxInboundMessageLength = maxInboundMessageLength;
        return this;
    }

    /**
     * @return capacity of the per-connection send-time ring (LATENCY mode).
     */
    public int sendNanosCapacity()
    {
        return sendNanosCapacity;
    }

    /**
     * @param sendNanosCapacity capacity of the per-connection send-time ring, a power of two (LATENCY mode).
     * @return this for a fluent API.
     */
    public SimulatorContext sendNanosCapacity(final int sendNanosCapacity)
    {
        this.sendNanosCapacity = sendNanosCapacity;
        return this;
    }

    /**
     * @return ticks every subscribed token gets in a market-open burst.
     */
    public int burstTicksPerToken()
    {
        return burstTicksPerToken;
    }

    /**
     * Size of a market-open burst ({@link SendMode#PACED} and {@link SendMode#LATENCY}): when one starts (on demand
     * with {@link KiteSimulator#startBurst()} or {@link SimulatedConnection#startBurst()}, or by itself with
     * {@link #burstAtTokens(int)}) every token subscribed on the connection ticks this many times, round-robin, in
     * messages of {@link #maxPacketsPerMessage()} packets written as fast as the socket takes them; then the
     * connection goes back to its paced cadence. In LATENCY mode each burst packet's send time and token are kept
     * by ordinal as for paced packets.
     *
     * @param burstTicksPerToken ticks per token in a burst, at least 1.
     * @return this for a fluent API.
     */
    public SimulatorContext burstTicksPerToken(final int burstTicksPerToken)
    {
        this.burstTicksPerToken = burstTicksPerToken;
        return this;
    }

    /**
     * @return tokens a connection must hold for its automatic burst, 0 for bursts on demand only.
     */
    public int burstAtTokens()
    {
        return burstAtTokens;
    }

    /**
     * Start one burst by itself on every connection, {@link #burstDelayNs()} after the connection first holds this
     * many subscribed tokens (the delay lets a client's mode request, sent right after its subscribe, apply first);
     * once per connection.
     *
     * @param burstAtTokens tokens to wait for, 0 (default) for bursts on demand only.
     * @return this for a fluent API.
     */
    public SimulatorContext burstAtTokens(final int burstAtTokens)
    {
        this.burstAtTokens = burstAtTokens;
        return this;
    }

    /**
     * @return delay of the automatic burst after {@link #burstAtTokens()} tokens are held, nanoseconds.
     */
    public long burstDelayNs()
    {
        return burstDelayNs;
    }

    /**
     * @param burstDelayNs delay of the automatic burst after {@link #burstAtTokens()} tokens are held.
     * @return this for a fluent API.
     */
    public SimulatorContext burstDelayNs(final long burstDelayNs)
    {
        this.burstDelayNs = burstDelayNs;
        return this;
    }

    /**
     * @return time to wait for the peer's close frame, nanoseconds.
     */
    public long closeTimeoutNs()
    {
        return closeTimeoutNs;
    }

    /**
     * @param closeTimeoutNs time to wait for the peer's close frame before closing the socket.
     * @return this for a fluent API.
     */
    public SimulatorContext closeTimeoutNs(final long closeTimeoutNs)
    {
        this.closeTimeoutNs = closeTimeoutNs;
        return this;
    }

    /**
     * @return time allowed for TLS and the upgrade, nanoseconds.
     */
    public long handshakeTimeoutNs()
    {
        return handshakeTimeoutNs;
    }

    /**
     * @param handshakeTimeoutNs time allowed for TLS and the upgrade after accept.
     * @return this for a fluent API.
     */
    public SimulatorContext handshakeTimeoutNs(final long handshakeTimeoutNs)
    {
        this.handshakeTimeoutNs = handshakeTimeoutNs;
        return this;
    }

    /**
     * @return seed of the market model.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param seed of the market model: the same seed gives the same ticks.
     * @return this for a fluent API.
     */
    public SimulatorContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * @return the instrument universe ({@link Universe#standard()} once concluded, unless set).
     */
    public Universe universe()
    {
        return universe;
    }

    /**
     * @param universe of instruments.
     * @return this for a fluent API.
     */
    public SimulatorContext universe(final Universe universe)
    {
        this.universe = universe;
        return this;
    }

    /**
     * @return clock of exchange timestamps (epoch milliseconds).
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * @param epochClock clock of exchange timestamps; a fixed clock makes ticks reproducible.
     * @return this for a fluent API.
     */
    public SimulatorContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    /**
     * @return clock of pacing, heartbeats, timeouts and send times.
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * @param nanoClock clock of pacing, heartbeats, timeouts and send times.
     * @return this for a fluent API.
     */
    public SimulatorContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * @return supplier of the agent thread's idle strategy (backoff up to 1 ms park by default).
     */
    public Supplier<IdleStrategy> idleStrategySupplier()
    {
        return idleStrategySupplier;
    }

    /**
     * @param idleStrategySupplier supplier of the agent thread's idle strategy.
     * @return this for a fluent API.
     */
    public SimulatorContext idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
    {
        this.idleStrategySupplier = idleStrategySupplier;
        return this;
    }

    /**
     * @return directory for the exported certificate files, or null for a new temporary directory.
     */
    public Path certificateDirectory()
    {
        return certificateDirectory;
    }

    /**
     * @param certificateDirectory directory for the exported certificate files (kept after close), or null for a
     *                             temporary directory deleted at close.
     * @return this for a fluent API.
     */
    public SimulatorContext certificateDirectory(final Path certificateDirectory)
    {
        this.certificateDirectory = certificateDirectory;
        return this;
    }

    /**
     * @return password of the exported PKCS12 trust store.
     */
    public String trustStorePassword()
    {
        return trustStorePassword;
    }

    /**
     * @param trustStorePassword password of the exported PKCS12 trust store.
     * @return this for a fluent API.
     */
    public SimulatorContext trustStorePassword(final String trustStorePassword)
    {
        this.trustStorePassword = trustStorePassword;
        return this;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("invalid simulator setting: " + what);
        }
    }
}
