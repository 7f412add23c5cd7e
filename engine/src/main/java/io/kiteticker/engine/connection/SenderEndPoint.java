package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.text.SubscriptionRequestEncoder;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.transport.Transport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outbound half of one connection: the upgrade request, the JSON subscription requests and the control frames
 * are encoded into one direct send buffer ({@code [head, tail)} is still to be written), and {@link #flush()} writes
 * as much of it as the transport takes, keeping the rest for the next call.
 * <p>
 * <b>Back-pressure.</b> Every {@code send*} reserves room for the whole frame first, compacting the buffer when the
 * written head has moved on; when the frame cannot fit now it returns false and writes nothing, so the caller can
 * keep the request and offer it again after a flush. Nothing here blocks or throws for a full buffer.
 * <p>
 * Counts REQUESTS_SENT (subscribe, unsubscribe and mode frames) and BYTES_WRITTEN (the transport's running total,
 * ciphertext when TLS).
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; allocates nothing once built.
 */
final class SenderEndPoint
{
    /**
     * Length of the ping payload: a running 8-byte counter.
     */
    static final int PING_PAYLOAD_LENGTH = 8;

    /**
     * Room a close frame with a status code and no reason takes.
     */
    static final int CLOSE_FRAME_LENGTH = WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + 2;

    private static final int JSON_BUFFER_ALIGNMENT = 1024;

    private final Transport transport;
    private final ConnectionCounters counters;
    private final HandshakeRequestEncoder handshakeEncoder;
    private final ByteBuffer sendByteBuffer;
    private final UnsafeBuffer sendBuffer;
    private final UnsafeBuffer jsonBuffer;
    private final UnsafeBuffer pingBuffer = new UnsafeBuffer(new byte[PING_PAYLOAD_LENGTH]);
    private final WebSocketFrameEncoder frameEncoder = WebSocketFrameEncoder.clientSide();
    private final SubscriptionRequestEncoder requestEncoder = new SubscriptionRequestEncoder();
    private int head;
    private int tail;
    private long pingCounter;
    private long lastBytesWritten;

    /**
     * Create the sender of a connection.
     *
     * @param transport         to write through.
     * @param counters          of the connection.
     * @param handshakeEncoder  holding the upgrade request (uri and credentials).
     * @param sendBufferLength  of the direct send buffer.
     * @param maxTokensPerFrame most tokens one request frame carries (sizes the JSON buffer).
     */
    SenderEndPoint(
        final Transport transport,
        final ConnectionCounters counters,
        final HandshakeRequestEncoder handshakeEncoder,
        final int sendBufferLength,
        final int maxTokensPerFrame)
    {
        this.transport = transport;
        this.counters = counters;
        this.handshakeEncoder = handshakeEncoder;
        sendByteBuffer = ByteBuffer.allocateDirect(sendBufferLength);
        sendBuffer = new UnsafeBuffer(sendByteBuffer);
        jsonBuffer = new UnsafeBuffer(new byte[BitUtil.align(
            SubscriptionRequestEncoder.maxEncodedLength(maxTokensPerFrame), JSON_BUFFER_ALIGNMENT)]);
    }

    /**
     * Drop whatever is still queued (a new connection starts empty).
     */
    void reset()
    {
        head = 0;
        tail = 0;
    }

    /**
     * Bytes encoded but not yet taken by the transport.
     *
     * @return the pending length.
     */
    int pendingLength()
    {
        return tail - head;
    }

    /**
     * Key the upgrade request just sent carries, for checking the server's accept header.
     *
     * @return the {@code Sec-WebSocket-Key}.
     */
    String upgradeKey()
    {
        return handshakeEncoder.key();
    }

    /**
     * Queue the HTTP upgrade request.
     *
     * @return false if it does not fit the send buffer.
     */
    boolean sendUpgrade()
    {
        final int length = handshakeEncoder.encode(sendBuffer, tail);
        if (length < 0)
        {
            return false;
        }
        tail += length;
        return true;
    }

    /**
     * Queue a {@code subscribe} frame.
     *
     * @param tokens to subscribe.
     * @param offset of the first token.
     * @param count  of tokens.
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendSubscribe(final int[] tokens, final int offset, final int count)
    {
        return reserveRequest(count) && sendText(requestEncoder.subscribe(jsonBuffer, 0, tokens, offset, count));
    }

    /**
     * Queue an {@code unsubscribe} frame.
     *
     * @param tokens to unsubscribe.
     * @param offset of the first token.
     * @param count  of tokens.
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendUnsubscribe(final int[] tokens, final int offset, final int count)
    {
        return reserveRequest(count) && sendText(requestEncoder.unsubscribe(jsonBuffer, 0, tokens, offset, count));
    }

    /**
     * Queue a {@code mode} frame.
     *
     * @param mode   to set.
     * @param tokens to set it for.
     * @param offset of the first token.
     * @param count  of tokens.
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendMode(final Mode mode, final int[] tokens, final int offset, final int count)
    {
        return reserveRequest(count) && sendText(requestEncoder.mode(jsonBuffer, 0, mode, tokens, offset, count));
    }

    /**
     * Queue a ping carrying the next value of a running counter.
     *
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendPing()
    {
        final int offset = reserve(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + PING_PAYLOAD_LENGTH);
        if (offset < 0)
        {
            return false;
        }
        pingBuffer.putLong(0, ++pingCounter);
        return advance(frameEncoder.encodePing(sendBuffer, offset, pingBuffer, 0, PING_PAYLOAD_LENGTH));
    }

    /**
     * Queue a pong echoing a ping's application data.
     *
     * @param buffer holding the ping's application data.
     * @param offset of the first byte.
     * @param length of the data, at most 125.
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendPong(final DirectBuffer buffer, final int offset, final int length)
    {
        final int frameOffset = reserve(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
        return frameOffset >= 0 && advance(frameEncoder.encodePong(sendBuffer, frameOffset, buffer, offset, length));
    }

    /**
     * Queue a close frame with a status code and no reason.
     *
     * @param statusCode of the close.
     * @return false when the buffer cannot take the frame now.
     */
    boolean sendClose(final int statusCode)
    {
        final int offset = reserve(CLOSE_FRAME_LENGTH);
        return offset >= 0 && advance(frameEncoder.encodeClose(sendBuffer, offset, statusCode));
    }

    /**
     * Write pending bytes: first what the transport itself still holds (a TLS record), then the send buffer from its
     * head, as much as the transport takes now.
     *
     * @return 1 if bytes were written from the send buffer, else 0.
     * @throws IOException if the write failed (the connection is lost).
     */
    int flush() throws IOException
    {
        int workCount = 0;
        final Transport transport = this.transport;
        if (transport.hasPendingWrite())
        {
            transport.flush();
        }
        if (tail > head)
        {
            final ByteBuffer sendByteBuffer = this.sendByteBuffer;
            sendByteBuffer.limit(tail).position(head);
            final int written = transport.write(sendByteBuffer);
            if (written > 0)
            {
                head += written;
                workCount = 1;
            }
            if (head == tail)
            {
                head = 0;
                tail = 0;
            }
        }
        countBytesWritten();
        return workCount;
    }

    /**
     * Bring BYTES_WRITTEN up to the transport's running total (also after a handshake or a close).
     */
    void countBytesWritten()
    {
        final long totalWritten = transport.bytesWritten();
        if (totalWritten != lastBytesWritten)
        {
            counters.add(KiteCounterDescriptor.BYTES_WRITTEN, totalWritten - lastBytesWritten);
            lastBytesWritten = totalWritten;
        }
    }

    private boolean reserveRequest(final int tokenCount)
    {
        return reserve(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH +
            SubscriptionRequestEncoder.maxEncodedLength(tokenCount)) >= 0;
    }

    private boolean sendText(final int jsonLength)
    {
        if (advance(frameEncoder.encodeText(sendBuffer, tail, jsonBuffer, 0, jsonLength)))
        {
            counters.increment(KiteCounterDescriptor.REQUESTS_SENT);
            return true;
        }
        return false;
    }

    private boolean advance(final int frameLength)
    {
        if (frameLength > 0)
        {
            tail += frameLength;
            return true;
        }
        return false;
    }

    /**
     * Make room for {@code length} bytes at the tail, compacting if the head has moved on.
     *
     * @return the offset to write at, or -1 if the buffer cannot take it now.
     */
    private int reserve(final int length)
    {
        final UnsafeBuffer sendBuffer = this.sendBuffer;
        final int capacity = sendBuffer.capacity();
        if (capacity - tail >= length)
        {
            return tail;
        }
        if (head > 0)
        {
            final int pending = tail - head;
            sendBuffer.putBytes(0, sendBuffer, head, pending);
            head = 0;
            tail = pending;
            if (capacity - tail >= length)
            {
                return tail;
            }
        }
        return -1;
    }
}
