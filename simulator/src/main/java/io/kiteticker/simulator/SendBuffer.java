package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.transport.Transport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The outbound side of a {@link SimulatedConnection}'s session: unmasked server frames queued in one direct buffer
 * and written to the {@link Transport} as the socket accepts them, optionally in small chunks (the
 * {@link io.kiteticker.simulator.script.ConnectionScript#splitNextMessages(int, int)} fault). Tick messages are
 * encoded in place: a producer writes the payload at {@link #payloadOffset(int)} and calls
 * {@link #finishFrame(int, int, int, int)}, which puts the header in front without copying long payloads.
 * <p>
 * Counters are written by the agent thread only and read from any thread.
 */
final class SendBuffer
{
    /**
     * Room left before a payload for its unmasked header: 4 bytes covers payloads of 126..65535 bytes.
     */
    static final int FRAME_HEADER_RESERVE = 4;
    private static final int HEARTBEAT_FRAME_LENGTH = 16;
    private static final int CLOSE_REASON_MAX_LENGTH = 125;

    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final WebSocketFrameEncoder frameEncoder = WebSocketFrameEncoder.serverSide();
    private int readPosition;
    private int writePosition;
    private int splitChunkBytes;
    private int splitMessagesRemaining;
    private long lastFrameQueuedNs;
    private long nowNs;

    private volatile long framesSent;
    private volatile long bytesSent;
    private volatile long writeCalls;
    private volatile long heartbeatsSent;

    SendBuffer(final int capacity, final long nowNs)
    {
        this.byteBuffer = ByteBuffer.allocateDirect(capacity);
        this.buffer = new UnsafeBuffer(byteBuffer);
        this.nowNs = nowNs;
        this.lastFrameQueuedNs = nowNs;
    }

    /**
     * The time of this duty cycle, stamped on the frames queued in it.
     *
     * @param nowNs of the agent's clock.
     */
    void nowNs(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int writePosition()
    {
        return writePosition;
    }

    /**
     * Account for bytes written straight into {@link #buffer()} at {@link #writePosition()}.
     *
     * @param length bytes written.
     */
    void advance(final int length)
    {
        writePosition += length;
    }

    boolean isEmpty()
    {
        return readPosition == writePosition;
    }

    long lastFrameQueuedNs()
    {
        return lastFrameQueuedNs;
    }

    /**
     * Count idle time (for heartbeats) from now, as if a frame had just been queued.
     */
    void restartIdleTimer()
    {
        lastFrameQueuedNs = nowNs;
    }

    long framesSent()
    {
        return framesSent;
    }

    long bytesSent()
    {
        return bytesSent;
    }

    long writeCalls()
    {
        return writeCalls;
    }

    long heartbeatsSent()
    {
        return heartbeatsSent;
    }

    /**
     * Is a split of the next messages into small writes pending.
     *
     * @return true while messages of a {@link #splitNextMessages(int, int)} are still to be queued.
     */
    boolean isSplitting()
    {
        return splitMessagesRemaining > 0;
    }

    /**
     * Write the next messages in chunks of at most {@code chunkBytes} per socket write.
     *
     * @param messageCount messages (frames) to split.
     * @param chunkBytes   largest write.
     */
    void splitNextMessages(final int messageCount, final int chunkBytes)
    {
        splitMessagesRemaining = messageCount;
        splitChunkBytes = chunkBytes;
    }

    /**
     * Make room for {@code length} bytes, compacting what is still unsent to the front if needed.
     *
     * @param length bytes needed.
     * @return true if they fit.
     */
    boolean ensureRoom(final int length)
    {
        if (byteBuffer.capacity() - writePosition >= length)
        {
            return true;
        }
        compact();
        return byteBuffer.capacity() - writePosition >= length;
    }

    /**
     * Like {@link #ensureRoom(int)}, for control messages that must not be lost.
     *
     * @param length bytes needed.
     * @throws IllegalStateException if they do not fit.
     */
    void requireRoom(final int length)
    {
        if (!ensureRoom(length))
        {
            throw new IllegalStateException("send buffer full: " + length + " bytes do not fit");
        }
    }

    /**
     * Where a payload goes for a frame that starts at {@code frameOffset}.
     *
     * @param frameOffset usually {@link #writePosition()}.
     * @return the payload offset.
     */
    static int payloadOffset(final int frameOffset)
    {
        return frameOffset + FRAME_HEADER_RESERVE;
    }

    /**
     * Put the header before a payload written at {@link #payloadOffset(int)}, closing the gap for short payloads
     * (whose header is 2 bytes), and account for the frame.
     *
     * @param frameOffset   where the frame starts.
     * @param payloadOffset where its payload was written.
     * @param payloadLength of the payload.
     * @param opcode        of the frame.
     */
    void finishFrame(final int frameOffset, final int payloadOffset, final int payloadLength, final int opcode)
    {
        int start = payloadOffset;
        if (payloadLength < 126)
        {
            final int gap = FRAME_HEADER_RESERVE - 2;
            for (int i = 0; i < payloadLength; i++)
            {
                buffer.putByte(payloadOffset - gap + i, buffer.getByte(payloadOffset + i));
            }
            start = payloadOffset - gap;
        }
        final int headerStart = frameEncoder.encodeHeaderBefore(buffer, start, payloadLength, opcode, true);
        if (headerStart != frameOffset)
        {
            throw new IllegalStateException("frame header misplaced: " + headerStart + " != " + frameOffset);
        }
        writePosition = start + payloadLength;
        onFrameQueued();
    }

    /**
     * Count a whole frame queued (also one copied in whole from a cache).
     */
    void onFrameQueued()
    {
        framesSent++;
        lastFrameQueuedNs = nowNs;
        if (splitMessagesRemaining > 0)
        {
            splitMessagesRemaining--;
        }
    }

    /**
     * Count bytes queued with {@link #queueRaw(DirectBuffer, int, int)} as a frame (a malformed one).
     */
    void countRawFrame()
    {
        framesSent++;
    }

    /**
     * Queue a whole frame with a copy of the payload.
     *
     * @param opcode  of the frame.
     * @param payload to copy.
     * @param offset  of the payload.
     * @param length  of the payload.
     */
    void queueFrame(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
        final int written = frameEncoder.encodeFrame(buffer, writePosition, opcode, true, payload, offset, length);
        if (written < 0)
        {
            throw new IllegalStateException("cannot encode frame: " + written);
        }
        writePosition += written;
        onFrameQueued();
    }

    /**
     * Queue bytes as they are, not framed (and not counted as a frame).
     *
     * @param bytes  to copy.
     * @param offset of the bytes.
     * @param length of the bytes.
     */
    void queueRaw(final DirectBuffer bytes, final int offset, final int length)
    {
        requireRoom(length);
        buffer.putBytes(writePosition, bytes, offset, length);
        writePosition += length;
    }

    /**
     * Queue a Kite heartbeat (a one-byte binary message), if there is room.
     */
    void queueHeartbeat()
    {
        if (!ensureRoom(HEARTBEAT_FRAME_LENGTH))
        {
            return;
        }
        final int payloadOffset = payloadOffset(writePosition);
        final int length = KiteMessageEncoder.encodeHeartbeat(buffer, payloadOffset);
        finishFrame(writePosition, payloadOffset, length, WebSocketOpcode.BINARY);
        heartbeatsSent++;
    }

    /**
     * Queue a close frame (a control frame: not counted).
     *
     * @param statusCode of the close.
     * @param reason     short text.
     */
    void queueClose(final int statusCode, final String reason)
    {
        requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + CLOSE_REASON_MAX_LENGTH);
        final int written = frameEncoder.encodeClose(buffer, writePosition, statusCode, reason);
        if (written < 0)
        {
            throw new IllegalArgumentException("cannot encode close frame: " + written);
        }
        writePosition += written;
    }

    /**
     * Queue a pong echoing a ping's payload (a control frame: not counted).
     *
     * @param payload of the ping.
     * @param offset  of the payload.
     * @param length  of the payload.
     */
    void queuePong(final DirectBuffer payload, final int offset, final int length)
    {
        requireRoom(WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH + length);
        final int written = frameEncoder.encodePong(buffer, writePosition, payload, offset, length);
        if (written > 0)
        {
            writePosition += written;
        }
    }

    /**
     * Write what the socket accepts now, in chunks while a split is on.
     *
     * @param transport to write to.
     * @return 1 if bytes were written, else 0 (or the transport's own flush result when nothing is queued here).
     * @throws IOException on a socket or TLS error.
     */
    int flush(final Transport transport) throws IOException
    {
        if (readPosition == writePosition)
        {
            return transport.hasPendingWrite() ? transport.flush() : 0;
        }

        int written = 0;
        if (splitChunkBytes > 0)
        {
            while (readPosition < writePosition)
            {
                final int end = Math.min(writePosition, readPosition + splitChunkBytes);
                byteBuffer.limit(end).position(readPosition);
                final int n = transport.write(byteBuffer);
                writeCalls++;
                if (n <= 0)
                {
                    break;
                }
                readPosition += n;
                written += n;
            }
        }
        else
        {
            byteBuffer.limit(writePosition).position(readPosition);
            written = transport.write(byteBuffer);
            writeCalls++;
            readPosition += written;
        }
        byteBuffer.clear();

        if (written > 0)
        {
            bytesSent += written;
        }
        if (readPosition == writePosition)
        {
            readPosition = 0;
            writePosition = 0;
            if (0 == splitMessagesRemaining)
            {
                splitChunkBytes = 0;
            }
        }
        return written > 0 ? 1 : 0;
    }

    private void compact()
    {
        if (readPosition > 0)
        {
            final int pending = writePosition - readPosition;
            byteBuffer.limit(writePosition).position(readPosition);
            byteBuffer.compact();
            byteBuffer.clear();
            readPosition = 0;
            writePosition = pending;
        }
    }
}
