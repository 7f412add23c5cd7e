package io.kiteticker.simulator;

import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.transport.Transport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} without a socket for unit tests of the connection's parts: it keeps every byte written (and
 * the size of each write) and decodes them as the server frames a client would see; bytes given to
 * {@link #receive(byte[], int, int)} are what the client sent, handed to {@link #read(ByteBuffer)}.
 */
final class RecordingTransport implements Transport
{
    /**
     * One frame as the client decodes it.
     *
     * @param opcode  of the frame (control frames included).
     * @param payload its bytes.
     */
    record Frame(int opcode, byte[] payload)
    {
    }

    private final ByteBuffer written = ByteBuffer.allocate(16 * 1024 * 1024);
    private final List<Integer> writeLengths = new ArrayList<>();
    private final ByteBuffer inbound = ByteBuffer.allocate(1024 * 1024);
    private boolean isEndOfStream;
    private boolean isClosed;
    private boolean isAborted;

    /**
     * Bytes the client sends: the next reads return them.
     *
     * @param bytes  to copy.
     * @param offset of the bytes.
     * @param length of the bytes.
     */
    void receive(final byte[] bytes, final int offset, final int length)
    {
        inbound.put(bytes, offset, length);
    }

    /**
     * The client ends the stream: reads return -1 once the received bytes are read.
     */
    void endOfStream()
    {
        isEndOfStream = true;
    }

    boolean isClosed()
    {
        return isClosed;
    }

    boolean isAborted()
    {
        return isAborted;
    }

    /**
     * A copy of every byte written.
     *
     * @return the bytes.
     */
    UnsafeBuffer writtenBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(1, written.position())]);
        buffer.putBytes(0, written.array(), 0, written.position());
        return buffer;
    }

    List<Integer> writeLengths()
    {
        return writeLengths;
    }

    int writtenLength()
    {
        return written.position();
    }

    /**
     * Decode what was written as server-to-client frames.
     *
     * @return the frames, or an empty list and a negative {@code errors[0]} when the decoder rejects the bytes.
     */
    List<Frame> frames(final int[] errors)
    {
        return framesFrom(0, errors);
    }

    /**
     * Decode what was written from an offset on (after an HTTP response, say) as server-to-client frames.
     *
     * @param offset where the first frame starts.
     * @param errors {@code errors[0]} set to the decoder's result when negative, else 0.
     * @return the frames, control frames included (a close frame's payload is its status code).
     */
    List<Frame> framesFrom(final int offset, final int[] errors)
    {
        final List<Frame> frames = new ArrayList<>();
        final UnsafeBuffer buffer = writtenBuffer();
        final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(true, 1 << 20);
        final int result = decoder.decode(buffer, offset, written.position() - offset, new WebSocketMessageHandler()
        {
            public boolean onMessage(final int opcode, final DirectBuffer payload, final int offset, final int length)
            {
                final byte[] bytes = new byte[length];
                payload.getBytes(offset, bytes);
                frames.add(new Frame(opcode, bytes));
                return true;
            }

            public void onPing(final DirectBuffer payload, final int offset, final int length)
            {
                frames.add(new Frame(WebSocketOpcode.PING, new byte[0]));
            }

            public void onPong(final DirectBuffer payload, final int offset, final int length)
            {
                final byte[] bytes = new byte[length];
                payload.getBytes(offset, bytes);
                frames.add(new Frame(WebSocketOpcode.PONG, bytes));
            }

            public void onClose(final int code, final DirectBuffer payload, final int offset, final int length)
            {
                frames.add(new Frame(WebSocketOpcode.CLOSE, new byte[]{(byte)(code >> 8), (byte)code}));
            }
        });
        errors[0] = Math.min(0, result);
        return frames;
    }

    List<Frame> frames()
    {
        return frames(new int[1]);
    }

    public void init(final SocketChannel channel)
    {
    }

    public int handshake()
    {
        return HANDSHAKE_COMPLETE;
    }

    public int read(final ByteBuffer dst)
    {
        inbound.flip();
        final int length = Math.min(inbound.remaining(), dst.remaining());
        dst.put(dst.position(), inbound, inbound.position(), length).position(dst.position() + length);
        inbound.position(inbound.position() + length).compact();
        return 0 == length && isEndOfStream ? -1 : length;
    }

    public int write(final ByteBuffer src)
    {
        final int length = src.remaining();
        written.put(src);
        writeLengths.add(length);
        return length;
    }

    public int flush()
    {
        return 0;
    }

    public boolean hasPendingWrite()
    {
        return false;
    }

    public long bytesRead()
    {
        return 0;
    }

    public long bytesWritten()
    {
        return written.position();
    }

    public void close()
    {
        isClosed = true;
    }

    public void abort()
    {
        isAborted = true;
    }
}
