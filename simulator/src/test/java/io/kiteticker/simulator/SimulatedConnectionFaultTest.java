package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.simulator.script.Malformation;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SimulatedConnectionFaultTest
{
    private static final int INFY = 408065;
    private static final int NIFTY_50 = 256265;

    private final KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
        .heartbeatIntervalNs(KiteSimulatorTest.millis(20))
        .ticksPerSecondPerToken(200));

    @AfterEach
    void after()
    {
        simulator.close();
    }

    private SimulatedConnection onlyConnection()
    {
        return simulator.awaitOpenConnections(1, Duration.ofSeconds(10)).get(0);
    }

    @Test
    void shouldResetTcpConnectionWhenDroppedAbruptly() throws Exception
    {
        try (RawKiteClient raw = RawKiteClient.connect(simulator.port(), simulator.authenticatedUri()))
        {
            assertThat(raw.handshakeStatus).isEqualTo(101);
            final SimulatedConnection connection = onlyConnection();

            connection.dropAbruptly();

            final IOException ended = raw.readToEnd();
            assertThat(ended).as("a reset, not an orderly end of stream").isNotNull();
            assertThat(ended.getMessage()).containsIgnoringCase("reset");
            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Test
    void shouldFailJdkClientWithoutCloseFrameWhenDroppedAbruptly() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            onlyConnection().dropAbruptly();

            assertThat(client.error.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            assertThat(client.closeStatus).isNotDone();
        }
    }

    @Test
    void shouldCompleteClosingHandshakeWhenClosedCleanly() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final SimulatedConnection connection = onlyConnection();

            connection.closeCleanly(1001, "going away");

            assertThat(client.closeStatus.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(client.closeReason.get()).isEqualTo("going away");
            await(() -> ConnectionState.CLOSED == connection.state(), "server closed the socket");
            assertThat(connection.closeStatusReceived()).as("client's close reply").isEqualTo(1001);
            assertThat(client.error).isNotDone();
        }
    }

    @Test
    void shouldSendNothingWhileStalledAndCarryOnWhenResumed() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            client.subscribe(INFY);
            final SimulatedConnection connection = onlyConnection();
            await(() -> client.packets.get() > 10, "ticks before the stall");

            connection.stall();
            final long frames = connection.framesSent();
            final long bytes = connection.bytesSent();
            assertThat(connection.isStalled()).isTrue();
            awaitQuiet(client.binaryMessages::get, Duration.ofMillis(300));

            assertThat(connection.framesSent()).isEqualTo(frames);
            assertThat(connection.bytesSent()).isEqualTo(bytes);
            assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
            assertThat(client.isClosedOrFailed()).isFalse();

            final long received = client.packets.get();
            connection.resume();
            await(() -> client.packets.get() > received + 10, "ticks after resume");
        }
    }

    @Test
    void shouldEndTheStreamRightAfterTheBytesWhenSentThenEnded() throws Exception
    {
        try (RawKiteClient raw = RawKiteClient.connect(simulator.port(), simulator.authenticatedUri()))
        {
            final SimulatedConnection connection = onlyConnection();
            final long before = connection.bytesSent();
            final byte[] partialFrame = {(byte)0x82, 126, 0x03, (byte)0xE8, 1, 2, 3, 4};

            connection.sendRawBytesThenEnd(partialFrame);

            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(connection.bytesSent() - before).as("written before the end").isGreaterThanOrEqualTo(8);
            assertThat(raw.readToEnd()).as("an orderly end of stream (FIN), not a reset").isNull();
        }
    }

    @Test
    void shouldStopTickingATokenWhenTheServerForgetsItsSubscription() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            client.subscribe(INFY, NIFTY_50);
            final SimulatedConnection connection = onlyConnection();
            await(() -> 2 == connection.subscriptionCount(), "both subscribed");

            final int forgotten = connection.forgetSubscription(1);

            assertThat(forgotten).isIn(INFY, NIFTY_50);
            assertThat(connection.subscriptions()).hasSize(1).doesNotContainKey(forgotten);
            assertThat(client.isClosedOrFailed()).as("the client is not told").isFalse();
        }
    }

    @Test
    void shouldBackPressureClientWritesWhileReadingIsPausedAndCatchUpWhenResumed() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final SimulatedConnection connection = onlyConnection();
            connection.pauseReading();
            final long receivedAtPause = connection.bytesReceived();

            final String big = "{\"a\":\"noop\",\"v\":\"" + "x".repeat(64 * 1024 - 32) + "\"}";
            final int messageCount = 1000;
            final AtomicInteger completed = new AtomicInteger();
            final CompletableFuture<Void> all = sendChained(client, big, messageCount, completed);
            awaitQuiet(completed::get, Duration.ofMillis(500));

            assertThat(completed.get()).as("sends held back by TCP").isLessThan(messageCount);
            assertThat(all).isNotDone();
            assertThat(connection.bytesReceived()).isEqualTo(receivedAtPause);

            connection.resumeReading();
            all.get(30, TimeUnit.SECONDS);
            await(() -> connection.requestsRejected() == messageCount, "all messages read and rejected as noop");
            assertThat(connection.framesReceived()).isEqualTo(messageCount);
            assertThat(connection.bytesReceived()).isGreaterThan(receivedAtPause + (long)messageCount * big.length());
        }
    }

    @Test
    void shouldFailClientWhenSendingBadWebSocketHeader() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            onlyConnection().sendMalformed(Malformation.BAD_WEBSOCKET_HEADER);

            assertThat(client.error.get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void shouldSendTruncatedKiteMessage() throws Exception
    {
        final byte[] message = sendMalformedAndCapture(Malformation.TRUNCATED_KITE_MESSAGE);

        final KiteMessageDecoder decoder = new KiteMessageDecoder().wrap(new UnsafeBuffer(message), 0, message.length);
        assertThat(decoder.validate()).isEqualTo(KiteMessageDecoder.TRUNCATED);
        assertThat(KiteMessageDecoder.declaredPacketCount(new UnsafeBuffer(message), 0)).isEqualTo(3);
        assertThat(decoder.packetCount()).isEqualTo(1);
    }

    @Test
    void shouldSendPacketOfUnknownLengthBeforeValidOne() throws Exception
    {
        final byte[] message = sendMalformedAndCapture(Malformation.UNKNOWN_PACKET_LENGTH);

        final KiteMessageDecoder decoder = new KiteMessageDecoder().wrap(new UnsafeBuffer(message), 0, message.length);
        assertThat(decoder.validate()).isEqualTo(KiteMessageDecoder.OK);
        assertThat(decoder.packetCount()).isEqualTo(2);
        final TickDecoder first = decoder.next();
        assertThat(first.length()).isEqualTo(50);
        assertThat(first.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(first.instrumentToken()).isEqualTo(NIFTY_50);
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.LTP);
    }

    @Test
    void shouldSendInvalidJsonText() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            onlyConnection().sendMalformed(Malformation.INVALID_JSON_TEXT);

            await(() -> !client.texts.isEmpty(), "text message");
            final byte[] text = client.texts.peek().getBytes(StandardCharsets.UTF_8);
            assertThat(new TextMessageDecoder().decode(text, 0, text.length)).isEqualTo(TextMessageDecoder.MALFORMED);
        }
    }

    @Test
    void shouldSplitMessageAcrossManySocketWrites() throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri()))
        {
            final SimulatedConnection connection = onlyConnection();
            connection.stall();
            final String message = "split ".repeat(100);
            final long writesBefore = connection.writeCalls();

            connection.splitNextMessages(1, 7);
            connection.sendError(message);
            connection.resume();

            await(() -> !client.texts.isEmpty(), "text message");
            final byte[] text = client.texts.peek().getBytes(StandardCharsets.UTF_8);
            final TextMessageDecoder decoder = new TextMessageDecoder();
            assertThat(decoder.decode(text, 0, text.length)).isEqualTo(TextMessageDecoder.ERROR);
            assertThat(decoder.errorMessage().toString()).isEqualTo(message);
            assertThat(connection.writeCalls() - writesBefore).isGreaterThanOrEqualTo(text.length / 7);
        }
    }

    private byte[] sendMalformedAndCapture(final Malformation malformation) throws Exception
    {
        try (KiteTestClient client = KiteTestClient.connect(simulator.authenticatedUri(), null, true))
        {
            onlyConnection().sendMalformed(malformation);

            await(() -> client.recorded().stream().anyMatch((message) -> message.length > 1), "malformed message");
            return client.recorded().stream().filter((message) -> message.length > 1).findFirst().orElseThrow();
        }
    }

    private static CompletableFuture<Void> sendChained(
        final KiteTestClient client, final String text, final int remaining, final AtomicInteger completed)
    {
        if (0 == remaining)
        {
            return CompletableFuture.completedFuture(null);
        }
        return client.webSocket().sendText(text, true).thenCompose((ws) ->
        {
            completed.incrementAndGet();
            return sendChained(client, text, remaining - 1, completed);
        });
    }

    /**
     * Poll until a counter has not moved for the quiet period.
     */
    private static void awaitQuiet(final LongSupplier counter, final Duration quiet)
    {
        final long[] last = { counter.getAsLong(), System.nanoTime() };
        await(() ->
        {
            final long value = counter.getAsLong();
            final long nowNs = System.nanoTime();
            if (value != last[0])
            {
                last[0] = value;
                last[1] = nowNs;
                return false;
            }
            return nowNs - last[1] >= quiet.toNanos();
        }, "counter quiet for " + quiet);
    }
}
