package io.kiteticker.engine.connection;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickPublisher;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The inbound half of one connection, one direction and one hop after the other, each handing the next a buffer,
 * an offset and a length:
 * <pre>
 *   socket -&gt; Transport.read -&gt; receive buffer [0, receiveLength)
 *          -&gt; WebSocketFrameDecoder.decode -&gt; onMessage(opcode, buffer, offset, length)
 *          -&gt; binary: KiteMessageDecoder.wrap(..).validate() -&gt; TickPublisher.publish -&gt; tick ring slots
 *                    (while the ModeGate has tokens pending: only packets of each token's requested mode)
 *          -&gt; text:   TextMessageDecoder.decode -&gt; text ring slot
 *          -&gt; ping, close: ControlFrameHandler (the conductor)
 * </pre>
 * The end point owns its receive buffer, its decoders and its books (FRAMES, HEARTBEATS, TEXT_MESSAGES, BYTES_READ,
 * MALFORMED_FRAMES, MALFORMED_MESSAGES, MALFORMED_TEXT, TEXT_RING_FULL; the {@link TickPublisher} keeps PACKETS,
 * UNKNOWN_PACKET_LENGTH, MALFORMED_PACKETS and RING_FULL), and tells its conductor what happened by the return code
 * of {@link #poll()} alone.
 * <p>
 * <b>Back-pressure.</b> When a ring is full the message handler refuses the message: the frame decoder leaves it in
 * the receive buffer, the end point stops reading (TCP pushes back on the server) and the next {@link #poll()}
 * offers the same message again before reading anything new. The {@link TickPublisher} remembers how many packets
 * of it are already published, so none is lost or published twice.
 * <p>
 * <b>Stalls.</b> A tick message refused at least once is one ring-full stall, timed from the delivery attempt first
 * refused to the one that publishes the rest of it: RING_FULL_STALLS, RING_FULL_STALL_TOTAL_NS and
 * RING_FULL_STALL_MAX_NS, updated when the stall ends. An attempt after a read is stamped with the read's receive
 * time (no clock read of its own); only a retry while back-pressured reads the clock.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; allocates nothing per message (only malformed input is
 * reported, with a stack-less {@link ConnectionException}).
 */
final class ReceiverEndPoint
{
    /**
     * {@link #poll()}: the server closed the stream.
     */
    static final int END_OF_STREAM = -1;

    /**
     * {@link #poll()}: a ring is still full, nothing was delivered; the message is kept and offered first next time.
     */
    static final int BACK_PRESSURED = -2;

    /**
     * {@link #poll()} returns {@code PROTOCOL_ERROR_BASE + code} for a {@link WebSocketFrameDecoder} error code;
     * see {@link #isProtocolError} and {@link #frameErrorCode}.
     */
    static final int PROTOCOL_ERROR_BASE = -1000;

    /**
     * Smallest receive buffer: room for many full-mode messages per read.
     */
    static final int RECEIVE_BUFFER_MIN_LENGTH = 1024 * 1024;

    /**
     * Room added to the receive buffer beyond the longest message, for the upgrade response and a partial frame.
     */
    static final int HANDSHAKE_SLACK_LENGTH = 64 * 1024;

    private static final int RECEIVE_BUFFER_ALIGNMENT = 4096;

    private final int apiKeyIndex;
    private final int connectionIndex;
    private final Transport transport;
    private final NanoClock nanoClock;
    private final ConnectionCounters counters;
    private final ConnectionErrors errors;
    private final ControlFrameHandler controlFrameHandler;
    private final ModeGate modeGate;
    private final RingBuffer<TextEvent> textRing;
    private final ByteBuffer receiveByteBuffer;
    private final UnsafeBuffer receiveBuffer;
    private final WebSocketFrameDecoder frameDecoder;
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private final TextMessageDecoder textDecoder;
    private final TickPublisher tickPublisher;
    private final HandshakeResponseDecoder handshakeDecoder = new HandshakeResponseDecoder();
    private final MessageHandler messageHandler = new MessageHandler();
    private int receiveLength;
    private long readNanos;
    private long attemptNanos;
    private long stallStartNanos;
    private long lastBytesRead;
    private boolean isBackPressured;
    private boolean isTickStalled;

    /**
     * Create the receiver of a connection.
     *
     * @param context             of the connection, concluded.
     * @param transport           to read through.
     * @param counters            of the connection.
     * @param errors              to report malformed input to.
     * @param controlFrameHandler to hand pings and the server's close to.
     * @param modeGate            the tokens whose requested mode the server has yet to switch to; while any is
     *                            pending, packets of another mode than their token's are dropped (counted).
     */
    ReceiverEndPoint(
        final ConnectionContext context,
        final Transport transport,
        final ConnectionCounters counters,
        final ConnectionErrors errors,
        final ControlFrameHandler controlFrameHandler,
        final ModeGate modeGate)
    {
        this.apiKeyIndex = context.apiKeyIndex();
        this.connectionIndex = context.connectionIndex();
        this.transport = transport;
        this.nanoClock = context.nanoClock();
        this.counters = counters;
        this.errors = errors;
        this.controlFrameHandler = controlFrameHandler;
        this.modeGate = modeGate;
        this.textRing = context.textRing();

        final int maxMessageLength = context.maxMessageLength();
        receiveByteBuffer = ByteBuffer.allocateDirect(receiveBufferLength(maxMessageLength));
        receiveBuffer = new UnsafeBuffer(receiveByteBuffer);
        frameDecoder = new WebSocketFrameDecoder(
            true, maxMessageLength, true, new UnsafeBuffer(ByteBuffer.allocateDirect(maxMessageLength)));
        textDecoder = new TextMessageDecoder(maxMessageLength);
        final ErrorHandler decodeErrorHandler = (throwable) -> errors.report("packet decode failed", throwable);
        tickPublisher = new TickPublisher(context.tickRing(), counters, decodeErrorHandler);
    }

    /**
     * Receive buffer length for a longest message: room for the message, a frame header and the upgrade response,
     * at least {@link #RECEIVE_BUFFER_MIN_LENGTH}, page aligned.
     *
     * @param maxMessageLength longest message accepted.
     * @return the receive buffer length.
     */
    static int receiveBufferLength(final int maxMessageLength)
    {
        return BitUtil.align(
            Math.max(RECEIVE_BUFFER_MIN_LENGTH, maxMessageLength + WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH) +
            HANDSHAKE_SLACK_LENGTH, RECEIVE_BUFFER_ALIGNMENT);
    }

    /**
     * Is a {@link #poll()} result a WebSocket protocol error.
     *
     * @param result of {@link #poll()}.
     * @return true for a protocol error.
     */
    static boolean isProtocolError(final int result)
    {
        return result <= PROTOCOL_ERROR_BASE;
    }

    /**
     * The {@link WebSocketFrameDecoder} error code in a protocol error result.
     *
     * @param result of {@link #poll()} for which {@link #isProtocolError} is true.
     * @return the frame decoder's (negative) error code.
     */
    static int frameErrorCode(final int result)
    {
        return result - PROTOCOL_ERROR_BASE;
    }

    /**
     * Forget everything buffered and any half-published or half-assembled message (a new connection starts
     * empty).
     */
    void reset()
    {
        if (isTickStalled)
        {
            endStall(); // the message goes with its connection; the stall still happened
        }
        receiveLength = 0;
        isBackPressured = false;
        tickPublisher.reset();
        frameDecoder.reset();
    }

    /**
     * Read once and deliver what arrived, or first offer again a message a full ring refused last time.
     *
     * @return bytes read (or 1 for a kept message delivered) when data was handled, 0 when nothing arrived,
     * {@link #BACK_PRESSURED}, {@link #END_OF_STREAM}, or a protocol error ({@link #isProtocolError}); after a
     * protocol error the connection must be closed.
     * @throws IOException if the read failed (the connection is lost).
     */
    int poll() throws IOException
    {
        int delivered = 0;
        if (isBackPressured)
        {
            attemptNanos = nanoClock.nanoTime();
            final int consumed = decodeBuffered();
            if (consumed < 0)
            {
                return consumed;
            }
            if (isBackPressured)
            {
                return consumed > 0 ? consumed : BACK_PRESSURED;
            }
            delivered = 1;
        }

        final int bytes = read();
        if (bytes < 0)
        {
            return END_OF_STREAM;
        }
        if (0 == bytes)
        {
            return delivered;
        }

        final int consumed = decodeBuffered();
        return consumed < 0 ? consumed : bytes;
    }

    /**
     * Read once from the transport into the receive buffer, stamping the receive time of what arrived.
     *
     * @return bytes read, 0, or -1 at end of stream.
     * @throws IOException if the read failed.
     */
    int read() throws IOException
    {
        final ByteBuffer receiveByteBuffer = this.receiveByteBuffer;
        receiveByteBuffer.limit(receiveByteBuffer.capacity()).position(receiveLength);
        final int bytes = transport.read(receiveByteBuffer);
        if (bytes > 0)
        {
            receiveLength = receiveByteBuffer.position();
            final long readNanos = nanoClock.nanoTime();
            this.readNanos = readNanos;
            attemptNanos = readNanos;
        }
        countBytesRead();
        return bytes;
    }

    /**
     * Deliver the complete frames already buffered.
     *
     * @return bytes consumed (&gt;= 0) or a protocol error ({@link #isProtocolError}).
     */
    int decodeBuffered()
    {
        isBackPressured = false;
        if (0 == receiveLength)
        {
            return 0;
        }

        final int result = frameDecoder.decode(receiveBuffer, 0, receiveLength, messageHandler);
        if (result < 0)
        {
            counters.increment(KiteCounterDescriptor.MALFORMED_FRAMES);
            return PROTOCOL_ERROR_BASE + result;
        }
        if (result > 0)
        {
            compact(result);
        }
        return result;
    }

    /**
     * Expect the server's upgrade response to an upgrade request with this key.
     *
     * @param secWebSocketKey of the request sent.
     */
    void expectUpgradeResponse(final CharSequence secWebSocketKey)
    {
        handshakeDecoder.reset().expectedKey(secWebSocketKey);
    }

    /**
     * Parse the upgrade response buffered so far; on {@link HandshakeResponseDecoder#OK} its header is consumed and
     * what follows it (frames) stays buffered for {@link #decodeBuffered()}.
     *
     * @return a {@link HandshakeResponseDecoder} result code.
     */
    int decodeUpgradeResponse()
    {
        final int result = handshakeDecoder.decode(receiveBuffer, 0, receiveLength);
        if (HandshakeResponseDecoder.OK == result)
        {
            compact(handshakeDecoder.headerLength());
        }
        return result;
    }

    /**
     * HTTP status of the upgrade response last parsed.
     *
     * @return the status code.
     */
    int upgradeStatusCode()
    {
        return handshakeDecoder.statusCode();
    }

    /**
     * Bytes buffered and not yet delivered.
     *
     * @return the buffered length.
     */
    int bufferedLength()
    {
        return receiveLength;
    }

    /**
     * Bring BYTES_READ up to the transport's running total (also after a handshake or a close).
     */
    void countBytesRead()
    {
        final long totalRead = transport.bytesRead();
        if (totalRead != lastBytesRead)
        {
            counters.add(KiteCounterDescriptor.BYTES_READ, totalRead - lastBytesRead);
            lastBytesRead = totalRead;
        }
    }

    private void compact(final int consumed)
    {
        final int remaining = receiveLength - consumed;
        if (remaining > 0)
        {
            receiveBuffer.putBytes(0, receiveBuffer, consumed, remaining);
        }
        receiveLength = remaining;
    }

    private boolean onBinaryMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final ConnectionCounters counters = this.counters;
        if (KiteMessageDecoder.isHeartbeat(length))
        {
            counters.increment(KiteCounterDescriptor.FRAMES);
            counters.increment(KiteCounterDescriptor.HEARTBEATS);
            return true;
        }

        final KiteMessageDecoder messageDecoder = this.messageDecoder;
        final int result = messageDecoder.wrap(buffer, offset, length).validate();
        final ModeGate modeGate = this.modeGate;
        final boolean isPublished = modeGate.isActive() ?
            tickPublisher.publish(messageDecoder, apiKeyIndex, connectionIndex, readNanos, modeGate) :
            tickPublisher.publish(messageDecoder, apiKeyIndex, connectionIndex, readNanos);
        if (!isPublished)
        {
            if (!isTickStalled)
            {
                isTickStalled = true;
                stallStartNanos = attemptNanos;
            }
            return false;
        }
        if (isTickStalled)
        {
            endStall();
        }

        counters.increment(KiteCounterDescriptor.FRAMES);
        if (result < 0)
        {
            counters.increment(KiteCounterDescriptor.MALFORMED_MESSAGES);
            errors.report("malformed Kite message " +
                (KiteMessageDecoder.TRUNCATED == result ? "TRUNCATED" : "BAD_LENGTH") +
                ", kept the complete packets before the problem");
        }

        return true;
    }

    private void endStall()
    {
        isTickStalled = false;
        final long stallNs = attemptNanos - stallStartNanos;
        final ConnectionCounters counters = this.counters;
        counters.increment(KiteCounterDescriptor.RING_FULL_STALLS);
        counters.add(KiteCounterDescriptor.RING_FULL_STALL_TOTAL_NS, stallNs);
        counters.proposeMax(KiteCounterDescriptor.RING_FULL_STALL_MAX_NS, stallNs);
    }

    private boolean onTextMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int type = textDecoder.decode(buffer, offset, length);
        final RingBuffer<TextEvent> textRing = this.textRing;
        if (null != textRing)
        {
            final long sequence = tryClaimText(textRing);
            if (sequence < 0)
            {
                counters.increment(KiteCounterDescriptor.TEXT_RING_FULL);
                return false;
            }

            try
            {
                textRing.get(sequence).set(apiKeyIndex, connectionIndex, readNanos, type, buffer, offset, length);
            }
            finally
            {
                textRing.publish(sequence);
            }
        }

        counters.increment(KiteCounterDescriptor.FRAMES);
        counters.increment(KiteCounterDescriptor.TEXT_MESSAGES);
        if (TextMessageDecoder.MALFORMED == type)
        {
            counters.increment(KiteCounterDescriptor.MALFORMED_TEXT);
            errors.report("malformed text message");
        }

        return true;
    }

    private static long tryClaimText(final RingBuffer<TextEvent> textRing)
    {
        try
        {
            return textRing.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    private final class MessageHandler implements WebSocketMessageHandler
    {
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            final boolean isConsumed = WebSocketOpcode.BINARY == opcode ?
                onBinaryMessage(buffer, offset, length) : onTextMessage(buffer, offset, length);
            if (!isConsumed)
            {
                isBackPressured = true;
            }
            return isConsumed;
        }

        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            counters.increment(KiteCounterDescriptor.FRAMES);
            controlFrameHandler.onPing(buffer, offset, length);
        }

        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            counters.increment(KiteCounterDescriptor.FRAMES);
        }

        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            counters.increment(KiteCounterDescriptor.FRAMES);
            controlFrameHandler.onClose(code, reasonLength);
        }
    }
}
