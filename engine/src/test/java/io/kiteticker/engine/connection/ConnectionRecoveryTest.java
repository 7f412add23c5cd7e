package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(90)
class ConnectionRecoveryTest
{
    @AutoClose
    private ConnectionFixture fixture;

    @Test
    void shouldStayLiveOnHeartbeatsAlone()
    {
        fixture = new ConnectionFixture(
            new SimulatorContext().heartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(50)), 1024, false);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .pingIntervalNs(0)
            .livenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)));
        final ConnectionCounters counters = agent.counters();

        fixture.await(() -> counters.get(KiteCounterDescriptor.HEARTBEATS) >= 20,
            "20 heartbeats, spanning more than three liveness timeouts");

        assertThat(agent.state()).isEqualTo(ConnectionState.LIVE);
        assertThat(counters.get(KiteCounterDescriptor.LIVENESS_TIMEOUTS)).isZero();
        assertThat(counters.get(KiteCounterDescriptor.RECONNECTS)).isZero();
        assertThat(fixture.ticks().total()).isZero();
    }

    @Test
    void shouldReconnectAndResubscribeInModeWhenConnectionStalls()
    {
        fixture = ConnectionFixture.plain();
        final int[] tokens = fixture.simulator().universe().tokens(12);
        final ConnectionAgent agent = fixture.start(fixture.context(1, 0)
            .pingIntervalNs(0)
            .livenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(400)));
        agent.proxy().subscribe(tokens, 0, 4, Mode.LTP);
        agent.proxy().subscribe(tokens, 4, 4, Mode.QUOTE);
        agent.proxy().subscribe(tokens, 8, 4, Mode.FULL);
        final SimulatedConnection first = fixture.simulator().awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
        fixture.await(() -> first.subscriptionCount() == 12, "subscribed");
        final ConnectionCounters counters = agent.counters();

        first.stall();
        fixture.await(() -> counters.get(KiteCounterDescriptor.LIVENESS_TIMEOUTS) == 1, "liveness timeout");
        fixture.await(() ->
        {
            final SimulatedConnection next = fixture.openConnectionAfter(first.connectionId());
            return null != next && next.subscriptionCount() == 12;
        }, "reconnected and resubscribed");

        final SimulatedConnection second = fixture.openConnectionAfter(first.connectionId());
        for (int i = 0; i < 12; i++)
        {
            assertThat(second.mode(tokens[i])).isEqualTo(i < 4 ? Mode.LTP : i < 8 ? Mode.QUOTE : Mode.FULL);
        }
        fixture.await(() -> second.framesReceived() >= 4, "subscribe frame and three mode frames");
        assertThat(second.framesReceived()).as("one subscribe frame, one mode frame per mode").isEqualTo(4);
        assertThat(counters.get(KiteCounterDescriptor.RECONNECTS)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.DISCONNECTS)).isEqualTo(1);
        final long ticks = fixture.ticks().total();
        fixture.await(() -> fixture.ticks().total() > ticks + 10, "ticks flow again");
        assertThat(fixture.ticks().sequenceGaps()).isZero();
    }

    @Test
    void shouldReconnectAfterEachOfTwentyAbruptAndCleanDrops()
    {
        fixture = ConnectionFixture.plain();
        final int[] tokens = fixture.simulator().universe().tokens(8);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 1)
            .pingIntervalNs(0)
            .reconnectJitter(0.0)
            .reconnectBackoffBaseNs(TimeUnit.MILLISECONDS.toNanos(1))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(2)));
        agent.proxy().subscribe(tokens, 0, 4, Mode.FULL);
        agent.proxy().subscribe(tokens, 4, 4, Mode.LTP);
        final ConnectionCounters counters = agent.counters();

        long lastConnectionId = -1;
        for (int drop = 0; drop < 20; drop++)
        {
            final long afterId = lastConnectionId;
            fixture.await(() ->
            {
                final SimulatedConnection next = fixture.openConnectionAfter(afterId);
                return null != next && next.subscriptionCount() == 8 && Mode.LTP == next.mode(tokens[7]) &&
                    Mode.FULL == next.mode(tokens[0]);
            }, "connection " + drop + " resubscribed in modes");
            final SimulatedConnection connection = fixture.openConnectionAfter(afterId);
            lastConnectionId = connection.connectionId();
            if (0 == (drop & 1))
            {
                connection.dropAbruptly();
            }
            else
            {
                connection.closeCleanly(1001, "going away");
            }
        }

        final long afterId = lastConnectionId;
        fixture.await(() ->
        {
            final SimulatedConnection next = fixture.openConnectionAfter(afterId);
            return null != next && next.subscriptionCount() == 8 && ConnectionState.LIVE == agent.state();
        }, "live after the 20th drop");

        assertThat(counters.get(KiteCounterDescriptor.DISCONNECTS)).isEqualTo(20);
        assertThat(counters.get(KiteCounterDescriptor.RECONNECTS)).isEqualTo(20);
        assertThat(agent.lastCloseCode()).isEqualTo(1001);
        assertThat(agent.lastCloseReasonLength()).isEqualTo("going away".length());
        assertThat(counters.get(KiteCounterDescriptor.LIVENESS_TIMEOUTS)).isZero();
        assertThat(fixture.ticks().sequenceGaps()).isZero();
        assertThat(fixture.ticks().unknown()).isZero();
    }

    @Test
    void shouldGiveUpAfterAttemptLimitWhenServerIsGone()
    {
        fixture = ConnectionFixture.plain();
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .pingIntervalNs(0)
            .reconnectMaxAttempts(3)
            .reconnectBackoffBaseNs(TimeUnit.MILLISECONDS.toNanos(1))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(2)));
        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");

        fixture.simulator().close();
        fixture.await(() -> ConnectionState.CLOSED == agent.state(), "closed after the attempt limit");

        final ConnectionCounters counters = agent.counters();
        assertThat(counters.get(KiteCounterDescriptor.RECONNECTS)).isEqualTo(3);
        assertThat(counters.get(KiteCounterDescriptor.CONNECT_FAILURES)).isEqualTo(3);
        assertThat(fixture.errors()).anyMatch((error) -> error.getMessage().contains("giving up"));
    }
}
