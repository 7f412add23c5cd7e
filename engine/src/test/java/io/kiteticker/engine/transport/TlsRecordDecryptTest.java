package io.kiteticker.engine.transport;

import io.kiteticker.simulator.SimulatorCertificate;
import io.kiteticker.testing.AllocationMeter;
import io.kiteticker.transport.TlsTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decrypting full 16 KB TLS 1.3 records in memory, with no socket and no simulator, the way {@link TlsTransport}
 * calls {@code unwrap} (ciphertext in the buffer kind it uses for the provider, direct plaintext, a prebuilt
 * {@code ByteBuffer[]}, one whole record per call): bytes allocated and nanoseconds per record for each client
 * provider, against the JDK's server engine with the simulator's certificate.
 * <ul>
 *     <li>Conscrypt: exactly one {@code SSLEngineResult} (40 B with compressed oops) per record, from
 *     {@code ConscryptEngine.newResult}; nothing else.</li>
 *     <li>JDK 17: ~1.4 KB per record, inside the AES-GCM cipher it re-initialises for every record.</li>
 * </ul>
 */
@Timeout(120)
class TlsRecordDecryptTest
{
    private static final int RECORDS = 2_000;
    private static final int WARMUP_ROUNDS = 4;
    private static final int MEASURED_ROUNDS = 3;
    private static final int PLAINTEXT_PER_RECORD = 16 * 1024;
    private static final int SSL_ENGINE_RESULT_BYTES = 40;

    private static SSLContext serverContext;
    private static KeyStore trustStore;
    private static long plaintextLength;

    @BeforeAll
    static void certificate(@TempDir final Path directory) throws Exception
    {
        final SimulatorCertificate certificate = SimulatorCertificate.generate(directory, "changeit");
        serverContext = certificate.serverSslContext();
        trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("simulator", certificate.certificate());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void shouldMeasureBytesAndTimePerRecord(final TlsProvider provider) throws Exception
    {
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        final SSLContext clientContext = provider.sslContext(null, factory.getTrustManagers());
        final ByteBuffer plaintext = ByteBuffer.allocateDirect(64 * 1024);

        String cipherSuite = null;
        long minBytes = Long.MAX_VALUE;
        long minNs = Long.MAX_VALUE;
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++)
        {
            final SSLEngine server = serverContext.createSSLEngine();
            server.setUseClientMode(false);
            final SSLEngine client = clientContext.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            handshake(client, server);
            final ByteBuffer ciphertext = records(server, RECORDS, provider);
            cipherSuite = client.getSession().getProtocol() + " " + client.getSession().getCipherSuite();

            final long[] result = decrypt(client, ciphertext, plaintext);
            assertThat(result[2]).isEqualTo(plaintextLength);
            if (round >= WARMUP_ROUNDS)
            {
                minBytes = Math.min(minBytes, result[0]);
                minNs = Math.min(minNs, result[1]);
            }
        }

        final double bytesPerRecord = (double)minBytes / RECORDS;
        final double nsPerRecord = (double)minNs / RECORDS;
        System.out.printf("%s (%s): %.1f B/record, %.0f ns/record (%.0f MB/s plaintext), %s%n",
            provider, cipherSuite, bytesPerRecord, nsPerRecord, plaintextLength * 1000.0 / RECORDS / nsPerRecord,
            clientContext.createSSLEngine().getClass().getName());
        if (TlsProvider.CONSCRYPT == provider)
        {
            assertThat(bytesPerRecord)
                .as("Conscrypt: one SSLEngineResult per unwrap and nothing else")
                .isLessThanOrEqualTo(SSL_ENGINE_RESULT_BYTES + 1.0);
        }
        else
        {
            assertThat(bytesPerRecord).as("JDK 17: AES-GCM re-initialised per record").isLessThan(4096.0);
        }
    }

    private static long[] decrypt(final SSLEngine client, final ByteBuffer ciphertext, final ByteBuffer plaintext)
        throws SSLException
    {
        final ByteBuffer[] dsts = { plaintext };
        long produced = 0;
        final long startNs = System.nanoTime();
        final long before = AllocationMeter.allocatedBytes();
        while (ciphertext.hasRemaining())
        {
            plaintext.clear();
            final SSLEngineResult result = client.unwrap(ciphertext, dsts, 0, 1);
            if (SSLEngineResult.Status.OK != result.getStatus())
            {
                throw new IllegalStateException("unwrap " + result);
            }
            produced += result.bytesProduced();
        }
        final long allocated = AllocationMeter.allocatedBytes() - before;
        return new long[]{ allocated, System.nanoTime() - startNs, produced };
    }

    private static ByteBuffer records(final SSLEngine server, final int count, final TlsProvider provider)
        throws SSLException
    {
        final int packetSize = server.getSession().getPacketBufferSize();
        final ByteBuffer ciphertext = TlsTransport.isDirectNetBuffer(provider.securityProvider()) ?
            ByteBuffer.allocateDirect(packetSize * count) : ByteBuffer.allocate(packetSize * count);
        final byte[] bytes = new byte[PLAINTEXT_PER_RECORD];
        Arrays.fill(bytes, (byte)'k');
        final ByteBuffer source = ByteBuffer.wrap(bytes);
        long wrapped = 0;
        for (int i = 0; i < count; i++)
        {
            source.clear();
            final SSLEngineResult result = server.wrap(source, ciphertext);
            // the JDK fills a TLS 1.3 record with 16,367 bytes (16 KB less its own overhead allowance)
            assertThat(result.bytesConsumed()).isGreaterThan(16_000);
            wrapped += result.bytesConsumed();
        }
        plaintextLength = wrapped;
        return ciphertext.flip();
    }

    private static void handshake(final SSLEngine client, final SSLEngine server) throws Exception
    {
        final ByteBuffer clientToServer = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer serverToClient = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer clientApp = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer serverApp = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 1000; step++)
        {
            if (isDone(client) && isDone(server))
            {
                serverToClient.flip();
                while (serverToClient.hasRemaining())
                {
                    // post-handshake records (TLS 1.3 NewSessionTicket) use up sequence numbers: consume them
                    client.unwrap(serverToClient, clientApp);
                }
                return;
            }
            step(client, empty, clientToServer, serverToClient, clientApp);
            step(server, empty, serverToClient, clientToServer, serverApp);
        }
        throw new IllegalStateException("handshake did not finish: client " + client.getHandshakeStatus() +
            ", server " + server.getHandshakeStatus());
    }

    private static boolean isDone(final SSLEngine engine)
    {
        final SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING == status ||
            SSLEngineResult.HandshakeStatus.FINISHED == status;
    }

    private static void step(
        final SSLEngine engine,
        final ByteBuffer empty,
        final ByteBuffer out,
        final ByteBuffer in,
        final ByteBuffer app) throws SSLException
    {
        switch (engine.getHandshakeStatus())
        {
            case NEED_WRAP:
                engine.wrap(empty, out);
                break;

            case NEED_UNWRAP:
            case NEED_UNWRAP_AGAIN:
                in.flip();
                engine.unwrap(in, app);
                in.compact();
                break;

            case NEED_TASK:
                Runnable task;
                while (null != (task = engine.getDelegatedTask()))
                {
                    task.run();
                }
                break;

            default:
                break;
        }
    }
}
