package io.kiteticker.bench.codec;

import com.zerodhatech.models.Depth;
import com.zerodhatech.models.Tick;
import com.zerodhatech.ticker.KiteTicker;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our decoder and Zerodha's official Java SDK (kiteconnect 3.5.1) read the same message to the same values, bit for
 * bit for the doubles, over every packet kind and segment. Quantities stay below 2^31 and orders below 2^15 because
 * the SDK reads them as signed (KITE_PROTOCOL.md §14 D4), where this codec widens them as unsigned.
 */
class KiteconnectEquivalenceTest
{
    private static final int PACKETS = 600;
    private static final int[] KINDS =
        { PacketKind.LTP, PacketKind.INDEX_QUOTE, PacketKind.INDEX_FULL, PacketKind.QUOTE, PacketKind.FULL };

    private ArrayList<Tick> ticks;

    @Test
    void shouldDecodeSameValuesAsOfficialSdkWhenRandomMessage() throws Exception
    {
        assertSameAsSdk(randomMessage(new Random(20210705L), KINDS), PACKETS);
    }

    @Test
    void shouldDecodeSameValuesAsOfficialSdkWhenEveryPacketHasTheSameKind() throws Exception
    {
        // messages of one kind take KiteMessageDecoder's uniform-length fast path
        final Random random = new Random(20240601L);
        for (final int kind : KINDS)
        {
            assertSameAsSdk(randomMessage(random, new int[]{ kind }), PACKETS);
        }
    }

    @Test
    void shouldDecodeSameValuesAsOfficialSdkWhenBenchmarkMessages() throws Exception
    {
        assertSameAsSdk(BenchMessages.singlePacketMessage(BenchMessages.QUOTE_HEX), 1);
        assertSameAsSdk(BenchMessages.singlePacketMessage(BenchMessages.FULL_HEX), 1);
        assertSameAsSdk(
            BenchMessages.fullModeMessage(BenchMessages.LARGE_MESSAGE_PACKETS), BenchMessages.LARGE_MESSAGE_PACKETS);
    }

    private void assertSameAsSdk(final byte[] message, final int packets) throws Exception
    {
        final KiteTicker ticker = new KiteTicker("x", "y");
        ticker.setOnTickerArrivalListener((ticks) -> this.ticks = ticks);
        ticker.getWebsocketAdapter().onBinaryMessage(null, message);

        final KiteMessageDecoder decoder = new KiteMessageDecoder();
        decoder.wrap(new UnsafeBuffer(message), 0, message.length);
        assertThat(decoder.validate()).isEqualTo(KiteMessageDecoder.OK);
        assertThat(decoder.packetCount()).isEqualTo(packets);
        assertThat(ticks).hasSize(packets);

        int i = 0;
        while (decoder.hasNext())
        {
            assertSame(decoder.next(), ticks.get(i++));
        }
    }

