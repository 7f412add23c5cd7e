package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ConnectionTlsTest
{
    @AutoClose
    private ConnectionFixture fixture;

    @Test
    void shouldReceiveTicksOverTlsTrustingSimulatorCertificate()
    {
        fixture = new ConnectionFixture(new SimulatorContext().tls(true), 16 * 1024, false);
        final URI uri = fixture.simulator().uri();
        assertThat(uri.getScheme()).isEqualTo("wss");
        final int[] tokens = fixture.simulator().universe().tokens(30);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .uri(uri)
            .sslContext(fixture.clientSslContext())
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(100)));
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.QUOTE);

        fixture.await(() -> fixture.ticks().distinctTokens() == tokens.length, "a tick for every token over TLS");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1, Duration.ofSeconds(10))
            .get(0);
        assertThat(connection.subscriptions().values()).containsOnly(Mode.QUOTE);
        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isZero();
        assertThat(fixture.errors()).isEmpty();

        fixture.dropAndAwaitTicksAgain(connection, tokens.length);
    }

    @Test
    void shouldCountTlsErrorWhenServerCertificateIsNotTrusted() throws Exception
    {
        fixture = new ConnectionFixture(new SimulatorContext().tls(true), 1024, false);
        final SSLContext untrusting = SSLContext.getInstance("TLS");
        untrusting.init(null, null, null);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .uri(fixture.simulator().uri())
            .sslContext(untrusting)
            .reconnectMaxAttempts(1));

        fixture.await(() -> ConnectionState.CLOSED == agent.state(), "gave up");

        assertThat(agent.counters().get(KiteCounterDescriptor.TLS_ERRORS)).isEqualTo(2);
        assertThat(fixture.errors()).anyMatch((error) -> error.getMessage().contains("TLS handshake failed"));
    }
}
