package io.kiteticker.engine.connection;

import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.FailureKind;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.transport.Transport;

import java.io.IOException;

/**
 * The steps that open a WebSocket session, each one non-blocking and bounded by one attempt deadline (the connect
 * timeout, from {@link #connect}):
 * <pre>
 *   connect, finishConnect  TCP connect (SocketConnector), Transport.init  -&gt; TLS_STARTED | UPGRADE_QUEUED
 *   pollTlsHandshake        Transport.handshake until complete (wss only)  -&gt; UPGRADE_QUEUED
 *   pollUpgrade             read the upgrade response, decode it           -&gt; UPGRADED | CREDENTIALS_REJECTED
 * </pre>
 * Every step reports by its return code alone ({@link #PENDING}, {@link #PROGRESS}, {@link #TLS_STARTED},
 * {@link #UPGRADE_QUEUED}, {@link #UPGRADED}, {@link #CREDENTIALS_REJECTED} or {@link #FAILED} with
 * {@link #failureReason()} and {@link #failureCause()}); the conductor owns the states and makes each transition,
 * as it does for the {@link ReceiverEndPoint}'s codes. A failed or timed out TLS handshake is counted in
 * TLS_ERRORS here; the conductor counts the failed attempt.
 * <p>
 * The upgrade request is queued in the {@link SenderEndPoint}, not written: the conductor flushes it once it is in
 * WS_UPGRADE. On {@link #UPGRADED} the frames that followed the response header stay buffered in the
 * {@link ReceiverEndPoint}.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; opening a session allocates (control plane), a failure
 * builds its reason string.
 */
final class SessionEstablisher
{
    /**
     * Nothing happened yet and the deadline is not reached: poll the same step again.
     */
    static final int PENDING = 0;

    /**
     * Work was done (part of the upgrade response arrived) but the step is not complete: poll it again.
     */
    static final int PROGRESS = 1;

    /**
     * TCP connected and the transport initialised: the TLS handshake is next ({@link #pollTlsHandshake}).
     */
    static final int TLS_STARTED = 2;

    /**
     * The connection is ready for the upgrade and its request is queued in the sender: flush it, then
     * {@link #pollUpgrade}.
     */
    static final int UPGRADE_QUEUED = 3;

    /**
     * The server accepted the upgrade (101 with the right accept key): the session is LIVE.
     */
    static final int UPGRADED = 4;

    /**
     * The server refused the upgrade with 403: the api key or access token was rejected.
     */
    static final int CREDENTIALS_REJECTED = 5;

    /**
     * The attempt failed or timed out: see {@link #failureReason()} and {@link #failureCause()}.
     */
    static final int FAILED = -1;

    private final ConnectionContext context;
    private final SocketConnector connector;
    private final Transport transport;
    private final SenderEndPoint sender;
    private final ReceiverEndPoint receiver;
    private final ConnectionCounters counters;
    private long attemptDeadlineNs;
    private String failureReason;
    private Throwable failureCause;
    private FailureKind failureKind = FailureKind.NONE;

    /**
     * Create the establisher of a connection.
     *
     * @param context   of the connection, concluded.
     * @param connector opening the socket.
     * @param transport over the socket.
     * @param sender    to queue the upgrade request with.
     * @param receiver  to read and decode the upgrade response with.
     * @param counters  of the connection.
     */
    SessionEstablisher(
        final ConnectionContext context,
        final SocketConnector connector,
        final Transport transport,
        final SenderEndPoint sender,
        final ReceiverEndPoint receiver,
        final ConnectionCounters counters)
    {
        this.context = context;
        this.connector = connector;
        this.transport = transport;
        this.sender = sender;
        this.receiver = receiver;
        this.counters = counters;
    }

    /**
     * Start an attempt: the attempt deadline is set and the TCP connect begun.
     *
     * @param nowNs start of the attempt.
     * @return {@link #PENDING} while connecting ({@link #finishConnect} is next), {@link #TLS_STARTED},
     * {@link #UPGRADE_QUEUED} or {@link #FAILED}.
     */
    int connect(final long nowNs)
    {
        attemptDeadlineNs = nowNs + context.connectTimeoutNs();
        try
        {
            return connector.connect() ? onTcpConnected() : PENDING;
        }
        catch (final IOException ex)
        {
            return fail(FailureKind.CONNECT_FAILED, ex, "connect failed");
        }
    }

