package io.kiteticker.engine.ring;

import com.lmax.disruptor.EventFactory;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.Segment;
import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring slot holding one decoded Kite tick: primitive fields only, filled in place by
 * {@link #decodeFrom(TickDecoder, int, int, long)}, which is the single decode path shared by the live connection
 * agents and the journal replayer.
 * <p>
 * Besides the decoded fields the slot carries the API key index and connection index the packet arrived on, the
 * {@code System.nanoTime()}-style receive timestamp, and a copy of the raw packet body in a fixed per-slot array of
 * {@link #RAW_CAPACITY} bytes ({@link #rawBuffer()}, {@link #rawLength()}); a longer (unknown) packet is truncated
 * into it while {@link #rawLength()} keeps its true length.
 * <p>
 * Prices are the raw scaled integers of the wire: divide by {@link #priceDivisor()} or use the {@code *AsDouble()}
 * accessors. Counts and timestamps are unsigned 32-bit values widened to {@code long}. A field the packet kind does
 * not carry reads 0, as with {@link TickDecoder}.
 * <p>
 * <b>Note:</b> a slot is reused on every lap of the ring: read it inside the handler callback and keep nothing.
 * <p>
 * It is about 700 lines because it is one flat slot with a documented accessor for each of the 26 fields of a full
 * quote packet (six of them per depth level) plus the derived change and {@code *AsDouble} views, beside the decode
 * and the text form; splitting it would put a second object between a handler and the fields of one ring slot.
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

    private int kind;
    private int instrumentToken;
    private int segment;
    private int priceDivisor;
    private int lastPrice;
    private long lastTradedQuantity;
    private int averageTradedPrice;
    private long volumeTraded;
    private long totalBuyQuantity;
    private long totalSellQuantity;
    private int open;
    private int high;
    private int low;
    private int close;
    private int exchangeChange;
    private long lastTradeTime;
    private long openInterest;
    private long openInterestDayHigh;
    private long openInterestDayLow;
    private long exchangeTimestamp;
    private final long[] bidQuantity = new long[DEPTH_LEVELS];
    private final int[] bidPrice = new int[DEPTH_LEVELS];
    private final int[] bidOrders = new int[DEPTH_LEVELS];
    private final long[] askQuantity = new long[DEPTH_LEVELS];
    private final int[] askPrice = new int[DEPTH_LEVELS];
    private final int[] askOrders = new int[DEPTH_LEVELS];
    private final byte[] rawBytes = new byte[RAW_CAPACITY];
    private final UnsafeBuffer rawBuffer = new UnsafeBuffer(rawBytes);
    private int rawLength;

    /**
     * Decode the packet the decoder is wrapped over into this slot, overwriting every field, and copy its raw bytes.
     * This is the one decode path: live agents and the replayer both call it.
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
        final int kind = decoder.kind();
        rawLength = length;
        decoder.getBytes(rawBytes, 0, Math.min(Math.max(length, 0), RAW_CAPACITY));
        this.kind = kind;
        if (length < TickDecoder.INSTRUMENT_TOKEN_LENGTH)
        {
            clearFields();
            return;
        }

        instrumentToken = decoder.instrumentToken();
        segment = decoder.segment();
        priceDivisor = decoder.priceDivisor();
        lastPrice = decoder.lastPrice();
        lastTradedQuantity = decoder.lastTradedQuantity();
        averageTradedPrice = decoder.averageTradedPrice();
        volumeTraded = decoder.volumeTraded();
        totalBuyQuantity = decoder.totalBuyQuantity();
        totalSellQuantity = decoder.totalSellQuantity();
        open = decoder.open();
        high = decoder.high();
        low = decoder.low();
        close = decoder.close();
        exchangeChange = decoder.exchangeChange();
        lastTradeTime = decoder.lastTradeTime();
        openInterest = decoder.openInterest();
        openInterestDayHigh = decoder.openInterestDayHigh();
        openInterestDayLow = decoder.openInterestDayLow();
        exchangeTimestamp = decoder.exchangeTimestamp();
        if (PacketKind.FULL == kind)
        {
            decodeDepth(decoder);
        }
    }

    private void decodeDepth(final TickDecoder decoder)
    {
        // Unrolled on purpose: with a constant level every accessor's level test and every array range check folds.
        decodeDepthLevel(decoder, 0);
        decodeDepthLevel(decoder, 1);
        decodeDepthLevel(decoder, 2);
        decodeDepthLevel(decoder, 3);
        decodeDepthLevel(decoder, 4);
    }

    private void decodeDepthLevel(final TickDecoder decoder, final int level)
    {
        bidQuantity[level] = decoder.bidQuantity(level);
        bidPrice[level] = decoder.bidPrice(level);
        bidOrders[level] = decoder.bidOrders(level);
        askQuantity[level] = decoder.askQuantity(level);
        askPrice[level] = decoder.askPrice(level);
        askOrders[level] = decoder.askOrders(level);
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
        kind = PacketKind.UNKNOWN;
        rawLength = 0;
        clearFields();
    }

    private void clearFields()
    {
        instrumentToken = 0;
        segment = 0;
        priceDivisor = Segment.DEFAULT_PRICE_DIVISOR;
        lastPrice = 0;
        lastTradedQuantity = 0;
        averageTradedPrice = 0;
        volumeTraded = 0;
        totalBuyQuantity = 0;
        totalSellQuantity = 0;
        open = 0;
        high = 0;
        low = 0;
        close = 0;
        exchangeChange = 0;
        lastTradeTime = 0;
        openInterest = 0;
        openInterestDayHigh = 0;
        openInterestDayLow = 0;
        exchangeTimestamp = 0;
    }

    /**
     * Packet kind, one of the {@link PacketKind} constants.
     *
     * @return the packet kind.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * Instrument token (segment in the low byte). Use {@code & 0xFFFFFFFFL} for the unsigned value.
     *
     * @return the instrument token.
     */
    public int instrumentToken()
    {
        return instrumentToken;
    }

    /**
     * Segment of the instrument ({@link Segment} constants).
     *
     * @return the segment.
     */
    public int segment()
    {
        return segment;
    }

    /**
     * Divisor turning raw prices into prices.
     *
     * @return the price divisor.
     */
    public int priceDivisor()
    {
        return priceDivisor;
    }

    /**
     * Raw last traded price.
     *
     * @return raw scaled price.
     */
    public int lastPrice()
    {
        return lastPrice;
    }

    /**
     * Quantity of the last trade.
     *
     * @return last traded quantity.
     */
    public long lastTradedQuantity()
    {
        return lastTradedQuantity;
    }

    /**
     * Raw average traded price of the day.
     *
     * @return raw scaled price.
     */
    public int averageTradedPrice()
    {
        return averageTradedPrice;
    }

    /**
     * Volume traded today.
     *
     * @return volume.
     */
    public long volumeTraded()
    {
        return volumeTraded;
    }

    /**
     * Total pending buy quantity.
     *
     * @return total buy quantity.
     */
    public long totalBuyQuantity()
    {
        return totalBuyQuantity;
    }

    /**
     * Total pending sell quantity.
     *
     * @return total sell quantity.
     */
    public long totalSellQuantity()
    {
        return totalSellQuantity;
    }

    /**
     * Raw open price of the day.
     *
     * @return raw scaled price.
     */
    public int open()
    {
        return open;
    }

    /**
     * Raw high price of the day.
     *
     * @return raw scaled price.
     */
    public int high()
    {
        return high;
    }

    /**
     * Raw low price of the day.
     *
     * @return raw scaled price.
     */
    public int low()
    {
        return low;
    }

    /**
     * Raw previous-day close.
     *
     * @return raw scaled price.
     */
    public int close()
    {
        return close;
    }

    /**
     * Raw exchange-sent absolute change of an index packet.
     *
     * @return raw scaled change, 0 for non-index packets.
     */
    public int exchangeChange()
    {
        return exchangeChange;
    }

    /**
     * Time of the last trade (full packets).
     *
     * @return unix epoch seconds, or 0.
     */
    public long lastTradeTime()
    {
        return lastTradeTime;
    }

    /**
     * Open interest (full packets).
     *
     * @return open interest, or 0.
     */
    public long openInterest()
    {
        return openInterest;
    }

    /**
     * Open interest day high (full packets).
     *
     * @return open interest day high, or 0.
     */
    public long openInterestDayHigh()
    {
        return openInterestDayHigh;
    }

    /**
     * Open interest day low (full packets).
     *
     * @return open interest day low, or 0.
     */
    public long openInterestDayLow()
    {
        return openInterestDayLow;
    }

    /**
     * Exchange timestamp (full and index full packets).
     *
     * @return unix epoch seconds, or 0.
     */
    public long exchangeTimestamp()
    {
        return exchangeTimestamp;
    }

    /**
     * Bid quantity at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return quantity, or 0 if the packet has no depth or the level is out of range.
     */
    public long bidQuantity(final int level)
    {
        return hasDepthLevel(level) ? bidQuantity[level] : 0;
    }

    /**
     * Raw bid price at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return raw scaled price, or 0.
     */
    public int bidPrice(final int level)
    {
        return hasDepthLevel(level) ? bidPrice[level] : 0;
    }

    /**
     * Number of bid orders at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return number of orders, or 0.
     */
    public int bidOrders(final int level)
    {
        return hasDepthLevel(level) ? bidOrders[level] : 0;
    }

    /**
     * Ask quantity at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return quantity, or 0.
     */
    public long askQuantity(final int level)
    {
        return hasDepthLevel(level) ? askQuantity[level] : 0;
    }

    /**
     * Raw ask price at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return raw scaled price, or 0.
     */
    public int askPrice(final int level)
    {
        return hasDepthLevel(level) ? askPrice[level] : 0;
    }

    /**
     * Number of ask orders at a depth level (full packets).
     *
     * @param level 0 to 4.
     * @return number of orders, or 0.
     */
    public int askOrders(final int level)
    {
        return hasDepthLevel(level) ? askOrders[level] : 0;
    }

    /**
     * Absolute raw change from the previous close: {@code lastPrice - close}, 0 for LTP and unknown packets.
     *
     * @return raw scaled change.
     */
    public long change()
    {
        return PacketKind.LTP < kind ? (long)lastPrice - close : 0;
    }

    /**
     * Percentage change from the previous close, as the Java and Python SDKs report it.
     *
     * @return percentage change, or 0 if there is no close.
     */
    public double changePercent()
    {
        if (0 == close || PacketKind.LTP >= kind)
        {
            return 0.0;
        }

        final double divisor = priceDivisor;
        final double lastPrice = this.lastPrice / divisor;
        final double close = this.close / divisor;

        return (lastPrice - close) * 100 / close;
    }

    /**
     * Last price as a decimal.
     *
     * @return {@link #lastPrice()} / {@link #priceDivisor()}.
     */
    public double lastPriceAsDouble()
    {
        return toDouble(lastPrice);
    }

    /**
     * Average traded price as a decimal.
     *
     * @return average traded price.
     */
    public double averageTradedPriceAsDouble()
    {
        return toDouble(averageTradedPrice);
    }

    /**
     * Open as a decimal.
     *
     * @return open price.
     */
    public double openAsDouble()
    {
        return toDouble(open);
    }

    /**
     * High as a decimal.
     *
     * @return high price.
     */
    public double highAsDouble()
    {
        return toDouble(high);
    }

    /**
     * Low as a decimal.
     *
     * @return low price.
     */
    public double lowAsDouble()
    {
        return toDouble(low);
    }

    /**
     * Close as a decimal.
     *
     * @return previous close.
     */
    public double closeAsDouble()
    {
        return toDouble(close);
    }

    /**
     * Absolute change as a decimal.
     *
     * @return {@link #change()} / {@link #priceDivisor()}.
     */
    public double changeAsDouble()
    {
        return change() / (double)priceDivisor;
    }

    /**
     * Exchange-sent index change as a decimal.
     *
     * @return {@link #exchangeChange()} / {@link #priceDivisor()}.
     */
    public double exchangeChangeAsDouble()
    {
        return toDouble(exchangeChange);
    }

    /**
     * Bid price at a level as a decimal.
     *
     * @param level 0 to 4.
     * @return bid price.
     */
    public double bidPriceAsDouble(final int level)
    {
        return toDouble(bidPrice(level));
    }

    /**
     * Ask price at a level as a decimal.
     *
     * @param level 0 to 4.
     * @return ask price.
     */
    public double askPriceAsDouble(final int level)
    {
        return toDouble(askPrice(level));
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
        appendTag(builder.append("TickEvent["))
            .append(", kind=").append(PacketKind.name(kind))
            .append(", rawLength=").append(rawLength)
            .append(", instrumentToken=").append(instrumentToken & 0xFFFF_FFFFL);
        if (PacketKind.UNKNOWN == kind)
        {
            return builder.append(']');
        }

        builder.append(", lastPrice=").append(lastPriceAsDouble());
        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            builder.append(", lastTradedQuantity=").append(lastTradedQuantity)
                .append(", averageTradedPrice=").append(averageTradedPriceAsDouble())
                .append(", volumeTraded=").append(volumeTraded)
                .append(", totalBuyQuantity=").append(totalBuyQuantity)
                .append(", totalSellQuantity=").append(totalSellQuantity);
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
            builder.append(", lastTradeTime=").append(lastTradeTime)
                .append(", openInterest=").append(openInterest)
                .append(", openInterestDayHigh=").append(openInterestDayHigh)
                .append(", openInterestDayLow=").append(openInterestDayLow);
        }
        if (PacketKind.FULL == kind || PacketKind.INDEX_FULL == kind)
        {
            builder.append(", exchangeTimestamp=").append(exchangeTimestamp);
        }
        if (PacketKind.FULL == kind)
        {
            builder.append(", bids=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(bidQuantity[level]).append('@')
                    .append(toDouble(bidPrice[level])).append('/').append(bidOrders[level]);
            }
            builder.append("], asks=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(askQuantity[level]).append('@')
                    .append(toDouble(askPrice[level])).append('/').append(askOrders[level]);
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

    private boolean hasDepthLevel(final int level)
    {
        return PacketKind.FULL == kind && level >= 0 && level < DEPTH_LEVELS;
    }

    private double toDouble(final int raw)
    {
        return raw / (double)priceDivisor;
    }
}
