package io.kiteticker.engine.connection;

import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.transport.TlsProvider;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Settings of one {@link ConnectionAgent}: fluent no-prefix pairs, then {@link #conclude()} validates them and fills
 * the defaults, after which the context must not be changed.
 * <p>
 * Time limits and their defaults:
 * <ul>
 *     <li>{@link #connectTimeoutNs()}: TCP connect, TLS handshake and WebSocket upgrade together must complete within
 *     it ({@value #CONNECT_TIMEOUT_MS_DEFAULT} ms; the Go SDK uses 7 s for its handshake).</li>
 *     <li>{@link #livenessTimeoutNs()}: a LIVE connection that receives nothing at all (not even the server's
 *     1-byte heartbeat or a pong) for this long is declared dead and reconnected. The default,
 *     {@value #LIVENESS_TIMEOUT_MS_DEFAULT} ms, is two of Kite's 1 s heartbeat periods: a healthy connection hears
 *     the server at least once a second (a tick, the heartbeat, or the pong of our ping), so 2 s of silence means a
 *     half-open or stalled socket (the Go SDK waits 5 s, the Rust crate 30-40 s). Time spent back-pressured by a
 *     full ring does not count as silence.</li>
 *     <li>{@link #pingIntervalNs()}: while LIVE the agent sends a WebSocket ping this often
 *     ({@value #PING_INTERVAL_MS_DEFAULT} ms, below the liveness timeout), so a quiet server that sends no heartbeat
 *     but answers pings stays live, and a missing pong counts as silence; 0 disables pings. Keep it below
 *     {@link #livenessTimeoutNs()} (the manager uses at most half of it).</li>
 *     <li>Reconnect back-off: attempt {@code n} (from 1) waits {@code min(base * 2^(n-1), max)} reduced by up to
 *     {@link #reconnectJitter()} of itself at random; {@link #reconnectMaxAttempts()} consecutive failed attempts
 *     (-1 = forever) close the connection for good.</li>
 * </ul>
 * <b>Credentials.</b> A 403 on the upgrade means the api key or access token was rejected. By default it is
 * <em>not</em> retried: the agent moves to {@link ConnectionState#CREDENTIALS_REJECTED} and stays there, because
 * retrying a bad token only hammers the server (the Go SDK retries it forever). With
 * {@link #retryOnCredentialsRejected(boolean)} it retries, always at the maximum back-off. A 403 on a reconnect of a
 * connection that was LIVE before in this run is not taken at its word at once (Kite returns 403 transiently): the
 * connection retries with the normal back-off for {@link #credentialsRejectedGraceNs()} from the first 403 since it
 * was last LIVE, and only a 403 after that grace moves it to CREDENTIALS_REJECTED; before its first LIVE session (at
 * start) a 403 is final at once.
 * <p>
 * <b>Note:</b> the api key and the access token never appear in {@link #toString()}, labels, thread names, log lines
 * or exception messages; only {@link #apiKeyId()}, a label chosen by the user, does.
 * <p>
 * <b>Why this file is long.</b> It is one fluent setter and one getter, each with its Javadoc, for each of about 35
 * settings (some 24 lines a pair), plus {@link #conclude()}; the validation and the defaults are the only logic and
 * they are short. Splitting it would spread the settings of one connection over several classes for no gain in
 * reading, as Aeron keeps its {@code MediaDriver.Context} in one place.
 */
public final class ConnectionContext implements Cloneable
{
    /**
     * Affinity value: do not pin the agent's thread.
     */
    public static final int AFFINITY_NONE = -1;

    /**
     * Affinity value: pin to any free CPU (OpenHFT {@code AffinityLock.acquireLock()}), unpinned if none is free.
     */
    public static final int AFFINITY_ANY = -2;

    /**
     * Default for {@link #connectTimeoutNs()}, in milliseconds.
     */
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000;

    /**
     * Default for {@link #livenessTimeoutNs()}, in milliseconds: two periods of Kite's 1 s heartbeat.
     */
    public static final long LIVENESS_TIMEOUT_MS_DEFAULT = 2_000;

    /**
     * Default for {@link #pingIntervalNs()}, in milliseconds: half the default liveness timeout, so one lost pong
     * alone does not end a connection and two do.
     */
    public static final long PING_INTERVAL_MS_DEFAULT = 1_000;

    /**
     * Default for {@link #reconnectBackoffBaseNs()}, in milliseconds.
     */
    public static final long RECONNECT_BACKOFF_BASE_MS_DEFAULT = 500;

    /**
     * Default for {@link #reconnectBackoffMaxNs()}, in milliseconds (as the Go SDK's 60 s).
     */
    public static final long RECONNECT_BACKOFF_MAX_MS_DEFAULT = 60_000;

    /**
     * Default for {@link #reconnectJitter()}.
     */
    public static final double RECONNECT_JITTER_DEFAULT = 0.2;

    /**
     * Default for {@link #reconnectMaxAttempts()}: retry forever.
     */
    public static final int RECONNECT_MAX_ATTEMPTS_DEFAULT = -1;

    /**
     * Default for {@link #closeTimeoutNs()}, in milliseconds.
     */
    public static final long CLOSE_TIMEOUT_MS_DEFAULT = 1_000;

    /**
     * Default for {@link #credentialsRejectedGraceNs()}, in milliseconds.
     */
    public static final long CREDENTIALS_REJECTED_GRACE_MS_DEFAULT = 10_000;

    /**
     * Default for {@link #maxMessageLength()}: 1 MiB, above a 3000-token full-mode message (about 560 KB).
     */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = WebSocketFrameDecoder.MAX_MESSAGE_LENGTH_DEFAULT;

    /**
     * Smallest {@link #maxMessageLength()} accepted.
     */
    public static final int MAX_MESSAGE_LENGTH_MIN = 1024;

    /**
     * Default for {@link #sendBufferLength()}.
     */
    public static final int SEND_BUFFER_LENGTH_DEFAULT = 256 * 1024;

    /**
     * Smallest {@link #sendBufferLength()} accepted: room for the upgrade request and a full 3000-token request.
     */
    public static final int SEND_BUFFER_LENGTH_MIN = 64 * 1024;

    /**
     * Default for {@link #commandQueueCapacity()}.
     */
    public static final int COMMAND_QUEUE_CAPACITY_DEFAULT = 1024;

    /**
     * Smallest {@link #commandQueueCapacity()} accepted.
     */
    public static final int COMMAND_QUEUE_CAPACITY_MIN = 2;

    /**
     * Default for {@link #commandDrainLimit()}.
     */
    public static final int COMMAND_DRAIN_LIMIT_DEFAULT = 16;

    /**
     * Default error handler: prints the stack trace to standard error. Give every connection a real one (for example
     * {@code EngineStatus.errorHandler()}).
     */
    public static final ErrorHandler DEFAULT_ERROR_HANDLER = (throwable) -> throwable.printStackTrace(System.err);

    private boolean isConcluded;
    private int apiKeyIndex = -1;
    private int connectionIndex = -1;
    private String apiKeyId;
    private String apiKey;
    private String accessToken;
    private URI uri;
    private SSLContext sslContext;
    private boolean tlsEndpointIdentification = true;
    private Executor tlsTaskExecutor;
    private long connectTimeoutNs = TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS_DEFAULT);
    private long livenessTimeoutNs = TimeUnit.MILLISECONDS.toNanos(LIVENESS_TIMEOUT_MS_DEFAULT);
    private long pingIntervalNs = TimeUnit.MILLISECONDS.toNanos(PING_INTERVAL_MS_DEFAULT);
    private long reconnectBackoffBaseNs = TimeUnit.MILLISECONDS.toNanos(RECONNECT_BACKOFF_BASE_MS_DEFAULT);
    private long reconnectBackoffMaxNs = TimeUnit.MILLISECONDS.toNanos(RECONNECT_BACKOFF_MAX_MS_DEFAULT);
    private double reconnectJitter = RECONNECT_JITTER_DEFAULT;
    private int reconnectMaxAttempts = RECONNECT_MAX_ATTEMPTS_DEFAULT;
    private boolean retryOnCredentialsRejected = false;
    private long credentialsRejectedGraceNs = TimeUnit.MILLISECONDS.toNanos(CREDENTIALS_REJECTED_GRACE_MS_DEFAULT);
    private long closeTimeoutNs = TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS_DEFAULT);
    private int maxMessageLength = MAX_MESSAGE_LENGTH_DEFAULT;
    private int sendBufferLength = SEND_BUFFER_LENGTH_DEFAULT;
    private int socketReceiveBufferLength = 0;
    private int socketSendBufferLength = 0;
    private boolean tcpNoDelay = true;
    private int commandQueueCapacity = COMMAND_QUEUE_CAPACITY_DEFAULT;
    private int commandDrainLimit = COMMAND_DRAIN_LIMIT_DEFAULT;
    private RingBuffer<TickEvent> tickRing;
    private RingBuffer<TextEvent> textRing;
    private NanoClock nanoClock;
    private EpochClock epochClock;
    private ErrorHandler errorHandler;
    private ConnectionCounters counters;
    private ConnectionListener listener;
    private int cpuAffinity = AFFINITY_NONE;
    private long randomSeed = System.nanoTime();

    /**
     * Validate the settings and fill the defaults. Idempotent.
     *
     * @return this for a fluent API.
     * @throws IllegalArgumentException or {@link NullPointerException} naming the bad setting (never its secret
     *                                  value).
     */
    public ConnectionContext conclude()
    {
        if (isConcluded)
        {
            return this;
        }

        if (apiKeyIndex < 0)
        {
            throw new IllegalArgumentException("apiKeyIndex must be set and >= 0: " + apiKeyIndex);
        }
        if (connectionIndex < 0)
        {
            throw new IllegalArgumentException("connectionIndex must be set and >= 0: " + connectionIndex);
        }
        if (null == apiKeyId || apiKeyId.isEmpty())
        {
            throw new IllegalArgumentException("apiKeyId must be set");
        }
        if (null == apiKey || apiKey.isEmpty())
        {
            throw new IllegalArgumentException("apiKey must be set for key id " + apiKeyId);
        }
        if (null == accessToken || accessToken.isEmpty())
        {
            throw new IllegalArgumentException("accessToken must be set for key id " + apiKeyId);
        }
        Objects.requireNonNull(uri, "uri");
        final String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme))
        {
            throw new IllegalArgumentException("uri scheme must be ws or wss: " + scheme);
        }
        if (null == uri.getHost())
        {
            throw new IllegalArgumentException("uri has no host");
        }
        if (isTls() && null == sslContext)
        {
            try
            {
                sslContext = TlsProvider.defaultProvider().defaultSslContext();
            }
            catch (final NoSuchAlgorithmException ex)
            {
                throw new IllegalStateException("no default SSLContext", ex);
            }
        }
        requirePositive(connectTimeoutNs, "connectTimeoutNs");
        requirePositive(livenessTimeoutNs, "livenessTimeoutNs");
        requireAtLeast(pingIntervalNs, 0, "pingIntervalNs");
        requirePositive(reconnectBackoffBaseNs, "reconnectBackoffBaseNs");
        requirePositive(closeTimeoutNs, "closeTimeoutNs");
        requireAtLeast(credentialsRejectedGraceNs, 0, "credentialsRejectedGraceNs");
        if (reconnectBackoffMaxNs < reconnectBackoffBaseNs)
        {
            throw new IllegalArgumentException("reconnectBackoffMaxNs < reconnectBackoffBaseNs");
        }
        if (!(reconnectJitter >= 0.0 && reconnectJitter <= 1.0))
        {
            throw new IllegalArgumentException("reconnectJitter must be in [0, 1]: " + reconnectJitter);
        }
        if (reconnectMaxAttempts < -1 || 0 == reconnectMaxAttempts)
        {
            throw new IllegalArgumentException("reconnectMaxAttempts must be -1 or > 0: " + reconnectMaxAttempts);
        }
        requireAtLeast(maxMessageLength, MAX_MESSAGE_LENGTH_MIN, "maxMessageLength");
        requireAtLeast(sendBufferLength, SEND_BUFFER_LENGTH_MIN, "sendBufferLength");
        requireAtLeast(commandQueueCapacity, COMMAND_QUEUE_CAPACITY_MIN, "commandQueueCapacity");
        requireAtLeast(commandDrainLimit, 1, "commandDrainLimit");
        Objects.requireNonNull(tickRing, "tickRing");
        if (cpuAffinity < AFFINITY_ANY)
        {
            throw new IllegalArgumentException("cpuAffinity must be AFFINITY_NONE, AFFINITY_ANY or >= 0");
        }

        if (null == nanoClock)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        if (null == epochClock)
        {
            epochClock = SystemEpochClock.INSTANCE;
        }
        if (null == errorHandler)
        {
            errorHandler = DEFAULT_ERROR_HANDLER;
        }
        if (null == listener)
        {
            listener = ConnectionListener.NO_OP;
        }
        if (null == counters)
        {
            counters = ConnectionCounters.standalone(apiKeyIndex, connectionIndex, apiKeyId);
        }

        isConcluded = true;
        return this;
    }

    private static void requirePositive(final long value, final String name)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
    }

    private static void requireAtLeast(final long value, final long min, final String name)
    {
        if (value < min)
        {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    private void checkNotConcluded()
    {
        if (isConcluded)
        {
            throw new IllegalStateException("context already concluded");
        }
    }

    /**
     * Has {@link #conclude()} been called.
     *
     * @return true once concluded.
     */
    public boolean isConcluded()
    {
        return isConcluded;
    }

    /**
     * A copy that is not yet concluded, sharing rings, clocks, handlers and the SSL context, for building the next
     * connection of the same key. Counters are not copied.
     *
     * @return an unconcluded copy.
     */
    public ConnectionContext copy()
    {
        try
        {
            final ConnectionContext copy = (ConnectionContext)super.clone();
            copy.isConcluded = false;
            copy.counters = null;
            return copy;
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Is the URI {@code wss://}.
     *
     * @return true when TLS is used.
     */
    public boolean isTls()
    {
        return null != uri && "wss".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * Port to connect to: the URI's, or 443 for wss and 80 for ws.
     *
     * @return the port.
     */
    public int port()
    {
        final int port = uri.getPort();
        return port > 0 ? port : (isTls() ? 443 : 80);
    }

    /**
     * Index of the API key this connection belongs to.
     *
     * @param apiKeyIndex from 0.
     * @return this for a fluent API.
     */
    public ConnectionContext apiKeyIndex(final int apiKeyIndex)
    {
        checkNotConcluded();
        this.apiKeyIndex = apiKeyIndex;
        return this;
    }

    /**
     * Index of the API key this connection belongs to.
     *
     * @return the API key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Index of this connection within its key.
     *
     * @param connectionIndex from 0.
     * @return this for a fluent API.
     */
    public ConnectionContext connectionIndex(final int connectionIndex)
    {
        checkNotConcluded();
        this.connectionIndex = connectionIndex;
        return this;
    }

    /**
     * Index of this connection within its key.
     *
     * @return the connection index.
     */
    public int connectionIndex()
    {
        return connectionIndex;
    }

    /**
     * User label of the API key (for example "account1"); the only key identification that appears in messages.
     *
     * @param apiKeyId label.
     * @return this for a fluent API.
     */
    public ConnectionContext apiKeyId(final String apiKeyId)
    {
        checkNotConcluded();
        this.apiKeyId = apiKeyId;
        return this;
    }

    /**
     * User label of the API key.
     *
     * @return the key id label.
     */
    public String apiKeyId()
    {
        return apiKeyId;
    }

    /**
     * The Kite api key sent in the upgrade request. Never logged.
     *
     * @param apiKey the api key.
     * @return this for a fluent API.
     */
    public ConnectionContext apiKey(final String apiKey)
    {
        checkNotConcluded();
        this.apiKey = apiKey;
        return this;
    }

    /**
     * The Kite api key.
     *
     * @return the api key.
     */
    public String apiKey()
    {
        return apiKey;
    }

    /**
     * The access token sent in the upgrade request. Never logged, printed or put in an exception.
     *
     * @param accessToken the access token.
     * @return this for a fluent API.
     */
    public ConnectionContext accessToken(final String accessToken)
    {
        checkNotConcluded();
        this.accessToken = accessToken;
        return this;
    }

    /**
     * The access token.
     *
     * @return the access token.
     */
    public String accessToken()
    {
        return accessToken;
    }

    /**
     * Endpoint, {@code ws://host:port[/path]} or {@code wss://…}, without the credentials (the agent adds
     * {@code api_key} and {@code access_token}).
     *
     * @param uri of the ticker endpoint, e.g. {@code wss://ws.kite.trade}.
     * @return this for a fluent API.
     */
    public ConnectionContext uri(final URI uri)
    {
        checkNotConcluded();
        this.uri = uri;
        return this;
    }

    /**
     * Endpoint.
     *
     * @return the URI.
     */
    public URI uri()
    {
        return uri;
    }

    /**
     * TLS context for {@code wss://}; {@code null} means {@link TlsProvider#defaultProvider()}'s default context
     * (Conscrypt when its native library loads, else {@code SSLContext.getDefault()}; the JDK's trust store either
     * way). To trust other certificates on Conscrypt, pass {@link TlsProvider#sslContext}.
     *
     * @param sslContext to create engines from.
     * @return this for a fluent API.
     */
    public ConnectionContext sslContext(final SSLContext sslContext)
    {
        checkNotConcluded();
        this.sslContext = sslContext;
        return this;
    }

    /**
     * TLS context for {@code wss://}.
     *
     * @return the SSL context.
     */
    public SSLContext sslContext()
    {
        return sslContext;
    }

    /**
     * Verify the server certificate's host name (HTTPS endpoint identification). On by default.
     *
     * @param tlsEndpointIdentification true to verify.
     * @return this for a fluent API.
     */
    public ConnectionContext tlsEndpointIdentification(final boolean tlsEndpointIdentification)
    {
        checkNotConcluded();
        this.tlsEndpointIdentification = tlsEndpointIdentification;
        return this;
    }

    /**
     * Verify the server certificate's host name.
     *
     * @return true when verified.
     */
    public boolean tlsEndpointIdentification()
    {
        return tlsEndpointIdentification;
    }

    /**
     * Executor for the SSLEngine's delegated handshake tasks; {@code null} runs them on a shared daemon thread, so
     * certificate work never runs inside a duty cycle.
     *
     * @param tlsTaskExecutor to run delegated tasks.
     * @return this for a fluent API.
     */
    public ConnectionContext tlsTaskExecutor(final Executor tlsTaskExecutor)
    {
        checkNotConcluded();
        this.tlsTaskExecutor = tlsTaskExecutor;
        return this;
    }

    /**
     * Executor for delegated TLS tasks, or {@code null} for the shared default.
     *
     * @return the executor or {@code null}.
     */
    public Executor tlsTaskExecutor()
    {
        return tlsTaskExecutor;
    }

    /**
     * Deadline for TCP connect, TLS handshake and WebSocket upgrade together.
     *
     * @param connectTimeoutNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext connectTimeoutNs(final long connectTimeoutNs)
    {
        checkNotConcluded();
        this.connectTimeoutNs = connectTimeoutNs;
        return this;
    }

    /**
     * Deadline for TCP connect, TLS handshake and WebSocket upgrade together.
     *
     * @return nanoseconds.
     */
    public long connectTimeoutNs()
    {
        return connectTimeoutNs;
    }

    /**
     * Silence after which a LIVE connection is declared dead (default {@value #LIVENESS_TIMEOUT_MS_DEFAULT} ms).
     *
     * @param livenessTimeoutNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext livenessTimeoutNs(final long livenessTimeoutNs)
    {
        checkNotConcluded();
        this.livenessTimeoutNs = livenessTimeoutNs;
        return this;
    }

    /**
     * Silence after which a LIVE connection is declared dead.
     *
     * @return nanoseconds.
     */
    public long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /**
     * Interval of client WebSocket pings while LIVE (default {@value #PING_INTERVAL_MS_DEFAULT} ms); 0 disables them.
     *
     * @param pingIntervalNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext pingIntervalNs(final long pingIntervalNs)
    {
        checkNotConcluded();
        this.pingIntervalNs = pingIntervalNs;
        return this;
    }

    /**
     * Interval of client WebSocket pings while LIVE; 0 when disabled.
     *
     * @return nanoseconds.
     */
    public long pingIntervalNs()
    {
        return pingIntervalNs;
    }

    /**
     * First reconnect delay, doubled per failed attempt.
     *
     * @param reconnectBackoffBaseNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext reconnectBackoffBaseNs(final long reconnectBackoffBaseNs)
    {
        checkNotConcluded();
        this.reconnectBackoffBaseNs = reconnectBackoffBaseNs;
        return this;
    }

    /**
     * First reconnect delay.
     *
     * @return nanoseconds.
     */
    public long reconnectBackoffBaseNs()
    {
        return reconnectBackoffBaseNs;
    }

    /**
     * Cap of the reconnect delay.
     *
     * @param reconnectBackoffMaxNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext reconnectBackoffMaxNs(final long reconnectBackoffMaxNs)
    {
        checkNotConcluded();
        this.reconnectBackoffMaxNs = reconnectBackoffMaxNs;
        return this;
    }

    /**
     * Cap of the reconnect delay.
     *
     * @return nanoseconds.
     */
    public long reconnectBackoffMaxNs()
    {
        return reconnectBackoffMaxNs;
    }

    /**
     * Fraction (0 to 1) of each delay removed at random, so many connections do not reconnect in lock step.
     *
     * @param reconnectJitter fraction.
     * @return this for a fluent API.
     */
    public ConnectionContext reconnectJitter(final double reconnectJitter)
    {
        checkNotConcluded();
        this.reconnectJitter = reconnectJitter;
        return this;
    }

    /**
     * Fraction of each delay removed at random.
     *
     * @return the jitter fraction.
     */
    public double reconnectJitter()
    {
        return reconnectJitter;
    }

    /**
     * Consecutive failed connect attempts after which the connection is closed for good; -1 retries forever.
     *
     * @param reconnectMaxAttempts -1 or &gt; 0.
     * @return this for a fluent API.
     */
    public ConnectionContext reconnectMaxAttempts(final int reconnectMaxAttempts)
    {
        checkNotConcluded();
        this.reconnectMaxAttempts = reconnectMaxAttempts;
        return this;
    }

    /**
     * Consecutive failed connect attempts allowed; -1 for forever.
     *
     * @return the attempt limit.
     */
    public int reconnectMaxAttempts()
    {
        return reconnectMaxAttempts;
    }

    /**
     * Retry after a 403 (at the maximum back-off) instead of stopping in CREDENTIALS_REJECTED. Off by default.
     *
     * @param retryOnCredentialsRejected true to retry.
     * @return this for a fluent API.
     */
    public ConnectionContext retryOnCredentialsRejected(final boolean retryOnCredentialsRejected)
    {
        checkNotConcluded();
        this.retryOnCredentialsRejected = retryOnCredentialsRejected;
        return this;
    }

    /**
     * Retry after a 403.
     *
     * @return true when rejected credentials are retried.
     */
    public boolean retryOnCredentialsRejected()
    {
        return retryOnCredentialsRejected;
    }

    /**
     * How long a connection that was LIVE before in this run keeps retrying, with the normal back-off, while its
     * reconnects are refused with 403, counted from the first such refusal since it was last LIVE; a 403 after
     * that moves it to CREDENTIALS_REJECTED. 0 takes every 403 as final at once. A 403 before the first LIVE session
     * is always final at once. Default {@link #CREDENTIALS_REJECTED_GRACE_MS_DEFAULT}.
     *
     * @param credentialsRejectedGraceNs in nanoseconds, &gt;= 0.
     * @return this for a fluent API.
     */
    public ConnectionContext credentialsRejectedGraceNs(final long credentialsRejectedGraceNs)
    {
        checkNotConcluded();
        this.credentialsRejectedGraceNs = credentialsRejectedGraceNs;
        return this;
    }

    /**
     * How long mid-run 403s are retried before the credentials are declared rejected.
     *
     * @return the grace in nanoseconds, 0 for none.
     */
    public long credentialsRejectedGraceNs()
    {
        return credentialsRejectedGraceNs;
    }

    /**
     * How long a clean close waits for the server's close frame before closing the socket.
     *
     * @param closeTimeoutNs in nanoseconds.
     * @return this for a fluent API.
     */
    public ConnectionContext closeTimeoutNs(final long closeTimeoutNs)
    {
        checkNotConcluded();
        this.closeTimeoutNs = closeTimeoutNs;
        return this;
    }

    /**
     * How long a clean close waits for the server's close frame.
     *
     * @return nanoseconds.
     */
    public long closeTimeoutNs()
    {
        return closeTimeoutNs;
    }

    /**
     * Largest WebSocket message accepted; the receive buffer is sized from it (at least 1 MiB).
     *
     * @param maxMessageLength in bytes.
     * @return this for a fluent API.
     */
    public ConnectionContext maxMessageLength(final int maxMessageLength)
    {
        checkNotConcluded();
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * Largest WebSocket message accepted.
     *
     * @return bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Capacity of the outbound (plaintext frame) buffer.
     *
     * @param sendBufferLength in bytes, at least 64 KiB.
     * @return this for a fluent API.
     */
    public ConnectionContext sendBufferLength(final int sendBufferLength)
    {
        checkNotConcluded();
        this.sendBufferLength = sendBufferLength;
        return this;
    }

    /**
     * Capacity of the outbound buffer.
     *
     * @return bytes.
     */
    public int sendBufferLength()
    {
        return sendBufferLength;
    }

    /**
     * SO_RCVBUF for the socket; 0 leaves the OS default.
     *
     * @param socketReceiveBufferLength in bytes.
     * @return this for a fluent API.
     */
    public ConnectionContext socketReceiveBufferLength(final int socketReceiveBufferLength)
    {
        checkNotConcluded();
        this.socketReceiveBufferLength = socketReceiveBufferLength;
        return this;
    }

    /**
     * SO_RCVBUF for the socket; 0 for the OS default.
     *
     * @return bytes.
     */
    public int socketReceiveBufferLength()
    {
        return socketReceiveBufferLength;
    }

    /**
     * SO_SNDBUF for the socket; 0 leaves the OS default.
     *
     * @param socketSendBufferLength in bytes.
     * @return this for a fluent API.
     */
    public ConnectionContext socketSendBufferLength(final int socketSendBufferLength)
    {
        checkNotConcluded();
        this.socketSendBufferLength = socketSendBufferLength;
        return this;
    }

    /**
     * SO_SNDBUF for the socket; 0 for the OS default.
     *
     * @return bytes.
     */
    public int socketSendBufferLength()
    {
        return socketSendBufferLength;
    }

    /**
     * TCP_NODELAY (on by default).
     *
     * @param tcpNoDelay true to disable Nagle.
     * @return this for a fluent API.
     */
    public ConnectionContext tcpNoDelay(final boolean tcpNoDelay)
    {
        checkNotConcluded();
        this.tcpNoDelay = tcpNoDelay;
        return this;
    }

    /**
     * TCP_NODELAY.
     *
     * @return true when Nagle is disabled.
     */
    public boolean tcpNoDelay()
    {
        return tcpNoDelay;
    }

    /**
     * Capacity of the command queue from control threads.
     *
     * @param commandQueueCapacity number of commands.
     * @return this for a fluent API.
     */
    public ConnectionContext commandQueueCapacity(final int commandQueueCapacity)
    {
        checkNotConcluded();
        this.commandQueueCapacity = commandQueueCapacity;
        return this;
    }

    /**
     * Capacity of the command queue.
     *
     * @return number of commands.
     */
    public int commandQueueCapacity()
    {
        return commandQueueCapacity;
    }

    /**
     * Most commands taken from the queue per duty cycle.
     *
     * @param commandDrainLimit number of commands.
     * @return this for a fluent API.
     */
    public ConnectionContext commandDrainLimit(final int commandDrainLimit)
    {
        checkNotConcluded();
        this.commandDrainLimit = commandDrainLimit;
        return this;
    }

    /**
     * Most commands taken per duty cycle.
     *
     * @return number of commands.
     */
    public int commandDrainLimit()
    {
        return commandDrainLimit;
    }

    /**
     * Ring the ticks are published into (single producer if this connection is its only publisher, multi producer
     * when shared).
     *
     * @param tickRing the ring.
     * @return this for a fluent API.
     */
    public ConnectionContext tickRing(final RingBuffer<TickEvent> tickRing)
    {
        checkNotConcluded();
        this.tickRing = tickRing;
        return this;
    }

    /**
     * Ring the ticks are published into.
     *
     * @return the ring.
     */
    public RingBuffer<TickEvent> tickRing()
    {
        return tickRing;
    }

    /**
     * Ring text messages are published into; {@code null} counts and skips text messages.
     *
     * @param textRing the ring or {@code null}.
     * @return this for a fluent API.
     */
    public ConnectionContext textRing(final RingBuffer<TextEvent> textRing)
    {
        checkNotConcluded();
        this.textRing = textRing;
        return this;
    }

    /**
     * Ring text messages are published into, or {@code null}.
     *
     * @return the ring or {@code null}.
     */
    public RingBuffer<TextEvent> textRing()
    {
        return textRing;
    }

    /**
     * Clock for deadlines and receive timestamps (inject an adjustable one in tests).
     *
     * @param nanoClock the clock.
     * @return this for a fluent API.
     */
    public ConnectionContext nanoClock(final NanoClock nanoClock)
    {
        checkNotConcluded();
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * Clock for deadlines and receive timestamps.
     *
     * @return the clock.
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * Wall clock.
     *
     * @param epochClock the clock.
     * @return this for a fluent API.
     */
    public ConnectionContext epochClock(final EpochClock epochClock)
    {
        checkNotConcluded();
        this.epochClock = epochClock;
        return this;
    }

    /**
     * Wall clock.
     *
     * @return the clock.
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * Receives every unexpected error and every malformed-input report (it must not throw).
     *
     * @param errorHandler the handler.
     * @return this for a fluent API.
     */
    public ConnectionContext errorHandler(final ErrorHandler errorHandler)
    {
        checkNotConcluded();
        this.errorHandler = errorHandler;
        return this;
    }

    /**
     * Receives unexpected errors and malformed-input reports.
     *
     * @return the handler.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * The connection's counters; {@code null} allocates private in-memory ones in {@link #conclude()}.
     *
     * @param counters the counters.
     * @return this for a fluent API.
     */
    public ConnectionContext counters(final ConnectionCounters counters)
    {
        checkNotConcluded();
        this.counters = counters;
        return this;
    }

    /**
     * The connection's counters.
     *
     * @return the counters.
     */
    public ConnectionCounters counters()
    {
        return counters;
    }

    /**
     * Listener for state changes (called on the agent thread; must not block).
     *
     * @param listener the listener.
     * @return this for a fluent API.
     */
    public ConnectionContext listener(final ConnectionListener listener)
    {
        checkNotConcluded();
        this.listener = listener;
        return this;
    }

    /**
     * Listener for state changes.
     *
     * @return the listener.
     */
    public ConnectionListener listener()
    {
        return listener;
    }

    /**
     * CPU to pin the agent's thread to in DEDICATED mode: {@link #AFFINITY_NONE} (default), {@link #AFFINITY_ANY}
     * or a CPU id. Pinning degrades to running unpinned when no CPU can be reserved.
     *
     * @param cpuAffinity the affinity choice.
     * @return this for a fluent API.
     */
    public ConnectionContext cpuAffinity(final int cpuAffinity)
    {
        checkNotConcluded();
        this.cpuAffinity = cpuAffinity;
        return this;
    }

    /**
     * CPU affinity choice.
     *
     * @return {@link #AFFINITY_NONE}, {@link #AFFINITY_ANY} or a CPU id.
     */
    public int cpuAffinity()
    {
        return cpuAffinity;
    }

    /**
     * Seed for reconnect jitter.
     *
     * @param randomSeed the seed.
     * @return this for a fluent API.
     */
    public ConnectionContext randomSeed(final long randomSeed)
    {
        checkNotConcluded();
        this.randomSeed = randomSeed;
        return this;
    }

    /**
     * Seed for reconnect jitter.
     *
     * @return the seed.
     */
    public long randomSeed()
    {
        return randomSeed;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ConnectionContext{" +
            "kite-" + apiKeyIndex + '-' + connectionIndex +
            ", apiKeyId=" + apiKeyId +
            ", endpoint=" + (null == uri ? "null" : uri.getScheme() + "://" + uri.getHost() + ':' + uri.getPort() +
            (null == uri.getRawPath() ? "" : uri.getRawPath())) +
            ", connectTimeoutNs=" + connectTimeoutNs +
            ", livenessTimeoutNs=" + livenessTimeoutNs +
            ", pingIntervalNs=" + pingIntervalNs +
            ", reconnectBackoffBaseNs=" + reconnectBackoffBaseNs +
            ", reconnectBackoffMaxNs=" + reconnectBackoffMaxNs +
            ", reconnectMaxAttempts=" + reconnectMaxAttempts +
            ", retryOnCredentialsRejected=" + retryOnCredentialsRejected +
            ", credentialsRejectedGraceNs=" + credentialsRejectedGraceNs +
            ", maxMessageLength=" + maxMessageLength +
            ", cpuAffinity=" + cpuAffinity +
            '}';
    }
}
