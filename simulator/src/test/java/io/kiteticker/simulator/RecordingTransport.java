package io.kiteticker.simulator;

import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.transport.Transport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Transport} without a socket for unit tests of the connection's parts: it keeps every byte written (and
 * the size of each write) and decodes them as the server frames a client would see.
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
        final List<Frame> frames = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(1, written.position())]);
        buffer.putBytes(0, written.array(), 0, written.position());
        final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(true, 1 << 20);
        final int result = decoder.decode(buffer, 0, written.position(), new WebSocketMessageHandler()
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
            }

            public void onPong(final DirectBuffer payload, final int offset, final int length)
            {
            }

            public void onClose(final int code, final DirectBuffer payload, final int offset, final int length)
            {
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
        return 0;
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
    }

    public void abort()
    {
    }
}