    private static void assertSame(final TickDecoder tick, final Tick sdk)
    {
        final String what = tick.toString();
        assertThat(sdk.getInstrumentToken()).as(what).isEqualTo(tick.instrumentToken() & 0xFFFF_FFFFL);
        assertThat(sdk.getMode()).as(what).isEqualTo(tick.mode().wireName());
        assertThat(sdk.isTradable()).as(what).isEqualTo(tick.isTradable());
        assertThat(sdk.getLastTradedPrice()).as(what).isEqualTo(tick.lastPriceAsDouble());
        if (PacketKind.LTP == tick.kind())
        {
            return;
        }

        assertThat(sdk.getOpenPrice()).as(what).isEqualTo(tick.openAsDouble());
        assertThat(sdk.getHighPrice()).as(what).isEqualTo(tick.highAsDouble());
        assertThat(sdk.getLowPrice()).as(what).isEqualTo(tick.lowAsDouble());
        assertThat(sdk.getClosePrice()).as(what).isEqualTo(tick.closeAsDouble());
        assertThat(sdk.getChange()).as(what).isEqualTo(tick.changePercent());
        if (PacketKind.INDEX_FULL == tick.kind())
        {
            assertThat(sdk.getTickTimestamp().getTime()).as(what).isEqualTo(tick.exchangeTimestamp() * 1000);
        }
        if (PacketKind.isIndexLayout(tick.kind()))
        {
            return;
        }

        assertThat(sdk.getLastTradedQuantity()).as(what).isEqualTo(tick.lastTradedQuantity());
        assertThat(sdk.getAverageTradePrice()).as(what).isEqualTo(tick.averageTradedPriceAsDouble());
        assertThat(sdk.getVolumeTradedToday()).as(what).isEqualTo(tick.volumeTraded());
        assertThat(sdk.getTotalBuyQuantity()).as(what).isEqualTo(tick.totalBuyQuantity());
        assertThat(sdk.getTotalSellQuantity()).as(what).isEqualTo(tick.totalSellQuantity());
        if (PacketKind.FULL != tick.kind())
        {
            return;
        }

        assertThat(sdk.getLastTradedTime().getTime()).as(what).isEqualTo(tick.lastTradeTime() * 1000);
        assertThat(sdk.getTickTimestamp().getTime()).as(what).isEqualTo(tick.exchangeTimestamp() * 1000);
        assertThat(sdk.getOi()).as(what).isEqualTo(tick.openInterest());
        assertThat(sdk.getOpenInterestDayHigh()).as(what).isEqualTo(tick.openInterestDayHigh());
        assertThat(sdk.getOpenInterestDayLow()).as(what).isEqualTo(tick.openInterestDayLow());
        for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
        {
            final Depth bid = sdk.getMarketDepth().get("buy").get(level);
            final Depth ask = sdk.getMarketDepth().get("sell").get(level);
            assertThat(bid.getPrice()).as(what).isEqualTo(tick.bidPriceAsDouble(level));
            assertThat((long)bid.getQuantity()).as(what).isEqualTo(tick.bidQuantity(level));
            assertThat(bid.getOrders()).as(what).isEqualTo(tick.bidOrders(level));
            assertThat(ask.getPrice()).as(what).isEqualTo(tick.askPriceAsDouble(level));
            assertThat((long)ask.getQuantity()).as(what).isEqualTo(tick.askQuantity(level));
            assertThat(ask.getOrders()).as(what).isEqualTo(tick.askOrders(level));
        }
    }

    private static byte[] randomMessage(final Random random, final int[] kinds)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 + PACKETS * (2 + PacketKind.MAX_LENGTH)]);
        final KiteMessageEncoder encoder = new KiteMessageEncoder().wrap(buffer, 0);
        for (int i = 0; i < PACKETS; i++)
        {
            final int kind = kinds[i % kinds.length];
            final int segment = PacketKind.isIndexLayout(kind) ? Segment.INDICES : 1 + random.nextInt(8);
            final TickEncoder tick = encoder.addPacket(kind)
                .instrumentToken((1 + random.nextInt(1 << 22)) << 8 | segment)
                .lastPrice(random.nextInt()).lastTradedQuantity(random.nextInt(Integer.MAX_VALUE))
                .averageTradedPrice(random.nextInt()).volumeTraded(random.nextInt(Integer.MAX_VALUE))
                .totalBuyQuantity(random.nextInt(Integer.MAX_VALUE))
                .totalSellQuantity(random.nextInt(Integer.MAX_VALUE))
                .open(random.nextInt()).high(random.nextInt()).low(random.nextInt())
                .close(0 == i % 7 ? 0 : random.nextInt()).exchangeChange(random.nextInt())
                .lastTradeTime(1 + random.nextInt(Integer.MAX_VALUE))
                .openInterest(random.nextInt(Integer.MAX_VALUE))
                .openInterestDayHigh(random.nextInt(Integer.MAX_VALUE))
                .openInterestDayLow(random.nextInt(Integer.MAX_VALUE))
                .exchangeTimestamp(1 + random.nextInt(Integer.MAX_VALUE));
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                tick.bid(level, random.nextInt(Integer.MAX_VALUE), random.nextInt(), random.nextInt(Short.MAX_VALUE));
                tick.ask(level, random.nextInt(Integer.MAX_VALUE), random.nextInt(), random.nextInt(Short.MAX_VALUE));
            }
        }

        return Arrays.copyOf(buffer.byteArray(), encoder.encodedLength());
    }
}
