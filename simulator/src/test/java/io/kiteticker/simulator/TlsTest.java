package io.kiteticker.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class TlsTest
{
    private static KiteSimulator simulator;
    private static SSLContext trustingExportedCertificate;

    @BeforeAll
    static void launch() throws Exception
    {
        simulator = KiteSimulator.launch(new SimulatorContext()
            .tls(true)
            // long enough that a loaded CI machine starving the simulator thread for a moment does not make it
            // send a heartbeat between ticks (the first test asserts none while ticking); short for the heartbeat test
            .heartbeatIntervalNs(KiteSimulatorTest.millis(500))
            .ticksPerSecondPerToken(100));
        trustingExportedCertificate = SimulatorCertificate.clientSslContext(
            simulator.trustStorePath(), SimulatorContext.TRUST_STORE_PASSWORD_DEFAULT);
    }

    @AfterAll
    static void close()
    {
        simulator.close();
    }

    @Test
    void shouldTickOverWssWhenClientTrustsTheExportedCertificate() throws Exception
    {
        assertThat(simulator.uri().toString()).startsWith("wss://127.0.0.1:");
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri(), trustingExportedCertificate,
            false))
        {
            final TickChecker checker = new TickChecker(simulator.universe());
            client.visitor(checker);
            client.subscribe(256265, 408065, (5001 << 8) | 6);
            client.mode("full", 408065);

            await(() -> checker.checked() >= 200 && client.heartbeats.get() == 0, "ticks over TLS");
            assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();

            client.webSocket().sendPing(java.nio.ByteBuffer.allocate(0)).get(10, TimeUnit.SECONDS);
            await(() -> client.pongs.get() == 1, "pong over TLS");
            client.webSocket().sendClose(1000, "").get(10, TimeUnit.SECONDS);
            assertThat(client.closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void shouldSendHeartbeatsOverWss() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri(), trustingExportedCertificate,
            false))
        {
            await(() -> client.heartbeats.get() >= 2, "heartbeats over TLS");
        }
    }

    @Test
    void shouldRejectWrongTokenWithForbiddenOverWss()
    {
        assertThatThrownBy(() -> KiteTestClient.connectAsync(
            simulator.uri("kite-sim-key", "nope"), trustingExportedCertificate).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                (ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void shouldFailTlsHandshakeWhenClientDoesNotTrustTheCertificate()
    {
        assertThatThrownBy(() -> KiteTestClient.connectAsync(
            simulator.authenticatedUri(), SSLContext.getDefault()).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .satisfies((ex) -> assertThat(hasCause(ex, SSLHandshakeException.class)).isTrue());
    }

    @Test
    void shouldExportPemOfTheServerCertificateForLocalhostAndLoopbackIp() throws Exception
    {
        final X509Certificate certificate;
        try (InputStream in = Files.newInputStream(simulator.pemPath()))
        {
            certificate = (X509Certificate)CertificateFactory.getInstance("X.509").generateCertificate(in);
        }

        assertThat(certificate).isEqualTo(simulator.certificate().certificate());
        assertThat(certificate.getSubjectAlternativeNames())
            .anySatisfy((name) -> assertThat(name.toArray()).containsExactly(7, "127.0.0.1"))
            .anySatisfy((name) -> assertThat(name.toArray()).containsExactly(2, "localhost"));
        certificate.checkValidity();
    }

    private static boolean hasCause(final Throwable throwable, final Class<? extends Throwable> type)
    {
        for (Throwable t = throwable; null != t; t = t.getCause())
        {
            if (type.isInstance(t))
            {
                return true;
            }
        }
        return false;
    }
}
