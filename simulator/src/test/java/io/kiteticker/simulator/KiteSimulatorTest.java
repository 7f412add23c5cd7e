package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class KiteSimulatorTest
{
    private static final int NIFTY_50 = 256265;
    private static final int INFY = 408065;
    private static final int USDINR_CDS = (1212 << 8) | 3;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void after() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private KiteSimulator launch(final SimulatorContext context)
    {
        final KiteSimulator simulator = KiteSimulator.launch(context);
        resources.add(simulator);
        return simulator;
    }

    private KiteTestClient connect(final KiteSimulator simulator) throws Exception
    {
        final KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri());
        resources.add(client);
        return client;
    }

    @Test
    void shouldReportBoundPortAndUriWhenLaunchedOnEphemeralPort()
    {
        final KiteSimulator simulator = launch(new SimulatorContext());

        assertThat(simulator.port()).isPositive();
        assertThat(simulator.uri().toString()).isEqualTo("ws://127.0.0.1:" + simulator.port());
        assertThat(simulator.authenticatedUri().toString())
            .isEqualTo("ws://127.0.0.1:" + simulator.port() + "/?api_key=kite-sim-key&access_token=kite-sim-token");
    }

    @Test
    void shouldUpgradeAndSendOneByteHeartbeatsWhenIdle() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().heartbeatIntervalNs(millis(50)));
        final KiteTestClient client = connect(simulator);

        final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
        assertThat(connection.apiKey()).isEqualTo(SimulatorContext.API_KEY_DEFAULT);
        assertThat(connection.remotePort()).isPositive();
        await(() -> client.heartbeats.get() >= 3, "three heartbeats");
        assertThat(client.packets.get()).isZero();
        assertThat(connection.heartbeatsSent()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRejectWithForbiddenWhenAccessTokenIsWrongOrApiKeyUnknown()
    {
        final KiteSimulator simulator = launch(new SimulatorContext());

        assertHandshakeStatus(simulator.uri("kite-sim-key", "wrong-token"), 403);
        assertHandshakeStatus(simulator.uri("unknown-key", "kite-sim-token"), 403);
        assertThat(simulator.rejectedCredentials()).isEqualTo(2);
        assertThat(simulator.rejectedHandshakes()).isEqualTo(2);
        assertThat(simulator.openConnections()).isEmpty();
    }

    @Test
    void shouldRefuseARevokedKeyWith403AndAcceptItAgainWhenAcceptedAgain() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext());
        assertThat(simulator.acceptCredential("kite-sim-key")).as("not revoked").isFalse();

        final java.net.URI uri = simulator.authenticatedUri();
        assertThat(simulator.revokeCredential("kite-sim-key")).isTrue();
        assertHandshakeStatus(uri, 403);
        assertThat(simulator.acceptCredential("kite-sim-key")).isTrue();

        resources.add(KiteTestClient.connect(uri));
        assertThat(simulator.rejectedCredentials()).isEqualTo(1);
        assertThat(simulator.openConnections()).hasSize(1);
    }

    @Test
    void shouldAnswerASubscribeWithQuoteSnapshotsBeforeTheModeThatFollowsWhenAnsweringEachRequest() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().answerEachRequest(true));
        final KiteTestClient client = connect(simulator);
        final List<Integer> infyLengths = new CopyOnWriteArrayList<>();
        client.visitor((packet, receiveNanos) ->
        {
            if (INFY == packet.instrumentToken())
            {
                infyLengths.add(packet.length());
            }
        });

        client.subscribe(INFY);
        client.mode("full", INFY);

        await(() -> infyLengths.size() >= 2, "two INFY packets");
        assertThat(infyLengths.subList(0, 2)).containsExactly(PacketKind.QUOTE_LENGTH, PacketKind.FULL_LENGTH);
    }

    @Test
    void shouldRefuseFourthConnectionPerApiKeyAndAcceptAgainWhenOneCloses() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().credential("k1", "t1").credential("k2", "t2"));
        final KiteTestClient first = connect(simulator);
        connect(simulator);
        connect(simulator);
        final KiteTestClient otherKey = KiteTestClient.connect(simulator.uri("k2", "t2"));
        resources.add(otherKey);

        assertHandshakeStatus(simulator.uri("k1", "t1"), SimulatorContext.CONNECTION_LIMIT_HTTP_STATUS_DEFAULT);
        assertThat(simulator.rejectedConnectionLimit()).isEqualTo(1);
        assertThat(simulator.openConnections()).hasSize(4);

        first.webSocket().sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        await(() -> simulator.openConnections().size() == 3, "first connection closed");
        connect(simulator);
        assertThat(simulator.openConnections()).hasSize(4);
    }

    @Test
    void shouldSendQuotePacketsByDefaultAfterSubscribe() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().ticksPerSecondPerToken(50));
        final KiteTestClient client = connect(simulator);
        final TickChecker checker = new TickChecker(simulator.universe());
        final LengthRecorder lengths = new LengthRecorder(checker);
        client.visitor(lengths);

        client.subscribe(NIFTY_50, INFY, USDINR_CDS);

        await(() -> client.packets.get() >= 30, "30 packets");
        assertThat(lengths.lastLength(INFY)).isEqualTo(PacketKind.QUOTE_LENGTH);
        assertThat(lengths.lastLength(USDINR_CDS)).isEqualTo(PacketKind.QUOTE_LENGTH);
        assertThat(lengths.lastLength(NIFTY_50)).isEqualTo(PacketKind.INDEX_QUOTE_LENGTH);
        assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();
        final SimulatedConnection connection = simulator.openConnections().get(0);
        assertThat(connection.subscriptions())
            .containsEntry(NIFTY_50, Mode.QUOTE)
            .containsEntry(INFY, Mode.QUOTE)
            .containsEntry(USDINR_CDS, Mode.QUOTE);
    }

    @Test
    void shouldChangePacketLayoutWhenModeChanges() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().ticksPerSecondPerToken(100));
        final KiteTestClient client = connect(simulator);
        final TickChecker checker = new TickChecker(simulator.universe());
        final LengthRecorder lengths = new LengthRecorder(checker);
        client.visitor(lengths);
        client.subscribe(NIFTY_50, INFY);
        await(() -> lengths.lastLength(INFY) == PacketKind.QUOTE_LENGTH, "quote packets");

        client.mode("full", NIFTY_50, INFY);
        await(() -> lengths.lastLength(INFY) == PacketKind.FULL_LENGTH &&
            lengths.lastLength(NIFTY_50) == PacketKind.INDEX_FULL_LENGTH, "full packets");

        client.mode("ltp", INFY);
        await(() -> lengths.lastLength(INFY) == PacketKind.LTP_LENGTH, "ltp packets");
        lengths.reset();
        await(() -> lengths.count(INFY) >= 5 && lengths.count(NIFTY_50) >= 5, "more packets");
        assertThat(lengths.lastLength(INFY)).isEqualTo(PacketKind.LTP_LENGTH);
        assertThat(lengths.lastLength(NIFTY_50)).isEqualTo(PacketKind.INDEX_FULL_LENGTH);
        assertThat(simulator.openConnections().get(0).mode(INFY)).isEqualTo(Mode.LTP);
        assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();
    }

    @Test
    void shouldStopTicksForTokenWhenUnsubscribed() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext().ticksPerSecondPerToken(200));
        final KiteTestClient client = connect(simulator);
        final LengthRecorder lengths = new LengthRecorder();
        client.visitor(lengths);
        client.subscribe(NIFTY_50, INFY);
        await(() -> lengths.count(INFY) > 3 && lengths.count(NIFTY_50) > 3, "ticks for both");
        final SimulatedConnection connection = simulator.openConnections().get(0);

        client.unsubscribe(INFY);
        await(() -> 1 == connection.subscriptionCount(), "unsubscribed");
        final long sentAfterUnsubscribe = connection.packetsSent();
        await(() -> client.packets.get() >= sentAfterUnsubscribe, "in-flight packets delivered");
        lengths.reset();
        await(() -> lengths.count(NIFTY_50) >= 20, "20 more ticks for the other token");

        assertThat(lengths.count(INFY)).isZero();
        assertThat(connection.subscriptions()).containsOnlyKeys(NIFTY_50);
    }

    @Test
    void shouldSendErrorAndIgnoreExtraTokensWhenInstrumentLimitIsExceeded() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext());
        final KiteTestClient client = connect(simulator);
        final int limit = SimulatorContext.MAX_INSTRUMENTS_PER_CONNECTION_DEFAULT;

        client.subscribe(simulator.universe().tokens(limit + 5));

        await(() -> !client.texts.isEmpty(), "error text message");
        final TextMessageDecoder decoder = new TextMessageDecoder();
        final byte[] text = client.texts.peek().getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(text, 0, text.length)).isEqualTo(TextMessageDecoder.ERROR);
        assertThat(decoder.errorMessage().toString()).contains("3000").contains("5 tokens ignored");
        final SimulatedConnection connection = simulator.openConnections().get(0);
        assertThat(connection.subscriptionCount()).isEqualTo(limit);
        assertThat(connection.tokensIgnored()).isEqualTo(5);
    }

    @Test
    void shouldCloseWithPolicyViolationWhenInstrumentLimitPolicyIsClose() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext()
            .maxInstrumentsPerConnection(10)
            .instrumentLimitPolicy(InstrumentLimitPolicy.CLOSE));
        final KiteTestClient client = connect(simulator);

        client.subscribe(simulator.universe().tokens(11));

        assertThat(client.closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(client.texts).hasSize(1);
    }

    @Test
    void shouldAnswerPingWithPong() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext());
        final KiteTestClient client = connect(simulator);

        client.webSocket().sendPing(java.nio.ByteBuffer.wrap(new byte[]{ 1, 2, 3 })).get(10, TimeUnit.SECONDS);

        await(() -> 1 == client.pongs.get(), "pong");
    }

    @Test
    void shouldCompleteClosingHandshakeWhenClientCloses() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext());
        final KiteTestClient client = connect(simulator);
        final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);

        client.webSocket().sendClose(1000, "done").get(10, TimeUnit.SECONDS);

        assertThat(client.closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        await(() -> ConnectionState.CLOSED == connection.state(), "server side closed");
        assertThat(connection.closeStatusReceived()).isEqualTo(1000);
        await(() -> simulator.connections().isEmpty(), "closed connection removed");
    }

    @Test
    void shouldSendOrderAndErrorTextMessagesOnDemand() throws Exception
    {
        final KiteSimulator simulator = launch(new SimulatorContext());
        final KiteTestClient client = connect(simulator);
        final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);

        connection.sendOrder("{\"order_id\":\"151220000000000\",\"status\":\"COMPLETE\",\"instrument_token\":408065}");
        connection.sendError("Too many requests");

        await(() -> client.texts.size() == 2, "two text messages");
        final TextMessageDecoder decoder = new TextMessageDecoder();
        final byte[] order = client.texts.poll().getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(order, 0, order.length)).isEqualTo(TextMessageDecoder.ORDER);
        assertThat(decoder.order().orderId().toString()).isEqualTo("151220000000000");
        final byte[] error = client.texts.poll().getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(error, 0, error.length)).isEqualTo(TextMessageDecoder.ERROR);
        assertThat(decoder.errorMessage().toString()).isEqualTo("Too many requests");
    }

    @Test
    void shouldProduceIdenticalTicksForSameSeedAndDifferentTicksForAnotherSeed() throws Exception
    {
        final List<byte[]> first = recordTicks(7);
        final List<byte[]> second = recordTicks(7);
        final List<byte[]> other = recordTicks(8);

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++)
        {
            assertThat(second.get(i)).as("packet %d", i).isEqualTo(first.get(i));
        }
        assertThat(other.get(other.size() - 1)).isNotEqualTo(first.get(first.size() - 1));
    }

    private List<byte[]> recordTicks(final long seed) throws Exception
    {
        final int packetCount = 60;
        final int[] tokens = { NIFTY_50, INFY, USDINR_CDS };
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .seed(seed)
            .epochClock(() -> 1_700_000_000_000L)
            .ticksPerSecondPerToken(500));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final List<byte[]> packets = java.util.Collections.synchronizedList(new ArrayList<>());
            client.visitor((packet, nanos) ->
            {
                if (INFY == packet.instrumentToken() && packets.size() < packetCount)
                {
                    final byte[] copy = new byte[packet.length()];
                    packet.buffer().getBytes(packet.offset(), copy);
                    packets.add(copy);
                }
            });
            client.subscribe(tokens);
            client.mode("full", tokens);
            await(() -> packets.size() >= packetCount, "packets for INFY");
            return new ArrayList<>(packets).subList(packets.size() - 40, packets.size());
        }
    }

    private static void assertHandshakeStatus(final java.net.URI uri, final int status)
    {
        assertThatThrownBy(() -> KiteTestClient.connectAsync(uri, null).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                (ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(status));
    }

    static long millis(final long ms)
    {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /**
     * Records the length of the last packet and the count of packets per token.
     */
    static final class LengthRecorder implements KiteTestClient.PacketVisitor
    {
        private final Int2IntHashMap lastLength = new Int2IntHashMap(0);
        private final Int2IntHashMap counts = new Int2IntHashMap(0);
        private final KiteTestClient.PacketVisitor next;

        LengthRecorder()
        {
            this((packet, receiveNanos) -> {});
        }

        /**
         * @param next visits every packet after it is recorded.
         */
        LengthRecorder(final KiteTestClient.PacketVisitor next)
        {
            this.next = next;
        }

        public void onPacket(final TickDecoder packet, final long receiveNanos)
        {
            record(packet);
            next.onPacket(packet, receiveNanos);
        }

        private synchronized void record(final TickDecoder packet)
        {
            lastLength.put(packet.instrumentToken(), packet.length());
            counts.put(packet.instrumentToken(), counts.get(packet.instrumentToken()) + 1);
        }

        synchronized int lastLength(final int token)
        {
            return lastLength.get(token);
        }

        synchronized int count(final int token)
        {
            return counts.get(token);
        }

        synchronized void reset()
        {
            counts.clear();
        }
    }
}
