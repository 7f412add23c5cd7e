package io.kiteticker.codec.packet;

import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TickEncoderTest
{
    private static final int ROUND_TRIPS_PER_KIND = 10_000;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private final TickEncoder encoder = new TickEncoder();
    private final TickDecoder decoder = new TickDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void shouldReproduceGoldenQuotePacketWhenEncodingItsFields()
    {
        encoder.wrap(buffer, 3, PacketKind.QUOTE)
            .instrumentToken(408065).lastPrice(157315).lastTradedQuantity(1).averageTradedPrice(157033)
            .volumeTraded(1175986).totalBuyQuantity(256511).totalSellQuantity(360503)
            .open(156915).high(157500).low(156105).close(156780);

        assertThat(encoder.encodedLength()).isEqualTo(PacketKind.QUOTE_LENGTH);
        assertThat(bytes(3, encoder.encodedLength())).isEqualTo(GoldenVectors.quotePacket());
    }

    @Test
    void shouldReproduceGoldenFullPacketWhenEncodingItsFields()
    {
        encoder.wrap(buffer, 0, PacketKind.FULL)
            .instrumentToken(408065).lastPrice(157370).lastTradedQuantity(7).averageTradedPrice(157037)
            .volumeTraded(1192471).totalBuyQuantity(256443).totalSellQuantity(363009)
            .open(156915).high(157500).low(156105).close(156780)
            .lastTradeTime(1625461887L).exchangeTimestamp(1625461887L)
            .bid(0, 5, 157340, 1).bid(1, 140, 157300, 2).bid(2, 2, 157295, 1).bid(3, 219, 157290, 7)
            .bid(4, 50, 157285, 1)
            .ask(0, 172, 157370, 3).ask(1, 44, 157375, 3).ask(2, 302, 157385, 3).ask(3, 141, 157390, 2)
            .ask(4, 724, 157395, 5);

        assertThat(bytes(0, PacketKind.FULL_LENGTH)).isEqualTo(GoldenVectors.fullPacket());
    }

    @Test
    void shouldZeroFillWhenWrapping()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);

        encoder.wrap(buffer, 10, PacketKind.FULL);

        for (int i = 0; i < PacketKind.FULL_LENGTH; i++)
        {
            assertThat(buffer.getByte(10 + i)).isZero();
        }
        assertThat(buffer.getByte(9)).isEqualTo((byte)0x5A);
        assertThat(buffer.getByte(10 + PacketKind.FULL_LENGTH)).isEqualTo((byte)0x5A);
    }

    @Test
    void shouldWriteHighLowOpenCloseOrderWhenIndexKind()
    {
        encoder.wrap(buffer, 0, PacketKind.INDEX_FULL)
            .instrumentToken(265 << 8 | Segment.INDICES).lastPrice(1).high(2).low(3).open(4).close(5)
            .exchangeChange(-6).exchangeTimestamp(7);

        for (int i = 0; i < 8; i++)
        {
            assertThat(buffer.getInt(4 * i, TickDecoder.BYTE_ORDER)).as("field %d", i)
                .isEqualTo(0 == i ? 265 << 8 | Segment.INDICES : (5 < i && i < 7) ? -i : i);
        }
    }

    @Test
    void shouldIgnoreFieldsAbsentFromKind()
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0x5A);
        encoder.wrap(buffer, 0, PacketKind.LTP)
            .instrumentToken(1).lastPrice(2).lastTradedQuantity(3).averageTradedPrice(4).volumeTraded(5)
            .totalBuyQuantity(6).totalSellQuantity(7).open(8).high(9).low(10).close(11).exchangeChange(12)
            .lastTradeTime(13).openInterest(14).openInterestDayHigh(15).openInterestDayLow(16)
            .exchangeTimestamp(17).bid(0, 1, 2, 3).ask(4, 1, 2, 3);

        assertThat(buffer.getInt(0, TickDecoder.BYTE_ORDER)).isEqualTo(1);
        assertThat(buffer.getInt(4, TickDecoder.BYTE_ORDER)).isEqualTo(2);
        assertThat(buffer.getByte(8)).isEqualTo((byte)0x5A);

        encoder.wrap(buffer, 0, PacketKind.QUOTE).bid(0, 1, 2, 3).exchangeTimestamp(4).exchangeChange(5);
        assertThat(buffer.getByte(PacketKind.QUOTE_LENGTH)).isEqualTo((byte)0x5A);
        assertThat(bytes(0, PacketKind.QUOTE_LENGTH)).containsOnly(0);

        encoder.wrap(buffer, 0, PacketKind.FULL).bid(5, 1, 2, 3).ask(-1, 1, 2, 3).exchangeChange(9);
        assertThat(bytes(0, PacketKind.FULL_LENGTH)).containsOnly(0);
    }

    @Test
    void shouldRejectUnknownKindWhenWrapping()
    {
        assertThatThrownBy(() -> encoder.wrap(buffer, 0, PacketKind.UNKNOWN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.wrap(buffer, 0, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripRandomFieldsWhenEveryKind()
    {
        final Random random = new Random(0x4B495445L);
        for (int kind = PacketKind.LTP; kind <= PacketKind.FULL; kind++)
        {
            for (int i = 0; i < ROUND_TRIPS_PER_KIND; i++)
            {
                roundTrip(random, kind, random.nextInt(64));
            }
        }
    }

    private void roundTrip(final Random random, final int kind, final int offset)
    {
        final int token = random.nextInt();
        final int lastPrice = random.nextInt();
        final long lastTradedQuantity = random.nextInt() & UINT32_MASK;
        final int averageTradedPrice = random.nextInt();
        final long volumeTraded = random.nextInt() & UINT32_MASK;
        final long totalBuyQuantity = random.nextInt() & UINT32_MASK;
        final long totalSellQuantity = random.nextInt() & UINT32_MASK;
        final int open = random.nextInt();
        final int high = random.nextInt();
        final int low = random.nextInt();
        final int close = random.nextInt();
        final int exchangeChange = random.nextInt();
        final long lastTradeTime = random.nextInt() & UINT32_MASK;
        final long openInterest = random.nextInt() & UINT32_MASK;
        final long openInterestDayHigh = random.nextInt() & UINT32_MASK;
        final long openInterestDayLow = random.nextInt() & UINT32_MASK;
        final long exchangeTimestamp = random.nextInt() & UINT32_MASK;
        final long[] quantities = new long[2 * TickDecoder.DEPTH_LEVELS];
        final int[] prices = new int[2 * TickDecoder.DEPTH_LEVELS];
        final int[] orders = new int[2 * TickDecoder.DEPTH_LEVELS];

        encoder.wrap(buffer, offset, kind)
            .instrumentToken(token).lastPrice(lastPrice).lastTradedQuantity(lastTradedQuantity)
            .averageTradedPrice(averageTradedPrice).volumeTraded(volumeTraded).totalBuyQuantity(totalBuyQuantity)
            .totalSellQuantity(totalSellQuantity).open(open).high(high).low(low).close(close)
            .exchangeChange(exchangeChange).lastTradeTime(lastTradeTime).openInterest(openInterest)
            .openInterestDayHigh(openInterestDayHigh).openInterestDayLow(openInterestDayLow)
            .exchangeTimestamp(exchangeTimestamp);
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            quantities[level] = random.nextInt() & UINT32_MASK;
            prices[level] = random.nextInt();
            orders[level] = random.nextInt(0x10000);
            quantities[level + 5] = random.nextInt() & UINT32_MASK;
            prices[level + 5] = random.nextInt();
            orders[level + 5] = random.nextInt(0x10000);
            encoder.bid(level, quantities[level], prices[level], orders[level])
                .ask(level, quantities[level + 5], prices[level + 5], orders[level + 5]);
        }

        decoder.wrap(buffer, offset, encoder.encodedLength());

        final boolean quoteLayout = PacketKind.QUOTE == kind || PacketKind.FULL == kind;
        final boolean indexLayout = PacketKind.isIndexLayout(kind);
        final boolean full = PacketKind.FULL == kind;
        final boolean ohlc = quoteLayout || indexLayout;
        assertThat(decoder.kind()).isEqualTo(kind);
        assertThat(decoder.instrumentToken()).isEqualTo(token);
        assertThat(decoder.lastPrice()).isEqualTo(lastPrice);
        assertThat(decoder.lastTradedQuantity()).isEqualTo(quoteLayout ? lastTradedQuantity : 0);
        assertThat(decoder.averageTradedPrice()).isEqualTo(quoteLayout ? averageTradedPrice : 0);
        assertThat(decoder.volumeTraded()).isEqualTo(quoteLayout ? volumeTraded : 0);
        assertThat(decoder.totalBuyQuantity()).isEqualTo(quoteLayout ? totalBuyQuantity : 0);
        assertThat(decoder.totalSellQuantity()).isEqualTo(quoteLayout ? totalSellQuantity : 0);
        assertThat(decoder.open()).isEqualTo(ohlc ? open : 0);
        assertThat(decoder.high()).isEqualTo(ohlc ? high : 0);
        assertThat(decoder.low()).isEqualTo(ohlc ? low : 0);
        assertThat(decoder.close()).isEqualTo(ohlc ? close : 0);
        assertThat(decoder.change()).isEqualTo(ohlc ? (long)lastPrice - close : 0);
        assertThat(decoder.exchangeChange()).isEqualTo(indexLayout ? exchangeChange : 0);
        assertThat(decoder.lastTradeTime()).isEqualTo(full ? lastTradeTime : 0);
        assertThat(decoder.openInterest()).isEqualTo(full ? openInterest : 0);
        assertThat(decoder.openInterestDayHigh()).isEqualTo(full ? openInterestDayHigh : 0);
        assertThat(decoder.openInterestDayLow()).isEqualTo(full ? openInterestDayLow : 0);
        assertThat(decoder.exchangeTimestamp())
            .isEqualTo(full || PacketKind.INDEX_FULL == kind ? exchangeTimestamp : 0);
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            assertThat(decoder.bidQuantity(level)).isEqualTo(full ? quantities[level] : 0);
            assertThat(decoder.bidPrice(level)).isEqualTo(full ? prices[level] : 0);
            assertThat(decoder.bidOrders(level)).isEqualTo(full ? orders[level] : 0);
            assertThat(decoder.askQuantity(level)).isEqualTo(full ? quantities[level + 5] : 0);
            assertThat(decoder.askPrice(level)).isEqualTo(full ? prices[level + 5] : 0);
            assertThat(decoder.askOrders(level)).isEqualTo(full ? orders[level + 5] : 0);
        }
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(lastPrice / (double)Segment.priceDivisorForToken(token));
    }

    private byte[] bytes(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