    /**
     * Poll the TCP connect in progress.
     *
     * @param nowNs current time.
     * @return {@link #PENDING}, {@link #TLS_STARTED}, {@link #UPGRADE_QUEUED} or {@link #FAILED} (also on timeout).
     */
    int finishConnect(final long nowNs)
    {
        try
        {
            if (connector.finishConnect())
            {
                return onTcpConnected();
            }
        }
        catch (final IOException ex)
        {
            return fail(FailureKind.CONNECT_FAILED, ex, "connect failed");
        }

        return isTimedOut(nowNs) ? fail(FailureKind.CONNECT_TIMED_OUT, null, "connect timed out") : PENDING;
    }

    /**
     * Poll the TLS handshake.
     *
     * @param nowNs current time.
     * @return {@link #PENDING}, {@link #UPGRADE_QUEUED} or {@link #FAILED} (also on timeout; TLS_ERRORS counted).
     */
    int pollTlsHandshake(final long nowNs)
    {
        try
        {
            if (Transport.HANDSHAKE_COMPLETE == transport.handshake())
            {
                return queueUpgrade();
            }
        }
        catch (final IOException ex)
        {
            counters.increment(KiteCounterDescriptor.TLS_ERRORS);
            return fail(FailureKind.TLS_FAILED, ex, "TLS handshake failed");
        }

        if (isTimedOut(nowNs))
        {
            counters.increment(KiteCounterDescriptor.TLS_ERRORS);
            return fail(FailureKind.TLS_FAILED, null, "TLS handshake timed out");
        }

        return PENDING;
    }

    /**
     * Read once and decode the upgrade response received so far.
     *
     * @param nowNs current time.
     * @return {@link #PENDING}, {@link #PROGRESS}, {@link #UPGRADED}, {@link #CREDENTIALS_REJECTED} or
     * {@link #FAILED} (also on timeout, end of stream or a refusal other than 403).
     */
    int pollUpgrade(final long nowNs)
    {
        final int bytes;
        try
        {
            bytes = receiver.read();
        }
        catch (final IOException ex)
        {
            return fail(FailureKind.UPGRADE_FAILED, ex, "WebSocket upgrade failed");
        }

        if (bytes < 0)
        {
            return fail(
                FailureKind.UPGRADE_FAILED, null, "end of stream during WebSocket upgrade");
        }

        int step = PENDING;
        if (bytes > 0)
        {
            final int result = receiver.decodeUpgradeResponse();
            switch (result)
            {
                case HandshakeResponseDecoder.NEED_MORE_DATA:
                    step = PROGRESS;
                    break;

                case HandshakeResponseDecoder.OK:
                    return UPGRADED;

                case HandshakeResponseDecoder.CREDENTIALS_REJECTED:
                    return CREDENTIALS_REJECTED;

                default:
                    return fail(FailureKind.UPGRADE_REFUSED, null, "WebSocket upgrade refused: " +
                        HandshakeResponseDecoder.codeName(result) + " (HTTP " + receiver.upgradeStatusCode() + ")");
            }
        }

        return isTimedOut(nowNs) ? fail(FailureKind.UPGRADE_FAILED, null, "WebSocket upgrade timed out") : step;
    }

    /**
     * What went wrong in the step that returned {@link #FAILED}.
     *
     * @return the reason, naming nothing secret.
     */
    String failureReason()
    {
        return failureReason;
    }

    /**
     * The kind of failure of the step that returned {@link #FAILED}.
     *
     * @return the kind.
     */
    FailureKind failureKind()
    {
        return failureKind;
    }

    /**
     * HTTP status of the last upgrade response parsed (a refusal's status after {@link #FAILED} with
     * {@link FailureKind#UPGRADE_REFUSED} or after {@link #CREDENTIALS_REJECTED}).
     *
     * @return the status code.
     */
    int upgradeStatusCode()
    {
        return receiver.upgradeStatusCode();
    }

    /**
     * The exception behind the step that returned {@link #FAILED}.
     *
     * @return the cause, or {@code null} for a timeout or a refusal.
     */
    Throwable failureCause()
    {
        return failureCause;
    }

    private int onTcpConnected() throws IOException
    {
        connector.onConnected();
        transport.init(connector.channel());
        return context.isTls() ? TLS_STARTED : queueUpgrade();
    }

    private int queueUpgrade()
    {
        if (!sender.sendUpgrade())
        {
            throw new IllegalStateException("upgrade request does not fit the send buffer");
        }
        receiver.expectUpgradeResponse(sender.upgradeKey());
        return UPGRADE_QUEUED;
    }

    private boolean isTimedOut(final long nowNs)
    {
        return attemptDeadlineNs - nowNs <= 0;
    }

    private int fail(final FailureKind kind, final Throwable cause, final String reason)
    {
        failureKind = kind;
        failureCause = cause;
        failureReason = reason;
        return FAILED;
    }
}
