package io.kiteticker.codec.frame;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.testing.AllocationMeter;
import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decode and encode paths allocate nothing once warm.
 */
class KiteCodecAllocationTest
{
    private static final int WARMUP_ITERATIONS = 300_000;
    private static final int ITERATIONS = 1_000_000;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
    private final KiteMessageEncoder messageEncoder = new KiteMessageEncoder();
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private final StringBuilder builder = new StringBuilder(4096);
    private final UnsafeBuffer quote = new UnsafeBuffer(GoldenVectors.quotePacket());
    private final UnsafeBuffer full = new UnsafeBuffer(GoldenVectors.fullPacket());
    private long sum;
    private double doubleSum;
    private int counter;

    @Test
    void shouldNotAllocateWhenDecodingMessages()
    {
        final int length = encodeMessage();

        final long bytes = AllocationMeter.measure(WARMUP_ITERATIONS, ITERATIONS, () -> decodeMessage(length));

        assertThat(bytes).isZero();
        assertThat(sum).isNotZero();
        assertThat(doubleSum).isNotZero();
    }

    @Test
    void shouldNotAllocateWhenEncodingMessages()
    {
        final long bytes = AllocationMeter.measure(WARMUP_ITERATIONS, ITERATIONS, () -> sum += encodeMessage());

        assertThat(bytes).isZero();
        assertThat(sum).isNotZero();
    }

    @Test
    void shouldNotAllocateWhenAppendingToPresizedBuilder()
    {
        final int length = encodeMessage();

        final long bytes = AllocationMeter.measure(WARMUP_ITERATIONS / 10, ITERATIONS / 10, () -> append(length));

        assertThat(bytes).isZero();
        assertThat(builder.length()).isGreaterThan(0);
    }

    private int encodeMessage()
    {
        final int token = counter++;
        messageEncoder.wrap(buffer, 8);
        messageEncoder.addPacket(quote, 0, PacketKind.QUOTE_LENGTH);
        messageEncoder.addPacket(full, 0, PacketKind.FULL_LENGTH);
        messageEncoder.addPacket(PacketKind.LTP).instrumentToken(token << 8 | Segment.CDS).lastPrice(830_000_000);
        messageEncoder.addPacket(PacketKind.INDEX_QUOTE).instrumentToken(token << 8 | Segment.INDICES)
            .lastPrice(2_450_050).high(2_460_000).low(2_430_000).open(2_440_000).close(2_445_000).exchangeChange(5);
        messageEncoder.addPacket(PacketKind.INDEX_FULL).instrumentToken(token << 8 | Segment.INDICES)
            .lastPrice(2_450_050).close(2_445_000).exchangeTimestamp(1_625_461_887L);
        messageEncoder.addPacket(PacketKind.QUOTE).instrumentToken(token << 8 | Segment.BCD).lastPrice(830_000)
            .lastTradedQuantity(1).averageTradedPrice(829_000).volumeTraded(10).totalBuyQuantity(20)
            .totalSellQuantity(30).open(1).high(2).low(3).close(4);
        final TickEncoder tick = messageEncoder.addPacket(PacketKind.FULL).instrumentToken(token << 8 | Segment.NSE)
            .lastPrice(157_370).lastTradedQuantity(7).averageTradedPrice(157_037).volumeTraded(1_192_471)
            .totalBuyQuantity(256_443).totalSellQuantity(363_009).open(156_915).high(157_500).low(156_105)
            .close(156_780).lastTradeTime(1_625_461_887L).openInterest(1).openInterestDayHigh(2)
            .openInterestDayLow(3).exchangeTimestamp(1_625_461_887L);
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            tick.bid(level, level + 1, 157_340 - level, level).ask(level, level + 2, 157_370 + level, level);
        }
        messageEncoder.addPacket(quote, 0, 12);

        return messageEncoder.encodedLength();
    }

    private void decodeMessage(final int length)
    {
        final int result = messageDecoder.wrap(buffer, 8, length).validate();
        long sum = result;
        double doubleSum = 0;
        while (messageDecoder.hasNext())
        {
            final TickDecoder tick = messageDecoder.next();
            sum += tick.kind() + tick.instrumentToken() + tick.segment() + tick.priceDivisor() +
                (tick.isIndex() ? 1 : 0) + (tick.isTradable() ? 1 : 0) + (null == tick.mode() ? 0 : tick.mode().code());
            sum += tick.lastPrice() + tick.lastTradedQuantity() + tick.averageTradedPrice() + tick.volumeTraded() +
                tick.totalBuyQuantity() + tick.totalSellQuantity() + tick.open() + tick.high() + tick.low() +
                tick.close() + tick.exchangeChange() + tick.lastTradeTime() + tick.openInterest() +
                tick.openInterestDayHigh() + tick.openInterestDayLow() + tick.exchangeTimestamp() + tick.change();
            doubleSum += tick.lastPriceAsDouble() + tick.averageTradedPriceAsDouble() + tick.openAsDouble() +
                tick.highAsDouble() + tick.lowAsDouble() + tick.closeAsDouble() + tick.exchangeChangeAsDouble() +
                tick.changeAsDouble() + tick.changePercent();
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                sum += tick.bidQuantity(level) + tick.bidPrice(level) + tick.bidOrders(level) +
                    tick.askQuantity(level) + tick.askPrice(level) + tick.askOrders(level);
                doubleSum += tick.bidPriceAsDouble(level) + tick.askPriceAsDouble(level);
            }
        }
        this.sum += sum;
        this.doubleSum += doubleSum;
    }

    private void append(final int length)
    {
        builder.setLength(0);
        messageDecoder.wrap(buffer, 8, length).validate();
        while (messageDecoder.hasNext())
        {
            messageDecoder.next().appendTo(builder).append('\n');
        }
    }
}
