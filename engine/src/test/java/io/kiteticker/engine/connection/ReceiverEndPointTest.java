package io.kiteticker.engine.connection;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.kiteticker.codec.Mode;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiverEndPointTest
{
    private static final int RING_SIZE = 8;

    private final RingBuffer<TickEvent> tickRing =
        RingBuffer.createSingleProducer(TickEvent.EVENT_FACTORY, RING_SIZE);
    private final RingBuffer<TextEvent> textRing = RingBuffer.createSingleProducer(TextEvent.EVENT_FACTORY, 4);
    private final Sequence tickConsumer = new Sequence();
    private final FakeTransport transport = new FakeTransport();
    private final ConnectionCounters counters = ConnectionCounters.standalone(0, 1, "test");
    private final List<Throwable> errors = new ArrayList<>();
    private final List<String> controlFrames = new ArrayList<>();
    private final ModeGate modeGate = new ModeGate();
    private final long[] clockNs = { 1 };
    private final int[] clockReads = new int[1];
    private final WebSocketFrameEncoder serverEncoder = WebSocketFrameEncoder.serverSide();
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final ReceiverEndPoint receiver;

    ReceiverEndPointTest()
    {
        tickRing.addGatingSequences(tickConsumer);
        final ConnectionContext context = new ConnectionContext()
            .apiKeyIndex(0)
            .connectionIndex(1)
            .apiKeyId("test")
            .apiKey("key")
            .accessToken("token")
            .uri(URI.create("ws://127.0.0.1:9000/"))
            .tickRing(tickRing)
            .textRing(textRing)
            .counters(counters)
            .nanoClock(() ->
            {
                clockReads[0]++;
                return clockNs[0];
            })
            .conclude();
        receiver = new ReceiverEndPoint(
            context,
            transport,
            counters,
            new ConnectionErrors(errors::add, counters, "kite-0-1 [test]: "),
            new ControlFrameHandler()
            {
                public void onPing(final DirectBuffer buffer, final int offset, final int length)
                {
                    controlFrames.add("ping " + buffer.getStringWithoutLengthAscii(offset, length));
                }

                public void onClose(final int code, final int reasonLength)
                {
                    controlFrames.add("close " + code + " " + reasonLength);
                }
            },
            modeGate);
    }

    private void deliverTicks(final int packetCount, final int firstToken)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[4096]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(payload, 0);
        for (int i = 0; i < packetCount; i++)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(firstToken + i).lastPrice(100 + i);
        }
        deliver(serverEncoder.encodeBinary(frameBuffer, 0, payload, 0, encoder.encodedLength()));
    }

    private void deliverText(final String text)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
        deliver(serverEncoder.encodeText(frameBuffer, 0, payload, 0, payload.capacity()));
    }

    private void deliver(final int frameLength)
    {
        assertThat(frameLength).isPositive();
        transport.deliver(frameBuffer.byteArray(), 0, frameLength);
    }

    private List<Integer> drainTokens()
    {
        final List<Integer> tokens = new ArrayList<>();
        final long cursor = tickRing.getCursor();
        for (long sequence = tickConsumer.get() + 1; sequence <= cursor; sequence++)
        {
            tokens.add(tickRing.get(sequence).instrumentToken());
        }
        tickConsumer.set(cursor);
        return tokens;
    }

    @Test
    void shouldPublishTheTicksOfAFrameSplitAcrossReadsAndReturnBytesRead() throws IOException
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[256]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(payload, 0);
        encoder.addPacket(PacketKind.LTP).instrumentToken(7).lastPrice(1);
        encoder.addPacket(PacketKind.LTP).instrumentToken(8).lastPrice(2);
        final int frameLength = serverEncoder.encodeBinary(frameBuffer, 0, payload, 0, encoder.encodedLength());

        transport.deliver(frameBuffer.byteArray(), 0, 5);
        assertThat(receiver.poll()).isEqualTo(5);
        assertThat(drainTokens()).isEmpty();
        assertThat(receiver.bufferedLength()).isEqualTo(5);

        transport.deliver(frameBuffer.byteArray(), 5, frameLength - 5);
        assertThat(receiver.poll()).isEqualTo(frameLength - 5);

        assertThat(drainTokens()).containsExactly(7, 8);
        assertThat(receiver.bufferedLength()).isZero();
        assertThat(receiver.poll()).isZero();
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.FRAMES)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.BYTES_READ)).isEqualTo(frameLength);
        assertThat(tickRing.get(0).connectionIndex()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheMessageAndStopReadingWhenTheRingIsFullThenResumeWithoutLossOrDuplicate() throws IOException
    {
        deliverTicks(12, 1000);
        assertThat(receiver.poll()).isPositive();
        final long bytesRead = counters.get(KiteCounterDescriptor.BYTES_READ);
        deliverTicks(2, 2000);

        assertThat(receiver.poll()).isEqualTo(ReceiverEndPoint.BACK_PRESSURED);
        assertThat(counters.get(KiteCounterDescriptor.BYTES_READ)).isEqualTo(bytesRead);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.FRAMES)).isZero();

        final List<Integer> tokens = new ArrayList<>(drainTokens());
        for (int attempt = 0; attempt < 10 && tokens.size() < 14; attempt++)
        {
            receiver.poll();
            tokens.addAll(drainTokens());
        }

        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            expected.add(1000 + i);
        }
        expected.add(2000);
        expected.add(2001);
        assertThat(tokens).isEqualTo(expected);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(14);
        assertThat(counters.get(KiteCounterDescriptor.FRAMES)).isEqualTo(2);
    }

    @Test
    void shouldTimeEachRingFullStallFromFirstRefusalToPublishedWhenTheRingIsFull() throws IOException
    {
        clockNs[0] = 1_000;
        deliverTicks(4, 100);
        assertThat(receiver.poll()).isPositive();
        assertThat(drainTokens()).hasSize(4);
        assertThat(clockReads[0]).as("one clock read per read, none more when the ring takes the message").isOne();
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALLS)).isZero();

        deliverTicks(12, 1000);
        assertThat(receiver.poll()).as("read at 1,000 ns, 8 of 12 published").isPositive();
        clockNs[0] = 4_000;
        assertThat(receiver.poll()).isEqualTo(ReceiverEndPoint.BACK_PRESSURED);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALLS)).as("counted when it ends").isZero();

        assertThat(drainTokens()).hasSize(8);
        clockNs[0] = 11_000;
        assertThat(receiver.poll()).isOne();
        assertThat(drainTokens()).hasSize(4);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALLS)).isOne();
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALL_TOTAL_NS)).isEqualTo(10_000);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALL_MAX_NS)).isEqualTo(10_000);

        clockNs[0] = 20_000;
        deliverTicks(12, 2000);
        assertThat(receiver.poll()).isPositive();
        assertThat(drainTokens()).hasSize(8);
        clockNs[0] = 23_000;
        assertThat(receiver.poll()).isOne();
        assertThat(drainTokens()).hasSize(4);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALLS)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALL_TOTAL_NS)).isEqualTo(13_000);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALL_MAX_NS)).isEqualTo(10_000);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(28);
    }

    @Test
    void shouldCountAStallInProgressWhenTheConnectionIsReset() throws IOException
    {
        clockNs[0] = 5_000;
        deliverTicks(12, 1000);
        assertThat(receiver.poll()).isPositive();
        clockNs[0] = 7_000;
        assertThat(receiver.poll()).isEqualTo(ReceiverEndPoint.BACK_PRESSURED);

        receiver.reset();

        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALLS)).isOne();
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL_STALL_MAX_NS)).isEqualTo(2_000);
    }

    @Test
    void shouldReturnTheFrameDecoderErrorCodeAndCountAMalformedFrame() throws IOException
    {
        final int frameLength = serverEncoder.encodeBinary(frameBuffer, 0, new UnsafeBuffer(new byte[4]), 0, 4);
        frameBuffer.putByte(0, (byte)(frameBuffer.getByte(0) | 0x40));
        deliver(frameLength);

        final int result = receiver.poll();

        assertThat(ReceiverEndPoint.isProtocolError(result)).isTrue();
        assertThat(ReceiverEndPoint.frameErrorCode(result)).isEqualTo(WebSocketFrameDecoder.RSV_BITS_SET);
        assertThat(counters.get(KiteCounterDescriptor.MALFORMED_FRAMES)).isEqualTo(1);
    }

    @Test
    void shouldHandPingsAndTheServerCloseToTheControlFrameHandler() throws IOException
    {
        final UnsafeBuffer pingData = new UnsafeBuffer("abc".getBytes(StandardCharsets.US_ASCII));
        deliver(serverEncoder.encodePing(frameBuffer, 0, pingData, 0, pingData.capacity()));
        assertThat(receiver.poll()).isPositive();
        deliver(serverEncoder.encodeClose(frameBuffer, 0, CloseStatus.GOING_AWAY, "bye"));
        assertThat(receiver.poll()).isPositive();
        transport.endOfStream();

        assertThat(receiver.poll()).isEqualTo(ReceiverEndPoint.END_OF_STREAM);
        assertThat(controlFrames).containsExactly("ping abc", "close " + CloseStatus.GOING_AWAY + " 3");
        assertThat(counters.get(KiteCounterDescriptor.FRAMES)).isEqualTo(2);
    }

    @Test
    void shouldCountHeartbeatsAndPublishTextIncludingMalformedText() throws IOException
    {
        final UnsafeBuffer heartbeat = new UnsafeBuffer(new byte[1]);
        deliver(serverEncoder.encodeBinary(frameBuffer, 0, heartbeat, 0, 1));
        receiver.poll();
        deliverText("{\"type\":\"error\",\"data\":\"bad\"}");
        receiver.poll();
        deliverText("{not json");
        receiver.poll();

        assertThat(counters.get(KiteCounterDescriptor.HEARTBEATS)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.TEXT_MESSAGES)).isEqualTo(2);
        assertThat(counters.get(KiteCounterDescriptor.MALFORMED_TEXT)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.ERRORS)).isEqualTo(1);
        assertThat(errors).singleElement().isInstanceOf(ConnectionException.class)
            .extracting(Throwable::getMessage).isEqualTo("kite-0-1 [test]: malformed text message");
        assertThat(errors.get(0).getStackTrace()).isEmpty();
        assertThat(textRing.getCursor()).isEqualTo(1);
        assertThat(textRing.get(0).type()).isEqualTo(TextMessageDecoder.ERROR);
        assertThat(textRing.get(1).type()).isEqualTo(TextMessageDecoder.MALFORMED);
    }

    @Test
    void shouldDropAndCountPacketsOfAnotherModeWhilePendingAndResumeWithoutLossWhenTheRingIsFull() throws IOException
    {
        final int packetCount = 20;
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[4096]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(payload, 0);
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < packetCount; i++)
        {
            final int token = 1000 + i;
            modeGate.expect(token, Mode.LTP.code());
            final boolean isLtp = 0 == (i & 1);
            encoder.addPacket(isLtp ? PacketKind.LTP : PacketKind.QUOTE).instrumentToken(token).lastPrice(100 + i);
            if (isLtp)
            {
                expected.add(token);
            }
        }
        deliver(serverEncoder.encodeBinary(frameBuffer, 0, payload, 0, encoder.encodedLength()));

        final List<Integer> tokens = new ArrayList<>();
        assertThat(receiver.poll()).as("8 of the 10 LTP packets fit").isPositive();
        tokens.addAll(drainTokens());
        assertThat(receiver.poll()).as("the rest once the ring has room").isPositive();
        tokens.addAll(drainTokens());

        assertThat(tokens).isEqualTo(expected);
        assertThat(counters.get(KiteCounterDescriptor.MODE_MISMATCH_DROPPED)).isEqualTo(packetCount / 2);
        assertThat(counters.get(KiteCounterDescriptor.PACKETS)).isEqualTo(packetCount / 2);
        assertThat(counters.get(KiteCounterDescriptor.RING_FULL)).isEqualTo(1);
        assertThat(counters.get(KiteCounterDescriptor.FRAMES)).isEqualTo(1);
        assertThat(modeGate.pendingCount()).as("the quote-only tokens wait still").isEqualTo(packetCount / 2);
    }

    @Test
    void shouldPublishEveryModeWhenNoTokenIsPending() throws IOException
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[256]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(payload, 0);
        encoder.addPacket(PacketKind.QUOTE).instrumentToken(7).lastPrice(1);
        encoder.addPacket(PacketKind.LTP).instrumentToken(8).lastPrice(2);
        modeGate.expect(7, Mode.LTP.code());
        modeGate.forget(7);
        deliver(serverEncoder.encodeBinary(frameBuffer, 0, payload, 0, encoder.encodedLength()));

        receiver.poll();

        assertThat(drainTokens()).containsExactly(7, 8);
        assertThat(counters.get(KiteCounterDescriptor.MODE_MISMATCH_DROPPED)).isZero();
    }
}
