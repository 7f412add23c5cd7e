package io.kiteticker.transport;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Two connected non-blocking socket pairs on loopback with the test in the middle: {@link #clientChannel()} talks to
 * the relay's first socket, {@link #serverChannel()} to its second, and {@link #pump(int)} moves bytes between them,
 * so a test can hold back the last bytes of a TLS record.
 */
final class Loopback implements AutoCloseable
{
    private final SocketChannel clientChannel;
    private final SocketChannel relayClientSide;
    private final SocketChannel relayServerSide;
    private final SocketChannel serverChannel;
    private final ByteBuffer relayBuffer = ByteBuffer.allocateDirect(256 * 1024);

    Loopback()
    {
        try
        {
            final SocketChannel[] first = connectedPair();
            final SocketChannel[] second = connectedPair();
            clientChannel = first[0];
            relayClientSide = first[1];
            relayServerSide = second[0];
            serverChannel = second[1];
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static SocketChannel[] connectedPair() throws IOException
    {
        try (ServerSocketChannel listener = ServerSocketChannel.open())
        {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            final SocketChannel connecting = SocketChannel.open(listener.getLocalAddress());
            final SocketChannel accepted = listener.accept();
            connecting.configureBlocking(false);
            accepted.configureBlocking(false);
            return new SocketChannel[]{ connecting, accepted };
        }
    }

    SocketChannel clientChannel()
    {
        return clientChannel;
    }

    SocketChannel serverChannel()
    {
        return serverChannel;
    }

    /**
     * Move what is available server to client, and at most {@code clientToServerLimit} bytes client to server.
     *
     * @param clientToServerLimit bytes the server side may receive in this call.
     * @return bytes moved.
     */
    int pump(final int clientToServerLimit)
    {
        try
        {
            return move(relayServerSide, relayClientSide, Integer.MAX_VALUE) +
                move(relayClientSide, relayServerSide, clientToServerLimit);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    int pump()
    {
        return pump(Integer.MAX_VALUE);
    }

    /**
     * Move at most {@code limit} bytes client to server, nothing the other way.
     *
     * @param limit bytes the server side may receive in this call.
     * @return bytes moved.
     */
    int forward(final int limit)
    {
        try
        {
            return move(relayClientSide, relayServerSide, limit);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private int move(final SocketChannel from, final SocketChannel to, final int limit) throws IOException
    {
        relayBuffer.clear().limit(Math.min(relayBuffer.capacity(), limit));
        final int read = from.read(relayBuffer);
        if (read <= 0)
        {
            if (read < 0 && to.isOpen())
            {
                to.shutdownOutput();
            }
            return 0;
        }
        relayBuffer.flip();
        while (relayBuffer.hasRemaining())
        {
            to.write(relayBuffer);
        }
        return read;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        CloseHelper.quietCloseAll(clientChannel, relayClientSide, relayServerSide, serverChannel);
    }
}
