package io.kiteticker.codec.packet;

import org.agrona.MutableDirectBuffer;

import static io.kiteticker.codec.packet.PacketKind.FULL;
import static io.kiteticker.codec.packet.PacketKind.INDEX_FULL;
import static io.kiteticker.codec.packet.PacketKind.INDEX_QUOTE;
import static io.kiteticker.codec.packet.PacketKind.QUOTE;
import static io.kiteticker.codec.packet.TickDecoder.ASKS_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.AVERAGE_TRADED_PRICE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.BIDS_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.BYTE_ORDER;
import static io.kiteticker.codec.packet.TickDecoder.CLOSE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.DEPTH_ENTRY_LENGTH;
import static io.kiteticker.codec.packet.TickDecoder.DEPTH_LEVELS;
import static io.kiteticker.codec.packet.TickDecoder.DEPTH_ORDERS_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.DEPTH_PRICE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.DEPTH_QUANTITY_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.EXCHANGE_TIMESTAMP_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.HIGH_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_CLOSE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_EXCHANGE_CHANGE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_EXCHANGE_TIMESTAMP_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_HIGH_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_LOW_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INDEX_OPEN_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.INSTRUMENT_TOKEN_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.LAST_PRICE_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.LAST_TRADED_QUANTITY_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.LAST_TRADE_TIME_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.LOW_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.OPEN_INTEREST_DAY_HIGH_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.OPEN_INTEREST_DAY_LOW_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.OPEN_INTEREST_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.OPEN_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.TOTAL_BUY_QUANTITY_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.TOTAL_SELL_QUANTITY_OFFSET;
import static io.kiteticker.codec.packet.TickDecoder.VOLUME_TRADED_OFFSET;

/**
 * Flyweight encoder of one Kite ticker packet body of any known kind, the mirror of {@link TickDecoder}: the same
 * layouts (see the table in {@link TickDecoder}), the same field names as fluent setters, and no allocation.
 * <p>
 * {@link #wrap(MutableDirectBuffer, int, int)} zero-fills the kind's length, so fields left unset read as 0. OHLC
 * setters are layout-aware (index kinds store H, L, O, C at 8/12/16/20). Setting a field the kind does not carry
 * (volume of an index packet, depth of a quote packet, a depth level outside 0..4) does nothing, the mirror of the
 * decoder returning 0 for it. Unsigned fields take a {@code long} and keep its low 32 (or 16 for orders) bits.
 * <p>
 * <b>Note:</b> an encoder belongs to one thread.
 */
