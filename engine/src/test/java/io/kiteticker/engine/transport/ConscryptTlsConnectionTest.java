package io.kiteticker.engine.transport;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionFixture;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's TLS path on Conscrypt against the simulator, whose server side is the JDK's {@code SSLEngine} with a
 * self-signed EC certificate ({@code CN=localhost}, SAN localhost and 127.0.0.1).
 */
@Timeout(60)
class ConscryptTlsConnectionTest
{
    @AutoClose
    private ConnectionFixture fixture;

    @Test
    void shouldReceiveTicksOverConscryptAndReconnect() throws Exception
    {
        fixture = new ConnectionFixture(new SimulatorContext().tls(true), 16 * 1024, false);
        final int[] tokens = fixture.simulator().universe().tokens(30);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .uri(fixture.simulator().uri())
            .sslContext(trustingSimulator())
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(100)));
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.FULL);

        fixture.await(() -> fixture.ticks().distinctTokens() == tokens.length, "a tick for every token over TLS");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1, Duration.ofSeconds(10))
            .get(0);
        // the subscribe and the mode request are two frames: quote ticks may come in between
        fixture.await(() -> connection.subscriptions().size() == tokens.length &&
            connection.subscriptions().values().stream().allMatch(Mode.FULL::equals), "every token in full mode");
        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isZero();
        assertThat(fixture.errors()).isEmpty();

        fixture.dropAndAwaitTicksAgain(connection, tokens.length);
        assertThat(fixture.ticks().sequenceGaps()).isZero();
    }

    @Test
    void shouldReconnectAfterServerClosesCleanly() throws Exception
    {
        fixture = new ConnectionFixture(new SimulatorContext().tls(true), 16 * 1024, false);
        final int[] tokens = fixture.simulator().universe().tokens(5);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .uri(fixture.simulator().uri())
            .sslContext(trustingSimulator()));
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.LTP);
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1, Duration.ofSeconds(10))
            .get(0);
        fixture.await(() -> connection.subscriptionCount() == tokens.length, "subscribed");

        connection.closeCleanly(1001, "going away");
        fixture.await(() ->
        {
            final SimulatedConnection next = fixture.openConnectionAfter(connection.connectionId());
            return null != next && next.subscriptionCount() == tokens.length;
        }, "reconnect after a clean close");
        assertThat(agent.counters().get(KiteCounterDescriptor.DISCONNECTS)).isGreaterThanOrEqualTo(1);
        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isZero();
    }

    @Test
    void shouldUseConscryptByDefaultAndRejectAnUntrustedCertificate()
    {
        fixture = new ConnectionFixture(new SimulatorContext().tls(true), 1024, false);
        final ConnectionContext context = fixture.context(0, 0)
            .uri(fixture.simulator().uri())
            .reconnectMaxAttempts(1);
        final ConnectionAgent agent = fixture.start(context);
        assertThat(TlsProvider.of(agent.context().sslContext())).isEqualTo(TlsProvider.CONSCRYPT);

        fixture.await(() -> ConnectionState.CLOSED == agent.state(), "gave up");

        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isEqualTo(2);
        assertThat(fixture.errors()).anyMatch((error) -> error.getMessage().contains("TLS handshake failed"));
        assertThat(fixture.errors()).anyMatch((error) -> causes(error).contains("PKIX path building failed"));
    }

    @Test
    void shouldRejectCertificateForAnotherHostName() throws Exception
    {
        fixture = new ConnectionFixture(
            new SimulatorContext().tls(true).bindAddress("127.0.0.2"), 1024, false);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .uri(new URI("wss://127.0.0.2:" + fixture.simulator().port() + "/"))
            .sslContext(trustingSimulator())
            .reconnectMaxAttempts(1));

        fixture.await(() -> ConnectionState.CLOSED == agent.state(), "gave up");

        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isEqualTo(2);
        assertThat(fixture.errors()).anyMatch((error) -> error.getMessage().contains("TLS handshake failed"));
        assertThat(fixture.errors()).anyMatch((error) -> causes(error).contains("127.0.0.2"));
        assertThat(fixture.errors()).noneMatch((error) -> causes(error).contains("PKIX path building failed"));
    }

    private static String causes(final Throwable error)
    {
        final StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; null != cause; cause = cause.getCause())
        {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }

    private SSLContext trustingSimulator() throws Exception
    {
        final KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(fixture.simulator().trustStorePath()))
        {
            trustStore.load(in, SimulatorContext.TRUST_STORE_PASSWORD_DEFAULT.toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        final SSLContext context = TlsProvider.CONSCRYPT.sslContext(null, factory.getTrustManagers());
        assertThat(TlsProvider.of(context)).isEqualTo(TlsProvider.CONSCRYPT);
        return context;
    }
}
