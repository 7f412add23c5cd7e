package io.kiteticker.journal;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Builds ticks and text events the way the engine does (encode a packet, decode it into a slot), deterministic in an
 * ordinal, so tests and the crash writer can check what comes back.
 */
public final class TestTicks
{
    private static final int[] KINDS = { PacketKind.FULL, PacketKind.QUOTE, PacketKind.LTP, PacketKind.INDEX_FULL,
        PacketKind.INDEX_QUOTE };

    private final TickEncoder encoder = new TickEncoder();
    private final TickDecoder decoder = new TickDecoder();
    private final UnsafeBuffer packet = new UnsafeBuffer(new byte[PacketKind.MAX_LENGTH]);
    private final UnsafeBuffer text = new UnsafeBuffer(new byte[1024]);

    /**
     * Token of ordinal i: one of eight NSE tokens.
     *
     * @param ordinal of the tick.
     * @return the token.
     */
    public static int token(final long ordinal)
    {
        return ((int)(1000 + ordinal % 8) << 8) | 1;
    }

    /**
     * Kind of ordinal i (cycles through every kind).
     *
     * @param ordinal of the tick.
     * @return the packet kind.
     */
    public static int kind(final long ordinal)
    {
        return KINDS[(int)(ordinal % KINDS.length)];
    }

    /**
     * Fill a slot with tick number {@code ordinal}.
     *
     * @param event   to fill.
     * @param ordinal of the tick.
     * @param kind    of packet.
     * @return the event.
     */
    public TickEvent fill(final TickEvent event, final long ordinal, final int kind)
    {
        final int i = (int)ordinal;
        encoder.wrap(packet, 0, kind)
            .instrumentToken(token(ordinal))
            .lastPrice(100_00 + i);
        if (PacketKind.LTP != kind)
        {
            encoder.open(99_00 + i).high(101_00 + i).low(98_00 + i).close(100_00);
        }
        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            encoder.lastTradedQuantity(i % 100).averageTradedPrice(100_50).volumeTraded(1000L + i)
                .totalBuyQuantity(7L * i).totalSellQuantity(3L * i);
        }
        if (PacketKind.INDEX_FULL == kind || PacketKind.INDEX_QUOTE == kind)
        {
            encoder.exchangeChange(i - 5);
        }
        if (PacketKind.FULL == kind || PacketKind.INDEX_FULL == kind)
        {
            encoder.exchangeTimestamp(1_767_584_700L + i);
        }
        if (PacketKind.FULL == kind)
        {
            encoder.lastTradeTime(1_767_584_700L + i).openInterest(i).openInterestDayHigh(2L * i)
                .openInterestDayLow(i / 2);
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++)
            {
                encoder.bid(level, 10L + level, 100_00 - level, level + 1);
                encoder.ask(level, 20L + level, 100_05 + level, level + 2);
            }
        }
        decoder.wrap(packet, 0, encoder.encodedLength());
        event.decodeFrom(decoder, (int)(ordinal % 2), (int)(ordinal % 3), 5_000_000_000L + ordinal * 1000);
        return event;
    }

    /**
     * Fill a slot with tick number {@code ordinal} of kind {@link #kind(long)}.
     *
     * @param event   to fill.
     * @param ordinal of the tick.
     * @return the event.
     */
    public TickEvent fill(final TickEvent event, final long ordinal)
    {
        return fill(event, ordinal, kind(ordinal));
    }

    /**
     * Fill a text slot with an order update.
     *
     * @param event   to fill.
     * @param ordinal of the message.
     * @return the event.
     */
    public TextEvent fillText(final TextEvent event, final long ordinal)
    {
        final byte[] json = ("{\"type\":\"order\",\"data\":{\"order_id\":\"" + ordinal + "\",\"status\":\"COMPLETE\"}}")
            .getBytes(StandardCharsets.UTF_8);
        text.putBytes(0, json);
        event.set(1, 2, 7_000L + ordinal, TextMessageDecoder.ORDER, text, 0, json.length);
        return event;
    }
}
