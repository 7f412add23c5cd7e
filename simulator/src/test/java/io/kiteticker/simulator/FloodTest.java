package io.kiteticker.simulator;

import io.kiteticker.codec.packet.PacketKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(90)
class FloodTest
{
    private static final long REQUIRED_PACKETS = 1_000_000;

    @Test
    void shouldDeliverAMillionValidConsistentFullPacketsWhenFloodingThreeThousandTokens() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().sendMode(SendMode.FLOOD));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final int[] tokens = simulator.universe().tokens(SimulatorContext.MAX_INSTRUMENTS_PER_CONNECTION_DEFAULT);
            final TickChecker checker = new TickChecker(simulator.universe());
            final long[] fullPackets = new long[1];
            client.visitor((packet, nanos) ->
            {
                checker.onPacket(packet, nanos);
                if (PacketKind.FULL == packet.kind() || PacketKind.INDEX_FULL == packet.kind())
                {
                    fullPackets[0]++;
                }
            });
            final long startNs = System.nanoTime();
            client.subscribe(tokens);
            client.mode("full", tokens);
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(5)).get(0);

            await(() -> checker.checked() >= REQUIRED_PACKETS, Duration.ofSeconds(60),
                () -> "packets checked " + checker.checked() + ", sent " + connection.packetsSent());
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            connection.stall();

            assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();
            assertThat(client.invalidMessages.get()).isZero();
            assertThat(fullPackets[0]).isGreaterThan(REQUIRED_PACKETS * 9 / 10);
            assertThat(connection.subscriptionCount()).isEqualTo(tokens.length);
            assertThat(connection.subscriptions().values()).allMatch((mode) -> io.kiteticker.codec.Mode.FULL == mode);
            assertThat(Arrays.stream(tokens).map(io.kiteticker.codec.packet.Segment::segment).distinct().count())
                .isGreaterThanOrEqualTo(8);
            System.out.printf("flood: %d packets checked in %.2f s (%.0f packets/s) over JDK WebSocket%n",
                checker.checked(), seconds, checker.checked() / seconds);
        }
    }

    @Test
    void shouldCycleOnePassOfCachedFramesAndReencodeWhenTheSubscriptionChanges() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .sendMode(SendMode.FLOOD_CACHED)
            .maxPacketsPerMessage(50));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final int[] tokens = simulator.universe().tokens(300);
            final TickChecker checker = new TickChecker(simulator.universe());
            final java.util.Map<Integer, Long> fullByToken = new java.util.concurrent.ConcurrentHashMap<>();
            final long[] quotes = new long[1];
            client.visitor((packet, nanos) ->
            {
                checker.onPacket(packet, nanos);
                if (PacketKind.FULL == packet.kind() || PacketKind.INDEX_FULL == packet.kind())
                {
                    fullByToken.merge(packet.instrumentToken(), 1L, Long::sum);
                }
                else if (PacketKind.QUOTE == packet.kind() || PacketKind.INDEX_QUOTE == packet.kind())
                {
                    quotes[0]++;
                }
            });
            client.subscribe(tokens);
            client.mode("full", tokens);
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(5)).get(0);

            await(() -> fullByToken.size() == tokens.length &&
                fullByToken.values().stream().allMatch((count) -> count >= 20), Duration.ofSeconds(60),
                () -> "tokens seen in full mode " + fullByToken.size() + ", packets " + checker.checked());
            assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();
            assertThat(client.invalidMessages.get()).isZero();

            final long quotesBefore = quotes[0];
            client.mode("quote", tokens);
            await(() -> quotes[0] - quotesBefore >= 20L * tokens.length, Duration.ofSeconds(60),
                () -> "quote packets after the mode change " + (quotes[0] - quotesBefore));
            await(() -> 6 == connection.cachedFloodFrames(), "300 tokens cached as 6 frames of 50");
            connection.stall();
            assertThat(checker.failures()).as("%s", checker.firstFailure()).isZero();
            assertThat(client.invalidMessages.get()).isZero();
        }
    }
}
