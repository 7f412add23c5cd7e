package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.ConnectionTimeoutException;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.kiteticker.engine.ManagerFixture.KEY_A;
import static io.kiteticker.engine.ManagerFixture.KEY_B;
import static io.kiteticker.engine.ManagerFixture.TOKEN_A;
import static io.kiteticker.engine.ManagerFixture.TOKEN_B;
import static io.kiteticker.engine.ManagerFixture.WAIT;
import static io.kiteticker.engine.ManagerFixture.tokens;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manager against the simulator's faults with the default settings: a key refused mid-run, a half-open stall,
 * a server that answers pings but sends no heartbeat.
 */
@Timeout(120)
class KiteManagerFaultTest
{
    private static final Duration SHORT_GRACE = Duration.ofMillis(150);

    private final ManagerFixture fixture = new ManagerFixture();

    @AfterEach
    void after() throws Exception
    {
        fixture.close();
    }

    private static boolean threadAlive(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch((thread) -> thread.isAlive() && name.equals(thread.getName()));
    }

    @Test
    void shouldTellTheListenerAndHealthNamingTheKeyWhenItsTokenIsRefusedMidRun()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext());
        final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        final List<String> eventThreads = new CopyOnWriteArrayList<>();
        final AtomicLong ticks = new AtomicLong();
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .addApiKey("beta", KEY_B, TOKEN_B)
            .maxConnectionsPerApi(2)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .credentialsRejectedGrace(SHORT_GRACE)
            .onTick((tick, sequence, endOfBatch) -> ticks.incrementAndGet())
            .onConnectionEvent((event) ->
            {
                eventThreads.add(Thread.currentThread().getName());
                events.add(event);
            }));
        manager.start();
        manager.subscribe(tokens(1000, 40), Mode.QUOTE);
        await(() -> ticks.get() > 100, "ticking");
        assertThat(manager.health().hasRejectedCredentials()).isFalse();
        assertThat(simulator.revokeCredential(KEY_B)).isTrue();

        for (final SimulatedConnection connection : simulator.openConnections())
        {
            if (KEY_B.equals(connection.apiKey()))
            {
                connection.dropAbruptly();
            }
        }

        await(() -> 2 == events.size(), WAIT, () -> "a rejection per connection of beta: " + events);
        assertThat(events).allSatisfy((event) ->
        {
            assertThat(event.kind()).isEqualTo(ConnectionEvent.Kind.CREDENTIALS_REJECTED);
            assertThat(event.apiKeyId()).isEqualTo("beta");
            assertThat(event.apiKeyIndex()).isEqualTo(1);
            assertThat(event.toString()).doesNotContain(TOKEN_B).doesNotContain(KEY_B);
        });
        assertThat(events).extracting(ConnectionEvent::connectionIndex).containsExactlyInAnyOrder(0, 1);
        assertThat(eventThreads).containsOnly("kite-events");

        final HealthSummary health = manager.health();
        assertThat(health.rejectedApiKeyIds()).containsExactly("beta");
        assertThat(health.isHealthy()).isFalse();
        assertThat(manager.apiStats("beta").canDeliver()).isFalse();
        assertThat(manager.apiStats("beta").connections())
            .allSatisfy((connection) -> assertThat(connection.state()).isEqualTo(ConnectionState.CREDENTIALS_REJECTED));
        assertThat(manager.apiStats("alpha").canDeliver()).isTrue();
        assertThat(manager.apiStats("alpha").activeConnections()).as("the other key goes on").isEqualTo(2);
        final long ticksOfAlpha = manager.apiStats("alpha").ticks();
        await(() -> manager.apiStats("alpha").ticks() > ticksOfAlpha, "alpha still ticking");
        assertThat(manager.isStarted()).as("the application decides").isTrue();
        final long refusals = simulator.rejectedCredentials();
        assertThat(refusals).as("403s retried within the grace, then believed").isGreaterThanOrEqualTo(4);
        assertThat(manager.apiStats("beta").connections()).allSatisfy((connection) -> assertThat(
            connection.lastFailure()).isEqualTo("WebSocket upgrade refused: credentials rejected (HTTP 403)"));

        manager.stop();
        assertThat(simulator.rejectedCredentials()).as("a rejected connection does not retry").isEqualTo(refusals);
        assertThat(events).as("nothing more after the stop").hasSize(2);
        assertThat(threadAlive("kite-events")).isFalse();
    }

    @Test
    void shouldComeBackWithoutARejectionWhenTheServerRefusesTheKeyWith403ForLessThanTheGrace()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext());
        final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        final AtomicLong ticks = new AtomicLong();
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(2)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .onTick((tick, sequence, endOfBatch) -> ticks.incrementAndGet())
            .onConnectionEvent(events::add));
        manager.start();
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.FULL);
        await(() -> ticks.get() > 100, "ticking");
        assertThat(simulator.revokeCredential(KEY_A)).isTrue();
        simulator.openConnections().forEach(SimulatedConnection::dropAbruptly);

        await(() -> simulator.rejectedCredentials() >= 6, WAIT, () -> "403s: " + simulator.rejectedCredentials());
        assertThat(manager.health().hasRejectedCredentials()).as("within the default grace").isFalse();
        assertThat(manager.apiStats("alpha").connections()).allSatisfy((connection) ->
        {
            assertThat(connection.state()).isNotEqualTo(ConnectionState.CREDENTIALS_REJECTED);
            assertThat(connection.lastHttpStatus()).isEqualTo(403);
        });
        assertThat(simulator.acceptCredential(KEY_A)).isTrue();

        await(() -> manager.health().isHealthy() && simulator.openConnections().stream()
                .mapToInt((connection) -> connection.subscriptions().size()).sum() == all.length,
            WAIT, () -> "back and resubscribed: " + manager.health());
        final long ticksAfter = ticks.get();
        await(() -> ticks.get() > ticksAfter + 100, "ticking again");
        assertThat(events).as("no rejection told").isEmpty();
        assertThat(manager.health().rejectedApiKeyIds()).isEmpty();
        assertThat(manager.apiStats("alpha").canDeliver()).isTrue();
        assertThat(manager.connectionStats("alpha", 0).credentialsRejected()).isPositive();
    }

    @Test
    void shouldTellTheListenerBeforeStartThrowsWhenTheTokenIsRefusedAtStart()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext());
        final List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, "wrong-token-SECRET")
            .maxConnectionsPerApi(1)
            .uri(simulator.uri())
            .onConnectionEvent(events::add));

        assertThatThrownBy(manager::start).isInstanceOf(CredentialsRejectedException.class);

        assertThat(events).singleElement().satisfies((event) ->
        {
            assertThat(event.kind()).isEqualTo(ConnectionEvent.Kind.CREDENTIALS_REJECTED);
            assertThat(event.apiKeyId()).isEqualTo("alpha");
        });
        assertThat(manager.health().rejectedApiKeyIds()).containsExactly("alpha");
        assertThat(threadAlive("kite-events")).isFalse();
    }

    @Test
    void shouldDetectAHalfOpenStallWithinTheDefaultLivenessTimeoutAndComeBack()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext());
        final AtomicLong ticks = new AtomicLong();
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(1)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .onTick((tick, sequence, endOfBatch) -> ticks.incrementAndGet()));
        manager.start();
        final int[] all = tokens(2000, 20);
        manager.subscribe(all, Mode.FULL);
        await(() -> ticks.get() > 20, "ticking");
        final SimulatedConnection victim = simulator.openConnections().get(0);
        final long startNs = System.nanoTime();

        victim.stall();

        await(() -> manager.connectionStats("alpha", 0).livenessTimeouts() == 1, WAIT, () -> "stall detected");
        final Duration detection = Duration.ofNanos(System.nanoTime() - startNs);
        final Duration threshold = KiteManagerBuilder.LIVENESS_TIMEOUT_DEFAULT;
        assertThat(threshold).isEqualTo(Duration.ofSeconds(2));
        assertThat(detection).as("socket open, nothing sent: dead after the default threshold")
            .isGreaterThan(threshold.minusMillis(300))
            .isLessThan(threshold.plusMillis(1_500));

        await(() -> manager.health().isHealthy() && simulator.openConnections().stream()
                .anyMatch((c) -> c != victim && c.subscriptions().size() == all.length),
            WAIT, () -> "reconnected and resubscribed: " + simulator.openConnections());
        final long ticksAfter = ticks.get();
        await(() -> ticks.get() > ticksAfter + 20, "ticking again");
        assertThat(manager.connectionStats("alpha", 0).reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldStayLiveOnPongsAloneWhenTheServerSendsNoHeartbeat()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext()
            .heartbeatIntervalNs(TimeUnit.SECONDS.toNanos(600)));
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(1)
            .uri(simulator.uri()));
        manager.start();
        final long startNs = System.nanoTime();

        await(() -> manager.connectionStats("alpha", 0).frames() >= 5, WAIT, () -> "five pongs");

        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).as("longer than two liveness timeouts")
            .isGreaterThan(KiteManagerBuilder.LIVENESS_TIMEOUT_DEFAULT.multipliedBy(2));
        final ConnectionStats connection = manager.connectionStats("alpha", 0);
        assertThat(connection.livenessTimeouts()).isZero();
        assertThat(connection.reconnects()).isZero();
        assertThat(connection.heartbeats()).isZero();
        assertThat(connection.isLive()).isTrue();
    }

    @Test
    @Timeout(30)
    void shouldNameEachConnectionsLastFailureWhenStartTimesOutOnTheConnectionLimit()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext());
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .addApiKey("twin", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(3)
            .uri(simulator.uri())
            .connectionTimeout(Duration.ofSeconds(2))
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));

        assertThatThrownBy(manager::start)
            .isInstanceOf(ConnectionTimeoutException.class)
            .hasMessageContaining("3 of 6 connections not live")
            .hasMessageContaining("last failure: WebSocket upgrade refused")
            .hasMessageContaining("HTTP 429")
            .hasMessageNotContaining(TOKEN_A);

        final List<ConnectionStats> connections = manager.health().unhealthyConnections();
        assertThat(connections).as("all closed after the failed start").hasSize(6);
        assertThat(connections).filteredOn((connection) -> 429 == connection.lastHttpStatus())
            .as("the three refused by the connection limit").hasSize(3)
            .allSatisfy((connection) -> assertThat(connection.lastFailure())
                .isEqualTo("WebSocket upgrade refused (HTTP 429)"));
    }
}
