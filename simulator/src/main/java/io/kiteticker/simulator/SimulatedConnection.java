package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.text.OrderUpdate;
import io.kiteticker.codec.text.SubscriptionRequestDecoder;
import io.kiteticker.codec.text.TextMessageEncoder;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestDecoder;
import io.kiteticker.codec.ws.HandshakeResponseEncoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.script.ConnectionScript;
import io.kiteticker.simulator.script.Malformation;
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client connection of a {@link KiteSimulator}: its WebSocket session, its subscriptions and the ticks sent on
 * it, observable from any thread, and the {@link ConnectionScript} verbs that script faults on it.
 * <p>
 * This class is the session: the TLS and HTTP upgrade handshake, frames in (subscription requests, ping, close),
 * the life cycle ({@link ConnectionState}), and the facade other threads use (observers and script verbs, applied
 * on the agent thread through {@link SimulatorAgent#invoke(Runnable)}). Its parts, each testable alone:
 * <ul>
 *     <li>{@link SendBuffer}: frames out, their counters and the split-writes fault;</li>
 *     <li>{@link SubscriptionBook}: tokens and modes, the instrument limit and the snapshots owed;</li>
 *     <li>{@link TickProducer}: paced, flood, flood-cached and latency sending;</li>
 *     <li>{@link FaultScript}: stall, paused reading, malformed messages.</li>
 * </ul>
 * Bytes move over the shared {@link Transport} (module {@code kite-transport}, server mode for TLS).
 * <p>
 * Counters are written by the agent thread only and read with volatile semantics: frames, packets and bytes are
 * counted when a whole message has been queued for the socket ({@link #bytesSent()} when the socket accepted the
 * bytes). In {@link SendMode#LATENCY} the send time of packet n (0-based, in the order packets leave on this
 * connection; malformed messages do not take ordinals) is kept in a circular array: {@link #sendNanos(long)}.
 * <p>
 * Subscription rules: see {@link SubscriptionBook}. A subscribe or mode change queues one immediate tick
 * (snapshot) for each token it affects, before the paced ticks, as Kite does.
 * <p>
 * <b>Why this file is ~900 lines:</b> about 400 are the public facade other modules and tests use (21 Javadoc'd
 * observers that delegate to the parts, and the 15 {@link ConnectionScript} verbs, each a hop to the agent thread);
 * the session itself (upgrade, frames in, close handshake, life cycle) is the other ~370.
 */
public final class SimulatedConnection implements ConnectionScript
{
    private static final int HTTP_HEADER_MAX = 16 * 1024;
    private static final int INBOUND_SLACK_LENGTH = 64 * 1024;
    private static final int SCRATCH_LENGTH = 64 * 1024;
    private static final int MAX_TOKENS_PER_REQUEST = 1024;
    private static final boolean IS_CLIENT_MASKING_EXPECTED = false;

    private final SimulatorAgent agent;
    private final SimulatorContext context;
    private final Transport transport;
    private final long connectionId;
    private final int remotePort;

    private final ByteBuffer inByteBuffer;
    private final UnsafeBuffer inBuffer;
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH_LENGTH));
    private final WebSocketFrameDecoder frameDecoder;
    private final SubscriptionRequestDecoder requestDecoder;
    private final TextMessageEncoder textEncoder = new TextMessageEncoder();
    private final HandshakeRequestDecoder handshakeDecoder = new HandshakeRequestDecoder(HTTP_HEADER_MAX);
    private final HandshakeResponseEncoder handshakeEncoder = new HandshakeResponseEncoder();
    private final FrameHandler frameHandler = new FrameHandler();

    private final SendBuffer sendBuffer;
    private final SubscriptionBook book;
    private final TickProducer producer;
    private final FaultScript faults;

    private final long handshakeDeadlineNs;
    private boolean transportReady;
    private boolean closeAfterFlush;
    private boolean closeFrameSent;
    private long closeDeadlineNs;
    private boolean countedAsOpen;
    private long epochSeconds;

    private volatile ConnectionState state = ConnectionState.HANDSHAKING;
    private volatile String apiKey;
    private volatile long bytesReceived;
    private volatile long framesReceived;
    private volatile long requestsRejected;
    private volatile int closeStatusReceived = -1;

    SimulatedConnection(
        final SimulatorAgent agent,
        final SimulatorContext context,
        final MarketModel model,
        final Transport transport,
        final long connectionId,
        final int remotePort,
        final long nowNs)
    {
        this.agent = agent;
        this.context = context;
        this.transport = transport;
        this.connectionId = connectionId;
        this.remotePort = remotePort;
        this.handshakeDeadlineNs = nowNs + context.handshakeTimeoutNs();

        final int inLength = BitUtil.align(context.maxInboundMessageLength() + INBOUND_SLACK_LENGTH, 4096);
        this.inByteBuffer = ByteBuffer.allocateDirect(inLength);
        this.inBuffer = new UnsafeBuffer(inByteBuffer);
        this.frameDecoder = new WebSocketFrameDecoder(IS_CLIENT_MASKING_EXPECTED, context.maxInboundMessageLength());
        this.requestDecoder = new SubscriptionRequestDecoder(context.maxInboundMessageLength(), MAX_TOKENS_PER_REQUEST);

        this.sendBuffer = new SendBuffer(context.sendBufferLength(), nowNs);
        this.book = new SubscriptionBook(model, context.maxInstrumentsPerConnection(), context.instrumentLimitPolicy());
        this.producer = new TickProducer(context, book, model, sendBuffer, transport, nowNs);
        this.faults = new FaultScript(sendBuffer, book);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Observability, any thread.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Sequence number of this connection within its simulator, from 1.
     *
     * @return the id.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * The api_key the connection authenticated with.
     *
     * @return the api_key, or null before a successful upgrade.
     */
    public String apiKey()
    {
        return apiKey;
    }

    /**
     * The client's TCP port, which a client can match against its own local port.
     *
     * @return remote port.
     */
    public int remotePort()
    {
        return remotePort;
    }

    /**
     * Life-cycle state.
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return state;
    }

    /**
     * Is the WebSocket open (upgraded and not closing)?
     *
     * @return true when {@link ConnectionState#OPEN}.
     */
    public boolean isOpen()
    {
        return ConnectionState.OPEN == state;
    }

    /**
     * Is the connection stalled by {@link #stall()}?
     *
     * @return true when stalled.
     */
    public boolean isStalled()
    {
        return faults.isStalled();
    }

    /**
     * Is reading paused by {@link #pauseReading()}?
     *
     * @return true when paused.
     */
    public boolean isReadingPaused()
    {
        return faults.isReadingPaused();
    }

    /**
     * Number of subscribed tokens.
     *
     * @return the count.
     */
    public int subscriptionCount()
    {
        return book.count();
    }

    /**
     * WebSocket data frames queued: tick messages, heartbeats, text messages and malformed messages.
     *
     * @return the count.
     */
    public long framesSent()
    {
        return sendBuffer.framesSent();
    }

    /**
     * Frames in the cached pass of a {@link SendMode#FLOOD_CACHED} connection (0 until one pass was captured).
     *
     * @return frame count, read racily from another thread.
     */
    int cachedFloodFrames()
    {
        return producer.cachedFloodFrames();
    }

    /**
     * Tick packets queued, all modes.
     *
     * @return the count, also the next packet ordinal.
     */
    public long packetsSent()
    {
        return producer.packetsSent();
    }

    /**
     * Bytes the socket accepted (WebSocket bytes, before TLS).
     *
     * @return the count.
     */
    public long bytesSent()
    {
        return sendBuffer.bytesSent();
    }

    /**
     * Bytes received from the client (after TLS), HTTP upgrade included.
     *
     * @return the count.
     */
    public long bytesReceived()
    {
        return bytesReceived;
    }

    /**
     * WebSocket data messages received from the client.
     *
     * @return the count.
     */
    public long framesReceived()
    {
        return framesReceived;
    }

    /**
     * Socket write calls made.
     *
     * @return the count.
     */
    public long writeCalls()
    {
        return sendBuffer.writeCalls();
    }

    /**
     * Heartbeat messages queued.
     *
     * @return the count.
     */
    public long heartbeatsSent()
    {
        return sendBuffer.heartbeatsSent();
    }

    /**
     * Client text messages that were not valid subscribe, unsubscribe or mode requests (ignored).
     *
     * @return the count.
     */
    public long requestsRejected()
    {
        return requestsRejected;
    }

    /**
     * Tokens ignored: past the instrument limit or with an invalid segment.
     *
     * @return the count.
     */
    public long tokensIgnored()
    {
        return book.tokensIgnored();
    }

    /**
     * The status code of the close frame received from the client.
     *
     * @return the code, or -1 if none was received.
     */
    public int closeStatusReceived()
    {
        return closeStatusReceived;
    }

    /**
     * The {@link System#nanoTime()} just before the write of a packet, in {@link SendMode#LATENCY}.
     *
     * @param packetOrdinal 0-based position of the packet among the packets sent on this connection.
     * @return the send time, or -1 if not recorded (not LATENCY mode, not sent yet, or overwritten in the ring).
     */
    public long sendNanos(final long packetOrdinal)
    {
        return producer.sendNanos(packetOrdinal);
    }

    /**
     * A snapshot of the subscriptions, taken on the agent thread.
     *
     * @return token to mode, in subscription order.
     */
    public Map<Integer, Mode> subscriptions()
    {
        final Map<Integer, Mode> result = new LinkedHashMap<>();
        agent.invoke(() -> book.copyTo(result));
        return Collections.unmodifiableMap(result);
    }

    /**
     * The mode of one token, from a snapshot.
     *
     * @param instrumentToken to look up.
     * @return its mode, or null if not subscribed.
     */
    public Mode mode(final int instrumentToken)
    {
        return subscriptions().get(instrumentToken);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "SimulatedConnection{id=" + connectionId + ", remotePort=" + remotePort + ", state=" + state +
            ", subscriptions=" + book.count() + ", frames=" + sendBuffer.framesSent() +
            ", packets=" + producer.packetsSent() + '}';
    }

    // ------------------------------------------------------------------------------------------------------------
    // Script verbs, any thread: applied on the agent thread.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     */
    @Override
    public void dropAbruptly()
    {
        agent.invoke(() -> closeSocket(true));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void closeCleanly(final int statusCode, final String reason)
    {
        agent.invoke(() -> startClose(statusCode, reason));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void stall()
    {
        agent.invoke(faults::stall);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resume()
    {
        agent.invoke(() ->
        {
            faults.resume();
            producer.resetPacing(agent.nowNs());
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void pauseReading()
    {
        agent.invoke(faults::pauseReading);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resumeReading()
    {
        agent.invoke(faults::resumeReading);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendMalformed(final Malformation malformation)
    {
        agent.invoke(() -> faults.queueMalformed(malformation));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void splitNextMessages(final int messageCount, final int chunkBytes)
    {
        if (messageCount < 1 || chunkBytes < 1)
        {
            throw new IllegalArgumentException("messageCount and chunkBytes must be >= 1");
        }
        agent.invoke(() -> faults.splitNextMessages(messageCount, chunkBytes));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendOrder(final String orderJson)
    {
        agent.invoke(() ->
        {
            final int length = textEncoder.message(scratchBuffer, 0, "order", orderJson);
            sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
        });
    }

    /**
     * Send a {@code {"type":"order","data":{…}}} text message from an order holder.
     *
     * @param order to send; copied before this method returns.
     */
    public void sendOrder(final OrderUpdate order)
    {
        final OrderUpdate copy = new OrderUpdate().copyFrom(order);
        agent.invoke(() ->
        {
            final int length = textEncoder.order(scratchBuffer, 0, copy);
            sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendError(final String message)
    {
        agent.invoke(() -> queueError(message));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendText(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        agent.invoke(() -> sendBuffer.queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(bytes), 0, bytes.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendBinary(final byte[] payload)
    {
        final byte[] copy = payload.clone();
        agent.invoke(() -> sendBuffer.queueFrame(WebSocketOpcode.BINARY, new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendRawBytes(final byte[] bytes)
    {
        final byte[] copy = bytes.clone();
        agent.invoke(() -> sendBuffer.queueRaw(new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendHeartbeat()
    {
        agent.invoke(sendBuffer::queueHeartbeat);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Agent thread.
    // ------------------------------------------------------------------------------------------------------------

    int doWork(final long nowNs, final long epochSeconds)
    {
        this.epochSeconds = epochSeconds;
        sendBuffer.nowNs(nowNs);
        final ConnectionState state = this.state;
        if (ConnectionState.CLOSED == state)
        {
            return 0;
        }

        int workCount = 0;
        try
        {
            if (ConnectionState.HANDSHAKING == state)
            {
                workCount += doHandshake(nowNs);
            }
            else
            {
                if (!faults.isReadingPaused())
                {
                    workCount += readAndDecode();
                }
                if (ConnectionState.OPEN == this.state && !faults.isStalled())
                {
                    workCount += produce(nowNs);
                }
            }

            if (!faults.isStalled() && ConnectionState.CLOSED != this.state)
            {
                workCount += sendBuffer.flush(transport);
            }

            if (closeAfterFlush && sendBuffer.isEmpty() && !transport.hasPendingWrite())
            {
                closeSocket(false);
                workCount++;
            }
            else if (ConnectionState.CLOSING == this.state && nowNs - closeDeadlineNs > 0)
            {
                closeSocket(false);
                workCount++;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            agent.onConnectionError(this, ex);
            closeSocket(true);
            workCount++;
        }

        return workCount;
    }

    void closeSocket(final boolean abortive)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        if (abortive)
        {
            transport.abort();
        }
        else
        {
            transport.close();
        }
        state = ConnectionState.CLOSED;
        if (countedAsOpen)
        {
            countedAsOpen = false;
            agent.onConnectionClosed(this);
        }
    }

    private int doHandshake(final long nowNs) throws IOException
    {
        if (nowNs - handshakeDeadlineNs > 0 && !closeAfterFlush)
        {
            closeSocket(true);
            return 1;
        }
        if (closeAfterFlush)
        {
            return 0;
        }

        if (!transportReady)
        {
            final int result;
            try
            {
                result = transport.handshake();
            }
            catch (final EOFException ex)
            {
                closeSocket(true); // the peer went away or closed TLS during the handshake: not an error
                return 1;
            }
            if (Transport.HANDSHAKE_IN_PROGRESS == result)
            {
                return 0;
            }
            transportReady = true;
        }

        if (readInput() < 0)
        {
            return 1;
        }
        final int length = inByteBuffer.position();
        if (0 == length)
        {
            return 0;
        }

        final int result = handshakeDecoder.decode(inBuffer, 0, length);
        if (HandshakeRequestDecoder.NEED_MORE_DATA == result)
        {
            return 1;
        }
        if (HandshakeRequestDecoder.OK != result)
        {
            final int status = HandshakeRequestDecoder.UNSUPPORTED_VERSION == result ? 426 : 400;
            agent.onRejectedBadRequest();
            rejectUpgrade(status, HandshakeRequestDecoder.codeName(result));
            return 1;
        }

        final String requestApiKey = handshakeDecoder.apiKey();
        final String requestAccessToken = handshakeDecoder.accessToken();
        final String expectedToken = null == requestApiKey ? null : context.credentials().get(requestApiKey);
        if (null == expectedToken || !expectedToken.equals(requestAccessToken))
        {
            agent.onRejectedCredentials();
            rejectUpgrade(403, "Invalid api_key or access_token");
            return 1;
        }
        if (!agent.tryAcquireConnectionSlot(requestApiKey))
        {
            agent.onRejectedConnectionLimit();
            rejectUpgrade(context.connectionLimitHttpStatus(), "Maximum connections per api_key reached");
            return 1;
        }

        countedAsOpen = true;
        apiKey = requestApiKey;
        final int headerLength = handshakeDecoder.headerLength();
        final int responseLength = handshakeEncoder.encodeSwitchingProtocols(
            sendBuffer.buffer(), sendBuffer.writePosition(), handshakeDecoder.key());
        if (responseLength < 0)
        {
            throw new IllegalStateException("no room for the upgrade response");
        }
        sendBuffer.advance(responseLength);
        consumeInput(headerLength);
        this.state = ConnectionState.OPEN;
        sendBuffer.restartIdleTimer();
        producer.resetPacing(nowNs);
        if (inByteBuffer.position() > 0)
        {
            decodeFrames();
        }
        return 1;
    }

    private void rejectUpgrade(final int status, final String body)
    {
        final int length = handshakeEncoder.encodeError(sendBuffer.buffer(), sendBuffer.writePosition(), status, body);
        if (length > 0)
        {
            sendBuffer.advance(length);
        }
        inByteBuffer.clear();
        closeAfterFlush = true;
    }

    private int readAndDecode() throws IOException
    {
        final int read = readInput();
        if (read < 0)
        {
            return 1;
        }
        if (0 == inByteBuffer.position())
        {
            return 0;
        }
        return decodeFrames() + (read > 0 ? 1 : 0);
    }

    /**
     * Read what the transport has into the input buffer and count it; at end of stream close the socket.
     *
     * @return bytes read (maybe 0), or -1 at end of stream.
     */
    private int readInput() throws IOException
    {
        final int read = transport.read(inByteBuffer);
        if (read < 0)
        {
            closeSocket(false);
        }
        else
        {
            bytesReceived += read;
        }
        return read;
    }

    private int decodeFrames()
    {
        final int length = inByteBuffer.position();
        final int result = frameDecoder.decode(inBuffer, 0, length, frameHandler);
        if (result < 0)
        {
            inByteBuffer.clear();
            if (!closeFrameSent)
            {
                startClose(WebSocketFrameDecoder.closeCodeFor(result), WebSocketFrameDecoder.codeName(result));
            }
            closeAfterFlush = true;
            return 1;
        }
        consumeInput(result);
        if (frameDecoder.isCloseReceived())
        {
            inByteBuffer.clear();
        }
        return result > 0 ? 1 : 0;
    }

    private void consumeInput(final int consumed)
    {
        if (consumed <= 0)
        {
            return;
        }
        final int length = inByteBuffer.position();
        if (consumed >= length)
        {
            inByteBuffer.clear();
        }
        else
        {
            inByteBuffer.flip().position(consumed);
            inByteBuffer.compact();
        }
    }

    private int produce(final long nowNs)
    {
        final int workCount = producer.produce(nowNs, epochSeconds);
        if (nowNs - sendBuffer.lastFrameQueuedNs() >= context.heartbeatIntervalNs())
        {
            sendBuffer.queueHeartbeat();
            return workCount + 1;
        }
        return workCount;
    }

    private void queueError(final String message)
    {
        final int length = textEncoder.error(scratchBuffer, 0, message);
        sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
    }

    private void startClose(final int statusCode, final String reason)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        if (!closeFrameSent)
        {
            sendBuffer.queueClose(statusCode, reason);
            closeFrameSent = true;
        }
        if (ConnectionState.OPEN == state)
        {
            state = ConnectionState.CLOSING;
        }
        closeDeadlineNs = agent.nowNs() + context.closeTimeoutNs();
    }

    private void subscribe(final IntArrayList tokens)
    {
        final int ignoredForLimit = book.subscribe(tokens, epochSeconds);
        producer.onSubscriptionsChanged();
        if (ignoredForLimit > 0)
        {
            final InstrumentLimitPolicy policy = book.limitPolicy();
            if (InstrumentLimitPolicy.IGNORE != policy)
            {
                queueError(book.limitMessage(ignoredForLimit));
            }
            if (InstrumentLimitPolicy.CLOSE == policy)
            {
                startClose(CloseStatus.POLICY_VIOLATION, "instrument limit exceeded");
            }
        }
    }

    private void onTextRequest(final DirectBuffer buffer, final int offset, final int length)
    {
        final int result = requestDecoder.decode(buffer, offset, length);
        if (SubscriptionRequestDecoder.OK != result)
        {
            requestsRejected++;
            return;
        }
        switch (requestDecoder.action())
        {
            case SubscriptionRequestDecoder.SUBSCRIBE:
                subscribe(requestDecoder.tokens());
                break;

            case SubscriptionRequestDecoder.UNSUBSCRIBE:
                book.unsubscribe(requestDecoder.tokens());
                producer.onSubscriptionsChanged();
                break;

            case SubscriptionRequestDecoder.MODE:
                book.mode(requestDecoder.mode(), requestDecoder.tokens());
                producer.onSubscriptionsChanged();
                break;

            default:
                requestsRejected++;
                break;
        }
    }

    private final class FrameHandler implements WebSocketMessageHandler
    {
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            framesReceived++;
            if (WebSocketOpcode.TEXT == opcode && ConnectionState.OPEN == state)
            {
                onTextRequest(buffer, offset, length);
            }
            return true;
        }

        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!closeFrameSent)
            {
                sendBuffer.queuePong(buffer, offset, length);
            }
        }

        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            closeStatusReceived = code;
            if (!closeFrameSent)
            {
                startClose(CloseStatus.NO_STATUS_RECEIVED == code ? CloseStatus.NORMAL : code, "");
            }
            closeAfterFlush = true;
        }
    }
}
