package io.kiteticker.engine.connection;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickPublisher;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.FailureKind;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.transport.PlainTransport;
import io.kiteticker.transport.TlsTransport;
import io.kiteticker.transport.Transport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * One Kite ticker WebSocket connection as an Agrona {@link Agent}: the conductor of a non-blocking state machine
 * that connects, upgrades, subscribes and then lets its {@link ReceiverEndPoint} decode every tick straight into the
 * Disruptor ring, as Aeron's and Artio's conductors drive their end points.
 * <p>
 * The rooms:
 * <ul>
 *     <li>this class: the state machine ({@link ConnectionState}) and every transition, liveness, the ping and close
 *     deadlines, and error reporting;</li>
 *     <li>{@link SessionEstablisher}: the steps that open a session (TCP connect through {@link SocketConnector},
 *     TLS handshake, WebSocket upgrade), reporting by return code;</li>
 *     <li>{@link ReceiverEndPoint}: socket → transport → receive buffer → {@link WebSocketFrameDecoder} →
 *     {@link KiteMessageDecoder} → {@link TickPublisher} → ring slot, reporting by return code, and pings and the
 *     server's close through a {@link ControlFrameHandler};</li>
 *     <li>{@link SenderEndPoint}: the upgrade request, subscription requests and control frames in one send buffer,
 *     flushed with back-pressure;</li>
 *     <li>{@link CommandProcessor}: the commands of the {@link ConnectionProxy} applied to {@link TokenModes} (what
 *     is subscribed, in which mode) and sent when LIVE, and the {@link ResubscribePlan} (what to send after a
 *     reconnect);</li>
 *     <li>{@link ReconnectSchedule}: the back-off and attempt limit after a failure;</li>
 *     <li>{@link ConnectionCounters}: one flyweight over the counters buffer.</li>
 * </ul>
 * Each {@link #doWork()}:
 * <ol>
 *     <li>reads the nano clock once;</li>
 *     <li>drains at most {@code commandDrainLimit} commands from the {@link ConnectionProxy} queue (the token to
 *     mode map is updated at once; frames are sent when LIVE);</li>
 *     <li>advances the state: a non-blocking connect ({@code finishConnect}), the TLS handshake, the WebSocket
 *     upgrade ({@code 403} → {@link ConnectionState#CREDENTIALS_REJECTED}; once the connection was LIVE in this
 *     run, only after {@link ConnectionContext#credentialsRejectedGraceNs() a grace} of retries), or, when LIVE, one
 *     {@link ReceiverEndPoint#poll()}: one read, then every complete frame decoded and every packet published into
 *     the ring ({@code tryNext(n)} → {@link TickEvent#decodeFrom} per packet → {@code publish(lo, hi)} in a
 *     {@code finally});</li>
 *     <li>checks deadlines (connect, liveness, ping, back-off, close) as {@code deadlineNs - nowNs < 0};</li>
 *     <li>flushes outbound frames, keeping partial writes for the next cycle;</li>
 *     <li>returns the work count.</li>
 * </ol>
 * <b>Back-pressure.</b> A full ring never blocks the agent and never drops data: the message stays in the receive
 * buffer (the frame decoder offers it again), RING_FULL is counted, reading stops so TCP pushes back on the server,
 * and the message is retried first on the next cycle. Packets of a message already published before the ring filled
 * are not published twice. Time spent back-pressured does not count as silence.
 * <p>
 * <b>Recovery.</b> Silence past the liveness timeout, a read error, end of stream, a server close or a protocol
 * violation marks the connection down (DISCONNECTS, LIVENESS_TIMEOUTS, MALFORMED_FRAMES), closes the socket and
 * reconnects after an exponential back-off with jitter; once LIVE again every remembered token is resubscribed in
 * its mode, batched: one {@code subscribe} frame for all tokens and one {@code mode} frame per mode (split above
 * {@link #MAX_TOKENS_PER_FRAME} tokens). The code and reason length of the server's last close frame are kept
 * ({@link #lastCloseCode()}).
 * <p>
 * <b>Errors.</b> Nothing escapes {@code doWork}: an unexpected exception is counted (ERRORS), reported to the error
 * handler and the connection is recycled. Expected bad input (malformed frames, messages, packets, text) is counted
 * and reported with a stack-less {@link ConnectionException} naming the connection and api key id only.
 * <p>
 * <b>Why this file is still over 600 lines</b> (about 930: a fifth Javadoc, 130 the public accessors other modules
 * read): the rest is the state machine, each state's transitions and failure paths side by side (connect, TLS,
 * upgrade, LIVE, CLOSING, back-off, credentials rejected), so a reader follows one transition without jumping
 * between classes. The work behind each transition lives in the rooms above.
 * <p>
 * <b>Note:</b> the agent allocates nothing per tick once warm; connect attempts, handshakes and commands from the
 * control plane may allocate. {@link #state()}, {@link #subscribedCount()} and {@link #lastCloseCode()} may be read
 * from any thread.
 */
public final class ConnectionAgent implements Agent
{
    /**
     * Most tokens sent in one subscribe, unsubscribe or mode frame (the per-connection limit of Kite).
     */
    public static final int MAX_TOKENS_PER_FRAME = 3000;

    /**
     * {@link #lastCloseCode()} before the server has sent a close frame.
     */
    public static final int NO_CLOSE_RECEIVED = -1;

    private final ConnectionContext context;
    private final int apiKeyIndex;
    private final int connectionIndex;
    private final String apiKeyId;
    private final String roleName;
    private final NanoClock nanoClock;
    private final ConnectionListener listener;
    private final ConnectionCounters counters;
    private final ConnectionErrors errors;
    private final ConnectionProxy proxy;
    private final Transport transport;
    private final SocketConnector connector;
    private final ReceiverEndPoint receiver;
    private final SenderEndPoint sender;
    private final SessionEstablisher session;
    private final CommandProcessor commands;
    private final ReconnectSchedule reconnectSchedule;
    private final ModeGate modeGate;

    private volatile ConnectionState state = ConnectionState.IDLE;
    private volatile int localPort;
    private volatile long ticksBeforeSession = -1;
    private volatile long modeDropsBeforeSession;
    private volatile int lastCloseCode = NO_CLOSE_RECEIVED;
    private volatile int lastCloseReasonLength;
    private volatile String lastFailure;

    private long nowNs;
    private long lastReceiveNs;
    private long nextPingNs;
    private long closeDeadlineNs;
    private boolean isCloseRequested;
    private boolean isServerCloseReceived;

    /**
     * Create the agent for a connection; nothing happens until its first duty cycle.
     *
     * @param context of the connection; concluded here if it was not already.
     */
    public ConnectionAgent(final ConnectionContext context)
    {
        this.context = context.conclude();
        apiKeyIndex = context.apiKeyIndex();
        connectionIndex = context.connectionIndex();
        apiKeyId = context.apiKeyId();
        roleName = "kite-" + apiKeyIndex + "-" + connectionIndex;
        nanoClock = context.nanoClock();
        listener = context.listener();
        counters = context.counters();
        errors = new ConnectionErrors(context.errorHandler(), counters, roleName + " [" + apiKeyId + "]: ");

        connector = new SocketConnector(context);
        transport = context.isTls() ?
            new TlsTransport(
                context.sslContext(),
                context.uri().getHost(),
                context.port(),
                context.tlsEndpointIdentification(),
                context.tlsTaskExecutor()) :
            new PlainTransport();

        final HandshakeRequestEncoder handshakeEncoder = new HandshakeRequestEncoder()
            .uri(context.uri())
            .apiKey(context.apiKey())
            .accessToken(context.accessToken());
        sender = new SenderEndPoint(
            transport, counters, handshakeEncoder, context.sendBufferLength(), MAX_TOKENS_PER_FRAME);
        modeGate = new ModeGate();
        receiver = new ReceiverEndPoint(context, transport, counters, errors, new ControlFrames(), modeGate);
        session = new SessionEstablisher(context, connector, transport, sender, receiver, counters);

        final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue =
            new ManyToOneConcurrentArrayQueue<>(context.commandQueueCapacity());
        proxy = new ConnectionProxy(commandQueue, counters);
        commands = new CommandProcessor(
            commandQueue, context.commandDrainLimit(), MAX_TOKENS_PER_FRAME, sender, new CommandConductor(), modeGate);
        reconnectSchedule = new ReconnectSchedule(
            new Backoff(
                context.reconnectBackoffBaseNs(),
                context.reconnectBackoffMaxNs(),
                context.reconnectJitter(),
                context.randomSeed()),
            context.reconnectMaxAttempts(),
            context.credentialsRejectedGraceNs());

        counters.set(KiteCounterDescriptor.STATE, ConnectionState.IDLE.ordinal());
    }

    /**
     * The context this agent runs with.
     *
     * @return the concluded context.
     */
    public ConnectionContext context()
    {
        return context;
    }

    /**
     * Thread-safe facade for control threads.
     *
     * @return the proxy.
     */
    public ConnectionProxy proxy()
    {
        return proxy;
    }

    /**
     * Current state (volatile read, any thread).
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return state;
    }

    /**
     * Number of tokens this connection has subscribed (remembered, whether or not LIVE), any thread.
     *
     * @return the subscribed token count.
     */
    public int subscribedCount()
    {
        return commands.subscribedCount();
    }

    /**
     * Local TCP port of the socket of the current (or last) WebSocket session, any thread: lets a tool match this
     * connection with the server's view of it (e.g. the simulator's {@code SimulatedConnection.remotePort()}).
     *
     * @return the local port, or 0 before the first session went live.
     */
    public int localPort()
    {
        return localPort;
    }

    /**
     * Ticks this connection had published (its {@link KiteCounterDescriptor#PACKETS} counter) when its current (or
     * last) WebSocket session went live, any thread: packet {@code n} (0-based) of that session is the connection's
     * tick number {@code ticksBeforeSession() + n}. Written before the session publishes anything.
     *
     * @return the tick count at the start of the session, or -1 before the first session went live.
     */
    public long ticksBeforeSession()
    {
        return ticksBeforeSession;
    }

    /**
     * Packets of the current (or last) session dropped before their token's mode applied
     * ({@link KiteCounterDescriptor#MODE_MISMATCH_DROPPED} since the session went live), any thread: with them,
     * packet {@code n} of the session is the one the server sent as number {@code n + modeDropsInSession()} once the
     * drops are over (they happen only just after a (re)subscription or a mode change).
     *
     * @return the count, 0 before the first session went live.
     */
    public long modeDropsInSession()
    {
        return counters.get(KiteCounterDescriptor.MODE_MISMATCH_DROPPED) - modeDropsBeforeSession;
    }

    /**
     * Index of the connection's API key.
     *
     * @return the API key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Index of the connection within its key.
     *
     * @return the connection index.
     */
    public int connectionIndex()
    {
        return connectionIndex;
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
     * Status code of the last close frame the server sent, any thread.
     *
     * @return the close code, or {@link #NO_CLOSE_RECEIVED} before the first server close.
     */
    public int lastCloseCode()
    {
        return lastCloseCode;
    }

    /**
     * Length in bytes of the UTF-8 reason of the last close frame the server sent, any thread.
     *
     * @return the reason length (0 to 123), or 0 before the first server close.
     */
    public int lastCloseReasonLength()
    {
        return lastCloseReasonLength;
    }

    /**
     * Why the last connect attempt failed or the last session was lost, any thread: for example
     * {@code "WebSocket upgrade refused: ... (HTTP 429)"} or {@code "connect failed: java.net.ConnectException: ..."}.
     * Kept after the connection comes back (it is the last failure, not a current one); never names a token.
     *
     * @return the reason, or {@code null} before the first failure.
     */
    public String lastFailure()
    {
        return lastFailure;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return roleName;
    }

    /**
     * Register each socket this agent opens with the selector of the thread's idle strategy
     * ({@code SelectIdleStrategy}), so that the thread wakes when the socket is readable. Called by the scheduler
     * before the agent starts.
     *
     * @param readinessSelector of the agent's thread, or {@code null} for none.
     */
    public void registerWith(final Selector readinessSelector)
    {
        connector.registerWith(readinessSelector);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStart()
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork()
    {
        final long nowNs = nanoClock.nanoTime();
        this.nowNs = nowNs;
        int workCount = 0;

        try
        {
            workCount += commands.drain();

            switch (state)
            {
                case IDLE:
                    workCount += startConnect();
                    break;

                case CONNECTING:
                    workCount += onSessionStep(session.finishConnect(nowNs));
                    break;

                case TLS_HANDSHAKE:
                    workCount += onSessionStep(session.pollTlsHandshake(nowNs));
                    break;

                case WS_UPGRADE:
                    workCount += pollUpgrade();
                    break;

                case LIVE:
                    workCount += pollLive();
                    break;

                case BACKOFF:
                    if (reconnectSchedule.isDue(nowNs))
                    {
                        counters.increment(KiteCounterDescriptor.RECONNECTS);
                        workCount += startConnect();
                    }
                    break;

                case CLOSING:
                    workCount += pollClosing();
                    break;

                default:
                    break;
            }
        }
        catch (final Throwable throwable)
        {
            if (throwable instanceof VirtualMachineError)
            {
                throw (VirtualMachineError)throwable;
            }
            onUnexpectedError(throwable);
            workCount++;
        }

        counters.proposeMax(KiteCounterDescriptor.MAX_CYCLE_NS, nanoClock.nanoTime() - nowNs);

        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        transport.close();
        connector.close();
        if (ConnectionState.CLOSED != state)
        {
            changeState(ConnectionState.CLOSED);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ConnectionAgent{" + roleName + " [" + apiKeyId + "], state=" + state +
            ", subscribed=" + commands.subscribedCount() + '}';
    }

    // ------------------------------------------------------------------------------------------------------------
    // Connect, TLS and upgrade: the SessionEstablisher's steps, the transitions here
    // ------------------------------------------------------------------------------------------------------------

    private int startConnect()
    {
        resetConnectionState();
        changeState(ConnectionState.CONNECTING);
        onSessionStep(session.connect(nowNs));
        return 1;
    }

    private int pollUpgrade()
    {
        final int workCount = flushSend();
        if (ConnectionState.WS_UPGRADE != state)
        {
            return workCount;
        }
        return workCount + onSessionStep(session.pollUpgrade(nowNs));
    }

    /**
     * Make the transition a step of the {@link SessionEstablisher} calls for.
     */
    private int onSessionStep(final int step)
    {
        switch (step)
        {
            case SessionEstablisher.PENDING:
                return 0;

            case SessionEstablisher.TLS_STARTED:
                changeState(ConnectionState.TLS_HANDSHAKE);
                onSessionStep(session.pollTlsHandshake(nowNs));
                return 1;

            case SessionEstablisher.UPGRADE_QUEUED:
                changeState(ConnectionState.WS_UPGRADE);
                flushSend();
                return 1;

            case SessionEstablisher.UPGRADED:
                onLive();
                if (receiver.bufferedLength() > 0 && ConnectionState.LIVE == state)
                {
                    return 1 + onReceived(receiver.decodeBuffered());
                }
                return 1;

            case SessionEstablisher.CREDENTIALS_REJECTED:
                onCredentialsRejected();
                return 1;

            case SessionEstablisher.FAILED:
                connectFailed(session.failureKind(), session.failureCause(), session.failureReason());
                return 1;

            case SessionEstablisher.PROGRESS:
            default:
                return 1;
        }
    }

    private void onCredentialsRejected()
    {
        counters.increment(KiteCounterDescriptor.CREDENTIALS_REJECTED);
        final int httpStatus = session.upgradeStatusCode();
        recordFailure(FailureKind.CREDENTIALS_REJECTED, httpStatus,
            "WebSocket upgrade refused: credentials rejected (HTTP " + httpStatus + ")");
        closeTransport();
        if (!isCloseRequested && reconnectSchedule.isWithinCredentialsGrace(nowNs))
        {
            errors.report("credentials rejected (HTTP " + httpStatus + ") after they were accepted in this run: " +
                "retrying with the normal back-off for up to " +
                TimeUnit.NANOSECONDS.toMillis(context.credentialsRejectedGraceNs()) + " ms");
            scheduleReconnect();
            return;
        }

        errors.report(new CredentialsRejectedException(apiKeyIndex, connectionIndex, apiKeyId));
        changeState(ConnectionState.CREDENTIALS_REJECTED);
        try
        {
            listener.onCredentialsRejected(apiKeyIndex, apiKeyId);
        }
        catch (final Throwable throwable)
        {
            onListenerError(throwable);
        }

        if (context.retryOnCredentialsRejected() && !isCloseRequested)
        {
            if (reconnectSchedule.onCredentialsRejected(nowNs))
            {
                changeState(ConnectionState.BACKOFF);
            }
            else
            {
                giveUp();
            }
        }
    }

    private void onLive()
    {
        modeDropsBeforeSession = counters.get(KiteCounterDescriptor.MODE_MISMATCH_DROPPED);
        ticksBeforeSession = counters.get(KiteCounterDescriptor.PACKETS);
        localPort = connector.localPort();
        reconnectSchedule.onLive();
        lastReceiveNs = nowNs;
        nextPingNs = nowNs + context.pingIntervalNs();
        changeState(ConnectionState.LIVE);
        commands.onLive();
    }

    // ------------------------------------------------------------------------------------------------------------
    // LIVE and CLOSING
    // ------------------------------------------------------------------------------------------------------------

    private int pollLive()
    {
        int workCount = commands.resubscribe();

        if (ConnectionState.LIVE == state)
        {
            workCount += receive();
        }

        if (ConnectionState.LIVE != state)
        {
            return workCount;
        }

        if (modeGate.isActive())
        {
            modeGate.settle(nowNs, counters.get(KiteCounterDescriptor.REQUESTS_SENT));
        }

        if (isServerCloseReceived)
        {
            onServerClose();
            return workCount + 1;
        }

        if (lastReceiveNs + context.livenessTimeoutNs() - nowNs < 0)
        {
            connectionLost(
                FailureKind.LIVENESS_TIMEOUT, KiteCounterDescriptor.LIVENESS_TIMEOUTS,
                "no data for longer than the liveness timeout");
            return workCount + 1;
        }

        final long pingIntervalNs = context.pingIntervalNs();
        if (pingIntervalNs > 0 && nextPingNs - nowNs <= 0)
        {
            nextPingNs = nowNs + pingIntervalNs;
            sender.sendPing();
            workCount++;
        }

        workCount += flushSend();

        return workCount;
    }

    private int receive()
    {
        int result;
        try
        {
            result = receiver.poll();
        }
        catch (final IOException ex)
        {
            result = ReceiverEndPoint.END_OF_STREAM;
        }
        return onReceived(result);
    }

    /**
     * Act on what the receiver reported: data (or a full ring) keeps the connection alive; end of stream or a read
     * error loses it; a protocol error closes it with the matching close code.
     */
    private int onReceived(final int result)
    {
        if (result > 0)
        {
            lastReceiveNs = nowNs;
            return 1;
        }
        if (ReceiverEndPoint.BACK_PRESSURED == result)
        {
            lastReceiveNs = nowNs;
            return 0;
        }
        if (ReceiverEndPoint.END_OF_STREAM == result)
        {
            if (ConnectionState.CLOSING == state)
            {
                finishClose();
            }
            else
            {
                connectionLost(FailureKind.CONNECTION_LOST, KiteCounterDescriptor.DISCONNECTS, null);
            }
            return 1;
        }
        if (ReceiverEndPoint.isProtocolError(result))
        {
            onProtocolError(ReceiverEndPoint.frameErrorCode(result));
            return 1;
        }
        return 0;
    }

    private void onProtocolError(final int frameErrorCode)
    {
        if (sender.sendClose(WebSocketFrameDecoder.closeCodeFor(frameErrorCode)))
        {
            flushSend();
        }
        if (ConnectionState.CLOSING == state)
        {
            finishClose();
        }
        else if (ConnectionState.LIVE == state)
        {
            connectionLost(FailureKind.PROTOCOL_ERROR, null,
                "WebSocket protocol error " + WebSocketFrameDecoder.codeName(frameErrorCode));
        }
    }

    private void requestClose()
    {
        if (isCloseRequested)
        {
            return;
        }
        isCloseRequested = true;
        commands.cancelResubscribe();

        if (ConnectionState.LIVE == state)
        {
            sender.sendClose(CloseStatus.NORMAL);
            closeDeadlineNs = nowNs + context.closeTimeoutNs();
            changeState(ConnectionState.CLOSING);
            flushSend();
        }
        else
        {
            closeTransport();
            changeState(ConnectionState.CLOSED);
        }
    }

    private int pollClosing()
    {
        int workCount = flushSend();
        if (ConnectionState.CLOSING != state)
        {
            return workCount;
        }

        workCount += receive();

        if (ConnectionState.CLOSING == state && (isServerCloseReceived || closeDeadlineNs - nowNs <= 0))
        {
            finishClose();
            workCount++;
        }

        return workCount;
    }

    private void finishClose()
    {
        closeTransport();
        changeState(ConnectionState.CLOSED);
    }

    private void onServerClose()
    {
        if (sender.sendClose(CloseStatus.NORMAL))
        {
            flushSend();
        }
        connectionLost(FailureKind.CONNECTION_LOST, KiteCounterDescriptor.DISCONNECTS, null);
    }

    private int flushSend()
    {
        if (null == connector.channel())
        {
            return 0;
        }

        try
        {
            return sender.flush();
        }
        catch (final IOException ex)
        {
            if (ConnectionState.LIVE == state)
            {
                connectionLost(FailureKind.CONNECTION_LOST, KiteCounterDescriptor.DISCONNECTS, null);
            }
            else if (ConnectionState.CLOSING == state)
            {
                finishClose();
            }
            else
            {
                connectFailed(FailureKind.UPGRADE_FAILED, ex, "write failed");
            }
            return 1;
        }
    }

    /**
     * The end points' calls back: a ping is answered, the server's close is kept.
     */
    private final class ControlFrames implements ControlFrameHandler
    {
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            sender.sendPong(buffer, offset, length);
        }

        public void onClose(final int code, final int reasonLength)
        {
            lastCloseCode = code;
            lastCloseReasonLength = reasonLength;
            isServerCloseReceived = true;
        }
    }

    /**
     * What the {@link CommandProcessor} asks of this conductor.
     */
    private final class CommandConductor implements CommandProcessor.Conductor
    {
        public boolean isLive()
        {
            return ConnectionState.LIVE == state;
        }

        public int flush()
        {
            return flushSend();
        }

        public void onCloseCommand()
        {
            requestClose();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Failure handling
    // ------------------------------------------------------------------------------------------------------------

    private void resetConnectionState()
    {
        receiver.reset();
        sender.reset();
        isServerCloseReceived = false;
        commands.reset();
    }

    private void connectFailed(final FailureKind kind, final Throwable cause, final String what)
    {
        counters.increment(KiteCounterDescriptor.CONNECT_FAILURES);
        final String failure = what + (null == cause ? "" : ": " + cause);
        recordFailure(kind, FailureKind.UPGRADE_REFUSED == kind ? session.upgradeStatusCode() : 0, failure);
        errors.report(failure, cause);
        closeTransport();
        scheduleReconnect();
    }

    private void connectionLost(final FailureKind kind, final KiteCounterDescriptor reason, final String what)
    {
        if (null != reason)
        {
            counters.increment(reason);
        }
        if (KiteCounterDescriptor.DISCONNECTS != reason)
        {
            counters.increment(KiteCounterDescriptor.DISCONNECTS);
        }
        recordFailure(kind, 0,
            "connection lost: " + (null != what ? what : "end of stream, a read error or a server close"));
        if (null != what)
        {
            errors.report("connection lost: " + what);
        }
        closeTransport();
        scheduleReconnect();
    }

    /**
     * Keep why the connection failed: the text for {@link #lastFailure()}, the kind and HTTP status in the counters
     * (the status file). Cold path.
     */
    private void recordFailure(final FailureKind kind, final int httpStatus, final String text)
    {
        lastFailure = text;
        counters.set(KiteCounterDescriptor.LAST_FAILURE_KIND, kind.code());
        counters.set(KiteCounterDescriptor.LAST_HTTP_STATUS, httpStatus);
    }

    private void scheduleReconnect()
    {
        resetConnectionState();
        if (isCloseRequested)
        {
            changeState(ConnectionState.CLOSED);
        }
        else if (reconnectSchedule.onFailure(nowNs))
        {
            changeState(ConnectionState.BACKOFF);
        }
        else
        {
            giveUp();
        }
    }

    private void giveUp()
    {
        errors.report("giving up after " + reconnectSchedule.failedAttempts() + " failed reconnect attempts");
        changeState(ConnectionState.CLOSED);
    }

    private void closeTransport()
    {
        transport.close();
        connector.close();
        receiver.countBytesRead();
        sender.countBytesWritten();
    }

    private void onUnexpectedError(final Throwable throwable)
    {
        errors.report(throwable);
        recordFailure(FailureKind.UNEXPECTED_ERROR, 0, "unexpected error: " + throwable.getClass().getName());
        final ConnectionState state = this.state;
        if (ConnectionState.CONNECTING == state || ConnectionState.TLS_HANDSHAKE == state ||
            ConnectionState.WS_UPGRADE == state || ConnectionState.LIVE == state)
        {
            closeTransport();
            if (ConnectionState.LIVE == state)
            {
                counters.increment(KiteCounterDescriptor.DISCONNECTS);
            }
            scheduleReconnect();
        }
        else if (ConnectionState.CLOSING == state)
        {
            finishClose();
        }
    }

    private void onListenerError(final Throwable throwable)
    {
        errors.report("listener failed", throwable);
    }

    private void changeState(final ConnectionState newState)
    {
        final ConnectionState oldState = state;
        if (oldState == newState)
        {
            return;
        }
        state = newState;
        counters.set(KiteCounterDescriptor.STATE, newState.ordinal());
        try
        {
            listener.onStateChange(apiKeyIndex, connectionIndex, oldState, newState);
        }
        catch (final Throwable throwable)
        {
            onListenerError(throwable);
        }
    }
}
