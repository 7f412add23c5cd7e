package io.kiteticker.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class LatencyModeTest
{
    @Test
    void shouldRecordSendTimeOfEveryPacketByOrdinalWhenInLatencyMode() throws Exception
    {
        final int count = 2000;
        final long[] receiveNanos = new long[count];
        final long[] ordinal = new long[1];
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .sendMode(SendMode.LATENCY)
            .sendNanosCapacity(1 << 12)
            .ticksPerSecondPerToken(500));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            client.visitor((packet, nanos) ->
            {
                final long n = ordinal[0]++;
                if (n < count)
                {
                    receiveNanos[(int)n] = System.nanoTime();
                }
            });
            client.subscribe(simulator.universe().tokens(10));
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
            await(() -> client.packets.get() >= count, "packets");
            connection.stall();

            for (int n = 0; n < count; n++)
            {
                final long sendNanos = connection.sendNanos(n);
                if (connection.packetsSent() - n <= (1 << 12))
                {
                    assertThat(sendNanos).as("packet %d", n).isPositive().isLessThanOrEqualTo(receiveNanos[n]);
                }
                else
                {
                    assertThat(sendNanos).as("overwritten packet %d", n).isEqualTo(-1);
                }
            }
            assertThat(connection.sendNanos(connection.packetsSent())).isEqualTo(-1);
        }
    }

    @Test
    void shouldNotRecordSendTimesWhenPaced() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().ticksPerSecondPerToken(500));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            client.subscribe(408065);
            await(() -> client.packets.get() >= 5, "packets");

            assertThat(simulator.openConnections().get(0).sendNanos(0)).isEqualTo(-1);
        }
    }
}
