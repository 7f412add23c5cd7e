package io.kiteticker.codec.packet;

import io.kiteticker.codec.Mode;
import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TickDecoderTest
{
    /**
     * Set to true to check {@code scaledToDouble} against division for every int value (minutes), not a sample.
     */
    private static final String EXHAUSTIVE_PROP_NAME = "kite.test.exhaustive";
    private static final boolean EXHAUSTIVE = Boolean.getBoolean(EXHAUSTIVE_PROP_NAME);
    private static final int TOKEN = 408065;
    private static final int OFFSET = 13;

    private final TickDecoder decoder = new TickDecoder();

    @Test
    void shouldDecodeGoldenQuotePacketFieldByField()
    {
        final UnsafeBuffer buffer = bufferAt(GoldenVectors.quotePacket(), OFFSET);
        decoder.wrap(buffer, OFFSET, PacketKind.QUOTE_LENGTH);

        assertThat(decoder.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(decoder.mode()).isEqualTo(Mode.QUOTE);
        assertThat(decoder.length()).isEqualTo(44);
        assertThat(decoder.offset()).isEqualTo(OFFSET);
        assertThat(decoder.buffer()).isSameAs(buffer);
        assertThat(decoder.instrumentToken()).isEqualTo(TOKEN);
        assertThat(decoder.segment()).isEqualTo(Segment.NSE);
        assertThat(decoder.isIndex()).isFalse();
        assertThat(decoder.isTradable()).isTrue();
        assertThat(decoder.priceDivisor()).isEqualTo(100);
        assertThat(decoder.lastPrice()).isEqualTo(157315);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(1573.15);
        assertThat(decoder.lastTradedQuantity()).isEqualTo(1L);
        assertThat(decoder.averageTradedPrice()).isEqualTo(157033);
        assertThat(decoder.averageTradedPriceAsDouble()).isEqualTo(1570.33);
        assertThat(decoder.volumeTraded()).isEqualTo(1175986L);
        assertThat(decoder.totalBuyQuantity()).isEqualTo(256511L);
        assertThat(decoder.totalSellQuantity()).isEqualTo(360503L);
        assertThat(decoder.open()).isEqualTo(156915);
        assertThat(decoder.high()).isEqualTo(157500);
        assertThat(decoder.low()).isEqualTo(156105);
        assertThat(decoder.close()).isEqualTo(156780);
        assertThat(decoder.openAsDouble()).isEqualTo(1569.15);
        assertThat(decoder.highAsDouble()).isEqualTo(1575.0);
        assertThat(decoder.lowAsDouble()).isEqualTo(1561.05);
        assertThat(decoder.closeAsDouble()).isEqualTo(1567.8);
        assertThat(decoder.change()).isEqualTo(535L);
        assertThat(decoder.changeAsDouble()).isEqualTo(5.35);
        assertThat(decoder.changePercent()).isEqualTo(0.3412425054216186);

        assertThat(decoder.exchangeChange()).isZero();
        assertThat(decoder.lastTradeTime()).isZero();
        assertThat(decoder.exchangeTimestamp()).isZero();
        assertThat(decoder.openInterest()).isZero();
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            assertThat(decoder.bidQuantity(level)).isZero();
            assertThat(decoder.bidPrice(level)).isZero();
            assertThat(decoder.askOrders(level)).isZero();
        }
    }

    @Test
    void shouldDecodeGoldenFullPacketFieldByField()
    {
        final UnsafeBuffer buffer = bufferAt(GoldenVectors.fullPacket(), OFFSET);
        decoder.wrap(buffer, OFFSET, PacketKind.FULL_LENGTH);

        assertThat(decoder.kind()).isEqualTo(PacketKind.FULL);
        assertThat(decoder.mode()).isEqualTo(Mode.FULL);
        assertThat(decoder.instrumentToken()).isEqualTo(TOKEN);
        assertThat(decoder.segment()).isEqualTo(Segment.NSE);
        assertThat(decoder.isTradable()).isTrue();
        assertThat(decoder.lastPrice()).isEqualTo(157370);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(1573.7);
        assertThat(decoder.lastTradedQuantity()).isEqualTo(7L);
        assertThat(decoder.averageTradedPriceAsDouble()).isEqualTo(1570.37);
        assertThat(decoder.volumeTraded()).isEqualTo(1192471L);
        assertThat(decoder.totalBuyQuantity()).isEqualTo(256443L);
        assertThat(decoder.totalSellQuantity()).isEqualTo(363009L);
        assertThat(decoder.openAsDouble()).isEqualTo(1569.15);
        assertThat(decoder.highAsDouble()).isEqualTo(1575.0);
        assertThat(decoder.lowAsDouble()).isEqualTo(1561.05);
        assertThat(decoder.closeAsDouble()).isEqualTo(1567.8);
        assertThat(decoder.lastTradeTime()).isEqualTo(1625461887L);
        assertThat(decoder.exchangeTimestamp()).isEqualTo(1625461887L);
        assertThat(decoder.openInterest()).isZero();
        assertThat(decoder.openInterestDayHigh()).isZero();
        assertThat(decoder.openInterestDayLow()).isZero();
        assertThat(decoder.change()).isEqualTo(590L);
        assertThat(decoder.changeAsDouble()).isEqualTo(5.9);
        assertThat(decoder.changePercent()).isEqualTo(0.3763235106518747);
        assertThat(decoder.exchangeChange()).isZero();

        final double[] bidPrices = { 1573.4, 1573.0, 1572.95, 1572.9, 1572.85 };
        final long[] bidQuantities = { 5, 140, 2, 219, 50 };
        final int[] bidOrders = { 1, 2, 1, 7, 1 };
        final double[] askPrices = { 1573.7, 1573.75, 1573.85, 1573.9, 1573.95 };
        final long[] askQuantities = { 172, 44, 302, 141, 724 };
        final int[] askOrders = { 3, 3, 3, 2, 5 };
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            assertThat(decoder.bidPriceAsDouble(level)).as("bid price %d", level).isEqualTo(bidPrices[level]);
            assertThat(decoder.bidQuantity(level)).as("bid quantity %d", level).isEqualTo(bidQuantities[level]);
            assertThat(decoder.bidOrders(level)).as("bid orders %d", level).isEqualTo(bidOrders[level]);
            assertThat(decoder.askPriceAsDouble(level)).as("ask price %d", level).isEqualTo(askPrices[level]);
            assertThat(decoder.askQuantity(level)).as("ask quantity %d", level).isEqualTo(askQuantities[level]);
            assertThat(decoder.askOrders(level)).as("ask orders %d", level).isEqualTo(askOrders[level]);
        }
        assertThat(decoder.bidPrice(0)).isEqualTo(157340);
        assertThat(decoder.askPrice(4)).isEqualTo(157395);
    }

    @Test
    void shouldReturnZeroForDepthLevelOutOfRangeWhenFull()
    {
        decoder.wrap(bufferAt(GoldenVectors.fullPacket(), 0), 0, PacketKind.FULL_LENGTH);

        assertThat(decoder.bidPrice(-1)).isZero();
        assertThat(decoder.bidPrice(5)).isZero();
        assertThat(decoder.askQuantity(5)).isZero();
        assertThat(decoder.askOrders(Integer.MIN_VALUE)).isZero();
        assertThat(decoder.bidOrders(Integer.MAX_VALUE)).isZero();
    }

    @Test
    void shouldMatchSharedFixtureFilesWhenPresent() throws IOException
    {
        final Path fixtures = sharedFixtures();
        assumeTrue(null != fixtures, "../shared/fixtures not found beside the repository");

        assertThat(readHex(fixtures.resolve("ticker_quote.packet.hex"))).isEqualTo(GoldenVectors.quotePacket());
        assertThat(readHex(fixtures.resolve("ticker_full.packet.hex"))).isEqualTo(GoldenVectors.fullPacket());
    }

    @Test
    void shouldDecodeLtpPacketFromFirstEightBytesOfFixtures()
    {
        decoder.wrap(new UnsafeBuffer(GoldenVectors.quotePacket()), 0, PacketKind.LTP_LENGTH);

        assertThat(decoder.kind()).isEqualTo(PacketKind.LTP);
        assertThat(decoder.mode()).isEqualTo(Mode.LTP);
        assertThat(decoder.instrumentToken()).isEqualTo(TOKEN);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(1573.15);
        assertThat(decoder.lastTradedQuantity()).isZero();
        assertThat(decoder.close()).isZero();
        assertThat(decoder.open()).isZero();
        assertThat(decoder.change()).isZero();
        assertThat(decoder.changeAsDouble()).isZero();
        assertThat(decoder.changePercent()).isZero();
        assertThat(decoder.exchangeTimestamp()).isZero();

        decoder.wrap(new UnsafeBuffer(GoldenVectors.fullPacket()), 0, PacketKind.LTP_LENGTH);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(1573.7);
    }

    @Test
    void shouldScaleCdsPricesByTenMillionWhenSegmentIsThree()
    {
        final int token = (12345 << 8) | Segment.CDS;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.QUOTE_LENGTH]);
        new TickEncoder().wrap(buffer, 0, PacketKind.QUOTE)
            .instrumentToken(token).lastPrice(830_000_000).close(825_000_000);

        decoder.wrap(buffer, 0, PacketKind.QUOTE_LENGTH);

        assertThat(decoder.segment()).isEqualTo(Segment.CDS);
        assertThat(decoder.priceDivisor()).isEqualTo(10_000_000);
        assertThat(decoder.lastPrice()).isEqualTo(830_000_000);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(83.0);
        assertThat(decoder.closeAsDouble()).isEqualTo(82.5);
        assertThat(decoder.changeAsDouble()).isEqualTo(0.5);
        assertThat(decoder.isTradable()).isTrue();
    }

    @Test
    void shouldScaleBcdPricesByTenThousandWhenSegmentIsSix()
    {
        final int token = (777 << 8) | Segment.BCD;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.FULL_LENGTH]);
        new TickEncoder().wrap(buffer, 0, PacketKind.FULL)
            .instrumentToken(token).lastPrice(830_000).bid(0, 10, 829_975, 1).ask(0, 20, 830_025, 2);

        decoder.wrap(buffer, 0, PacketKind.FULL_LENGTH);

        assertThat(decoder.segment()).isEqualTo(Segment.BCD);
        assertThat(decoder.priceDivisor()).isEqualTo(10_000);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(83.0);
        assertThat(decoder.bidPriceAsDouble(0)).isEqualTo(82.9975);
        assertThat(decoder.askPriceAsDouble(0)).isEqualTo(83.0025);
    }

    @Test
    void shouldReadHighLowOpenCloseOrderWhenIndexQuote()
    {
        final int token = (1024 << 8) | Segment.INDICES;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.INDEX_QUOTE_LENGTH]);
        buffer.putInt(0, token, TickDecoder.BYTE_ORDER);
        buffer.putInt(4, 2_450_050, TickDecoder.BYTE_ORDER);
        buffer.putInt(8, 2_460_000, TickDecoder.BYTE_ORDER);
        buffer.putInt(12, 2_430_000, TickDecoder.BYTE_ORDER);
        buffer.putInt(16, 2_440_000, TickDecoder.BYTE_ORDER);
        buffer.putInt(20, 2_445_000, TickDecoder.BYTE_ORDER);
        buffer.putInt(24, -5_050, TickDecoder.BYTE_ORDER);

        decoder.wrap(buffer, 0, PacketKind.INDEX_QUOTE_LENGTH);

        assertThat(decoder.kind()).isEqualTo(PacketKind.INDEX_QUOTE);
        assertThat(decoder.mode()).isEqualTo(Mode.QUOTE);
        assertThat(decoder.isIndex()).isTrue();
        assertThat(decoder.isTradable()).isFalse();
        assertThat(decoder.priceDivisor()).isEqualTo(100);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(24500.5);
        assertThat(decoder.highAsDouble()).isEqualTo(24600.0);
        assertThat(decoder.lowAsDouble()).isEqualTo(24300.0);
        assertThat(decoder.openAsDouble()).isEqualTo(24400.0);
        assertThat(decoder.closeAsDouble()).isEqualTo(24450.0);
        assertThat(decoder.exchangeChange()).isEqualTo(-5_050);
        assertThat(decoder.exchangeChangeAsDouble()).isEqualTo(-50.5);
        assertThat(decoder.change()).isEqualTo(5_050L);
        assertThat(decoder.changePercent()).isEqualTo((24500.5 - 24450.0) * 100 / 24450.0);
        assertThat(decoder.exchangeTimestamp()).isZero();
        assertThat(decoder.volumeTraded()).isZero();
        assertThat(decoder.lastTradedQuantity()).isZero();
        assertThat(decoder.averageTradedPrice()).isZero();
        assertThat(decoder.bidPrice(0)).isZero();
    }

    @Test
    void shouldReadExchangeTimestampAtTwentyEightWhenIndexFull()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.INDEX_FULL_LENGTH]);
        buffer.putInt(0, (256265 << 8) | Segment.INDICES, TickDecoder.BYTE_ORDER);
        buffer.putInt(16, 100, TickDecoder.BYTE_ORDER);
        buffer.putInt(28, 0xF000_0000, TickDecoder.BYTE_ORDER);

        decoder.wrap(buffer, 0, PacketKind.INDEX_FULL_LENGTH);

        assertThat(decoder.kind()).isEqualTo(PacketKind.INDEX_FULL);
        assertThat(decoder.mode()).isEqualTo(Mode.FULL);
        assertThat(decoder.open()).isEqualTo(100);
        assertThat(decoder.exchangeTimestamp()).isEqualTo(0xF000_0000L);
        assertThat(decoder.lastTradeTime()).isZero();
    }

    @Test
    void shouldWidenUnsignedFieldsAndKeepPricesSigned()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[PacketKind.FULL_LENGTH]);
        buffer.setMemory(0, PacketKind.FULL_LENGTH, (byte)0xFF);

        decoder.wrap(buffer, 0, PacketKind.FULL_LENGTH);

        assertThat(decoder.instrumentToken()).isEqualTo(-1);
        assertThat(decoder.segment()).isEqualTo(255);
        assertThat(decoder.priceDivisor()).isEqualTo(100);
        assertThat(decoder.lastPrice()).isEqualTo(-1);
        assertThat(decoder.volumeTraded()).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoder.lastTradedQuantity()).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoder.openInterestDayLow()).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoder.lastTradeTime()).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoder.bidOrders(4)).isEqualTo(0xFFFF);
        assertThat(decoder.askQuantity(4)).isEqualTo(0xFFFF_FFFFL);
        assertThat(decoder.askPrice(4)).isEqualTo(-1);
        assertThat(decoder.changePercent()).isZero();
    }

    @Test
    void shouldReadOnlyTokenWhenLengthUnknown()
    {
        final UnsafeBuffer buffer = bufferAt(GoldenVectors.fullPacket(), 0);

        decoder.wrap(buffer, 0, 64);

        assertThat(decoder.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(decoder.mode()).isNull();
        assertThat(decoder.instrumentToken()).isEqualTo(TOKEN);
        assertThat(decoder.lastPrice()).isZero();
        assertThat(decoder.close()).isZero();
        assertThat(decoder.exchangeTimestamp()).isZero();
        assertThat(decoder.change()).isZero();
        assertThat(decoder.toString()).isEqualTo("UNKNOWN[length=64, instrumentToken=408065, segment=NSE]");

        decoder.wrap(buffer, 0, 3);
        assertThat(decoder.instrumentToken()).isZero();
        assertThat(decoder.segment()).isZero();
    }

    @Test
    void shouldPeekTokenAndLastPriceWithoutWrapping()
    {
        final UnsafeBuffer buffer = bufferAt(GoldenVectors.fullPacket(), OFFSET);

        assertThat(TickDecoder.instrumentToken(buffer, OFFSET)).isEqualTo(TOKEN);
        assertThat(TickDecoder.lastPrice(buffer, OFFSET)).isEqualTo(157370);
    }

    @Test
    void shouldAppendReadableFormWhenQuote()
    {
        decoder.wrap(new UnsafeBuffer(GoldenVectors.quotePacket()), 0, PacketKind.QUOTE_LENGTH);

        assertThat(decoder.toString()).isEqualTo(
            "QUOTE[length=44, instrumentToken=408065, segment=NSE, lastPrice=1573.15, lastTradedQuantity=1, " +
            "averageTradedPrice=1570.33, volumeTraded=1175986, totalBuyQuantity=256511, totalSellQuantity=360503, " +
            "open=1569.15, high=1575.00, low=1561.05, close=1567.80, change=5.35]");
    }

    @Test
    void shouldAppendDepthAndTimestampsWhenFull()
    {
        decoder.wrap(new UnsafeBuffer(GoldenVectors.fullPacket()), 0, PacketKind.FULL_LENGTH);

        final String text = decoder.appendTo(new StringBuilder()).toString();

        assertThat(text).startsWith("FULL[length=184, instrumentToken=408065, segment=NSE, lastPrice=1573.70")
            .contains("lastTradeTime=1625461887", "exchangeTimestamp=1625461887", "change=5.90")
            .contains("bids=[5@1573.40/1 140@1573.00/2 2@1572.95/1 219@1572.90/7 50@1572.85/1]")
            .contains("asks=[172@1573.70/3 44@1573.75/3 302@1573.85/3 141@1573.90/2 724@1573.95/5]")
            .endsWith("]");
        assertThat(text).isEqualTo(decoder.toString());
    }

    @Test
    void shouldAppendPricesWithDivisorDigits()
    {
        assertThat(TickDecoder.appendPrice(new StringBuilder(), 830_000_000, 10_000_000).toString())
            .isEqualTo("83.0000000");
        assertThat(TickDecoder.appendPrice(new StringBuilder(), -5, 100).toString()).isEqualTo("-0.05");
        assertThat(TickDecoder.appendPrice(new StringBuilder(), Integer.MIN_VALUE, 100).toString())
            .isEqualTo("-21474836.48");
        assertThat(TickDecoder.appendPrice(new StringBuilder(), 829_975, 10_000).toString()).isEqualTo("82.9975");
    }

    @Test
    void shouldDescribeUnwrappedDecoder()
    {
        assertThat(new TickDecoder().toString()).isEqualTo("TickDecoder[unwrapped]");
    }

    @Test
    void shouldDivideExactlyAsJavaDoesWhenScaledToDoubleWithoutDivision()
    {
        final int[] divisors =
            { Segment.DEFAULT_PRICE_DIVISOR, Segment.BCD_PRICE_DIVISOR, Segment.CDS_PRICE_DIVISOR };
        final SplittableRandom random = new SplittableRandom(20210705L);
        for (final int divisorInt : divisors)
        {
            final double divisor = divisorInt;
            final double reciprocal = 1.0 / divisor;
            final long step = EXHAUSTIVE ? 1 : 4_099;
            for (long raw = Integer.MIN_VALUE; raw <= Integer.MAX_VALUE; raw += step)
            {
                assertExactQuotient((int)raw, divisor, reciprocal);
            }
            for (int i = 0; i < 2_000_000; i++)
            {
                assertExactQuotient(random.nextInt(), divisor, reciprocal);
                assertExactQuotient(random.nextInt(-1_000_000, 1_000_000), divisor, reciprocal);
            }
            for (int raw = -100_000; raw <= 100_000; raw++)
            {
                assertExactQuotient(raw, divisor, reciprocal);
            }
            assertExactQuotient(Integer.MAX_VALUE, divisor, reciprocal);
            assertExactQuotient(Integer.MIN_VALUE, divisor, reciprocal);
        }
    }

    @Test
    void shouldReadSameFieldsWhenPacketOffHeap()
    {
        final byte[] packet = GoldenVectors.fullPacket();
        final UnsafeBuffer heap = bufferAt(packet, OFFSET);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(heap.capacity()));
        direct.putBytes(0, heap, 0, heap.capacity());

        final String onHeap = decoder.wrap(heap, OFFSET, PacketKind.FULL_LENGTH).toString();
        final String offHeap = decoder.wrap(direct, OFFSET, PacketKind.FULL_LENGTH).toString();

        assertThat(offHeap).isEqualTo(onHeap);
        assertThat(decoder.askPrice(4)).isEqualTo(157395);
        assertThat(decoder.bidOrders(3)).isEqualTo(7);
        assertThat(decoder.lastPriceAsDouble()).isEqualTo(1573.70);
    }

    @Test
    void shouldLeaveSameStateWhenWrappedUncheckedAsWhenWrapped()
    {
        final byte[] packet = GoldenVectors.fullPacket();
        final UnsafeBuffer heap = bufferAt(packet, OFFSET);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(heap.capacity()));
        direct.putBytes(0, heap, 0, heap.capacity());
        final TickDecoder unchecked = new TickDecoder();

        for (final int segment : new int[]{ Segment.NSE, Segment.CDS, Segment.BCD, Segment.INDICES })
        {
            for (final UnsafeBuffer buffer : new UnsafeBuffer[]{ heap, direct })
            {
                buffer.putInt(OFFSET, (TOKEN & ~Segment.SEGMENT_MASK) | segment, TickDecoder.BYTE_ORDER);
                for (int length = 0; length <= PacketKind.FULL_LENGTH; length++)
                {
                    decoder.wrap(buffer, OFFSET, length);
                    unchecked.wrapUnchecked(buffer, OFFSET, length);
                    assertThat(unchecked.buffer()).isSameAs(buffer);
                    assertThat(unchecked.offset()).isEqualTo(OFFSET);
                    assertThat(unchecked.length()).isEqualTo(length);
                    assertThat(unchecked.kind()).isEqualTo(decoder.kind());
                    assertThat(unchecked.instrumentToken()).isEqualTo(decoder.instrumentToken());
                    assertThat(unchecked.priceDivisor()).isEqualTo(decoder.priceDivisor());
                    assertThat(unchecked.lastPriceAsDouble()).isEqualTo(decoder.lastPriceAsDouble());
                    assertThat(unchecked.bidOrders(2)).isEqualTo(decoder.bidOrders(2));
                    assertThat(unchecked.toString()).isEqualTo(decoder.toString());
                }
            }
        }
    }

    @Test
    void shouldThrowAtWrapWhenPacketRunsPastBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.quotePacket());

        org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> decoder.wrap(buffer, 4, PacketKind.QUOTE_LENGTH))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertExactQuotient(final int raw, final double divisor, final double reciprocal)
    {
        final double expected = raw / divisor;
        final double actual = TickDecoder.scaledToDouble(raw, divisor, reciprocal);
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual))
        {
            throw new AssertionError(raw + " / " + divisor + ": expected " + expected + " but was " + actual);
        }
    }

    static UnsafeBuffer bufferAt(final byte[] packet, final int offset)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + packet.length + 7]);
        buffer.setMemory(0, buffer.capacity(), (byte)0xA5);
        buffer.putBytes(offset, packet);
        return buffer;
    }

    static Path sharedFixtures()
    {
        final String[] candidates = { "../../shared/fixtures", "../shared/fixtures" };
        for (final String candidate : candidates)
        {
            final Path path = Paths.get(candidate);
            if (Files.isRegularFile(path.resolve("ticker_quote.packet.hex")))
            {
                return path;
            }
        }
        return null;
    }

    private static byte[] readHex(final Path file) throws IOException
    {
        return GoldenVectors.fromHex(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    }
}
