package io.kiteticker.engine.connection;

import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.Mode;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.text.SubscriptionRequestEncoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickPublisher;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.transport.PlainTransport;
import io.kiteticker.transport.TlsTransport;
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One Kite ticker WebSocket connection as an Agrona {@link Agent}: a non-blocking state machine that connects,
 * upgrades, subscribes and then decodes every tick straight into the Disruptor ring.
 * <p>
 * Each {@link #doWork()}:
 * <ol>
 *     <li>reads the nano clock once;</li>
 *     <li>drains at most {@code commandDrainLimit} commands from the {@link ConnectionProxy} queue (the token to
 *     mode map is updated at once; frames are sent when LIVE);</li>
 *     <li>advances the state ({@link ConnectionState}): a non-blocking connect ({@code finishConnect}), the TLS
 *     handshake, the WebSocket upgrade ({@code 403} → {@link ConnectionState#CREDENTIALS_REJECTED}), or, when LIVE:
 *     one read into the receive buffer → {@link WebSocketFrameDecoder} → {@link KiteMessageDecoder#validate()} →
 *     {@code tickRing.tryNext(n)} → {@link TickEvent#decodeFrom} per packet → {@code publish(lo, hi)} in a
 *     {@code finally};</li>
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
 * {@link #MAX_TOKENS_PER_FRAME} tokens).
 * <p>
 * <b>Errors.</b> Nothing escapes {@code doWork}: an unexpected exception is counted (ERRORS), reported to the error
 * handler and the connection is recycled. Expected bad input (malformed frames, messages, packets, text) is counted
 * and reported with a message naming the connection and api key id only.
 * <p>
 * <b>Note:</b> the agent allocates nothing per tick once warm; connect attempts, handshakes and commands from the
 * control plane may allocate. {@link #state()} and {@link #subscribedCount()} may be read from any thread.
 */
public final class ConnectionAgent implements Agent
{
    /**
     * Most tokens sent in one subscribe, unsubscribe or mode frame (the per-connection limit of Kite).
     */
    public static final int MAX_TOKENS_PER_FRAME = 3000;

    private static final int PING_PAYLOAD_LENGTH = 8;
    private static final int HANDSHAKE_BUFFER_SLACK = 64 * 1024;
    private static final int RESUBSCRIBE_IDLE = 0;
    private static final int RESUBSCRIBE_SUBSCRIBE = 1;
    private static final int RESUBSCRIBE_MODE = 2;
    private static final Mode[] MODES = { Mode.LTP, Mode.QUOTE, Mode.FULL };

    private final ConnectionContext context;
    private final int apiKeyIndex;
    private final int connectionIndex;
    private final String apiKeyId;
    private final String roleName;
    private final NanoClock nanoClock;
    private final ErrorHandler errorHandler;
    private final ConnectionListener listener;
    private final TickPublisher tickPublisher;
    private final RingBuffer<TextEvent> textRing;
    private final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue;
    private final ConnectionProxy proxy;
    private final Backoff backoff;
    private final Transport transport;
    private final InetSocketAddress[] address = new InetSocketAddress[1];

    private final ByteBuffer receiveByteBuffer;
    private final UnsafeBuffer receiveBuffer;
    private final ByteBuffer sendByteBuffer;
    private final UnsafeBuffer sendBuffer;
    private final UnsafeBuffer jsonBuffer;
    private final UnsafeBuffer pingBuffer = new UnsafeBuffer(new byte[PING_PAYLOAD_LENGTH]);
    private final UnsafeBuffer pongBuffer = new UnsafeBuffer(new byte[WebSocketFrameDecoder.MAX_CONTROL_PAYLOAD_LENGTH]);

    private final WebSocketFrameDecoder frameDecoder;
    private final WebSocketFrameEncoder frameEncoder = WebSocketFrameEncoder.clientSide();
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private final TextMessageDecoder textDecoder;
    private final SubscriptionRequestEncoder requestEncoder = new SubscriptionRequestEncoder();
    private final HandshakeRequestEncoder handshakeEncoder;
    private final HandshakeResponseDecoder handshakeDecoder = new HandshakeResponseDecoder();
    private final FrameHandler frameHandler = new FrameHandler();

    private final Int2IntHashMap tokenModes = new Int2IntHashMap(1024, 0.65f, 0, true);
    private final PlanBuilder planBuilder = new PlanBuilder();
    private int[] planTokens = new int[1024];
    private final int[] planModeStart = new int[MODES.length + 1];
    private int planCount;
    private int resubscribePhase = RESUBSCRIBE_IDLE;
    private int resubscribeModeIndex;
    private int resubscribeCursor;

    private final AtomicCounter frames;
    private final AtomicCounter packets;
    private final AtomicCounter heartbeats;
    private final AtomicCounter textMessages;
    private final AtomicCounter bytesRead;
    private final AtomicCounter bytesWritten;
    private final AtomicCounter malformedFrames;
    private final AtomicCounter malformedMessages;
    private final AtomicCounter malformedPackets;
    private final AtomicCounter unknownPacketLength;
    private final AtomicCounter malformedText;
    private final AtomicCounter ringFull;
    private final AtomicCounter textRingFull;
    private final AtomicCounter reconnects;
    private final AtomicCounter connectFailures;
    private final AtomicCounter credentialsRejected;
    private final AtomicCounter tlsErrors;
    private final AtomicCounter livenessTimeouts;
    private final AtomicCounter errors;
    private final AtomicCounter maxCycleNs;
    private final AtomicCounter stateCounter;
    private final AtomicCounter disconnects;
    private final AtomicCounter requestsSent;

    private volatile ConnectionState state = ConnectionState.IDLE;
    private volatile int subscribedCount;
    private volatile int localPort;
    private volatile long ticksBeforeSession = -1;

    private SocketChannel channel;
    private Selector readinessSelector;
    private SelectionKey selectionKey;
    private long nowNs;
    private long readNanos;
    private long attemptDeadlineNs;
    private long lastReceiveNs;
    private long nextPingNs;
    private long backoffDeadlineNs;
    private long closeDeadlineNs;
    private int consecutiveFailures;
    private boolean hasBeenConnected;
    private boolean isCloseRequested;
    private boolean isBackPressured;
    private boolean isServerCloseReceived;
    private boolean isProtocolFailure;
    private int receiveLength;
    private int sendHead;
    private int sendTail;
    private long lastBytesRead;
    private long lastBytesWritten;
    private long pingCounter;
    private ConnectionCommand pendingCommand;

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
        errorHandler = context.errorHandler();
        listener = context.listener();
        tickPublisher = new TickPublisher(context.tickRing());
        textRing = context.textRing();

        final ConnectionCounters counters = context.counters();
        frames = counters.counter(KiteCounterDescriptor.FRAMES);
        packets = counters.counter(KiteCounterDescriptor.PACKETS);
        heartbeats = counters.counter(KiteCounterDescriptor.HEARTBEATS);
        textMessages = counters.counter(KiteCounterDescriptor.TEXT_MESSAGES);
        bytesRead = counters.counter(KiteCounterDescriptor.BYTES_READ);
        bytesWritten = counters.counter(KiteCounterDescriptor.BYTES_WRITTEN);
        malformedFrames = counters.counter(KiteCounterDescriptor.MALFORMED_FRAMES);
        malformedMessages = counters.counter(KiteCounterDescriptor.MALFORMED_MESSAGES);
        malformedPackets = counters.counter(KiteCounterDescriptor.MALFORMED_PACKETS);
        unknownPacketLength = counters.counter(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH);
        malformedText = counters.counter(KiteCounterDescriptor.MALFORMED_TEXT);
        ringFull = counters.counter(KiteCounterDescriptor.RING_FULL);
        textRingFull = counters.counter(KiteCounterDescriptor.TEXT_RING_FULL);
        reconnects = counters.counter(KiteCounterDescriptor.RECONNECTS);
        connectFailures = counters.counter(KiteCounterDescriptor.CONNECT_FAILURES);
        credentialsRejected = counters.counter(KiteCounterDescriptor.CREDENTIALS_REJECTED);
        tlsErrors = counters.counter(KiteCounterDescriptor.TLS_ERRORS);
        livenessTimeouts = counters.counter(KiteCounterDescriptor.LIVENESS_TIMEOUTS);
        errors = counters.counter(KiteCounterDescriptor.ERRORS);
        maxCycleNs = counters.counter(KiteCounterDescriptor.MAX_CYCLE_NS);
        stateCounter = counters.counter(KiteCounterDescriptor.STATE);
        disconnects = counters.counter(KiteCounterDescriptor.DISCONNECTS);
        requestsSent = counters.counter(KiteCounterDescriptor.REQUESTS_SENT);

        commandQueue = new ManyToOneConcurrentArrayQueue<>(context.commandQueueCapacity());
        proxy = new ConnectionProxy(commandQueue, counters.counter(KiteCounterDescriptor.COMMAND_QUEUE_FULL));
        backoff = new Backoff(
            context.reconnectBackoffBaseNs(),
            context.reconnectBackoffMaxNs(),
            context.reconnectJitter(),
            context.randomSeed());

        final int maxMessageLength = context.maxMessageLength();
        final int receiveCapacity = BitUtil.align(
            Math.max(1024 * 1024, maxMessageLength + WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH) +
            HANDSHAKE_BUFFER_SLACK, 4096);
        receiveByteBuffer = ByteBuffer.allocateDirect(receiveCapacity);
        receiveBuffer = new UnsafeBuffer(receiveByteBuffer);
        sendByteBuffer = ByteBuffer.allocateDirect(context.sendBufferLength());
        sendBuffer = new UnsafeBuffer(sendByteBuffer);
        jsonBuffer = new UnsafeBuffer(new byte[BitUtil.align(
            SubscriptionRequestEncoder.maxEncodedLength(MAX_TOKENS_PER_FRAME), 1024)]);
        frameDecoder = new WebSocketFrameDecoder(
            true, maxMessageLength, true, new UnsafeBuffer(ByteBuffer.allocateDirect(maxMessageLength)));
        textDecoder = new TextMessageDecoder(maxMessageLength);

        handshakeEncoder = new HandshakeRequestEncoder()
            .uri(context.uri())
            .apiKey(context.apiKey())
            .accessToken(context.accessToken());

        transport = context.isTls() ?
            new TlsTransport(
                context.sslContext(),
                context.uri().getHost(),
                context.port(),
                context.tlsEndpointIdentification(),
                context.tlsTaskExecutor()) :
            new PlainTransport();

        stateCounter.setRelease(ConnectionState.IDLE.ordinal());
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
        return subscribedCount;
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
        return context.counters();
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
        this.readinessSelector = readinessSelector;
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
            workCount += drainCommands();

            switch (state)
            {
                case IDLE:
                    workCount += startConnect();
                    break;

                case CONNECTING:
                    workCount += pollConnect();
                    break;

                case TLS_HANDSHAKE:
                    workCount += pollTlsHandshake();
                    break;

                case WS_UPGRADE:
                    workCount += pollUpgrade();
                    break;

                case LIVE:
                    workCount += pollLive();
                    break;

                case BACKOFF:
                    if (backoffDeadlineNs - nowNs <= 0)
                    {
                        reconnects.incrementRelease();
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

        maxCycleNs.proposeMaxRelease(nanoClock.nanoTime() - nowNs);

        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        transport.close();
        channel = null;
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
            ", subscribed=" + subscribedCount + '}';
    }

    // ------------------------------------------------------------------------------------------------------------
    // Commands
    // ------------------------------------------------------------------------------------------------------------

    private int drainCommands()
    {
        int workCount = 0;
        final int limit = context.commandDrainLimit();
        for (int i = 0; i < limit; i++)
        {
            if (RESUBSCRIBE_IDLE != resubscribePhase)
            {
                break;
            }

            ConnectionCommand command = pendingCommand;
            if (null == command)
            {
                command = commandQueue.poll();
                if (null == command)
                {
                    break;
                }
            }

            workCount++;
            if (processCommand(command))
            {
                pendingCommand = null;
            }
            else
            {
                pendingCommand = command;
                break;
            }
        }

        return workCount;
    }

    private boolean processCommand(final ConnectionCommand command)
    {
        if (ConnectionCommand.PHASE_APPLY == command.phase)
        {
            applyCommand(command);
        }

        if (ConnectionState.LIVE != state)
        {
            return true;
        }

        while (ConnectionCommand.PHASE_DONE != command.phase)
        {
            final int remaining = command.count - command.cursor;
            if (remaining <= 0)
            {
                command.phase = nextPhase(command);
                command.cursor = 0;
                continue;
            }

            final int count = Math.min(remaining, MAX_TOKENS_PER_FRAME);
            final boolean sent;
            switch (command.phase)
            {
                case ConnectionCommand.PHASE_SUBSCRIBE:
                    sent = sendSubscribe(command.tokens, command.cursor, count);
                    break;

                case ConnectionCommand.PHASE_UNSUBSCRIBE:
                    sent = sendUnsubscribe(command.tokens, command.cursor, count);
                    break;

                default:
                    sent = sendMode(command.mode, command.tokens, command.cursor, count);
                    break;
            }

            if (!sent)
            {
                return false;
            }
            command.cursor += count;
        }

        return true;
    }

    private static int nextPhase(final ConnectionCommand command)
    {
        if (ConnectionCommand.PHASE_SUBSCRIBE == command.phase)
        {
            return ConnectionCommand.PHASE_MODE;
        }
        return ConnectionCommand.PHASE_DONE;
    }

    private void applyCommand(final ConnectionCommand command)
    {
        final int[] tokens = command.tokens;
        switch (command.type)
        {
            case ConnectionCommand.SUBSCRIBE:
            {
                final int modeCode = command.mode.code();
                for (int i = 0; i < command.count; i++)
                {
                    tokenModes.put(tokens[i], modeCode);
                }
                command.phase = ConnectionCommand.PHASE_SUBSCRIBE;
                break;
            }

            case ConnectionCommand.UNSUBSCRIBE:
            {
                for (int i = 0; i < command.count; i++)
                {
                    tokenModes.remove(tokens[i]);
                }
                command.phase = ConnectionCommand.PHASE_UNSUBSCRIBE;
                break;
            }

            case ConnectionCommand.CHANGE_MODE:
            {
                final int modeCode = command.mode.code();
                int kept = 0;
                for (int i = 0; i < command.count; i++)
                {
                    final int token = tokens[i];
                    if (0 != tokenModes.get(token))
                    {
                        tokenModes.put(token, modeCode);
                        tokens[kept++] = token;
                    }
                }
                command.count = kept;
                command.phase = ConnectionCommand.PHASE_MODE;
                break;
            }

            case ConnectionCommand.CLOSE:
            {
                command.phase = ConnectionCommand.PHASE_DONE;
                requestClose();
                break;
            }

            default:
                command.phase = ConnectionCommand.PHASE_DONE;
                break;
        }
        command.cursor = 0;
        subscribedCount = tokenModes.size();
    }

    private void requestClose()
    {
        if (isCloseRequested)
        {
            return;
        }
        isCloseRequested = true;
        resubscribePhase = RESUBSCRIBE_IDLE;

        if (ConnectionState.LIVE == state)
        {
            final int length = frameEncoder.encodeClose(
                sendBuffer, reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + 2), CloseStatus.NORMAL);
            if (length > 0)
            {
                sendTail += length;
            }
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

    // ------------------------------------------------------------------------------------------------------------
    // Connect, TLS and upgrade
    // ------------------------------------------------------------------------------------------------------------

    private int startConnect()
    {
        resetConnectionState();
        attemptDeadlineNs = nowNs + context.connectTimeoutNs();
        changeState(ConnectionState.CONNECTING);

        try
        {
            InetSocketAddress remote = address[0];
            if (null == remote || remote.isUnresolved())
            {
                remote = new InetSocketAddress(context.uri().getHost(), context.port());
                address[0] = remote.isUnresolved() ? null : remote;
                if (remote.isUnresolved())
                {
                    throw new IOException("cannot resolve host " + context.uri().getHost());
                }
            }

            final SocketChannel channel = SocketChannel.open();
            this.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, context.tcpNoDelay());
            if (context.socketReceiveBufferLength() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, context.socketReceiveBufferLength());
            }
            if (context.socketSendBufferLength() > 0)
            {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, context.socketSendBufferLength());
            }

            if (null != readinessSelector)
            {
                selectionKey = channel.register(readinessSelector, SelectionKey.OP_CONNECT);
            }
            if (channel.connect(remote))
            {
                onTcpConnected();
            }
        }
        catch (final IOException ex)
        {
            connectFailed(ex, "connect failed");
        }

        return 1;
    }

    private int pollConnect()
    {
        try
        {
            if (channel.finishConnect())
            {
                onTcpConnected();
                return 1;
            }
        }
        catch (final IOException ex)
        {
            address[0] = null;
            connectFailed(ex, "connect failed");
            return 1;
        }

        if (attemptDeadlineNs - nowNs <= 0)
        {
            connectFailed(null, "connect timed out");
            return 1;
        }

        return 0;
    }

    private void onTcpConnected() throws IOException
    {
        if (null != selectionKey)
        {
            selectionKey.interestOps(SelectionKey.OP_READ);
        }
        transport.init(channel);
        if (context.isTls())
        {
            changeState(ConnectionState.TLS_HANDSHAKE);
            pollTlsHandshake();
        }
        else
        {
            sendUpgradeRequest();
        }
    }

    private int pollTlsHandshake()
    {
        try
        {
            if (Transport.HANDSHAKE_COMPLETE == transport.handshake())
            {
                sendUpgradeRequest();
                return 1;
            }
        }
        catch (final IOException ex)
        {
            tlsErrors.incrementRelease();
            connectFailed(ex, "TLS handshake failed");
            return 1;
        }

        if (attemptDeadlineNs - nowNs <= 0)
        {
            tlsErrors.incrementRelease();
            connectFailed(null, "TLS handshake timed out");
            return 1;
        }

        return 0;
    }

    private void sendUpgradeRequest() throws IOException
    {
        final int length = handshakeEncoder.encode(sendBuffer, sendTail);
        if (length < 0)
        {
            throw new IllegalStateException("upgrade request does not fit the send buffer");
        }
        sendTail += length;
        handshakeDecoder.reset().expectedKey(handshakeEncoder.key());
        changeState(ConnectionState.WS_UPGRADE);
        flushSend();
    }

    private int pollUpgrade()
    {
        int workCount = flushSend();
        if (ConnectionState.WS_UPGRADE != state)
        {
            return workCount;
        }

        final int bytes;
        try
        {
            bytes = readTransport();
        }
        catch (final IOException ex)
        {
            connectFailed(ex, "WebSocket upgrade failed");
            return 1;
        }

        if (bytes < 0)
        {
            connectFailed(null, "end of stream during WebSocket upgrade");
            return 1;
        }

        if (bytes > 0)
        {
            workCount++;
            readNanos = nanoClock.nanoTime();
            final int result = handshakeDecoder.decode(receiveBuffer, 0, receiveLength);
            switch (result)
            {
                case HandshakeResponseDecoder.NEED_MORE_DATA:
                    break;

                case HandshakeResponseDecoder.OK:
                    compactReceive(handshakeDecoder.headerLength());
                    onLive();
                    if (receiveLength > 0)
                    {
                        workCount += decodeFrames();
                    }
                    return workCount;

                case HandshakeResponseDecoder.CREDENTIALS_REJECTED:
                    onCredentialsRejected();
                    return workCount;

                default:
                    connectFailed(null, "WebSocket upgrade refused: " + HandshakeResponseDecoder.codeName(result) +
                        " (HTTP " + handshakeDecoder.statusCode() + ")");
                    return workCount;
            }
        }

        if (attemptDeadlineNs - nowNs <= 0)
        {
            connectFailed(null, "WebSocket upgrade timed out");
            workCount++;
        }

        return workCount;
    }

    private void onCredentialsRejected()
    {
        credentialsRejected.incrementRelease();
        closeTransport();
        report(new CredentialsRejectedException(apiKeyIndex, connectionIndex, apiKeyId));
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
            consecutiveFailures++;
            if (isAttemptLimitReached())
            {
                giveUp();
                return;
            }
            backoffDeadlineNs = nowNs + backoff.maxNs();
            changeState(ConnectionState.BACKOFF);
        }
    }

    private void onLive()
    {
        ticksBeforeSession = packets.get();
        localPort = localPortOf(channel);
        consecutiveFailures = 0;
        hasBeenConnected = true;
        lastReceiveNs = nowNs;
        nextPingNs = nowNs + context.pingIntervalNs();
        changeState(ConnectionState.LIVE);
        buildResubscribePlan();
        pendingCommand = null;
        serviceResubscribe();
    }

    // ------------------------------------------------------------------------------------------------------------
    // LIVE
    // ------------------------------------------------------------------------------------------------------------

    private int pollLive()
    {
        int workCount = 0;

        if (RESUBSCRIBE_IDLE != resubscribePhase)
        {
            workCount += serviceResubscribe();
        }

        if (isBackPressured)
        {
            lastReceiveNs = nowNs;
            workCount += decodeFrames();
        }

        if (!isBackPressured && ConnectionState.LIVE == state)
        {
            final int bytes;
            try
            {
                bytes = readTransport();
            }
            catch (final IOException ex)
            {
                connectionLost(disconnects, null);
                return workCount + 1;
            }

            if (bytes < 0)
            {
                connectionLost(disconnects, null);
                return workCount + 1;
            }

            if (bytes > 0)
            {
                lastReceiveNs = nowNs;
                readNanos = nanoClock.nanoTime();
                workCount += decodeFrames();
            }
        }

        if (ConnectionState.LIVE != state)
        {
            return workCount;
        }

        if (isServerCloseReceived)
        {
            onServerClose();
            return workCount + 1;
        }

        if (lastReceiveNs + context.livenessTimeoutNs() - nowNs < 0)
        {
            connectionLost(livenessTimeouts, "no data for longer than the liveness timeout");
            return workCount + 1;
        }

        final long pingIntervalNs = context.pingIntervalNs();
        if (pingIntervalNs > 0 && nextPingNs - nowNs <= 0)
        {
            nextPingNs = nowNs + pingIntervalNs;
            sendPing();
            workCount++;
        }

        workCount += flushSend();

        return workCount;
    }

    private int pollClosing()
    {
        int workCount = flushSend();
        if (ConnectionState.CLOSING != state)
        {
            return workCount;
        }

        if (!isBackPressured)
        {
            try
            {
                final int bytes = readTransport();
                if (bytes < 0)
                {
                    finishClose();
                    return workCount + 1;
                }
                if (bytes > 0)
                {
                    readNanos = nanoClock.nanoTime();
                    workCount += decodeFrames();
                }
            }
            catch (final IOException ex)
            {
                finishClose();
                return workCount + 1;
            }
        }
        else
        {
            workCount += decodeFrames();
        }

        if (isServerCloseReceived || closeDeadlineNs - nowNs <= 0)
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
        final int offset = reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + 2);
        if (offset >= 0)
        {
            final int length = frameEncoder.encodeClose(sendBuffer, offset, CloseStatus.NORMAL);
            if (length > 0)
            {
                sendTail += length;
                flushSend();
            }
        }
        connectionLost(disconnects, null);
    }

    private int decodeFrames()
    {
        if (0 == receiveLength)
        {
            return 0;
        }

        final int result = frameDecoder.decode(receiveBuffer, 0, receiveLength, frameHandler);
        if (result < 0)
        {
            malformedFrames.incrementRelease();
            isProtocolFailure = true;
            final int offset = reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + 2);
            if (offset >= 0)
            {
                final int length = frameEncoder.encodeClose(
                    sendBuffer, offset, WebSocketFrameDecoder.closeCodeFor(result));
                if (length > 0)
                {
                    sendTail += length;
                    flushSend();
                }
            }
            if (ConnectionState.CLOSING == state)
            {
                finishClose();
            }
            else
            {
                connectionLost(null, "WebSocket protocol error " + WebSocketFrameDecoder.codeName(result));
            }
            return 1;
        }

        isBackPressured = frameDecoder.isBackPressured();
        if (frameDecoder.isCloseReceived())
        {
            isServerCloseReceived = true;
        }
        if (result > 0)
        {
            compactReceive(result);
            return 1;
        }

        return 0;
    }

    private final class FrameHandler implements WebSocketMessageHandler
    {
        @Override
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            if (WebSocketOpcode.BINARY == opcode)
            {
                return onBinaryMessage(buffer, offset, length);
            }
            return onTextMessage(buffer, offset, length);
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            frames.incrementRelease();
            pongBuffer.putBytes(0, buffer, offset, length);
            final int frameOffset = reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
            if (frameOffset >= 0)
            {
                final int frameLength = frameEncoder.encodePong(sendBuffer, frameOffset, pongBuffer, 0, length);
                if (frameLength > 0)
                {
                    sendTail += frameLength;
                }
            }
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            frames.incrementRelease();
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            frames.incrementRelease();
            isServerCloseReceived = true;
        }
    }

    private boolean onBinaryMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (KiteMessageDecoder.isHeartbeat(length))
        {
            frames.incrementRelease();
            heartbeats.incrementRelease();
            return true;
        }

        final int result = messageDecoder.wrap(buffer, offset, length).validate();
        final TickPublisher tickPublisher = this.tickPublisher;
        final boolean isComplete = tickPublisher.publish(messageDecoder, apiKeyIndex, connectionIndex, readNanos);

        final int published = tickPublisher.publishedCount();
        if (published > 0)
        {
            packets.getAndAddRelease(published);
        }
        final int unknown = tickPublisher.unknownCount();
        if (unknown > 0)
        {
            unknownPacketLength.getAndAddRelease(unknown);
            malformedPackets.getAndAddRelease(unknown);
        }
        final Throwable failure = tickPublisher.failure();
        if (null != failure)
        {
            malformedPackets.incrementRelease();
            report(new ConnectionException(roleName + " [" + apiKeyId + "]: packet decode failed", failure));
        }

        if (!isComplete)
        {
            ringFull.incrementRelease();
            return false;
        }

        frames.incrementRelease();
        if (result < 0)
        {
            malformedMessages.incrementRelease();
            report(new ConnectionException(roleName + " [" + apiKeyId + "]: malformed Kite message " +
                (KiteMessageDecoder.TRUNCATED == result ? "TRUNCATED" : "BAD_LENGTH") +
                ", kept the complete packets before the problem"));
        }

        return true;
    }

    private boolean onTextMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final RingBuffer<TextEvent> textRing = this.textRing;
        final int type = textDecoder.decode(buffer, offset, length);
        if (null != textRing)
        {
            final long sequence;
            try
            {
                sequence = textRing.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                textRingFull.incrementRelease();
                return false;
            }

            try
            {
                textRing.get(sequence).set(
                    apiKeyIndex, connectionIndex, readNanos, type, buffer, offset, length);
            }
            finally
            {
                textRing.publish(sequence);
            }
        }

        frames.incrementRelease();
        textMessages.incrementRelease();
        if (TextMessageDecoder.MALFORMED == type)
        {
            malformedText.incrementRelease();
            report(new ConnectionException(roleName + " [" + apiKeyId + "]: malformed text message"));
        }

        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Outbound
    // ------------------------------------------------------------------------------------------------------------

    private void buildResubscribePlan()
    {
        final int size = tokenModes.size();
        resubscribeCursor = 0;
        resubscribeModeIndex = 0;
        if (0 == size)
        {
            planCount = 0;
            resubscribePhase = RESUBSCRIBE_IDLE;
            return;
        }

        if (planTokens.length < size)
        {
            planTokens = new int[BitUtil.findNextPositivePowerOfTwo(size)];
        }

        final int[] modeCounts = planModeStart;
        for (int i = 0; i < modeCounts.length; i++)
        {
            modeCounts[i] = 0;
        }
        planBuilder.isCounting = true;
        tokenModes.forEachInt(planBuilder);

        int start = 0;
        for (int m = 0; m < MODES.length; m++)
        {
            final int count = modeCounts[m + 1];
            modeCounts[m + 1] = start;
            start += count;
        }
        planBuilder.isCounting = false;
        tokenModes.forEachInt(planBuilder);
        planModeStart[0] = 0;
        planCount = size;
        resubscribePhase = RESUBSCRIBE_SUBSCRIBE;
    }

    private final class PlanBuilder implements org.agrona.collections.IntIntConsumer
    {
        boolean isCounting;

        @Override
        public void accept(final int token, final int modeCode)
        {
            if (isCounting)
            {
                planModeStart[modeCode]++;
            }
            else
            {
                planTokens[planModeStart[modeCode]++] = token;
            }
        }
    }

    private int serviceResubscribe()
    {
        int workCount = 0;
        while (RESUBSCRIBE_IDLE != resubscribePhase)
        {
            if (RESUBSCRIBE_SUBSCRIBE == resubscribePhase)
            {
                final int remaining = planCount - resubscribeCursor;
                if (remaining <= 0)
                {
                    resubscribePhase = RESUBSCRIBE_MODE;
                    resubscribeModeIndex = 0;
                    resubscribeCursor = 0;
                    continue;
                }
                final int count = Math.min(remaining, MAX_TOKENS_PER_FRAME);
                if (!sendSubscribe(planTokens, resubscribeCursor, count))
                {
                    break;
                }
                resubscribeCursor += count;
                workCount++;
            }
            else
            {
                if (resubscribeModeIndex >= MODES.length)
                {
                    resubscribePhase = RESUBSCRIBE_IDLE;
                    break;
                }
                final int modeStart = 0 == resubscribeModeIndex ? 0 : planModeStart[resubscribeModeIndex];
                final int modeEnd = planModeStart[resubscribeModeIndex + 1];
                final int from = modeStart + resubscribeCursor;
                final int remaining = modeEnd - from;
                if (remaining <= 0)
                {
                    resubscribeModeIndex++;
                    resubscribeCursor = 0;
                    continue;
                }
                final int count = Math.min(remaining, MAX_TOKENS_PER_FRAME);
                if (!sendMode(MODES[resubscribeModeIndex], planTokens, from, count))
                {
                    break;
                }
                resubscribeCursor += count;
                workCount++;
            }
        }

        workCount += flushSend();
        return workCount;
    }

    private boolean sendSubscribe(final int[] tokens, final int offset, final int count)
    {
        if (reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH +
            SubscriptionRequestEncoder.maxEncodedLength(count)) < 0)
        {
            return false;
        }
        final int length = requestEncoder.subscribe(jsonBuffer, 0, tokens, offset, count);
        return sendText(length);
    }

    private boolean sendUnsubscribe(final int[] tokens, final int offset, final int count)
    {
        if (reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH +
            SubscriptionRequestEncoder.maxEncodedLength(count)) < 0)
        {
            return false;
        }
        final int length = requestEncoder.unsubscribe(jsonBuffer, 0, tokens, offset, count);
        return sendText(length);
    }

    private boolean sendMode(final Mode mode, final int[] tokens, final int offset, final int count)
    {
        if (reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH +
            SubscriptionRequestEncoder.maxEncodedLength(count)) < 0)
        {
            return false;
        }
        final int length = requestEncoder.mode(jsonBuffer, 0, mode, tokens, offset, count);
        return sendText(length);
    }

    private boolean sendText(final int jsonLength)
    {
        final int length = frameEncoder.encodeText(sendBuffer, sendTail, jsonBuffer, 0, jsonLength);
        if (length < 0)
        {
            return false;
        }
        sendTail += length;
        requestsSent.incrementRelease();
        flushSend();
        return true;
    }

    private void sendPing()
    {
        final int offset = reserveSend(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + PING_PAYLOAD_LENGTH);
        if (offset >= 0)
        {
            pingBuffer.putLong(0, ++pingCounter);
            final int length = frameEncoder.encodePing(sendBuffer, offset, pingBuffer, 0, PING_PAYLOAD_LENGTH);
            if (length > 0)
            {
                sendTail += length;
            }
        }
    }

    /**
     * Make room for {@code length} bytes at the send tail, compacting if needed.
     *
     * @return the offset to write at, or -1 if the buffer cannot take it now.
     */
    private int reserveSend(final int length)
    {
        final int capacity = sendBuffer.capacity();
        if (capacity - sendTail >= length)
        {
            return sendTail;
        }
        if (sendHead > 0)
        {
            final int pending = sendTail - sendHead;
            sendBuffer.putBytes(0, sendBuffer, sendHead, pending);
            sendHead = 0;
            sendTail = pending;
            if (capacity - sendTail >= length)
            {
                return sendTail;
            }
        }
        return -1;
    }

    private int flushSend()
    {
        if (null == channel)
        {
            return 0;
        }

        int workCount = 0;
        try
        {
            if (transport.hasPendingWrite())
            {
                transport.flush();
            }
            if (sendTail > sendHead)
            {
                final ByteBuffer sendByteBuffer = this.sendByteBuffer;
                sendByteBuffer.limit(sendTail).position(sendHead);
                final int written = transport.write(sendByteBuffer);
                if (written > 0)
                {
                    sendHead += written;
                    workCount = 1;
                }
                if (sendHead == sendTail)
                {
                    sendHead = 0;
                    sendTail = 0;
                }
            }
            updateByteCounters();
        }
        catch (final IOException ex)
        {
            if (ConnectionState.LIVE == state)
            {
                connectionLost(disconnects, null);
            }
            else if (ConnectionState.CLOSING == state)
            {
                finishClose();
            }
            else
            {
                connectFailed(ex, "write failed");
            }
            return 1;
        }

        return workCount;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reading and buffers
    // ------------------------------------------------------------------------------------------------------------

    private int readTransport() throws IOException
    {
        final ByteBuffer receiveByteBuffer = this.receiveByteBuffer;
        receiveByteBuffer.limit(receiveByteBuffer.capacity()).position(receiveLength);
        final int bytes = transport.read(receiveByteBuffer);
        if (bytes > 0)
        {
            receiveLength = receiveByteBuffer.position();
        }
        updateByteCounters();
        return bytes;
    }

    private void updateByteCounters()
    {
        final long totalRead = transport.bytesRead();
        if (totalRead != lastBytesRead)
        {
            bytesRead.getAndAddRelease(totalRead - lastBytesRead);
            lastBytesRead = totalRead;
        }
        final long totalWritten = transport.bytesWritten();
        if (totalWritten != lastBytesWritten)
        {
            bytesWritten.getAndAddRelease(totalWritten - lastBytesWritten);
            lastBytesWritten = totalWritten;
        }
    }

    private void compactReceive(final int consumed)
    {
        final int remaining = receiveLength - consumed;
        if (remaining > 0)
        {
            receiveBuffer.putBytes(0, receiveBuffer, consumed, remaining);
        }
        receiveLength = remaining;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Failure handling
    // ------------------------------------------------------------------------------------------------------------

    private void resetConnectionState()
    {
        receiveLength = 0;
        sendHead = 0;
        sendTail = 0;
        isBackPressured = false;
        isServerCloseReceived = false;
        isProtocolFailure = false;
        tickPublisher.reset();
        resubscribePhase = RESUBSCRIBE_IDLE;
        pendingCommand = null;
        frameDecoder.reset();
    }

    private void connectFailed(final Throwable cause, final String what)
    {
        connectFailures.incrementRelease();
        report(new ConnectionException(roleName + " [" + apiKeyId + "]: " + what +
            (null == cause ? "" : ": " + cause), cause));
        closeTransport();
        scheduleReconnect();
    }

    private void connectionLost(final AtomicCounter reason, final String what)
    {
        if (null != reason)
        {
            reason.incrementRelease();
        }
        if (disconnects != reason)
        {
            disconnects.incrementRelease();
        }
        if (null != what)
        {
            report(new ConnectionException(roleName + " [" + apiKeyId + "]: connection lost: " + what));
        }
        closeTransport();
        scheduleReconnect();
    }

    private void scheduleReconnect()
    {
        resetConnectionState();
        if (isCloseRequested)
        {
            changeState(ConnectionState.CLOSED);
            return;
        }

        consecutiveFailures++;
        if (isAttemptLimitReached())
        {
            giveUp();
            return;
        }

        backoffDeadlineNs = nowNs + backoff.delayNs(consecutiveFailures);
        changeState(ConnectionState.BACKOFF);
    }

    private boolean isAttemptLimitReached()
    {
        final int maxAttempts = context.reconnectMaxAttempts();
        return -1 != maxAttempts && consecutiveFailures > maxAttempts;
    }

    private void giveUp()
    {
        report(new ConnectionException(roleName + " [" + apiKeyId + "]: giving up after " +
            (consecutiveFailures - 1) + " failed reconnect attempts"));
        changeState(ConnectionState.CLOSED);
    }

    private static int localPortOf(final SocketChannel channel)
    {
        try
        {
            final SocketAddress address = null == channel ? null : channel.getLocalAddress();
            return address instanceof InetSocketAddress ? ((InetSocketAddress)address).getPort() : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private void closeTransport()
    {
        transport.close();
        channel = null;
        selectionKey = null;
        updateByteCounters();
    }

    private void onUnexpectedError(final Throwable throwable)
    {
        report(throwable);
        final ConnectionState state = this.state;
        if (ConnectionState.CONNECTING == state || ConnectionState.TLS_HANDSHAKE == state ||
            ConnectionState.WS_UPGRADE == state || ConnectionState.LIVE == state)
        {
            closeTransport();
            if (ConnectionState.LIVE == state)
            {
                disconnects.incrementRelease();
            }
            scheduleReconnect();
        }
        else if (ConnectionState.CLOSING == state)
        {
            finishClose();
        }
    }

    private void report(final Throwable throwable)
    {
        errors.incrementRelease();
        try
        {
            errorHandler.onError(throwable);
        }
        catch (final Throwable ignore)
        {
            // an error handler must not throw; nothing more can be done here
        }
    }

    private void onListenerError(final Throwable throwable)
    {
        report(new ConnectionException(roleName + " [" + apiKeyId + "]: listener failed", throwable));
    }

    private void changeState(final ConnectionState newState)
    {
        final ConnectionState oldState = state;
        if (oldState == newState)
        {
            return;
        }
        state = newState;
        stateCounter.setRelease(newState.ordinal());
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
