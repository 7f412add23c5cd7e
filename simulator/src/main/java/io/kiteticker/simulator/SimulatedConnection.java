package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.codec.text.OrderUpdate;
import io.kiteticker.codec.text.SubscriptionRequestDecoder;
import io.kiteticker.codec.text.TextMessageEncoder;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestDecoder;
import io.kiteticker.codec.ws.HandshakeResponseEncoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.script.ConnectionScript;
import io.kiteticker.simulator.script.Malformation;
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One client connection of a {@link KiteSimulator}: its WebSocket session, its subscriptions and the ticks sent on
 * it, observable from any thread, and the {@link ConnectionScript} verbs that script faults on it.
 * <p>
 * Counters are written by the agent thread only and read with volatile semantics: frames, packets and bytes are
 * counted when a whole message has been queued for the socket ({@link #bytesSent()} when the socket accepted the
 * bytes). In {@link SendMode#LATENCY} the send time of packet n (0-based, in the order packets leave on this
 * connection; malformed messages do not take ordinals) is kept in a circular array: {@link #sendNanos(long)}.
 * <p>
 * Subscription rules: a subscribe adds tokens in mode quote (a token already subscribed keeps its mode); a mode
 * request changes tokens that are subscribed and ignores others; tokens whose segment byte is not 1 to 9 are
 * ignored. A subscribe or mode change queues one immediate tick (snapshot) for each token it affects, before the
 * paced ticks, as Kite does.
 */
public final class SimulatedConnection implements ConnectionScript
{
    private static final int FRAME_HEADER_RESERVE = 4;          // unmasked header for payloads of 126..65535 bytes
    private static final int TEXT_RESERVE = 4096;
    private static final int HTTP_HEADER_MAX = 16 * 1024;
    private static final double PACED_BURST_SECONDS = 0.05;

    private final SimulatorAgent agent;
    private final SimulatorContext context;
    private final MarketModel model;
    private final Transport transport;
    private final long connectionId;
    private final int remotePort;
    private final boolean clientSideMasking = false;

    private final ByteBuffer inByteBuffer;
    private final UnsafeBuffer inBuffer;
    private final ByteBuffer outByteBuffer;
    private final UnsafeBuffer outBuffer;
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private int outReadPosition;
    private int outWritePosition;

    private final WebSocketFrameDecoder frameDecoder;
    private final WebSocketFrameEncoder frameEncoder = WebSocketFrameEncoder.serverSide();
    private final KiteMessageEncoder messageEncoder = new KiteMessageEncoder();
    private final SubscriptionRequestDecoder requestDecoder;
    private final TextMessageEncoder textEncoder = new TextMessageEncoder();
    private final HandshakeRequestDecoder handshakeDecoder = new HandshakeRequestDecoder(HTTP_HEADER_MAX);
    private final HandshakeResponseEncoder handshakeEncoder = new HandshakeResponseEncoder();
    private final FrameHandler frameHandler = new FrameHandler();

    private final int maxInstruments;
    private final int[] subscribedTokens;
    private final int[] subscribedModelIndex;
    private final byte[] subscribedModeCode;
    private final Int2IntHashMap slotByToken;
    private final IntArrayList snapshotTokens = new IntArrayList();
    private int subscribedCount;
    private int cursor;

    private final SendMode sendMode;
    private final FloodCache floodCache = new FloodCache();
    private final int maxPacketsPerMessage;
    private final int maxMessageFrameLength;
    private final AtomicLongArray sendNanos;
    private final int sendNanosMask;
    private double credit;
    private long lastPacingNs;
    private long lastFrameSentNs;
    private long epochSeconds;
    private long nowNs;

    private final long handshakeDeadlineNs;
    private boolean transportReady;
    private boolean closeAfterFlush;
    private boolean closeFrameSent;
    private long closeDeadlineNs;
    private boolean countedAsOpen;
    private int splitChunkBytes;
    private int splitMessagesRemaining;

    private volatile ConnectionState state = ConnectionState.HANDSHAKING;
    private volatile String apiKey;
    private volatile boolean stalled;
    private volatile boolean readingPaused;
    private volatile int subscriptionCount;
    private volatile long framesSent;
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long bytesReceived;
    private volatile long framesReceived;
    private volatile long writeCalls;
    private volatile long heartbeatsSent;
    private volatile long requestsRejected;
    private volatile long tokensIgnored;
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
        this.model = model;
        this.transport = transport;
        this.connectionId = connectionId;
        this.remotePort = remotePort;
        this.handshakeDeadlineNs = nowNs + context.handshakeTimeoutNs();
        this.lastFrameSentNs = nowNs;
        this.lastPacingNs = nowNs;

        final int inLength = BitUtil.align(context.maxInboundMessageLength() + 64 * 1024, 4096);
        this.inByteBuffer = ByteBuffer.allocateDirect(inLength);
        this.inBuffer = new UnsafeBuffer(inByteBuffer);
        this.outByteBuffer = ByteBuffer.allocateDirect(context.sendBufferLength());
        this.outBuffer = new UnsafeBuffer(outByteBuffer);
        this.frameDecoder = new WebSocketFrameDecoder(clientSideMasking, context.maxInboundMessageLength());
        this.requestDecoder = new SubscriptionRequestDecoder(context.maxInboundMessageLength(), 1024);

        this.maxInstruments = context.maxInstrumentsPerConnection();
        this.subscribedTokens = new int[maxInstruments];
        this.subscribedModelIndex = new int[maxInstruments];
        this.subscribedModeCode = new byte[maxInstruments];
        this.slotByToken = new Int2IntHashMap(Math.max(16, maxInstruments * 2), 0.65f, -1);

        this.sendMode = context.sendMode();
        this.maxPacketsPerMessage = context.maxPacketsPerMessage();
        this.maxMessageFrameLength =
            FRAME_HEADER_RESERVE + 2 + maxPacketsPerMessage * (2 + PacketKind.MAX_LENGTH);
        if (SendMode.LATENCY == sendMode)
        {
            this.sendNanos = new AtomicLongArray(context.sendNanosCapacity());
            this.sendNanosMask = context.sendNanosCapacity() - 1;
        }
        else
        {
            this.sendNanos = null;
            this.sendNanosMask = 0;
        }
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
        return stalled;
    }

    /**
     * Is reading paused by {@link #pauseReading()}?
     *
     * @return true when paused.
     */
    public boolean isReadingPaused()
    {
        return readingPaused;
    }

    /**
     * Number of subscribed tokens.
     *
     * @return the count.
     */
    public int subscriptionCount()
    {
        return subscriptionCount;
    }

    /**
     * WebSocket data frames queued: tick messages, heartbeats, text messages and malformed messages.
     *
     * @return the count.
     */
    public long framesSent()
    {
        return framesSent;
    }

    /**
     * Frames in the cached pass of a {@link SendMode#FLOOD_CACHED} connection (0 until one pass was captured).
     *
     * @return frame count, read racily from another thread.
     */
    int cachedFloodFrames()
    {
        return floodCache.isComplete() ? floodCache.frameCount() : 0;
    }

    /**
     * Tick packets queued, all modes.
     *
     * @return the count, also the next packet ordinal.
     */
    public long packetsSent()
    {
        return packetsSent;
    }

    /**
     * Bytes the socket accepted (WebSocket bytes, before TLS).
     *
     * @return the count.
     */
    public long bytesSent()
    {
        return bytesSent;
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
        return writeCalls;
    }

    /**
     * Heartbeat messages queued.
     *
     * @return the count.
     */
    public long heartbeatsSent()
    {
        return heartbeatsSent;
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
        return tokensIgnored;
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
        if (null == sendNanos || packetOrdinal < 0)
        {
            return -1;
        }
        final long sent = packetsSent;
        if (packetOrdinal >= sent)
        {
            return -1;
        }
        final long value = sendNanos.get((int)(packetOrdinal & sendNanosMask));
        return packetsSent - packetOrdinal > sendNanos.length() ? -1 : value;
    }

    /**
     * A snapshot of the subscriptions, taken on the agent thread.
     *
     * @return token to mode, in subscription order.
     */
    public Map<Integer, Mode> subscriptions()
    {
        final Map<Integer, Mode> result = new LinkedHashMap<>();
        agent.invoke(() ->
        {
            for (int i = 0; i < subscribedCount; i++)
            {
                result.put(subscribedTokens[i], Mode.fromCode(subscribedModeCode[i]));
            }
        });
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
            ", subscriptions=" + subscriptionCount + ", frames=" + framesSent + ", packets=" + packetsSent + '}';
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
        agent.invoke(() -> stalled = true);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resume()
    {
        agent.invoke(() ->
        {
            stalled = false;
            lastPacingNs = agent.nowNs();
            credit = 0;
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void pauseReading()
    {
        agent.invoke(() -> readingPaused = true);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resumeReading()
    {
        agent.invoke(() -> readingPaused = false);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendMalformed(final Malformation malformation)
    {
        agent.invoke(() -> queueMalformed(malformation));
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
        agent.invoke(() ->
        {
            splitMessagesRemaining = messageCount;
            splitChunkBytes = chunkBytes;
        });
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
            queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
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
            queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
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
        agent.invoke(() -> queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(bytes), 0, bytes.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendBinary(final byte[] payload)
    {
        final byte[] copy = payload.clone();
        agent.invoke(() -> queueFrame(WebSocketOpcode.BINARY, new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendRawBytes(final byte[] bytes)
    {
        final byte[] copy = bytes.clone();
        agent.invoke(() -> queueRaw(new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendHeartbeat()
    {
        agent.invoke(this::queueHeartbeat);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Agent thread.
    // ------------------------------------------------------------------------------------------------------------

    int doWork(final long nowNs, final long epochSeconds)
    {
        this.nowNs = nowNs;
        this.epochSeconds = epochSeconds;
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
                if (!readingPaused)
                {
                    workCount += readAndDecode();
                }
                if (ConnectionState.OPEN == this.state && !stalled)
                {
                    workCount += produce(nowNs);
                }
            }

            if (!stalled && ConnectionState.CLOSED != this.state)
            {
                workCount += flush();
            }

            if (closeAfterFlush && outReadPosition == outWritePosition && !transport.hasPendingWrite())
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
            outBuffer, outWritePosition, handshakeDecoder.key());
        if (responseLength < 0)
        {
            throw new IllegalStateException("no room for the upgrade response");
        }
        outWritePosition += responseLength;
        consumeInput(headerLength);
        this.state = ConnectionState.OPEN;
        lastFrameSentNs = nowNs;
        lastPacingNs = nowNs;
        if (inByteBuffer.position() > 0)
        {
            decodeFrames();
        }
        return 1;
    }

    private void rejectUpgrade(final int status, final String body)
    {
        final int length = handshakeEncoder.encodeError(outBuffer, outWritePosition, status, body);
        if (length > 0)
        {
            outWritePosition += length;
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
        int workCount = 0;
        if (subscribedCount > 0)
        {
            if (SendMode.FLOOD == sendMode || SendMode.FLOOD_CACHED == sendMode)
            {
                workCount += flood();
            }
            else
            {
                workCount += paced(nowNs);
            }
        }
        else if (!snapshotTokens.isEmpty())
        {
            snapshotTokens.clear();
        }

        if (nowNs - lastFrameSentNs >= context.heartbeatIntervalNs())
        {
            queueHeartbeat();
            workCount++;
        }
        return workCount;
    }

    private int flood()
    {
        int messages = 0;
        while (messages < 64 && ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            if (SendMode.FLOOD_CACHED == sendMode && snapshotTokens.isEmpty() && 0 == splitMessagesRemaining)
            {
                queueCachedFlood();
            }
            else
            {
                queueTickMessage(maxPacketsPerMessage);
            }
            messages++;
        }
        return messages;
    }

    private void queueCachedFlood()
    {
        if (floodCache.isComplete())
        {
            final int frameOffset = outWritePosition;
            outWritePosition = frameOffset + floodCache.nextFrameLength();
            final int packets = floodCache.copyNextFrame(outBuffer, frameOffset);
            onFrameQueued();
            onTicksQueued(packets);
            return;
        }

        if (!floodCache.isCapturing())
        {
            floodCache.startCapture(subscribedCount);
        }
        final int frameOffset = outWritePosition;
        final int packets = queueTickMessage(maxPacketsPerMessage);
        floodCache.capture(outBuffer, frameOffset, outWritePosition - frameOffset, packets);
    }

    private int paced(final long nowNs)
    {
        final double rate = Math.min(context.ticksPerSecond(), context.ticksPerSecondPerToken() * subscribedCount);
        final long elapsedNs = nowNs - lastPacingNs;
        lastPacingNs = nowNs;
        credit = Math.min(credit + rate * elapsedNs * 1e-9, Math.max(1.0, rate * PACED_BURST_SECONDS));

        int due = (int)credit + snapshotTokens.size();
        int messages = 0;
        while (due > 0 && ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            final int snapshotsBefore = snapshotTokens.size();
            final int sent = queueTickMessage(Math.min(due, maxPacketsPerMessage));
            if (0 == sent)
            {
                break;
            }
            final int snapshotsSent = snapshotsBefore - snapshotTokens.size();
            credit -= (sent - snapshotsSent);
            due -= sent;
            messages++;
            if (SendMode.LATENCY == sendMode)
            {
                try
                {
                    flush();
                }
                catch (final IOException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
        if (credit < 0)
        {
            credit = 0;
        }
        return messages;
    }

    /**
     * Encode one binary message of up to {@code packetLimit} ticks: snapshots first, then round-robin.
     */
    private int queueTickMessage(final int packetLimit)
    {
        final int frameOffset = outWritePosition;
        final int payloadOffset = frameOffset + FRAME_HEADER_RESERVE;
        final KiteMessageEncoder encoder = messageEncoder.wrap(outBuffer, payloadOffset);
        int packets = 0;
        while (packets < packetLimit && subscribedCount > 0)
        {
            final int slot;
            if (!snapshotTokens.isEmpty())
            {
                final int token = snapshotTokens.removeAt(snapshotTokens.size() - 1);
                slot = slotByToken.get(token);
                if (-1 == slot)
                {
                    continue;
                }
            }
            else
            {
                if (cursor >= subscribedCount)
                {
                    cursor = 0;
                }
                slot = cursor++;
            }
            encodeTick(encoder, slot);
            packets++;
        }
        if (0 == packets)
        {
            return 0;
        }

        finishFrame(frameOffset, payloadOffset, encoder.encodedLength(), WebSocketOpcode.BINARY);
        onTicksQueued(packets);
        return packets;
    }

    private void onTicksQueued(final int packets)
    {
        final long firstOrdinal = packetsSent;
        if (null != sendNanos)
        {
            final long sendTimeNs = System.nanoTime();
            for (int i = 0; i < packets; i++)
            {
                sendNanos.lazySet((int)((firstOrdinal + i) & sendNanosMask), sendTimeNs);
            }
        }
        packetsSent = firstOrdinal + packets;
    }

    private void encodeTick(final KiteMessageEncoder encoder, final int slot)
    {
        final MarketModel model = this.model;
        final int i = subscribedModelIndex[slot];
        model.step(i, epochSeconds);
        final int modeCode = subscribedModeCode[slot];
        final int token = subscribedTokens[slot];

        if (1 == modeCode)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(model.lastPrice(i));
        }
        else if (model.isIndex(i))
        {
            final TickEncoder tick = encoder.addPacket(3 == modeCode ? PacketKind.INDEX_FULL : PacketKind.INDEX_QUOTE)
                .instrumentToken(token)
                .lastPrice(model.lastPrice(i))
                .high(model.high(i))
                .low(model.low(i))
                .open(model.open(i))
                .close(model.close(i))
                .exchangeChange(model.change(i));
            if (3 == modeCode)
            {
                tick.exchangeTimestamp(model.exchangeSeconds(i));
            }
        }
        else
        {
            final TickEncoder tick = encoder.addPacket(3 == modeCode ? PacketKind.FULL : PacketKind.QUOTE)
                .instrumentToken(token)
                .lastPrice(model.lastPrice(i))
                .lastTradedQuantity(model.lastQuantity(i))
                .averageTradedPrice(model.averagePrice(i))
                .volumeTraded(model.volume(i))
                .totalBuyQuantity(model.totalBuyQuantity(i))
                .totalSellQuantity(model.totalSellQuantity(i))
                .open(model.open(i))
                .high(model.high(i))
                .low(model.low(i))
                .close(model.close(i));
            if (3 == modeCode)
            {
                tick.lastTradeTime(model.lastTradeSeconds(i))
                    .openInterest(model.openInterest(i))
                    .openInterestDayHigh(model.openInterestDayHigh(i))
                    .openInterestDayLow(model.openInterestDayLow(i))
                    .exchangeTimestamp(model.exchangeSeconds(i));
                model.computeDepth(i);
                for (int level = 0; level < MarketModel.DEPTH_LEVELS; level++)
                {
                    tick.bid(level, model.bidQuantity(level), model.bidPrice(level), model.bidOrders(level));
                    tick.ask(level, model.askQuantity(level), model.askPrice(level), model.askOrders(level));
                }
            }
        }
    }

    /**
     * Put the header before a payload written at {@code frameOffset + FRAME_HEADER_RESERVE}, closing the gap for
     * short payloads (whose header is 2 bytes), and account for the frame.
     */
    private void finishFrame(final int frameOffset, final int payloadOffset, final int payloadLength, final int opcode)
    {
        int start = payloadOffset;
        if (payloadLength < 126)
        {
            final int gap = FRAME_HEADER_RESERVE - 2;
            for (int i = 0; i < payloadLength; i++)
            {
                outBuffer.putByte(payloadOffset - gap + i, outBuffer.getByte(payloadOffset + i));
            }
            start = payloadOffset - gap;
        }
        final int headerStart = frameEncoder.encodeHeaderBefore(outBuffer, start, payloadLength, opcode, true);
        if (headerStart != frameOffset)
        {
            throw new IllegalStateException("frame header misplaced: " + headerStart + " != " + frameOffset);
        }
        outWritePosition = start + payloadLength;
        onFrameQueued();
    }

    private void onFrameQueued()
    {
        framesSent++;
        lastFrameSentNs = nowNs;
        if (splitMessagesRemaining > 0)
        {
            splitMessagesRemaining--;
        }
    }

    private void queueHeartbeat()
    {
        if (!ensureRoom(16))
        {
            return;
        }
        final int payloadOffset = outWritePosition + FRAME_HEADER_RESERVE;
        final int length = KiteMessageEncoder.encodeHeartbeat(outBuffer, payloadOffset);
        finishFrame(outWritePosition, payloadOffset, length, WebSocketOpcode.BINARY);
        heartbeatsSent++;
    }

    private void queueError(final String message)
    {
        final int length = textEncoder.error(scratchBuffer, 0, message);
        queueFrame(WebSocketOpcode.TEXT, scratchBuffer, 0, length);
    }

    private void queueFrame(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
        final int written = frameEncoder.encodeFrame(outBuffer, outWritePosition, opcode, true, payload, offset, length);
        if (written < 0)
        {
            throw new IllegalStateException("cannot encode frame: " + written);
        }
        outWritePosition += written;
        onFrameQueued();
    }

    private void queueRaw(final DirectBuffer bytes, final int offset, final int length)
    {
        requireRoom(length);
        outBuffer.putBytes(outWritePosition, bytes, offset, length);
        outWritePosition += length;
    }

    private void queueMalformed(final Malformation malformation)
    {
        final int token = subscribedCount > 0 ? subscribedTokens[0] : 256265;
        switch (malformation)
        {
            case BAD_WEBSOCKET_HEADER:
            {
                scratchBuffer.putByte(0, (byte)0xF3);
                scratchBuffer.putByte(1, (byte)0x00);
                queueRaw(scratchBuffer, 0, 2);
                framesSent++;
                break;
            }

            case TRUNCATED_KITE_MESSAGE:
            {
                messageEncoder.wrap(scratchBuffer, 0).addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(100);
                messageEncoder.declaredPacketCount(3);
                queueFrame(WebSocketOpcode.BINARY, scratchBuffer, 0, messageEncoder.encodedLength());
                break;
            }

            case UNKNOWN_PACKET_LENGTH:
            {
                final int packetOffset = 1024;
                scratchBuffer.setMemory(packetOffset, 50, (byte)0);
                scratchBuffer.putInt(packetOffset, token, java.nio.ByteOrder.BIG_ENDIAN);
                messageEncoder.wrap(scratchBuffer, 0).addPacket(scratchBuffer, packetOffset, 50);
                messageEncoder.addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(100);
                queueFrame(WebSocketOpcode.BINARY, scratchBuffer, 0, messageEncoder.encodedLength());
                break;
            }

            case INVALID_JSON_TEXT:
            {
                final byte[] text = "{\"type\":\"order\",\"data\":{\"order_id\":".getBytes(StandardCharsets.US_ASCII);
                queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(text), 0, text.length);
                break;
            }

            default:
                throw new IllegalArgumentException(String.valueOf(malformation));
        }
    }

    private void startClose(final int statusCode, final String reason)
    {
        if (ConnectionState.CLOSED == state)
        {
            return;
        }
        if (!closeFrameSent)
        {
            requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + 125);
            final int written = frameEncoder.encodeClose(outBuffer, outWritePosition, statusCode, reason);
            if (written < 0)
            {
                throw new IllegalArgumentException("cannot encode close frame: " + written);
            }
            outWritePosition += written;
            closeFrameSent = true;
        }
        if (ConnectionState.OPEN == state)
        {
            state = ConnectionState.CLOSING;
        }
        closeDeadlineNs = nowNs() + context.closeTimeoutNs();
    }

    private long nowNs()
    {
        return agent.nowNs();
    }

    private boolean ensureRoom(final int length)
    {
        if (outByteBuffer.capacity() - outWritePosition >= length)
        {
            return true;
        }
        compactOutput();
        return outByteBuffer.capacity() - outWritePosition >= length;
    }

    private void requireRoom(final int length)
    {
        if (!ensureRoom(length))
        {
            throw new IllegalStateException("send buffer full: " + length + " bytes do not fit");
        }
    }

    private void compactOutput()
    {
        if (outReadPosition > 0)
        {
            final int pending = outWritePosition - outReadPosition;
            outByteBuffer.limit(outWritePosition).position(outReadPosition);
            outByteBuffer.compact();
            outByteBuffer.clear();
            outReadPosition = 0;
            outWritePosition = pending;
        }
    }

    private int flush() throws IOException
    {
        if (outReadPosition == outWritePosition)
        {
            return transport.hasPendingWrite() ? transport.flush() : 0;
        }

        int written = 0;
        if (splitChunkBytes > 0)
        {
            while (outReadPosition < outWritePosition)
            {
                final int end = Math.min(outWritePosition, outReadPosition + splitChunkBytes);
                outByteBuffer.limit(end).position(outReadPosition);
                final int n = transport.write(outByteBuffer);
                writeCalls++;
                if (n <= 0)
                {
                    break;
                }
                outReadPosition += n;
                written += n;
            }
        }
        else
        {
            outByteBuffer.limit(outWritePosition).position(outReadPosition);
            written = transport.write(outByteBuffer);
            writeCalls++;
            outReadPosition += written;
        }
        outByteBuffer.clear();

        if (written > 0)
        {
            bytesSent += written;
        }
        if (outReadPosition == outWritePosition)
        {
            outReadPosition = 0;
            outWritePosition = 0;
            if (0 == splitMessagesRemaining)
            {
                splitChunkBytes = 0;
            }
        }
        return written > 0 ? 1 : 0;
    }

    private void subscribe(final IntArrayList tokens)
    {
        final int requested = tokens.size();
        final InstrumentLimitPolicy policy = context.instrumentLimitPolicy();
        if (InstrumentLimitPolicy.CLOSE == policy)
        {
            int fresh = 0;
            for (int k = 0; k < requested; k++)
            {
                if (-1 == slotByToken.get(tokens.getInt(k)))
                {
                    fresh++;
                }
            }
            if (subscribedCount + fresh > maxInstruments)
            {
                tokensIgnored += fresh;
                queueError(limitMessage(fresh));
                startClose(CloseStatus.POLICY_VIOLATION, "instrument limit exceeded");
                return;
            }
        }

        int overLimit = 0;
        for (int k = 0; k < requested; k++)
        {
            final int token = tokens.getInt(k);
            if (-1 != slotByToken.get(token))
            {
                continue;
            }
            if (subscribedCount >= maxInstruments)
            {
                overLimit++;
                continue;
            }
            final int modelIndex = model.indexOf(token, epochSeconds);
            if (-1 == modelIndex)
            {
                tokensIgnored++;
                continue;
            }
            final int slot = subscribedCount++;
            subscribedTokens[slot] = token;
            subscribedModelIndex[slot] = modelIndex;
            subscribedModeCode[slot] = (byte)Mode.QUOTE.code();
            slotByToken.put(token, slot);
            snapshotTokens.addInt(token);
        }
        subscriptionCount = subscribedCount;
        floodCache.invalidate();
        if (overLimit > 0)
        {
            tokensIgnored += overLimit;
            if (InstrumentLimitPolicy.ERROR_AND_IGNORE == policy)
            {
                queueError(limitMessage(overLimit));
            }
        }
    }

    private String limitMessage(final int ignored)
    {
        return "Instrument limit exceeded: at most " + maxInstruments + " instruments per connection, " +
            ignored + " tokens ignored";
    }

    private void unsubscribe(final IntArrayList tokens)
    {
        for (int k = 0, n = tokens.size(); k < n; k++)
        {
            final int token = tokens.getInt(k);
            final int slot = slotByToken.remove(token);
            if (-1 == slot)
            {
                continue;
            }
            final int last = --subscribedCount;
            if (slot != last)
            {
                final int movedToken = subscribedTokens[last];
                subscribedTokens[slot] = movedToken;
                subscribedModelIndex[slot] = subscribedModelIndex[last];
                subscribedModeCode[slot] = subscribedModeCode[last];
                slotByToken.put(movedToken, slot);
            }
        }
        subscriptionCount = subscribedCount;
        floodCache.invalidate();
    }

    private void mode(final Mode mode, final IntArrayList tokens)
    {
        for (int k = 0, n = tokens.size(); k < n; k++)
        {
            final int token = tokens.getInt(k);
            final int slot = slotByToken.get(token);
            if (-1 != slot)
            {
                subscribedModeCode[slot] = (byte)mode.code();
                snapshotTokens.addInt(token);
            }
        }
        floodCache.invalidate();
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
                unsubscribe(requestDecoder.tokens());
                break;

            case SubscriptionRequestDecoder.MODE:
                mode(requestDecoder.mode(), requestDecoder.tokens());
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
                requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
                final int written = frameEncoder.encodePong(outBuffer, outWritePosition, buffer, offset, length);
                if (written > 0)
                {
                    outWritePosition += written;
                }
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
