package io.kiteticker.simulator;

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
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The server side of one WebSocket session of a {@link SimulatedConnection}, run by the agent thread: the TLS and
 * HTTP upgrade handshake (403 for bad credentials, the connection limit's status, 400/426 for a bad request),
 * frames in (subscription requests, ping, close), the close handshake with its timeout, and the life cycle
 * ({@link ConnectionState}). It builds the connection's parts and drives them in its duty cycle
 * ({@link #doWork(long, long)}): read and decode, {@link TickProducer} and heartbeats, {@link SendBuffer} flush,
 * as {@link FaultScript} allows.
 * <p>
 * Agent thread only, except the volatile state and counters, readable from any thread. The agent's side of the
 * session (clock, connection slots, rejection counters) is a {@link SessionHost}, so the session runs in unit
 * tests over a fake {@link Transport} without a socket.
 */
final class ServerSession
{
    private static final int HTTP_HEADER_MAX = 16 * 1024;
    private static final int INBOUND_SLACK_LENGTH = 64 * 1024;
    private static final int SCRATCH_LENGTH = 64 * 1024;
    private static final int MAX_TOKENS_PER_REQUEST = 1024;
    private static final boolean IS_CLIENT_MASKING_EXPECTED = false;
    private static final int UPGRADE_REQUIRED_HTTP_STATUS = 426;
    private static final int BAD_REQUEST_HTTP_STATUS = 400;
    private static final int FORBIDDEN_HTTP_STATUS = 403;

    private final SessionHost host;
    private final SimulatorContext context;
    private final Transport transport;
    private final long connectionId;

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

    ServerSession(
        final SessionHost host,
        final SimulatorContext context,
        final MarketModel model,
        final Transport transport,
        final long connectionId,
        final long nowNs)
    {
        this.host = host;
        this.context = context;
        this.transport = transport;
        this.connectionId = connectionId;
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

    SendBuffer sendBuffer()
    {
        return sendBuffer;
    }

    SubscriptionBook book()
    {
        return book;
    }

    TickProducer producer()
    {
        return producer;
    }

    FaultScript faults()
    {
        return faults;
    }

    ConnectionState state()
    {
        return state;
    }

    String apiKey()
    {
        return apiKey;
    }

    long bytesReceived()
    {
        return bytesReceived;
    }

    long framesReceived()
    {
        return framesReceived;
    }

    long requestsRejected()
    {
        return requestsRejected;
    }

    int closeStatusReceived()
    {
        return closeStatusReceived;
    }

    /**
     * One duty cycle: the handshake until upgraded, then read and decode, produce ticks and heartbeats, flush, and
     * close the socket once a close or rejection has been flushed or the close timed out.
     *
     * @param nowNs        of the agent's clock.
     * @param epochSeconds of the agent's epoch clock, for the ticks' timestamps.
     * @return work done.
     */
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
            host.onSessionError(connectionId, ex);
            closeSocket(true);
            workCount++;
        }

        return workCount;
    }

    /**
     * Close the socket now, without a close handshake, and give back the connection slot.
     *
     * @param abortive true for a reset (RST), false for an orderly end of stream.
     */
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
            host.onSessionClosed(apiKey);
        }
    }

    /**
     * Write what is queued and these bytes now, as far as the socket takes them, then end the TCP connection with a
     * FIN: the client reads the bytes and then the end of the stream, with no tick in between.
     *
     * @param bytes  raw bytes, e.g. the start of a frame.
     * @param length of the bytes.
     */
    void writeThenEnd(final DirectBuffer bytes, final int length)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        sendBuffer.queueRaw(bytes, 0, length);
        try
        {
            sendBuffer.flush(transport);
        }
        catch (final IOException | RuntimeException ex)
        {
            host.onSessionError(connectionId, ex);
        }
        closeSocket(false);
    }

    /**
     * Start the close handshake: queue a close frame (once) and wait for the peer's for the close timeout.
     *
     * @param statusCode of the close frame.
     * @param reason     short text of the close frame.
     */
    void startClose(final int statusCode, final String reason)
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
        closeDeadlineNs = host.nowNs() + context.closeTimeoutNs();
    }

    /**
     * Queue a {@code {"type":"error","data":"…"}} text message.
     *
     * @param message the error text.
     */
    void queueError(final String message)
    {
        final int length = textEncoder.error(scratchBuffer, 0, message);
        sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
    }

    /**
     * Queue a {@code {"type":"order","data":…}} text message.
     *
     * @param orderJson the data object, as JSON.
     */
    void queueOrder(final String orderJson)
    {
        final int length = textEncoder.message(scratchBuffer, 0, "order", orderJson);
        sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
    }

    /**
     * Queue a {@code {"type":"order","data":{…}}} text message from an order holder.
     *
     * @param order to encode.
     */
    void queueOrder(final OrderUpdate order)
    {
        final int length = textEncoder.order(scratchBuffer, 0, order);
        sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
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
            final int status = HandshakeRequestDecoder.UNSUPPORTED_VERSION == result ?
                UPGRADE_REQUIRED_HTTP_STATUS : BAD_REQUEST_HTTP_STATUS;
            host.onRejectedBadRequest();
            rejectUpgrade(status, HandshakeRequestDecoder.codeName(result));
            return 1;
        }

        final int refusalStatus = host.upgradeRefusalStatus();
        if (0 != refusalStatus)
        {
            host.onRefusedUpgrade();
            rejectUpgrade(refusalStatus, "Upgrades refused for now (simulated outage)");
            return 1;
        }

        final String requestApiKey = handshakeDecoder.apiKey();
        final String requestAccessToken = handshakeDecoder.accessToken();
        final String expectedToken = null == requestApiKey ? null : context.credentials().get(requestApiKey);
        if (null == expectedToken || !expectedToken.equals(requestAccessToken))
        {
            host.onRejectedCredentials();
            rejectUpgrade(FORBIDDEN_HTTP_STATUS, "Invalid api_key or access_token");
            return 1;
        }
        if (!host.tryAcquireConnectionSlot(requestApiKey))
        {
            host.onRejectedConnectionLimit();
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

    private void answerIfAsked()
    {
        if (context.answerEachRequest())
        {
            producer.queueSnapshots(epochSeconds);
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
                answerIfAsked();
                break;

            case SubscriptionRequestDecoder.UNSUBSCRIBE:
                book.unsubscribe(requestDecoder.tokens());
                producer.onSubscriptionsChanged();
                break;

            case SubscriptionRequestDecoder.MODE:
                book.mode(requestDecoder.mode(), requestDecoder.tokens());
                producer.onSubscriptionsChanged();
                answerIfAsked();
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
