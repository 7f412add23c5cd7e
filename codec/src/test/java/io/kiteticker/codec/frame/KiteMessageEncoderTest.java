package io.kiteticker.codec.frame;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KiteMessageEncoderTest
{
    private final KiteMessageEncoder encoder = new KiteMessageEncoder();
    private final KiteMessageDecoder decoder = new KiteMessageDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    @Test
    void shouldWriteCountZeroWhenWrapped()
    {
        buffer.setMemory(0, 16, (byte)0x33);

        encoder.wrap(buffer, 7);

        assertThat(encoder.packetCount()).isZero();
        assertThat(encoder.encodedLength()).isEqualTo(2);
        assertThat(encoder.offset()).isEqualTo(7);
        assertThat(encoder.buffer()).isSameAs(buffer);
        assertThat(buffer.getShort(7)).isZero();
        assertThat(decoder.wrap(buffer, 7, encoder.encodedLength()).validate()).isEqualTo(KiteMessageDecoder.OK);
    }

    @Test
    void shouldReproduceGoldenTwoPacketMessageWhenCopyingRawPackets()
    {
        final UnsafeBuffer quote = new UnsafeBuffer(GoldenVectors.quotePacket());
        final UnsafeBuffer full = new UnsafeBuffer(GoldenVectors.fullPacket());

        encoder.wrap(buffer, 0).addPacket(quote, 0, quote.capacity()).addPacket(full, 0, full.capacity());

        assertThat(encoder.packetCount()).isEqualTo(2);
        assertThat(bytes(0, encoder.encodedLength()))
            .isEqualTo(GoldenVectors.fromHex(KiteMessageDecoderTest.TWO_PACKET_MESSAGE_HEX));
    }

    @Test
    void shouldReproduceGoldenTwoPacketMessageWhenEncodingFields()
    {
        encoder.wrap(buffer, 0);
        encoder.addPacket(PacketKind.QUOTE)
            .instrumentToken(408065).lastPrice(157315).lastTradedQuantity(1).averageTradedPrice(157033)
            .volumeTraded(1175986).totalBuyQuantity(256511).totalSellQuantity(360503)
            .open(156915).high(157500).low(156105).close(156780);
        final TickEncoder full = encoder.addPacket(PacketKind.FULL)
            .instrumentToken(408065).lastPrice(157370).lastTradedQuantity(7).averageTradedPrice(157037)
            .volumeTraded(1192471).totalBuyQuantity(256443).totalSellQuantity(363009)
            .open(156915).high(157500).low(156105).close(156780)
            .lastTradeTime(1625461887L).exchangeTimestamp(1625461887L);
        final long[] bidQuantity = { 5, 140, 2, 219, 50 };
        final int[] bidPrice = { 157340, 157300, 157295, 157290, 157285 };
        final int[] bidOrders = { 1, 2, 1, 7, 1 };
        final long[] askQuantity = { 172, 44, 302, 141, 724 };
        final int[] askPrice = { 157370, 157375, 157385, 157390, 157395 };
        final int[] askOrders = { 3, 3, 3, 2, 5 };
        for (int level = 0; level < 5; level++)
        {
            full.bid(level, bidQuantity[level], bidPrice[level], bidOrders[level])
                .ask(level, askQuantity[level], askPrice[level], askOrders[level]);
        }

        assertThat(encoder.encodedLength()).isEqualTo(234);
        assertThat(bytes(0, encoder.encodedLength()))
            .isEqualTo(GoldenVectors.fromHex(KiteMessageDecoderTest.TWO_PACKET_MESSAGE_HEX));
    }

    @Test
    void shouldRoundTripEveryKindThroughMessage()
    {
        encoder.wrap(buffer, 3);
        for (int kind = PacketKind.LTP; kind <= PacketKind.FULL; kind++)
        {
            encoder.addPacket(kind).instrumentToken(kind).lastPrice(kind * 100);
        }

        assertThat(decoder.wrap(buffer, 3, encoder.encodedLength()).validate()).isEqualTo(KiteMessageDecoder.OK);
        assertThat(decoder.packetCount()).isEqualTo(5).isEqualTo(encoder.packetCount());
        for (int kind = PacketKind.LTP; kind <= PacketKind.FULL; kind++)
        {
            final var tick = decoder.next();
            assertThat(tick.kind()).isEqualTo(kind);
            assertThat(tick.instrumentToken()).isEqualTo(kind);
            assertThat(tick.lastPrice()).isEqualTo(kind * 100);
        }
        assertThat(encoder.encodedLength()).isEqualTo(2 + 5 * 2 + 8 + 28 + 32 + 44 + 184);
    }

    @Test
    void shouldBuildMalformedMessagesWhenDeclaredCountOrRawBytesLie()
    {
        final UnsafeBuffer body = new UnsafeBuffer(GoldenVectors.quotePacket());

        encoder.wrap(buffer, 0).addPacket(body, 0, 44).declaredPacketCount(2);
        assertThat(decoder.wrap(buffer, 0, encoder.encodedLength()).validate())
            .isEqualTo(KiteMessageDecoder.TRUNCATED);
        assertThat(decoder.packetCount()).isEqualTo(1);
        assertThat(encoder.packetCount()).isEqualTo(1);

        encoder.wrap(buffer, 0).addPacket(body, 0, 2);
        assertThat(decoder.wrap(buffer, 0, encoder.encodedLength()).validate())
            .isEqualTo(KiteMessageDecoder.BAD_LENGTH);

        encoder.wrap(buffer, 0).addPacket(body, 0, 8).appendRaw(body, 0, 3);
        assertThat(encoder.encodedLength()).isEqualTo(2 + 2 + 8 + 3);
        assertThat(decoder.wrap(buffer, 0, encoder.encodedLength()).validate())
            .isEqualTo(KiteMessageDecoder.BAD_LENGTH);
        assertThat(decoder.packetCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteOneZeroByteWhenHeartbeat()
    {
        buffer.setMemory(0, 4, (byte)0x11);

        assertThat(KiteMessageEncoder.encodeHeartbeat(buffer, 1)).isEqualTo(1);

        assertThat(buffer.getByte(1)).isZero();
        assertThat(buffer.getByte(2)).isEqualTo((byte)0x11);
    }

    @Test
    void shouldRejectUnknownKindAndTooManyPackets()
    {
        encoder.wrap(buffer, 0);
        assertThatThrownBy(() -> encoder.addPacket(PacketKind.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.addPacket(buffer, 0, 0x10000)).isInstanceOf(IllegalArgumentException.class);

        final UnsafeBuffer big = new UnsafeBuffer(new byte[2 + KiteMessageEncoder.MAX_PACKET_COUNT * 6]);
        encoder.wrap(big, 0);
        for (int i = 0; i < KiteMessageEncoder.MAX_PACKET_COUNT; i++)
        {
            encoder.addPacket(buffer, 0, 4);
        }
        assertThat(KiteMessageDecoder.declaredPacketCount(big, 0)).isEqualTo(0xFFFF);
        assertThat(decoder.wrap(big, 0, encoder.encodedLength()).validate()).isEqualTo(KiteMessageDecoder.OK);
        assertThat(decoder.packetCount()).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> encoder.addPacket(buffer, 0, 4)).isInstanceOf(IllegalStateException.class);
    }

    private byte[] bytes(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
