package io.kiteticker.transport;

import org.agrona.CloseHelper;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * {@link Transport} for {@code ws://}: reads and writes go straight to the non-blocking channel.
 */
public final class PlainTransport extends SocketTransport
{
    /**
     * {@inheritDoc}
     */
    @Override
    public void init(final SocketChannel channel)
    {
        this.channel = channel;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int handshake()
    {
        return HANDSHAKE_COMPLETE;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        if (!dst.hasRemaining())
        {
            return 0;
        }
        return readChannel(dst);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        if (null == channel)
        {
            throw new EOFException("not connected");
        }
        return writeChannel(src);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int flush()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean hasPendingWrite()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
        channel = null;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "PlainTransport{bytesRead=" + bytesRead() + ", bytesWritten=" + bytesWritten() + '}';
    }
}
