package io.kiteticker.simulator;

import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking raw-socket client that performs the upgrade with the codec and then exposes the socket, to observe
 * TCP-level behaviour (a reset versus an orderly end of stream).
 */
final class RawKiteClient implements AutoCloseable
{
    final SocketChannel channel;
    final int handshakeStatus;

    private RawKiteClient(final SocketChannel channel, final int handshakeStatus)
    {
        this.channel = channel;
        this.handshakeStatus = handshakeStatus;
    }

    static RawKiteClient connect(final int port, final URI uri) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
        final ByteBuffer byteBuffer = buffer.byteBuffer();
        final HandshakeRequestEncoder request = new HandshakeRequestEncoder().uri(uri);
        byteBuffer.clear().limit(request.encode(buffer, 0));
        while (byteBuffer.hasRemaining())
        {
            channel.write(byteBuffer);
        }
        byteBuffer.clear();
        final HandshakeResponseDecoder response = new HandshakeResponseDecoder().expectedKey(request.key());
        int result;
        do
        {
            if (channel.read(byteBuffer) < 0)
            {
                break;
            }
            result = response.decode(buffer, 0, byteBuffer.position());
        }
        while (HandshakeResponseDecoder.NEED_MORE_DATA == result);
        return new RawKiteClient(channel, response.statusCode());
    }

    /**
     * Read until end of stream or an exception.
     *
     * @return the exception that ended the stream, or null for an orderly end of stream.
     */
    IOException readToEnd()
    {
        final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try
        {
            while (channel.read(sink.clear()) >= 0)
            {
                Thread.onSpinWait();
            }
            return null;
        }
        catch (final IOException ex)
        {
            return ex;
        }
    }

    public void close() throws IOException
    {
        channel.close();
    }
}
