package io.kiteticker.engine.ring;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.testing.GoldenVectors;
import io.kiteticker.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TickEventTest
{
    private final TickDecoder decoder = new TickDecoder();
    private final TickEvent event = TickEvent.EVENT_FACTORY.newInstance();

    @Test
    void shouldDecodeQuoteFixtureWithTags()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.quotePacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 2, 1, 12345L);

        assertThat(event.apiKeyIndex()).isEqualTo(2);
        assertThat(event.connectionIndex()).isEqualTo(1);
        assertThat(event.receiveNanos()).isEqualTo(12345L);
        assertThat(event.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(event.instrumentToken()).isEqualTo(408065);
        assertThat(event.lastPriceAsDouble()).isEqualTo(1573.15);
        assertThat(event.volumeTraded()).isEqualTo(1175986L);
        assertThat(event.closeAsDouble()).isEqualTo(1567.8);
        assertThat(event.change()).isEqualTo(157315L - 156780L);
        assertThat(event.changePercent()).isEqualTo(decoder.changePercent());
        assertThat(event.bidPrice(0)).isZero();
        assertThat(event.rawLength()).isEqualTo(PacketKind.QUOTE_LENGTH);
        for (int i = 0; i < PacketKind.QUOTE_LENGTH; i++)
        {
            assertThat(event.rawBuffer().getByte(i)).isEqualTo(buffer.getByte(i));
        }
    }

    @Test
    void shouldDecodeFullFixtureDepth()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.fullPacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 0, 0, 1L);

        assertThat(event.kind()).isEqualTo(PacketKind.FULL);
        assertThat(event.bidPriceAsDouble(0)).isEqualTo(1573.4);
        assertThat(event.bidQuantity(1)).isEqualTo(140L);
        assertThat(event.bidOrders(3)).isEqualTo(7);
        assertThat(event.askPriceAsDouble(4)).isEqualTo(1573.95);
        assertThat(event.askQuantity(4)).isEqualTo(724L);
        assertThat(event.exchangeTimestamp()).isEqualTo(1625461887L);
        assertThat(event.changeAsDouble()).isEqualTo(decoder.changeAsDouble());
        assertThat(event.toString()).contains("FULL").contains("1573.4");
    }

    @Test
    void shouldOverwriteDepthWhenSlotIsReusedForQuote()
    {
        final UnsafeBuffer full = new UnsafeBuffer(GoldenVectors.fullPacket());
        final UnsafeBuffer quote = new UnsafeBuffer(GoldenVectors.quotePacket());
        event.decodeFrom(decoder.wrap(full, 0, full.capacity()), 0, 0, 1L);
        event.decodeFrom(decoder.wrap(quote, 0, quote.capacity()), 0, 0, 2L);

        assertThat(event.kind()).isEqualTo(PacketKind.QUOTE);
        assertThat(event.bidQuantity(0)).isZero();
        assertThat(event.exchangeTimestamp()).isZero();
        assertThat(event.rawLength()).isEqualTo(PacketKind.QUOTE_LENGTH);
    }

    @Test
    void shouldTruncateRawBytesOfLongUnknownPacketButKeepTrueLength()
    {
        final int length = 300;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putInt(0, 408065, TickDecoder.BYTE_ORDER);
        for (int i = 4; i < length; i++)
        {
            buffer.putByte(i, (byte)i);
        }

        event.decodeFrom(decoder.wrap(buffer, 0, length), 0, 0, 1L);

        assertThat(event.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(event.rawLength()).isEqualTo(length);
        assertThat(event.rawCapturedLength()).isEqualTo(TickEvent.RAW_CAPACITY);
        assertThat(event.instrumentToken()).isEqualTo(408065);
        assertThat(event.rawBuffer().getByte(TickEvent.RAW_CAPACITY - 1))
            .isEqualTo((byte)(TickEvent.RAW_CAPACITY - 1));
        assertThat(event.lastPrice()).isZero();
    }

    @Test
    void shouldClearToUnknownWithTags()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(GoldenVectors.fullPacket());
        event.decodeFrom(decoder.wrap(buffer, 0, buffer.capacity()), 0, 0, 1L);
        event.clear(3, 2, 9L);

        assertThat(event.kind()).isEqualTo(PacketKind.UNKNOWN);
        assertThat(event.rawLength()).isZero();
        assertThat(event.instrumentToken()).isZero();
        assertThat(event.bidQuantity(0)).isZero();
        assertThat(event.apiKeyIndex()).isEqualTo(3);
        assertThat(event.connectionIndex()).isEqualTo(2);
    }

    @Test
    void shouldReadEveryFieldAsTheCodecDecoderDoesWhenFilledWithPacketsOfEveryLength()
    {
        final int[] lengths = { 0, 2, 4, 8, 10, 28, 32, 44, 100, 183, 184, 185, 300 };
        final int[] segments = { 1, 3, 6, 9, 0 };
        final SplittableRandom random = new SplittableRandom(42);
        final TickDecoder expected = new TickDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[400]);
        for (int round = 0; round < 20; round++)
        {
            for (final int length : lengths)
            {
                for (final int segment : segments)
                {
                    for (int i = 0; i < buffer.capacity(); i++)
                    {
                        buffer.putByte(i, (byte)random.nextInt());
                    }
                    if (length >= TickDecoder.INSTRUMENT_TOKEN_LENGTH)
                    {
                        buffer.putInt(0, (random.nextInt() & ~0xFF) | segment, TickDecoder.BYTE_ORDER);
                    }
                    final UnsafeBuffer original = new UnsafeBuffer(new byte[buffer.capacity()]);
                    original.putBytes(0, buffer, 0, buffer.capacity());
                    final int wireKind = expected.wrap(original, 0, length).kind();
                    event.decodeFrom(decoder.wrap(buffer, 0, length), 1, 2, 3L);
                    for (int i = 0; i < buffer.capacity(); i++)
                    {
                        buffer.putByte(i, (byte)~buffer.getByte(i)); // the slot holds a copy, not a view
                    }
                    expected.wrap(original, 0, length > TickEvent.RAW_CAPACITY ? 4 : length);

                    assertThat(event.kind()).isEqualTo(wireKind);
                    assertSameFields(event, expected, length);
                }
            }
        }
    }

    @Test
    void shouldAllocateNothingWhenFilledAndRead()
    {
        final UnsafeBuffer full = new UnsafeBuffer(GoldenVectors.fullPacket());
        final UnsafeBuffer quote = new UnsafeBuffer(GoldenVectors.quotePacket());
        final long[] sink = new long[1];

        final long bytes = AllocationMeter.measure(20_000, 200_000, () ->
        {
            event.decodeFrom(decoder.wrap(full, 0, full.capacity()), 0, 1, 2L);
            sink[0] += event.lastPrice() + event.bidQuantity(4) + event.exchangeTimestamp();
            event.decodeFrom(decoder.wrap(quote, 0, quote.capacity()), 0, 1, 3L);
            sink[0] += event.volumeTraded() + (long)event.closeAsDouble();
        });

        assertThat(bytes).isZero();
        assertThat(sink[0]).isNotZero();
    }

    private static void assertSameFields(final TickEvent event, final TickDecoder expected, final int length)
    {
        final String what = "length " + length;
        assertThat(event.rawLength()).as(what).isEqualTo(length);
        assertThat(event.instrumentToken()).as(what).isEqualTo(expected.instrumentToken());
        assertThat(event.segment()).as(what).isEqualTo(expected.segment());
        assertThat(event.priceDivisor()).as(what).isEqualTo(expected.priceDivisor());
        assertThat(event.lastPrice()).as(what).isEqualTo(expected.lastPrice());
        assertThat(event.lastTradedQuantity()).as(what).isEqualTo(expected.lastTradedQuantity());
        assertThat(event.averageTradedPrice()).as(what).isEqualTo(expected.averageTradedPrice());
        assertThat(event.volumeTraded()).as(what).isEqualTo(expected.volumeTraded());
        assertThat(event.totalBuyQuantity()).as(what).isEqualTo(expected.totalBuyQuantity());
        assertThat(event.totalSellQuantity()).as(what).isEqualTo(expected.totalSellQuantity());
        assertThat(event.open()).as(what).isEqualTo(expected.open());
        assertThat(event.high()).as(what).isEqualTo(expected.high());
        assertThat(event.low()).as(what).isEqualTo(expected.low());
        assertThat(event.close()).as(what).isEqualTo(expected.close());
        assertThat(event.exchangeChange()).as(what).isEqualTo(expected.exchangeChange());
        assertThat(event.lastTradeTime()).as(what).isEqualTo(expected.lastTradeTime());
        assertThat(event.openInterest()).as(what).isEqualTo(expected.openInterest());
        assertThat(event.openInterestDayHigh()).as(what).isEqualTo(expected.openInterestDayHigh());
        assertThat(event.openInterestDayLow()).as(what).isEqualTo(expected.openInterestDayLow());
        assertThat(event.exchangeTimestamp()).as(what).isEqualTo(expected.exchangeTimestamp());
        assertThat(event.change()).as(what).isEqualTo(expected.change());
        assertThat(event.changePercent()).as(what).isEqualTo(expected.changePercent());
        assertThat(event.lastPriceAsDouble()).as(what).isEqualTo(expected.lastPriceAsDouble());
        assertThat(event.closeAsDouble()).as(what).isEqualTo(expected.closeAsDouble());
        assertThat(event.changeAsDouble()).as(what).isEqualTo(expected.changeAsDouble());
        for (int level = -1; level <= TickEvent.DEPTH_LEVELS; level++)
        {
            assertThat(event.bidQuantity(level)).as(what).isEqualTo(expected.bidQuantity(level));
            assertThat(event.bidPrice(level)).as(what).isEqualTo(expected.bidPrice(level));
            assertThat(event.bidOrders(level)).as(what).isEqualTo(expected.bidOrders(level));
            assertThat(event.askQuantity(level)).as(what).isEqualTo(expected.askQuantity(level));
            assertThat(event.askPrice(level)).as(what).isEqualTo(expected.askPrice(level));
            assertThat(event.askOrders(level)).as(what).isEqualTo(expected.askOrders(level));
            assertThat(event.askPriceAsDouble(level)).as(what).isEqualTo(expected.askPriceAsDouble(level));
        }
        for (int i = 0; i < event.rawCapturedLength(); i++)
        {
            assertThat(event.rawBuffer().getByte(i)).as(what).isEqualTo(expected.buffer().getByte(i));
        }
    }
}
