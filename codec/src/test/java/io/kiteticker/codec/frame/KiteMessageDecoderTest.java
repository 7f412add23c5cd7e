package io.kiteticker.codec.frame;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.kiteticker.codec.frame.KiteMessageDecoder.BAD_LENGTH;
import static io.kiteticker.codec.frame.KiteMessageDecoder.HEARTBEAT;
import static io.kiteticker.codec.frame.KiteMessageDecoder.OK;
import static io.kiteticker.codec.frame.KiteMessageDecoder.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KiteMessageDecoderTest
{
    static final String TWO_PACKET_MESSAGE_HEX =
        "0002" + "002c" + GoldenVectors.QUOTE_HEX + "00b8" + GoldenVectors.FULL_HEX;

    private final KiteMessageDecoder decoder = new KiteMessageDecoder();

    @Test
    void shouldHandOutTwoTicksInOrderWhenGoldenTwoPacketMessage()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        assertThat(message).hasSize(234);
        final int offset = 5;
        final UnsafeBuffer buffer = bufferAt(message, offset);

        assertThat(decoder.wrap(buffer, offset, message.length).validate()).isEqualTo(OK);
        assertThat(decoder.packetCount()).isEqualTo(2);
        assertThat(decoder.buffer()).isSameAs(buffer);
        assertThat(decoder.offset()).isEqualTo(offset);
        assertThat(decoder.length()).isEqualTo(234);

        assertThat(decoder.hasNext()).isTrue();
        final TickDecoder quote = decoder.next();
        assertThat(quote.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(quote.offset()).isEqualTo(offset + 4);
        assertThat(quote.instrumentToken()).isEqualTo(408065);
        assertThat(quote.lastPriceAsDouble()).isEqualTo(1573.15);
        assertThat(quote.changeAsDouble()).isEqualTo(5.35);

        assertThat(decoder.hasNext()).isTrue();
        final TickDecoder full = decoder.next();
        assertThat(full).isSameAs(quote);
        assertThat(full.kind()).isEqualTo(PacketKind.FULL);
        assertThat(full.offset()).isEqualTo(offset + 4 + 44 + 2);
        assertThat(full.lastPriceAsDouble()).isEqualTo(1573.7);
        assertThat(full.askQuantity(4)).isEqualTo(724L);
        assertThat(full.changePercent()).isEqualTo(0.3763235106518747);

        assertThat(decoder.hasNext()).isFalse();
        assertThatThrownBy(decoder::next).isInstanceOf(IllegalStateException.class);

        decoder.reset();
        assertThat(decoder.hasNext()).isTrue();
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.QUOTE);
    }

    @Test
    void shouldReportHeartbeatWhenShorterThanTwoBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4]);
        final int length = KiteMessageEncoder.encodeHeartbeat(buffer, 0);

        assertThat(decoder.wrap(buffer, 0, length).validate()).isEqualTo(HEARTBEAT);
        assertThat(decoder.packetCount()).isZero();
        assertThat(decoder.hasNext()).isFalse();

        buffer.putByte(0, (byte)0x7F);
        assertThat(decoder.wrap(buffer, 0, 1).validate()).isEqualTo(HEARTBEAT);
        assertThat(decoder.wrap(buffer, 0, 0).validate()).isEqualTo(HEARTBEAT);
        assertThat(KiteMessageDecoder.isHeartbeat(1)).isTrue();
        assertThat(KiteMessageDecoder.isHeartbeat(2)).isFalse();
    }

    @Test
    void shouldKeepFirstPacketAndReportTruncatedWhenCountExceedsPackets()
    {
        final byte[] message = GoldenVectors.fromHex("0002" + "002c" + GoldenVectors.QUOTE_HEX);
        final UnsafeBuffer buffer = new UnsafeBuffer(message);

        assertThat(decoder.wrap(buffer, 0, message.length).validate()).isEqualTo(TRUNCATED);
        assertThat(decoder.packetCount()).isEqualTo(1);
        assertThat(decoder.hasNext()).isTrue();
        assertThat(decoder.next().lastPrice()).isEqualTo(157315);
        assertThat(decoder.hasNext()).isFalse();
    }

    @Test
    void shouldReportTruncatedWhenBodyOrLengthPrefixRunsPastEnd()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final UnsafeBuffer buffer = new UnsafeBuffer(message);

        for (int length = 2; length < message.length; length++)
        {
            assertThat(decoder.wrap(buffer, 0, length).validate()).as("length %d", length).isEqualTo(TRUNCATED);
            assertThat(decoder.packetCount()).as("length %d", length).isEqualTo(length < 48 ? 0 : 1);
        }
        assertThat(decoder.wrap(buffer, 0, message.length).validate()).isEqualTo(OK);
    }

    @Test
    void shouldReportBadLengthWhenPacketCannotHoldToken()
    {
        final byte[] message = GoldenVectors.fromHex("0003" + "0008" + "00063a0100026683" + "0003" + "010203" +
            "0008" + "00063a0100026683");
        final UnsafeBuffer buffer = new UnsafeBuffer(message);

        assertThat(decoder.wrap(buffer, 0, message.length).validate()).isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isEqualTo(1);
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.LTP);
        assertThat(decoder.hasNext()).isFalse();

        final byte[] zeroLength = GoldenVectors.fromHex("0001" + "0000");
        assertThat(decoder.wrap(new UnsafeBuffer(zeroLength), 0, zeroLength.length).validate())
            .isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isZero();
    }

    @Test
    void shouldReportBadLengthWhenCountIsZeroWithTrailingBytes()
    {
        final byte[] message = GoldenVectors.fromHex("0000" + "0008" + "00063a0100026683");

        assertThat(decoder.wrap(new UnsafeBuffer(message), 0, message.length).validate()).isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isZero();
        assertThat(decoder.hasNext()).isFalse();
    }

    @Test
    void shouldKeepAllPacketsAndReportBadLengthWhenBytesTrailLastPacket()
    {
        final byte[] message = GoldenVectors.fromHex("0001" + "0008" + "00063a0100026683" + "00");

        assertThat(decoder.wrap(new UnsafeBuffer(message), 0, message.length).validate()).isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isEqualTo(1);
        assertThat(decoder.next().instrumentToken()).isEqualTo(408065);
    }

    @Test
    void shouldAcceptEmptyMessageWhenCountIsZero()
    {
        final byte[] message = GoldenVectors.fromHex("0000");

        assertThat(decoder.wrap(new UnsafeBuffer(message), 0, message.length).validate()).isEqualTo(OK);
        assertThat(decoder.packetCount()).isZero();
        assertThat(decoder.hasNext()).isFalse();
    }

    @Test
    void shouldHandOutUnknownKindWhenLengthIsNotKnown()
    {
        final int token = (5 << 8) | Segment.MCX;
        final UnsafeBuffer body = new UnsafeBuffer(new byte[64]);
        body.putInt(0, token, TickDecoder.BYTE_ORDER);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(buffer, 0);
        encoder.addPacket(body, 0, 64);
        encoder.addPacket(body, 0, 4);
        encoder.addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(42);

        assertThat(decoder.wrap(buffer, 0, encoder.encodedLength()).validate()).isEqualTo(OK);
        assertThat(decoder.packetCount()).isEqualTo(3);
        TickDecoder tick = decoder.next();
        assertThat(tick.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(tick.length()).isEqualTo(64);
        assertThat(tick.instrumentToken()).isEqualTo(token);
        assertThat(tick.lastPrice()).isZero();
        tick = decoder.next();
        assertThat(tick.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(tick.length()).isEqualTo(4);
        assertThat(tick.instrumentToken()).isEqualTo(token);
        tick = decoder.next();
        assertThat(tick.kind()).isEqualTo(PacketKind.LTP);
        assertThat(tick.lastPrice()).isEqualTo(42);
    }

    @Test
    void shouldHandOutNothingUntilValidated()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        decoder.wrap(buffer, 0, message.length).validate();
        decoder.next();

        decoder.wrap(buffer, 0, message.length);

        assertThat(decoder.packetCount()).isZero();
        assertThat(decoder.hasNext()).isFalse();
        assertThat(KiteMessageDecoder.declaredPacketCount(buffer, 0)).isEqualTo(2);
    }

    @Test
    void shouldRevalidateFromStartWhenValidatedTwice()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        decoder.wrap(new UnsafeBuffer(message), 0, message.length).validate();
        decoder.next();

        assertThat(decoder.validate()).isEqualTo(OK);
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.QUOTE);
    }

    @Test
    void shouldReadCountAndLengthsAsUnsigned()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        buffer.putShort(0, (short)0xFFFF, KiteMessageDecoder.BYTE_ORDER);
        buffer.putShort(2, (short)0x8000, KiteMessageDecoder.BYTE_ORDER);

        assertThat(decoder.wrap(buffer, 0, 8).validate()).isEqualTo(TRUNCATED);
        assertThat(decoder.packetCount()).isZero();
        assertThat(KiteMessageDecoder.declaredPacketCount(buffer, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void shouldNeverReadPastBufferWhenMessageRunsPastEndOfHeapBuffer()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final byte[] backing = new byte[message.length + 64];
        System.arraycopy(message, 0, backing, 0, message.length);
        // a view of the first 60 bytes: the full packet's body lies in the backing array, past the view's end
        assertNeverReadsPastEnd(new UnsafeBuffer(backing, 0, 60), message.length);
    }

    @Test
    void shouldNeverReadPastBufferWhenMessageRunsPastEndOfDirectBuffer()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 64);
        new UnsafeBuffer(direct).putBytes(0, message);
        assertNeverReadsPastEnd(new UnsafeBuffer(direct, 0, 60), message.length);
    }

    @Test
    void shouldNeverReadPastBufferWhenMessageOffsetOrLengthIsOutside()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final UnsafeBuffer exact = new UnsafeBuffer(message);

        // one byte too long: not trusted, walked through the checked reads with the same result as ever
        assertThat(decoder.wrap(exact, 0, message.length + 1).validate()).isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isEqualTo(2);
        assertThat(decoder.next().instrumentToken()).isEqualTo(408065);
        assertThat(decoder.next().askQuantity(4)).isEqualTo(724L);
        assertThatThrownBy(() -> decoder.wrap(exact, -2, message.length).validate())
            .isInstanceOf(IndexOutOfBoundsException.class);

        // exact fit is trusted and decodes as before
        assertThat(decoder.wrap(exact, 0, message.length).validate()).isEqualTo(OK);
        assertThat(decoder.next().instrumentToken()).isEqualTo(408065);
        assertThat(decoder.next().askQuantity(4)).isEqualTo(724L);
        assertThat(decoder.hasNext()).isFalse();
    }

    @Test
    void shouldDecodeSameOnHeapAndOffHeap()
    {
        final byte[] message = GoldenVectors.fromHex(TWO_PACKET_MESSAGE_HEX);
        final ByteBuffer direct = ByteBuffer.allocateDirect(message.length + 7);
        final UnsafeBuffer offHeap = new UnsafeBuffer(direct);
        offHeap.putBytes(7, message);
        final UnsafeBuffer onHeap = bufferAt(message, 3);
        final KiteMessageDecoder other = new KiteMessageDecoder();

        for (int round = 0; round < 3; round++)
        {
            assertThat(decoder.wrap(onHeap, 3, message.length).validate()).isEqualTo(OK);
            assertThat(other.wrap(offHeap, 7, message.length).validate()).isEqualTo(OK);
            while (decoder.hasNext())
            {
                final TickDecoder heapTick = decoder.next();
                final TickDecoder directTick = other.next();
                assertThat(directTick.kind()).isEqualTo(heapTick.kind());
                assertThat(directTick.length()).isEqualTo(heapTick.length());
                assertThat(directTick.offset()).isEqualTo(heapTick.offset() + 4);
                assertThat(directTick.buffer()).isSameAs(offHeap);
                assertThat(directTick.toString()).isEqualTo(heapTick.toString());
            }
            assertThat(other.hasNext()).isFalse();
        }
    }

    @Test
    void shouldDecodeUniformMessageAsPacketByPacketOnHeapAndOffHeap()
    {
        final int packets = 7;
        final int offset = 3;
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[offset + 2 + packets * (2 + PacketKind.FULL_LENGTH) + 5]);
        final int length = encodeFullMessage(heap, offset, packets);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(heap.capacity()));
        direct.putBytes(0, heap, 0, heap.capacity());
        final TickDecoder reference = new TickDecoder();

        for (final UnsafeBuffer buffer : new UnsafeBuffer[]{ heap, direct })
        {
            assertThat(decoder.wrap(buffer, offset, length).validate()).isEqualTo(OK);
            assertThat(decoder.packetCount()).isEqualTo(packets);
            for (int i = 0; i < packets; i++)
            {
                final int bodyOffset = offset + 2 + i * (2 + PacketKind.FULL_LENGTH) + 2;
                final TickDecoder tick = decoder.next();
                reference.wrap(buffer, bodyOffset, PacketKind.FULL_LENGTH);
                assertThat(tick.offset()).isEqualTo(bodyOffset);
                assertThat(tick.length()).isEqualTo(PacketKind.FULL_LENGTH);
                assertThat(tick.kind()).isEqualTo(PacketKind.FULL);
                assertThat(tick.buffer()).isSameAs(buffer);
                assertThat(tick.priceDivisor()).isEqualTo(reference.priceDivisor());
                assertThat(tick.askOrders(4)).isEqualTo(reference.askOrders(4)).isEqualTo(7 + i);
                assertThat(tick.lastPriceAsDouble()).isEqualTo(reference.lastPriceAsDouble());
                assertThat(tick.toString()).isEqualTo(reference.toString());
            }
            assertThat(decoder.hasNext()).isFalse();

            decoder.reset();
            assertThat(decoder.next().instrumentToken()).isEqualTo(tokenOf(0));
        }
    }

    @Test
    void shouldWalkPrefixesWhenSizesAddUpButLengthsDiffer()
    {
        // 44 + 40 + 48: three 46-byte strides in total, yet not uniform
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 + 3 * 46]);
        buffer.putShort(0, (short)3, KiteMessageDecoder.BYTE_ORDER);
        int position = 2;
        for (final int packetLength : new int[]{ 44, 40, 48 })
        {
            buffer.putShort(position, (short)packetLength, KiteMessageDecoder.BYTE_ORDER);
            buffer.putInt(position + 2, 1000 + packetLength, TickDecoder.BYTE_ORDER);
            position += 2 + packetLength;
        }

        assertThat(decoder.wrap(buffer, 0, buffer.capacity()).validate()).isEqualTo(OK);
        assertThat(decoder.packetCount()).isEqualTo(3);
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.QUOTE);
        final TickDecoder second = decoder.next();
        assertThat(second.length()).isEqualTo(40);
        assertThat(second.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(second.instrumentToken()).isEqualTo(1040);
        final TickDecoder third = decoder.next();
        assertThat(third.offset()).isEqualTo(2 + 46 + 42 + 2);
        assertThat(third.instrumentToken()).isEqualTo(1048);
        assertThat(decoder.hasNext()).isFalse();
    }

    @Test
    void shouldReportSameResultAsWalkWhenLastPrefixOfEqualSizedMessageDiffers()
    {
        final int packets = 4;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 + packets * (2 + PacketKind.FULL_LENGTH)]);
        final int length = encodeFullMessage(buffer, 0, packets);
        final int lastPrefix = 2 + (packets - 1) * (2 + PacketKind.FULL_LENGTH);
        buffer.putShort(lastPrefix, (short)(PacketKind.FULL_LENGTH + 1), KiteMessageDecoder.BYTE_ORDER);

        assertThat(decoder.wrap(buffer, 0, length).validate()).isEqualTo(TRUNCATED);
        assertThat(decoder.packetCount()).isEqualTo(packets - 1);

        buffer.putShort(lastPrefix, (short)2, KiteMessageDecoder.BYTE_ORDER);
        assertThat(decoder.wrap(buffer, 0, length).validate()).isEqualTo(BAD_LENGTH);
        assertThat(decoder.packetCount()).isEqualTo(packets - 1);
    }

    @Test
    void shouldKeepHandingOutMessagePacketsWhenTickDecoderIsRewrappedElsewhere()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 + 3 * (2 + PacketKind.FULL_LENGTH)]);
        final int length = encodeFullMessage(buffer, 0, 3);
        final UnsafeBuffer other = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        other.putInt(0, 77, TickDecoder.BYTE_ORDER);

        assertThat(decoder.wrap(buffer, 0, length).validate()).isEqualTo(OK);
        assertThat(decoder.next().wrap(other, 0, PacketKind.LTP_LENGTH).instrumentToken()).isEqualTo(77);

        final TickDecoder second = decoder.next();
        assertThat(second.buffer()).isSameAs(buffer);
        assertThat(second.kind()).isEqualTo(PacketKind.FULL);
        assertThat(second.instrumentToken()).isEqualTo(tokenOf(1));
        assertThat(second.askOrders(4)).isEqualTo(8);
    }

    private static int encodeFullMessage(final UnsafeBuffer buffer, final int offset, final int packets)
    {
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(buffer, offset);
        for (int i = 0; i < packets; i++)
        {
            final int lastPrice = 157_370 + i;
            final TickEncoder tick = encoder.addPacket(PacketKind.FULL)
                .instrumentToken(tokenOf(i))
                .lastPrice(lastPrice).lastTradedQuantity(i).averageTradedPrice(lastPrice - 3)
                .open(lastPrice - 5).high(lastPrice + 9).low(lastPrice - 11).close(lastPrice - 7)
                .exchangeTimestamp(1_625_461_887L + i);
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                tick.bid(level, 5 + level, lastPrice - level, 1 + level)
                    .ask(level, 9 + level, lastPrice + level, 3 + i + level);
            }
        }

        return encoder.encodedLength();
    }

    private static int tokenOf(final int i)
    {
        // alternate NSE, CDS (divisor 1e7) and BCD (divisor 1e4) instruments
        return ((1_594 + i) << 8) | new int[]{ Segment.NSE, Segment.CDS, Segment.BCD }[i % 3];
    }

    private void assertNeverReadsPastEnd(final UnsafeBuffer view, final int messageLength)
    {
        // the prefixes all lie inside the view: the walk succeeds, as it always did
        assertThat(decoder.wrap(view, 0, messageLength).validate()).isEqualTo(OK);
        assertThat(decoder.packetCount()).isEqualTo(2);
        assertThat(decoder.next().instrumentToken()).isEqualTo(408065);
        // but the full packet's body runs past the view: it is refused, not read
        assertThatThrownBy(decoder::next).isInstanceOf(IndexOutOfBoundsException.class);

        decoder.reset();
        assertThat(decoder.next().kind()).isEqualTo(PacketKind.QUOTE);
        assertThatThrownBy(decoder::next).isInstanceOf(IndexOutOfBoundsException.class);
    }

    static UnsafeBuffer bufferAt(final byte[] bytes, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + bytes.length + 9]);
        buffer.setMemory(0, buffer.capacity(), (byte)0xEE);
        buffer.putBytes(offset, bytes);
        return buffer;
    }
}