public final class TickEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;
    private int kind;
    private int length;

    /**
     * Wrap a region of a buffer for a packet of a kind and zero-fill it.
     *
     * @param buffer to write into; it must have room for {@link PacketKind#length(int)} bytes at the offset.
     * @param offset of the first byte of the packet body.
     * @param kind   of packet, one of {@link PacketKind#LTP} to {@link PacketKind#FULL}.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the kind is {@link PacketKind#UNKNOWN} or not a kind.
     */
    public TickEncoder wrap(final MutableDirectBuffer buffer, final int offset, final int kind)
    {
        final int length = PacketKind.length(kind);
        if (0 == length)
        {
            throw new IllegalArgumentException("not a known packet kind: " + kind);
        }

        if (buffer != this.buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.kind = kind;
        this.length = length;
        buffer.setMemory(offset, length, (byte)0);

        return this;
    }

    /**
     * The buffer last wrapped.
     *
     * @return the buffer last wrapped.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the packet body in {@link #buffer()}.
     *
     * @return offset of the packet body.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Kind of packet being encoded.
     *
     * @return one of the {@link PacketKind} constants.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * Length of the packet body being encoded, fixed by its kind.
     *
     * @return length of the packet body in bytes.
     */
    public int encodedLength()
    {
        return length;
    }

    /**
     * Set the instrument token (all kinds).
     *
     * @param instrumentToken with the segment in its low byte.
     * @return this for a fluent API.
     */
    public TickEncoder instrumentToken(final int instrumentToken)
    {
        return putInt(INSTRUMENT_TOKEN_OFFSET, instrumentToken);
    }

    /**
     * Set the raw last traded price (all kinds).
     *
     * @param lastPrice raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder lastPrice(final int lastPrice)
    {
        return putInt(LAST_PRICE_OFFSET, lastPrice);
    }

    /**
     * Set the last traded quantity (quote and full).
     *
     * @param lastTradedQuantity u32.
     * @return this for a fluent API.
     */
    public TickEncoder lastTradedQuantity(final long lastTradedQuantity)
    {
        return hasQuoteLayout() ? putInt(LAST_TRADED_QUANTITY_OFFSET, (int)lastTradedQuantity) : this;
    }

    /**
     * Set the raw average traded price (quote and full).
     *
     * @param averageTradedPrice raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder averageTradedPrice(final int averageTradedPrice)
    {
        return hasQuoteLayout() ? putInt(AVERAGE_TRADED_PRICE_OFFSET, averageTradedPrice) : this;
    }

    /**
     * Set the volume traded today (quote and full).
     *
     * @param volumeTraded u32.
     * @return this for a fluent API.
     */
    public TickEncoder volumeTraded(final long volumeTraded)
    {
        return hasQuoteLayout() ? putInt(VOLUME_TRADED_OFFSET, (int)volumeTraded) : this;
    }

    /**
     * Set the total buy quantity (quote and full).
     *
     * @param totalBuyQuantity u32.
     * @return this for a fluent API.
     */
    public TickEncoder totalBuyQuantity(final long totalBuyQuantity)
    {
        return hasQuoteLayout() ? putInt(TOTAL_BUY_QUANTITY_OFFSET, (int)totalBuyQuantity) : this;
    }

    /**
     * Set the total sell quantity (quote and full).
     *
     * @param totalSellQuantity u32.
     * @return this for a fluent API.
     */
    public TickEncoder totalSellQuantity(final long totalSellQuantity)
    {
        return hasQuoteLayout() ? putInt(TOTAL_SELL_QUANTITY_OFFSET, (int)totalSellQuantity) : this;
    }

    /**
     * Set the raw open price (layout-aware: bytes 28-32, or 16-20 for index kinds).
     *
     * @param open raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder open(final int open)
    {
        return ohlc(OPEN_OFFSET, INDEX_OPEN_OFFSET, open);
    }

    /**
     * Set the raw high price (layout-aware: bytes 32-36, or 8-12 for index kinds).
     *
     * @param high raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder high(final int high)
    {
        return ohlc(HIGH_OFFSET, INDEX_HIGH_OFFSET, high);
    }

    /**
     * Set the raw low price (layout-aware: bytes 36-40, or 12-16 for index kinds).
     *
     * @param low raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder low(final int low)
    {
        return ohlc(LOW_OFFSET, INDEX_LOW_OFFSET, low);
    }

    /**
     * Set the raw previous close price (layout-aware: bytes 40-44, or 20-24 for index kinds).
     *
     * @param close raw scaled price.
     * @return this for a fluent API.
     */
    public TickEncoder close(final int close)
    {
        return ohlc(CLOSE_OFFSET, INDEX_CLOSE_OFFSET, close);
    }

    /**
     * Set the raw exchange-sent absolute change (index kinds, bytes 24-28).
     *
     * @param exchangeChange raw scaled signed change.
     * @return this for a fluent API.
     */
    public TickEncoder exchangeChange(final int exchangeChange)
    {
        return hasIndexLayout() ? putInt(INDEX_EXCHANGE_CHANGE_OFFSET, exchangeChange) : this;
    }

    /**
     * Set the last trade time (full).
     *
     * @param lastTradeTime unix epoch seconds (u32).
     * @return this for a fluent API.
     */
    public TickEncoder lastTradeTime(final long lastTradeTime)
    {
        return FULL == kind ? putInt(LAST_TRADE_TIME_OFFSET, (int)lastTradeTime) : this;
    }

    /**
     * Set the open interest (full).
     *
     * @param openInterest u32.
     * @return this for a fluent API.
     */
    public TickEncoder openInterest(final long openInterest)
    {
        return FULL == kind ? putInt(OPEN_INTEREST_OFFSET, (int)openInterest) : this;
    }

    /**
     * Set the open interest day high (full).
     *
     * @param openInterestDayHigh u32.
     * @return this for a fluent API.
     */
    public TickEncoder openInterestDayHigh(final long openInterestDayHigh)
    {
        return FULL == kind ? putInt(OPEN_INTEREST_DAY_HIGH_OFFSET, (int)openInterestDayHigh) : this;
    }

    /**
     * Set the open interest day low (full).
     *
     * @param openInterestDayLow u32.
     * @return this for a fluent API.
     */
    public TickEncoder openInterestDayLow(final long openInterestDayLow)
    {
        return FULL == kind ? putInt(OPEN_INTEREST_DAY_LOW_OFFSET, (int)openInterestDayLow) : this;
    }

    /**
     * Set the exchange timestamp (full at bytes 60-64, index full at bytes 28-32).
     *
     * @param exchangeTimestamp unix epoch seconds (u32).
     * @return this for a fluent API.
     */
    public TickEncoder exchangeTimestamp(final long exchangeTimestamp)
    {
        if (FULL == kind)
        {
            return putInt(EXCHANGE_TIMESTAMP_OFFSET, (int)exchangeTimestamp);
        }
        else if (INDEX_FULL == kind)
        {
            return putInt(INDEX_EXCHANGE_TIMESTAMP_OFFSET, (int)exchangeTimestamp);
        }

        return this;
    }

    /**
     * Set a bid depth level (full).
     *
     * @param level    0 (best) to 4.
     * @param quantity u32.
     * @param price    raw scaled price.
     * @param orders   u16 number of orders.
     * @return this for a fluent API.
     */
    public TickEncoder bid(final int level, final long quantity, final int price, final int orders)
    {
        return depth(BIDS_OFFSET, level, quantity, price, orders);
    }

    /**
     * Set an ask (offer) depth level (full).
     *
     * @param level    0 (best) to 4.
     * @param quantity u32.
     * @param price    raw scaled price.
     * @param orders   u16 number of orders.
     * @return this for a fluent API.
     */
    public TickEncoder ask(final int level, final long quantity, final int price, final int orders)
    {
        return depth(ASKS_OFFSET, level, quantity, price, orders);
    }

    private TickEncoder depth(
        final int sideOffset, final int level, final long quantity, final int price, final int orders)
    {
        if (FULL == kind && level >= 0 && level < DEPTH_LEVELS)
        {
            final int entryOffset = offset + sideOffset + level * DEPTH_ENTRY_LENGTH;
            buffer.putInt(entryOffset + DEPTH_QUANTITY_OFFSET, (int)quantity, BYTE_ORDER);
            buffer.putInt(entryOffset + DEPTH_PRICE_OFFSET, price, BYTE_ORDER);
            buffer.putShort(entryOffset + DEPTH_ORDERS_OFFSET, (short)orders, BYTE_ORDER);
        }

        return this;
    }

    private TickEncoder ohlc(final int quoteOffset, final int indexOffset, final int value)
    {
        if (hasQuoteLayout())
        {
            return putInt(quoteOffset, value);
        }
        else if (hasIndexLayout())
        {
            return putInt(indexOffset, value);
        }

        return this;
    }

    private boolean hasQuoteLayout()
    {
        return QUOTE == kind || FULL == kind;
    }

    private boolean hasIndexLayout()
    {
        return INDEX_QUOTE == kind || INDEX_FULL == kind;
    }

    private TickEncoder putInt(final int fieldOffset, final int value)
    {
        buffer.putInt(offset + fieldOffset, value, BYTE_ORDER);
        return this;
    }
}
