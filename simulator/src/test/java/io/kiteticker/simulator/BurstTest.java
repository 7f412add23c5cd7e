package io.kiteticker.simulator;

import io.kiteticker.codec.packet.PacketKind;
import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The market-open burst: every subscribed token ticks {@code burstTicksPerToken} times in consecutive packets,
 * full packets in full mode, with the send time and token of each kept by ordinal in LATENCY mode; on demand or by
 * itself once a connection holds {@code burstAtTokens} tokens.
 */
@Timeout(60)
class BurstTest
{
    private static final int TOKENS = 300;
    private static final int TICKS_PER_TOKEN = 4;
    private static final int CAPACITY = 1 << 13;

    @Test
    void shouldTickEveryTokenBurstTicksTimesInOrderWhenBurstStartedInLatencyMode() throws Exception
    {
        final long[] receivedTokens = new long[CAPACITY];
        final int[] receivedLengths = new int[CAPACITY];
        final long[] ordinal = new long[1];
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .sendMode(SendMode.LATENCY)
            .sendNanosCapacity(CAPACITY)
            .answerEachRequest(true)
            .burstTicksPerToken(TICKS_PER_TOKEN)
            .ticksPerSecondPerToken(0.001)); // paced: nearly nothing besides the snapshots and the burst
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            client.visitor((packet, nanos) ->
            {
                final int n = (int)ordinal[0]++;
                if (n < CAPACITY)
                {
                    receivedTokens[n] = Integer.toUnsignedLong(packet.instrumentToken());
                    receivedLengths[n] = packet.length();
                }
            });
            final int[] tokens = simulator.universe().tokens(TOKENS);
            client.subscribe(tokens);
            client.mode("full", tokens);
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
            await(() -> connection.packetsSent() >= 2L * TOKENS && client.packets.get() == connection.packetsSent(),
                "the quote and full snapshots");

            assertThat(connection.burstStartPacket()).isEqualTo(-1);
            assertThat(simulator.startBurst()).containsExactly(connection);
            final long start = connection.burstStartPacket();
            assertThat(start).isGreaterThanOrEqualTo(2L * TOKENS);
            await(() -> connection.burstEndPacket() >= 0 && client.packets.get() >= connection.burstEndPacket(),
                "the burst sent and received");

            final long end = connection.burstEndPacket();
            assertThat(end - start).isEqualTo((long)TOKENS * TICKS_PER_TOKEN);
            assertThat(connection.burstEndNs()).isGreaterThanOrEqualTo(connection.burstStartNs());
            final Int2IntHashMap perToken = new Int2IntHashMap(0);
            long previousSendNs = 0;
            for (long n = start; n < end; n++)
            {
                final long token = connection.sentToken(n);
                assertThat(receivedTokens[(int)n]).as("token of packet %d", n).isEqualTo(token);
                assertThat(receivedLengths[(int)n]).as("length of packet %d", n)
                    .isIn(PacketKind.FULL_LENGTH, PacketKind.INDEX_FULL_LENGTH);
                final long sendNs = connection.sendNanos(n);
                assertThat(sendNs).as("send time of packet %d", n).isGreaterThanOrEqualTo(previousSendNs).isPositive();
                previousSendNs = sendNs;
                perToken.put((int)token, perToken.get((int)token) + 1);
            }
            assertThat(perToken.size()).isEqualTo(TOKENS);
            for (final int token : tokens)
            {
                assertThat(perToken.get(token)).as("burst ticks of %d", token).isEqualTo(TICKS_PER_TOKEN);
            }
            assertThat(connection.sentToken(connection.packetsSent())).isEqualTo(-1);
        }
    }

    @Test
    void shouldStartOneBurstByItselfWhenConnectionHoldsBurstAtTokens() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .burstAtTokens(TOKENS)
            .burstDelayNs(TimeUnit.MILLISECONDS.toNanos(20))
            .burstTicksPerToken(TICKS_PER_TOKEN)
            .ticksPerSecondPerToken(0.001));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final int[] tokens = simulator.universe().tokens(TOKENS);
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
            client.subscribe(Arrays.copyOf(tokens, TOKENS - 1));
            await(() -> client.packets.get() >= TOKENS - 1, "snapshots of all but one token");
            assertThat(connection.burstStartPacket()).isEqualTo(-1);

            client.subscribe(tokens[TOKENS - 1]);
            await(() -> connection.burstEndPacket() >= 0 && client.packets.get() >= connection.burstEndPacket(),
                "the automatic burst");

            assertThat(connection.burstEndPacket() - connection.burstStartPacket())
                .isEqualTo((long)TOKENS * TICKS_PER_TOKEN);
            assertThat(connection.burstStartPacket()).isGreaterThanOrEqualTo(TOKENS);
            assertThat(connection.sentToken(connection.burstStartPacket())).as("PACED keeps no tokens").isEqualTo(-1);
        }
    }

    @Test
    void shouldNotBurstWhenFloodingOrNothingSubscribed() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().sendMode(SendMode.FLOOD));
            KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final SimulatedConnection connection = simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
            assertThat(connection.startBurst()).as("nothing subscribed").isFalse();
            client.subscribe(simulator.universe().tokens(10));
            await(() -> client.packets.get() > 100, "the flood");

            assertThat(simulator.startBurst()).isEmpty();
            assertThat(connection.burstStartPacket()).isEqualTo(-1);
        }
    }

    @Test
    void shouldRefuseBurstSettingsWhenOutOfRange()
    {
        assertThatThrownBy(() -> new SimulatorContext().burstTicksPerToken(0).conclude())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorContext().burstAtTokens(-1).conclude())
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorContext().burstDelayNs(-1).conclude())
            .isInstanceOf(IllegalArgumentException.class);
    }
}
