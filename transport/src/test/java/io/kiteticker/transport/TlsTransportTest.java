package io.kiteticker.transport;

import io.kiteticker.testing.Tests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client mode (the engine's) against the server mode (the simulator's) of the one {@link TlsTransport}, over
 * loopback with the test relaying the bytes, on the JDK's provider with a self-signed certificate for localhost.
 */
class TlsTransportTest
{
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Executor INLINE = Runnable::run;

    private final Loopback loopback = new Loopback();
    private TlsTransport client;
    private TlsTransport server;

    @AfterEach
    void after()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
        loopback.close();
    }

    @Test
    void shouldHandshakeAndCarryDataBothWaysWhenClientTrustsServer() throws Exception
    {
        connect(clientContext());

        final byte[] request = pattern(300_000, 7);
        final byte[] atServer = transfer(client, server, request);
        assertThat(atServer).isEqualTo(request);

        final byte[] response = pattern(1_000_000, 13);
        final byte[] atClient = transfer(server, client, response);
        assertThat(atClient).isEqualTo(response);

        assertThat(client.bytesWritten()).isGreaterThan(request.length);
        assertThat(server.bytesRead()).isEqualTo(client.bytesWritten());
        assertThat(client.isClientMode()).isTrue();
        assertThat(server.isClientMode()).isFalse();
    }

    @Test
    void shouldUnwrapOnlyWhenTheWholeRecordHasArrived() throws Exception
    {
        connect(clientContext());
        final long clientSentBefore = client.bytesWritten();
        final long serverReadBefore = server.bytesRead();
        final byte[] payload = pattern(100, 3);
        assertThat(client.write(ByteBuffer.wrap(payload))).isEqualTo(payload.length);
        final int recordLength = (int)(client.bytesWritten() - clientSentBefore);
        assertThat(recordLength).isGreaterThan(payload.length);

        final ByteBuffer dst = ByteBuffer.allocateDirect(server.applicationBufferSize());
        final int[] forwarded = new int[1];
        Tests.await(() ->
        {
            forwarded[0] += loopback.forward(recordLength - 1 - forwarded[0]);
            return read(server, dst) >= 0 && server.bytesRead() - serverReadBefore == recordLength - 1;
        }, "all but the last byte of the record read by the server");
        assertThat(read(server, dst)).as("no plaintext from a partial record").isZero();
        assertThat(dst.position()).isZero();

        Tests.await(() -> loopback.forward(1) >= 0 && read(server, dst) >= 0 && payload.length == dst.position(),
            "the record, once whole");
        final byte[] received = new byte[payload.length];
        dst.flip().get(received);
        assertThat(received).isEqualTo(payload);
    }

    @Test
    void shouldReadEndOfStreamWhenPeerSendsCloseNotify() throws Exception
    {
        connect(clientContext());
        client.close();
        client = null;
        final ByteBuffer dst = ByteBuffer.allocateDirect(server.applicationBufferSize());
        Tests.await(() -> loopback.pump() >= 0 && pumpAndRead(server, dst) < 0, "end of stream at the server");
        assertThat(server.isInboundDone()).isTrue();
        assertThat(read(server, dst)).isEqualTo(-1);
    }

    @Test
    void shouldFailHandshakeWhenClientDoesNotTrustServer() throws Exception
    {
        client = new TlsTransport(SSLContext.getDefault(), "localhost", 443, true, INLINE);
        server = TlsTransport.server(serverContext(), INLINE);
        client.init(loopback.clientChannel());
        server.init(loopback.serverChannel());

        assertThatThrownBy(() -> Tests.await(() ->
        {
            handshakeStep(client);
            handshakeStep(server);
            return false;
        }, "a handshake failure")).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(SSLException.class);
    }

    @Test
    void shouldUseHeapCiphertextBuffersForTheJdkProvider() throws Exception
    {
        assertThat(TlsTransport.server(serverContext(), INLINE).isDirect()).isFalse();
        assertThat(new TlsTransport(clientContext(), "localhost", 443, true, null).isDirect()).isFalse();
        assertThat(TlsTransport.isDirectNetBuffer(null)).isFalse();
        assertThat(TlsTransport.isDirectNetBuffer(SSLContext.getDefault().getProvider())).isFalse();
    }

    private void connect(final SSLContext clientContext) throws Exception
    {
        client = new TlsTransport(clientContext, "localhost", 443, true, null);
        server = TlsTransport.server(serverContext(), INLINE);
        client.init(loopback.clientChannel());
        server.init(loopback.serverChannel());
        final boolean[] done = new boolean[2];
        Tests.await(() ->
        {
            done[0] = done[0] || handshakeStep(client);
            done[1] = done[1] || handshakeStep(server);
            return done[0] && done[1];
        }, "both handshakes complete");
        final ByteBuffer dst = ByteBuffer.allocateDirect(client.applicationBufferSize());
        for (int i = 0; i < 8; i++)
        {
            pumpAndRead(client, dst); // the server's post-handshake messages (TLS 1.3 session tickets)
        }
        assertThat(dst.position()).isZero();
    }

    private boolean handshakeStep(final Transport transport)
    {
        loopback.pump();
        try
        {
            return Transport.HANDSHAKE_COMPLETE == transport.handshake();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private byte[] transfer(final Transport from, final Transport to, final byte[] payload)
    {
        final ByteBuffer src = ByteBuffer.wrap(payload);
        final ByteBuffer dst = ByteBuffer.allocateDirect(64 * 1024);
        final byte[] received = new byte[payload.length];
        final int[] receivedLength = new int[1];
        Tests.await(() ->
        {
            try
            {
                from.write(src);
                from.flush();
                loopback.pump();
                to.read(dst);
                dst.flip();
                final int length = dst.remaining();
                dst.get(received, receivedLength[0], length);
                receivedLength[0] += length;
                dst.clear();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return receivedLength[0] == payload.length;
        }, () -> "received " + receivedLength[0] + " of " + payload.length);
        return received;
    }

    private int pumpAndRead(final Transport transport, final ByteBuffer dst)
    {
        loopback.pump(0);
        return read(transport, dst);
    }

    private static int read(final Transport transport, final ByteBuffer dst)
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

    private static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * seed + (i >>> 8));
        }
        return bytes;
    }

    private static KeyStore keyStore() throws IOException, GeneralSecurityException
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsTransportTest.class.getResourceAsStream("/transport-test.p12"))
        {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static SSLContext serverContext() throws IOException, GeneralSecurityException
    {
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext() throws IOException, GeneralSecurityException
    {
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore());
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
