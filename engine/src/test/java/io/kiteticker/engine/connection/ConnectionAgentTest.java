package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.script.Malformation;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class ConnectionAgentTest
{
    @AutoClose
    private ConnectionFixture fixture;

    @Test
    void shouldConnectSubscribeAndReceiveTicksTaggedWithKeyAndConnection()
    {
        fixture = ConnectionFixture.plain();
        final int[] tokens = fixture.simulator().universe().tokens(40);
        final ConnectionAgent agent = fixture.start(fixture.context(1, 2).pingIntervalNs(0));
        assertThat(agent.proxy().subscribe(tokens, 0, tokens.length, Mode.FULL)).isTrue();

        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);
        fixture.await(() -> connection.subscriptionCount() == tokens.length &&
            connection.subscriptions().values().stream().allMatch(Mode.FULL::equals), "subscribed on the server");
        fixture.await(() -> fixture.ticks().distinctTokens() == tokens.length, "a tick for every token");

        assertThat(fixture.ticks().countFor(1, 2)).isEqualTo((int)fixture.ticks().total());
        assertThat(fixture.ticks().unknown()).isZero();
        assertThat(fixture.ticks().sequenceGaps()).isZero();
        final Map<Integer, Mode> subscriptions = connection.subscriptions();
        assertThat(subscriptions.values()).containsOnly(Mode.FULL);
        assertThat(connection.framesReceived()).as("one subscribe and one mode frame").isEqualTo(2);
        assertThat(agent.subscribedCount()).isEqualTo(tokens.length);
        final ConnectionCounters counters = agent.counters();
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isGreaterThanOrEqualTo(fixture.ticks().total());
        assertThat(counters.get(KiteCounterDescriptor.REQUESTS_SENT)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.BYTES_READ)).isPositive();
        assertThat(counters.get(KiteCounterDescriptor.STATE)).isEqualTo(ConnectionState.LIVE.ordinal());
        assertThat(fixture.errors()).isEmpty();
    }

    @Test
    void shouldApplyUnsubscribeAndModeChangeWhileLive()
    {
        fixture = ConnectionFixture.plain();
        final int[] tokens = fixture.simulator().universe().tokens(10);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0).pingIntervalNs(0));
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.QUOTE);
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);
        fixture.await(() -> connection.subscriptionCount() == 10, "subscribed");

        agent.proxy().unsubscribe(tokens, 0, 4);
        agent.proxy().changeMode(tokens, 0, 10, Mode.LTP);
        fixture.await(() -> connection.subscriptionCount() == 6 && Mode.LTP == connection.mode(tokens[9]),
            "unsubscribed and mode changed");

        assertThat(connection.subscriptions().values()).containsOnly(Mode.LTP);
        assertThat(agent.subscribedCount()).isEqualTo(6);
        assertThat(connection.framesReceived()).as("subscribe, mode, unsubscribe, mode").isEqualTo(4);
    }

    @Test
    void shouldRememberSubscriptionsMadeBeforeLiveAndSendThemOnConnect()
    {
        fixture = ConnectionFixture.plain();
        fixture.scheduler(ThreadingMode.INVOKER, 1);
        final int[] tokens = fixture.simulator().universe().tokens(6);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0).pingIntervalNs(0));
        agent.proxy().subscribe(tokens, 0, 3, Mode.LTP);
        agent.proxy().subscribe(tokens, 3, 3, Mode.FULL);

        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);
        fixture.await(() -> connection.subscriptionCount() == 6 && Mode.FULL == connection.mode(tokens[5]) &&
            Mode.LTP == connection.mode(tokens[0]), "resubscribed in modes");

        assertThat(connection.framesReceived()).as("one subscribe and one mode frame per mode").isEqualTo(3);
    }

    @Test
    void shouldFailFastWithoutRetryWhenCredentialsRejected()
    {
        fixture = ConnectionFixture.plain();
        fixture.scheduler(ThreadingMode.INVOKER, 1);
        final String wrongToken = "wrong-SECRET-token-999";
        final List<String> rejected = new CopyOnWriteArrayList<>();
        final ConnectionAgent agent = fixture.start(fixture.context(3, 1)
            .accessToken(wrongToken)
            .listener(new ConnectionListener()
            {
                @Override
                public void onStateChange(
                    final int apiKeyIndex, final int connectionIndex, final ConnectionState from,
                    final ConnectionState to)
                {
                }

                @Override
                public void onCredentialsRejected(final int apiKeyIndex, final String apiKeyId)
                {
                    rejected.add(apiKeyIndex + ":" + apiKeyId);
                }
            }));

        fixture.await(() -> ConnectionState.CREDENTIALS_REJECTED == agent.state(), "credentials rejected");
        for (int i = 0; i < 10_000; i++)
        {
            fixture.poll();
        }

        assertThat(agent.state()).isEqualTo(ConnectionState.CREDENTIALS_REJECTED);
        assertThat(fixture.simulator().rejectedCredentials()).as("not retried").isEqualTo(1);
        assertThat(agent.counters().get(KiteCounterDescriptor.CREDENTIALS_REJECTED)).isEqualTo(1);
        assertThat(rejected).containsExactly("3:account3");
        assertThat(fixture.errors()).hasSize(1);
        final Throwable error = fixture.errors().get(0);
        assertThat(error).isInstanceOf(CredentialsRejectedException.class);
        assertThat(error.getMessage())
            .contains("account3")
            .contains("credentials rejected")
            .doesNotContain(wrongToken)
            .doesNotContain(ConnectionFixture.API_KEY);
    }

    @Test
    void shouldCountMalformedInputAndKeepWorking()
    {
        fixture = ConnectionFixture.plain();
        final int[] tokens = fixture.simulator().universe().tokens(5);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 1).pingIntervalNs(0));
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.LTP);
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);
        fixture.await(() -> connection.subscriptionCount() == 5, "subscribed");
        final ConnectionCounters counters = agent.counters();

        connection.sendMalformed(Malformation.TRUNCATED_KITE_MESSAGE);
        connection.sendMalformed(Malformation.UNKNOWN_PACKET_LENGTH);
        connection.sendMalformed(Malformation.INVALID_JSON_TEXT);
        fixture.await(() -> counters.get(KiteCounterDescriptor.MALFORMED_MESSAGES) == 1 &&
            counters.get(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH) == 1 &&
            counters.get(KiteCounterDescriptor.MALFORMED_TEXT) == 1, "malformed input counted");
        // counted on the agent thread before the slots reach the consumers: wait for them too
        fixture.await(() -> 1 == fixture.ticks().unknown() && fixture.texts().stream()
            .anyMatch((text) -> text.startsWith(TextMessageDecoder.MALFORMED + ":")), "malformed input delivered");

        assertThat(agent.state()).isEqualTo(ConnectionState.LIVE);
        final long ticksBefore = fixture.ticks().total();
        fixture.await(() -> fixture.ticks().total() > ticksBefore + 5, "ticks keep flowing");

        connection.sendMalformed(Malformation.BAD_WEBSOCKET_HEADER);
        fixture.await(() -> counters.get(KiteCounterDescriptor.MALFORMED_FRAMES) == 1, "bad frame counted");
        fixture.await(() ->
        {
            final SimulatedConnection next = fixture.openConnectionAfter(connection.connectionId());
            return null != next && next.subscriptionCount() == 5 && ConnectionState.LIVE == agent.state();
        }, "reconnected and resubscribed after protocol error");
        assertThat(fixture.errors()).allSatisfy((error) ->
            assertThat(String.valueOf(error.getMessage())).contains("kite-0-1 [account0]"));
    }

    @Test
    void shouldDeliverOrderAndErrorTextMessagesTagged()
    {
        fixture = ConnectionFixture.plain();
        final ConnectionAgent agent = fixture.start(fixture.context(2, 0).pingIntervalNs(0));
        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);

        connection.sendOrder("{\"order_id\":\"151220000000000\",\"status\":\"COMPLETE\"}");
        connection.sendError("too many requests");
        fixture.await(() -> fixture.texts().size() == 2, "two text messages");

        assertThat(fixture.texts().get(0)).startsWith(TextMessageDecoder.ORDER + ":").contains("151220000000000");
        assertThat(fixture.texts().get(1)).startsWith(TextMessageDecoder.ERROR + ":").contains("too many requests");
        assertThat(agent.counters().get(KiteCounterDescriptor.TEXT_MESSAGES)).isEqualTo(2);
    }

    @Test
    void shouldCloseCleanlyWithCloseHandshake()
    {
        fixture = ConnectionFixture.plain();
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0).pingIntervalNs(0));
        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");
        final SimulatedConnection connection = fixture.simulator().awaitOpenConnections(1,
            java.time.Duration.ofSeconds(10)).get(0);

        assertThat(agent.proxy().close()).isTrue();
        fixture.await(() -> ConnectionState.CLOSED == agent.state(), "CLOSED");
        fixture.await(() -> !connection.isOpen(), "server side closed");

        assertThat(connection.closeStatusReceived()).isEqualTo(1000);
        assertThat(agent.proxy().subscribe(new int[]{ 1 }, 0, 1, Mode.LTP)).isFalse();
        assertThat(agent.counters().get(KiteCounterDescriptor.RECONNECTS)).isZero();
    }

    @Test
    void shouldNeverExposeSecretsInToStringThreadNamesLabelsOrErrors()
    {
        fixture = ConnectionFixture.plain();
        final ConnectionContext context = fixture.context(0, 2).pingIntervalNs(0);
        final ConnectionAgent agent = fixture.start(context);
        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");

        final StringBuilder everything = new StringBuilder();
        everything.append(context).append(agent).append(agent.proxy()).append(agent.roleName())
            .append(agent.counters());
        fixture.status().countersManager().forEach((id, label) -> everything.append(label));
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            everything.append(thread.getName());
        }
        for (final Throwable error : fixture.errors())
        {
            everything.append(error).append(error.getCause());
        }
        fixture.status().errorLog();
        org.agrona.concurrent.errors.ErrorLogReader.read(fixture.status().errorLogBuffer(),
            (count, first, last, text) -> everything.append(text));

        assertThat(agent.roleName()).isEqualTo("kite-0-2");
        assertThat(everything.toString())
            .doesNotContain(ConnectionFixture.ACCESS_TOKEN)
            .doesNotContain(ConnectionFixture.API_KEY)
            .contains("kite-0-2");
    }

    @Test
    void shouldRunConnectionOnDedicatedThreadNamedAfterRoleWithAffinityDegradingCleanly()
    {
        fixture = ConnectionFixture.plain();
        final ConnectionAgent first = fixture.start(
            fixture.context(0, 0).cpuAffinity(ConnectionContext.AFFINITY_ANY).pingIntervalNs(0));
        final ConnectionAgent second = fixture.start(
            fixture.context(0, 1).cpuAffinity(ConnectionContext.AFFINITY_ANY).pingIntervalNs(0));

        fixture.await(() -> ConnectionState.LIVE == first.state() && ConnectionState.LIVE == second.state(),
            "both LIVE even though at most one can be pinned on 2 vCPUs");
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch((thread) -> "kite-0-1".equals(thread.getName()));
        assertThat(fixture.errors()).isEmpty();
    }

    @Test
    void shouldSendPingsAndKeepConnectionAliveOnPongs()
    {
        fixture = new ConnectionFixture(
            new SimulatorContext().heartbeatIntervalNs(TimeUnit.SECONDS.toNanos(60)), 1024, false);
        final ConnectionAgent agent = fixture.start(fixture.context(0, 0)
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(50))
            .livenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(400)));
        fixture.await(() -> ConnectionState.LIVE == agent.state(), "LIVE");

        fixture.await(() -> agent.counters().get(KiteCounterDescriptor.FRAMES) >= 20, "pongs received");
        assertThat(agent.counters().get(KiteCounterDescriptor.LIVENESS_TIMEOUTS)).isZero();
        assertThat(agent.counters().get(KiteCounterDescriptor.RECONNECTS)).isZero();
    }
}
