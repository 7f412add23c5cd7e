package io.kiteticker.transport;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * What {@link PlainTransport} and {@link TlsTransport} share: the channel of the current connection, the count of
 * every byte read from or written to it (ciphertext for TLS), and the abortive close.
 */
abstract class SocketTransport implements Transport
{
    /**
     * The connected channel of the current connection, null once closed.
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
     * {@inheritDoc}
     */
    @Override
    public void abort()
    {
        final SocketChannel channel = this.channel;
        this.channel = null;
        onClosed();
        if (null != channel)
        {
            try
            {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            catch (final IOException | RuntimeException ignore)
            {
                // The socket may already be gone; closing below is what matters.
            }
            CloseHelper.quietClose(channel);
        }
    }

    /**
     * Called when the connection ends, by {@link #abort()}; subclasses drop per-connection state here.
     */
    protected void onClosed()
    {
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
