package io.kiteticker.engine.manager;

import io.kiteticker.engine.ApiKeyStats;
import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.HealthSummary;
import io.kiteticker.engine.ManagerStats;
import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.status.FailureKind;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ManagerStatisticsTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final long[] nowNs = { 10 * SECOND_NS };
    private final ConnectionState[] states = {
        ConnectionState.LIVE, ConnectionState.BACKOFF, ConnectionState.LIVE, ConnectionState.LIVE };
    private final EngineStatus status = EngineStatus.inMemory();
    private final Credentials credentials = new Credentials(
        new String[]{ "alpha", "beta" }, new String[]{ "k1", "k2" }, new String[]{ "t1", "t2" });
    private final ConnectionCounters[] counters = {
        status.newConnectionCounters(0, 0, "alpha"),
        status.newConnectionCounters(0, 1, "alpha"),
        status.newConnectionCounters(1, 0, "beta"),
        status.newConnectionCounters(1, 1, "beta") };
    private final ConnectionSlots slots =
        new ConnectionSlots(4, 2, () -> nowNs[0], (slot) -> states[slot], ConnectionListener.NO_OP);
    private final String[] lastFailures = new String[4];
    private final ManagerStatistics statistics = new ManagerStatistics(
        credentials, 2, counters, slots, (slot) -> states[slot], (slot) -> lastFailures[slot], () -> nowNs[0]);

    @AfterEach
    void after()
    {
        status.close();
    }

    private void packets(final int slot, final long count)
    {
        counters[slot].add(KiteCounterDescriptor.PACKETS, count);
    }

    @Test
    void shouldGiveTheTickRateSinceThePreviousSnapshot()
    {
        packets(0, 1_000);
        statistics.started(nowNs[0]);
        nowNs[0] += 2 * SECOND_NS;
        packets(0, 600);
        packets(3, 400);

        final ManagerStats first = statistics.managerStats();
        assertThat(first.ticks()).isEqualTo(2_000);
        assertThat(first.ticksPerSecond()).as("1,000 ticks in 2 s since start").isCloseTo(500.0, within(1e-9));

        nowNs[0] += SECOND_NS;
        packets(2, 300);
        assertThat(statistics.managerStats().ticksPerSecond()).isCloseTo(300.0, within(1e-9));
    }

    @Test
    void shouldReadZeroRateAndUptimeWhenStopped()
    {
        statistics.started(nowNs[0]);
        nowNs[0] += SECOND_NS;
        assertThat(statistics.uptime()).isEqualTo(Duration.ofSeconds(1));

        statistics.stopped();
        nowNs[0] += SECOND_NS;
        packets(1, 50);

        final ManagerStats stats = statistics.managerStats();
        assertThat(stats.ticksPerSecond()).isZero();
        assertThat(stats.uptime()).isZero();
    }

    @Test
    void shouldSumKeysAndConnectionsWhenSnapshotting()
    {
        slots.onStateChange(0, 0, ConnectionState.WS_UPGRADE, ConnectionState.LIVE);
        nowNs[0] += SECOND_NS;
        packets(0, 7);
        packets(1, 5);
        counters[1].increment(KiteCounterDescriptor.MALFORMED_PACKETS);

        final ManagerStats stats = statistics.managerStats();
        assertThat(stats.apiKeyCount()).isEqualTo(2);
        assertThat(stats.totalConnections()).isEqualTo(4);
        assertThat(stats.activeConnections()).isEqualTo(3);
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(stats.apiKeys().get(0).ticks()).isEqualTo(12);
        assertThat(stats.apiKeys().get(1).apiKeyId()).isEqualTo("beta");

        final ConnectionStats connection = statistics.connectionStats(0);
        assertThat(connection.uptime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(statistics.connectionStats(2).uptime()).as("live, but never stamped").isZero();
    }

    @Test
    void shouldListTheConnectionsThatAreNotLiveWhenAskedForHealth()
    {
        final HealthSummary health = statistics.health();

        assertThat(health.healthyConnections()).isEqualTo(3);
        assertThat(health.totalConnections()).isEqualTo(4);
        assertThat(health.unhealthyConnections()).singleElement()
            .satisfies((connection) -> assertThat(connection.state()).isEqualTo(ConnectionState.BACKOFF))
            .satisfies((connection) -> assertThat(connection.connectionIndex()).isEqualTo(1));
    }

    @Test
    void shouldNameTheKeyThatCannotDeliverWhenItsCredentialsWereRejectedMidRun()
    {
        assertThat(statistics.health().rejectedApiKeyIds()).isEmpty();
        assertThat(statistics.apiKeyStats(1).canDeliver()).isTrue();

        states[2] = ConnectionState.CREDENTIALS_REJECTED;
        slots.onStateChange(1, 0, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);

        final HealthSummary health = statistics.health();
        assertThat(health.rejectedApiKeyIds()).containsExactly("beta");
        assertThat(health.hasRejectedCredentials()).isTrue();
        final ApiKeyStats beta = statistics.apiKeyStats(1);
        assertThat(beta.credentialsRejected()).isTrue();
        assertThat(beta.canDeliver()).as("its other connection is live, but the token is refused").isFalse();
        assertThat(statistics.apiKeyStats(0).canDeliver()).isTrue();
        assertThat(statistics.managerStats().apiKeys().get(1).credentialsRejected()).isTrue();

        states[2] = ConnectionState.CLOSED; // stopped: still the last run's verdict until the next start
        assertThat(statistics.health().rejectedApiKeyIds()).containsExactly("beta");
        slots.resetRun();
        assertThat(statistics.health().rejectedApiKeyIds()).isEmpty();
    }

    @Test
    void shouldNameTheLastFailureInTheHealthViewFromTheAgentOrElseTheCountersWhenAConnectionIsDown()
    {
        counters[1].set(KiteCounterDescriptor.LAST_FAILURE_KIND, FailureKind.UPGRADE_REFUSED.code());
        counters[1].set(KiteCounterDescriptor.LAST_HTTP_STATUS, 429);

        final ConnectionStats fromCounters = statistics.health().unhealthyConnections().get(0);
        assertThat(fromCounters.lastFailure()).isEqualTo("WebSocket upgrade refused (HTTP 429)");
        assertThat(fromCounters.lastHttpStatus()).isEqualTo(429);

        lastFailures[1] = "WebSocket upgrade refused: TOO_MANY_REQUESTS (HTTP 429)";
        assertThat(statistics.connectionStats(1).lastFailure()).isEqualTo(lastFailures[1]);
        assertThat(statistics.connectionStats(0).lastFailure()).as("never failed").isNull();
    }
}
