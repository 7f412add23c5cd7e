package io.kiteticker.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Plain TCP ({@code ws://}).
 */
final class PlainTransport extends Transport
{
    PlainTransport(final SocketChannel channel)
    {
        super(channel);
    }

    int handshake(final ByteBuffer plaintextIn)
    {
        return HANDSHAKE_DONE;
    }

    int read(final ByteBuffer plaintextIn) throws IOException
    {
        return channel.read(plaintextIn);
    }

    int write(final ByteBuffer plaintextOut) throws IOException
    {
        return channel.write(plaintextOut);
    }

    boolean hasPendingOutput()
    {
        return false;
    }

    int flush()
    {
        return 0;
    }

    void close()
    {
        closeQuietly();
    }
}
