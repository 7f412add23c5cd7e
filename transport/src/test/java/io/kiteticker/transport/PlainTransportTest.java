package io.kiteticker.transport;

import io.kiteticker.testing.Tests;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTransportTest
{
    @Test
    void shouldCarryBytesBothWaysAndCountThemWhenConnected() throws IOException
    {
        final SocketChannel[] pair = Loopback.connectedPair();
        final PlainTransport client = new PlainTransport();
        final PlainTransport server = new PlainTransport();
        client.init(pair[0]);
        server.init(pair[1]);
        try
        {
            assertThat(client.handshake()).isEqualTo(Transport.HANDSHAKE_COMPLETE);
            assertThat(client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(5);
            final ByteBuffer received = ByteBuffer.allocateDirect(64);
            Tests.await(() -> read(server, received) && 5 == received.position(), "5 bytes at the server");
            assertThat(client.bytesWritten()).isEqualTo(5);
            assertThat(server.bytesRead()).isEqualTo(5);
            assertThat(client.hasPendingWrite()).isFalse();
            assertThat(client.flush()).isZero();
        }
        finally
        {
            client.close();
            server.close();
        }
    }

    @Test
    void shouldReadEndOfStreamWhenPeerClosesCleanly() throws IOException
    {
        final SocketChannel[] pair = Loopback.connectedPair();
        final PlainTransport client = new PlainTransport();
        final PlainTransport server = new PlainTransport();
        client.init(pair[0]);
        server.init(pair[1]);
        client.close();
        client.close();
        final ByteBuffer received = ByteBuffer.allocateDirect(64);
        Tests.await(() -> readResult(server, received) < 0, "end of stream");
        server.close();
        assertThatThrownBy(() -> server.write(ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
    }

    @Test
    void shouldResetPeerWhenAborted() throws IOException
    {
        final SocketChannel[] pair = Loopback.connectedPair();
        final PlainTransport client = new PlainTransport();
        client.init(pair[0]);
        client.abort();
        client.abort();
        final ByteBuffer received = ByteBuffer.allocateDirect(64);
        final boolean[] reset = new boolean[1];
        Tests.await(() ->
        {
            try
            {
                return pair[1].read(received) < 0;
            }
            catch (final IOException ex)
            {
                reset[0] = true;
                return true;
            }
        }, "the peer sees the connection end");
        pair[1].close();
        assertThat(reset[0]).as("connection reset, not an orderly end of stream").isTrue();
    }

    private static boolean read(final Transport transport, final ByteBuffer dst)
    {
        return readResult(transport, dst) >= 0;
    }

    private static int readResult(final Transport transport, final ByteBuffer dst)
    {
        try
        {
            return transport.read(dst);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
