package io.kiteticker.engine.connection;

import io.kiteticker.transport.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Transport} without a socket for end point tests: reads hand out the bytes {@link #deliver delivered} so
 * far, writes take at most {@link #writeLimit} bytes per call and keep them for {@link #written()}; the handshake
 * completes at once unless told otherwise ({@link #handshakeResult}, {@link #failHandshake()}).
 */
final class FakeTransport implements Transport
{
    private final ByteBuffer inbound = ByteBuffer.allocate(1 << 20);
    private final ByteArrayOutputStream outbound = new ByteArrayOutputStream();
    private int writeLimit = Integer.MAX_VALUE;
    private boolean isEndOfStream;
    private boolean isWriteFailing;
    private int handshakeResult = HANDSHAKE_COMPLETE;
    private boolean isHandshakeFailing;
    private long bytesRead;
    private long bytesWritten;

    FakeTransport()
    {
        inbound.flip();
    }

    void deliver(final byte[] bytes, final int offset, final int length)
    {
        inbound.compact();
        inbound.put(bytes, offset, length);
        inbound.flip();
    }

    void endOfStream()
    {
        isEndOfStream = true;
    }

    void writeLimit(final int writeLimit)
    {
        this.writeLimit = writeLimit;
    }

    void failWrites()
    {
        isWriteFailing = true;
    }

    void handshakeResult(final int handshakeResult)
    {
        this.handshakeResult = handshakeResult;
    }

    void failHandshake()
    {
        isHandshakeFailing = true;
    }

    byte[] written()
    {
        return outbound.toByteArray();
    }

    public void init(final SocketChannel channel)
    {
    }

    public int handshake() throws IOException
    {
        if (isHandshakeFailing)
        {
            throw new IOException("handshake failed");
        }
        return handshakeResult;
    }

    public int read(final ByteBuffer dst)
    {
        if (!inbound.hasRemaining())
        {
            return isEndOfStream ? -1 : 0;
        }
        final int length = Math.min(dst.remaining(), inbound.remaining());
        for (int i = 0; i < length; i++)
        {
            dst.put(inbound.get());
        }
        bytesRead += length;
        return length;
    }

    public int write(final ByteBuffer src) throws IOException
    {
        if (isWriteFailing)
        {
            throw new IOException("write failed");
        }
        final int length = Math.min(src.remaining(), writeLimit);
        for (int i = 0; i < length; i++)
        {
            outbound.write(src.get());
        }
        bytesWritten += length;
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
        return bytesRead;
    }

    public long bytesWritten()
    {
        return bytesWritten;
    }

    public void close()
    {
    }

    public void abort()
    {
    }
}
