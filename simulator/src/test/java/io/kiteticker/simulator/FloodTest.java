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
}
