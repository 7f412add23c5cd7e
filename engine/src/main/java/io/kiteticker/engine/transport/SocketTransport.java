package io.kiteticker.engine.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What {@link PlainTransport} and {@link TlsTransport} share: the channel of the current attempt and the count of
 * every byte read from or written to it (ciphertext for TLS).
 */
abstract class SocketTransport implements Transport
{
    /**
     * The connected channel of the current attempt, null once closed.
     */
    protected SocketChannel channel;

    private long bytesRead;
    private long bytesWritten;

    /**
     * {@inheritDoc}
     */
    @Override
    public long bytesRead()
    {
        return bytesRead;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long bytesWritten()
    {
        return bytesWritten;
    }

    /**
     * Read from the channel and count the bytes.
     *
     * @param dst buffer in write mode.
     * @return bytes read, or -1 at end of stream.
     * @throws IOException on a read error.
     */
    protected final int readChannel(final ByteBuffer dst) throws IOException
    {
        final int bytes = channel.read(dst);
        if (bytes > 0)
        {
            bytesRead += bytes;
        }
        return bytes;
    }

    /**
     * Write to the channel and count the bytes.
     *
     * @param src buffer in read mode.
     * @return bytes written.
     * @throws IOException on a write error.
     */
    protected final int writeChannel(final ByteBuffer src) throws IOException
    {
        final int bytes = channel.write(src);
        bytesWritten += bytes;
        return bytes;
    }
}
