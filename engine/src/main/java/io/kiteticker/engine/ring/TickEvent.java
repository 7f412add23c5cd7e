package io.kiteticker.engine.ring;

import com.lmax.disruptor.EventFactory;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring slot holding one Kite tick as a flat copy: the packet's bytes exactly as received (at most
 * {@link #RAW_CAPACITY}, three cache lines for a full packet) and the tag — API key index, connection index and the
 * {@code System.nanoTime()}-style receive timestamp. {@link #decodeFrom(TickDecoder, int, int, long)} fills it; it is
 * the single decode path shared by the live connection agents, the journal replayer and every other source of ticks.
 * <p>
 * Every field is read on demand from the copied bytes by the codec's {@link TickDecoder} flyweight, wrapped over the
 * copy once per fill, so a handler pays only for the fields it reads and a producer copies the packet and nothing
 * else (no depth arrays, no field-by-field decode). A longer (unknown) packet is truncated into the copy while
 * {@link #rawLength()} keeps its true length.
 * <p>
 * Prices are the raw scaled integers of the wire: divide by {@link #priceDivisor()} or use the {@code *AsDouble()}
 * accessors. Counts and timestamps are unsigned 32-bit values widened to {@code long}. A field the packet kind does
 * not carry reads 0, as with {@link TickDecoder}.
 * <p>
 * <b>Note:</b> a slot is reused on every lap of the ring: read it inside the handler callback and keep nothing.
 */
public final class TickEvent extends TaggedEvent
{
    /**
     * Capacity of the per-slot raw packet copy: the largest known packet (full, 184 bytes).
     */
    public static final int RAW_CAPACITY = PacketKind.MAX_LENGTH;

    /**
     * Number of depth levels per side.
     */
    public static final int DEPTH_LEVELS = TickDecoder.DEPTH_LEVELS;

    /**
     * Factory the Disruptor uses to preallocate every slot.
     */
    public static final EventFactory<TickEvent> EVENT_FACTORY = TickEvent::new;

    private final byte[] rawBytes = new byte[RAW_CAPACITY];
    private final UnsafeBuffer rawBuffer = new UnsafeBuffer(rawBytes);
    private final TickDecoder view = new TickDecoder();
    private int rawLength;

    /**
     * An empty slot: kind {@link PacketKind#UNKNOWN}, every field 0.
     */
    public TickEvent()
    {
        view.wrap(rawBuffer, 0, 0);
    }

    /**
     * Copy the packet the decoder is wrapped over into this slot, overwriting what it held, and tag it. This is the
     * one decode path: live agents, the replayer and every other source of ticks call it.
     *
     * @param decoder         wrapped over one packet body.
     * @param apiKeyIndex     of the key the packet arrived on.
     * @param connectionIndex of the connection the packet arrived on.
     * @param receiveNanos    when the bytes were read (nano clock).
     */
    public void decodeFrom(
        final TickDecoder decoder, final int apiKeyIndex, final int connectionIndex, final long receiveNanos)
    {
        tag(apiKeyIndex, connectionIndex, receiveNanos);

        final int length = decoder.length();
        rawLength = length;
        if (length <= RAW_CAPACITY)
        {
            decoder.getBytes(rawBytes, 0, length);
            view.wrapUnchecked(rawBuffer, 0, length);
        }
        else
        {
            // longer than any known kind: keep the first bytes, and let the view see only the token (kind UNKNOWN)
            decoder.getBytes(rawBytes, 0, RAW_CAPACITY);
            view.wrapUnchecked(rawBuffer, 0, TickDecoder.INSTRUMENT_TOKEN_LENGTH);
        }
    }

    /**
     * Mark this slot as carrying no tick (kind {@link PacketKind#UNKNOWN}, raw length 0, every field 0), tagged with
     * its origin. Used for a slot that was claimed but could not be decoded, so that it can still be published.
     *
     * @param apiKeyIndex     of the key.
     * @param connectionIndex of the connection.
     * @param receiveNanos    when the bytes were read.
     */
    public void clear(final int apiKeyIndex, final int connectionIndex, final long receiveNanos)
    {
        tag(apiKeyIndex, connectionIndex, receiveNanos);
        rawLength = 0;
        view.wrap(rawBuffer, 0, 0);
    }

    /**
     * The codec's flyweight over this slot's copy of the packet, for code that already works on {@link TickDecoder}
     * (the same object on every call; valid only inside the callback, and only for reading).
     *
     * @return the decoder wrapped over the slot's bytes.
     */
    public TickDecoder decoder()
    {
        return view;
    }

    /**
     * Packet kind, one of the {@link PacketKind} constants.
     *
     * @return the packet kind.
     */
    public int kind()
    {
        return view.kind();
    }

    /**
     * Instrument token (segment in the low byte). Use {@code & 0xFFFFFFFFL} for the unsigned value.
     *
     * @return the instrument token.
     */
    public int instrumentToken()
    {
        return view.instrumentToken();
    }

    /**
     * Segment of the instrument ({@link Segment} constants).
     *
     * @return the segment.
     */
    public int segment()
    {
        return view.segment();
    }

    /**
     * Divisor turning raw prices into prices.
     *
     * @return the price divisor.
     */
    public int priceDivisor()
    {
        return view.priceDivisor();
    }

    /**
     * Raw last traded price.
     *
     * @return raw scaled price.
     */
    public int lastPrice()
    {
        return view.lastPrice();
    }

    /**
     * Quantity of the last trade.
     *
     * @return last traded quantity.
     */
    public long lastTradedQuantity()
    {
        return view.lastTradedQuantity();
    }

    /**
     * Raw average traded price of the day.
     *
     * @return raw scaled price.
     */
    public int averageTradedPrice()
    {
        return view.averageTradedPrice();
    }

    /**
     * Volume traded today.
     *
     * @return volume.
     */
    public long volumeTraded()
    {
        return view.volumeTraded();
    }

    /**
     * Total pending buy quantity.
     *
     * @return total buy quantity.
     */
    public long totalBuyQuantity()
    {
        return view.totalBuyQuantity();
    }

    /**
     * Total pending sell quantity.
     *
     * @return total sell quantity.
     */
    public long totalSellQuantity()
    {
        return view.totalSellQuantity();
    }

    /**
     * Raw open price of the day.
     *
     * @return raw scaled price.
     */
    public int open()
    {
        return view.open();
    }

    /**
     * Raw high price of the day.
     *
     * @return raw scaled price.
     */
    public int high()
    {
        return view.high();
    }

    /**
     * Raw low price of the day.
     *
     * @return raw scaled price.
     */
    public int low()
    {
        return view.low();
    }

    /**
     * Raw previous-day close.
     *
     * @return raw scaled price.
     */
    public int close()
    {
        return view.close();
    }

    /**
     * Raw exchange-sent absolute change of an index packet.
     *
     * @return raw scaled change, 0 for non-index packets.
     */
    public int exchangeChange()
    {
        return view.exchangeChange();
    }

    /**
     * Time of the last trade (full packets).
     *
     * @return unix epoch seconds, or 0.
     */
    public long lastTradeTime()
    {
        return view.lastTradeTime();
    }

    /**
     * Open interest (full packets).
     *
     * @return open interest, or 0.
     */
    public long openInterest()
    {
        return view.openInterest();
    }

    /**
     * Open interest day high (full packets).
     *
     * @return open interest day high, or 0.
     */
    public long openInterestDayHigh()
    {
        return view.openInterestDayHigh();
    }

    /**
     * Open interest day low (full packets).
     *
     * @return open interest day low, or 0.
     */
    public long openInterestDayLow()
    {
        return view.openInterestDayLow();
    }

    /**
     * Exchange timestamp (full and index full packets).
     *
     * @return unix epoch seconds, or 0.
     */
    public long exchangeTimestamp()
    {
        return view.exchangeTimestamp();
    }

    /**
     * Bid quantity at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return quantity, or 0 if the packet has no depth or the level is out of range.
     */
    public long bidQuantity(final int level)
    {
        return view.bidQuantity(level);
    }

    /**
     * Raw bid price at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return raw scaled price, or 0.
     */
    public int bidPrice(final int level)
    {
        return view.bidPrice(level);
    }

    /**
     * Number of bid orders at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return number of orders, or 0.
     */
    public int bidOrders(final int level)
    {
        return view.bidOrders(level);
    }

    /**
     * Ask quantity at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return quantity, or 0.
     */
    public long askQuantity(final int level)
    {
        return view.askQuantity(level);
    }

    /**
     * Raw ask price at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return raw scaled price, or 0.
     */
    public int askPrice(final int level)
    {
        return view.askPrice(level);
    }

    /**
     * Number of ask orders at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return number of orders, or 0.
     */
    public int askOrders(final int level)
    {
        return view.askOrders(level);
    }

    /**
     * Absolute raw change from the previous close: {@code lastPrice - close}, 0 for LTP and unknown packets.
     *
     * @return raw scaled change.
     */
    public long change()
    {
        return view.change();
    }

    /**
     * Percentage change from the previous close, as the Java and Python SDKs report it.
     *
     * @return percentage change, or 0 if there is no close.
     */
    public double changePercent()
    {
        return view.changePercent();
    }

    /**
     * Last price as a decimal.
     *
     * @return {@link #lastPrice()} / {@link #priceDivisor()}.
     */
    public double lastPriceAsDouble()
    {
        return view.lastPriceAsDouble();
    }

    /**
     * Average traded price as a decimal.
     *
     * @return average traded price.
     */
    public double averageTradedPriceAsDouble()
    {
        return view.averageTradedPriceAsDouble();
    }

    /**
     * Open as a decimal.
     *
     * @return open price.
     */
    public double openAsDouble()
    {
        return view.openAsDouble();
    }

    /**
     * High as a decimal.
     *
     * @return high price.
     */
    public double highAsDouble()
    {
        return view.highAsDouble();
    }

    /**
     * Low as a decimal.
     *
     * @return low price.
     */
    public double lowAsDouble()
    {
        return view.lowAsDouble();
    }

    /**
     * Close as a decimal.
     *
     * @return previous close.
     */
    public double closeAsDouble()
    {
        return view.closeAsDouble();
    }

    /**
     * Absolute change as a decimal.
     *
     * @return {@link #change()} / {@link #priceDivisor()}.
     */
    public double changeAsDouble()
    {
        return view.changeAsDouble();
    }

    /**
     * Exchange-sent index change as a decimal.
     *
     * @return {@link #exchangeChange()} / {@link #priceDivisor()}.
     */
    public double exchangeChangeAsDouble()
    {
        return view.exchangeChangeAsDouble();
    }

    /**
     * Bid price at a level as a decimal.
     *
     * @param level 0 to 4.
     * @return bid price.
     */
    public double bidPriceAsDouble(final int level)
    {
        return view.bidPriceAsDouble(level);
    }

    /**
     * Ask price at a level as a decimal.
     *
     * @param level 0 to 4.
     * @return ask price.
     */
    public double askPriceAsDouble(final int level)
    {
        return view.askPriceAsDouble(level);
    }

    /**
     * Raw packet body as received, {@link #rawLength()} bytes (at most {@link #RAW_CAPACITY} of them are held).
     *
     * @return a view over the slot's fixed raw array; valid only inside the callback.
     */
    public DirectBuffer rawBuffer()
    {
        return rawBuffer;
    }

    /**
     * True length of the packet body on the wire. When greater than {@link #RAW_CAPACITY} the copy in
     * {@link #rawBuffer()} holds only the first {@link #RAW_CAPACITY} bytes.
     *
     * @return the packet length.
     */
    public int rawLength()
    {
        return rawLength;
    }

    /**
     * Number of raw bytes actually held in {@link #rawBuffer()}.
     *
     * @return {@code min(rawLength(), RAW_CAPACITY)}.
     */
    public int rawCapturedLength()
    {
        return Math.min(rawLength, RAW_CAPACITY);
    }

    /**
     * Append a readable form of the tick without creating intermediate strings.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        final int kind = kind();
        appendTag(builder.append("TickEvent["))
            .append(", kind=").append(PacketKind.name(kind))
            .append(", rawLength=").append(rawLength)
            .append(", instrumentToken=").append(instrumentToken() & 0xFFFF_FFFFL);
        if (PacketKind.UNKNOWN == kind)
        {
            return builder.append(']');
        }

        builder.append(", lastPrice=").append(lastPriceAsDouble());
        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            builder.append(", lastTradedQuantity=").append(lastTradedQuantity())
                .append(", averageTradedPrice=").append(averageTradedPriceAsDouble())
                .append(", volumeTraded=").append(volumeTraded())
                .append(", totalBuyQuantity=").append(totalBuyQuantity())
                .append(", totalSellQuantity=").append(totalSellQuantity());
        }
        if (PacketKind.LTP != kind)
        {
            builder.append(", open=").append(openAsDouble())
                .append(", high=").append(highAsDouble())
                .append(", low=").append(lowAsDouble())
                .append(", close=").append(closeAsDouble())
                .append(", change=").append(changeAsDouble());
        }
        if (PacketKind.INDEX_QUOTE == kind || PacketKind.INDEX_FULL == kind)
        {
            builder.append(", exchangeChange=").append(exchangeChangeAsDouble());
        }
        if (PacketKind.FULL == kind)
        {
            builder.append(", lastTradeTime=").append(lastTradeTime())
                .append(", openInterest=").append(openInterest())
                .append(", openInterestDayHigh=").append(openInterestDayHigh())
                .append(", openInterestDayLow=").append(openInterestDayLow());
        }
        if (PacketKind.FULL == kind || PacketKind.INDEX_FULL == kind)
        {
            builder.append(", exchangeTimestamp=").append(exchangeTimestamp());
        }
        if (PacketKind.FULL == kind)
        {
            builder.append(", bids=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(bidQuantity(level)).append('@')
                    .append(bidPriceAsDouble(level)).append('/').append(bidOrders(level));
            }
            builder.append("], asks=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(askQuantity(level)).append('@')
                    .append(askPriceAsDouble(level)).append('/').append(askOrders(level));
            }
            builder.append(']');
        }

        return builder.append(']');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(256)).toString();
    }
}
