package io.kiteticker.codec.packet;

import io.kiteticker.codec.CodecConfiguration;
import io.kiteticker.codec.Mode;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.util.Objects;

import static io.kiteticker.codec.packet.PacketKind.FULL;
import static io.kiteticker.codec.packet.PacketKind.INDEX_FULL;
import static io.kiteticker.codec.packet.PacketKind.INDEX_QUOTE;
import static io.kiteticker.codec.packet.PacketKind.LTP;
import static io.kiteticker.codec.packet.PacketKind.QUOTE;
import static io.kiteticker.codec.packet.PacketKind.UNKNOWN;

/**
 * Flyweight decoder of one Kite ticker packet body (without its 2-byte length prefix), in the mould of an SBE
 * decoder: {@link #wrap(DirectBuffer, int, int)} returns {@code this}, every getter is one big-endian read at a
 * constant offset, and nothing is allocated.
 * <p>
 * The kind is identified by the length alone ({@link PacketKind#kindForLength(int)}), as the official SDKs do.
 * Getters return the raw wire values: prices are scaled signed int32 (divide by {@link #priceDivisor()}, or use the
 * {@code *AsDouble()} accessors), counts and timestamps are unsigned uint32 widened to {@code long}. A field the
 * packet kind does not carry reads as 0, and so does every field but the token of an {@link PacketKind#UNKNOWN}
 * packet.
 * <pre>
 * LTP (8 bytes), any segment
 *   0  instrument token       4  last price
 *
 * INDEX_QUOTE (28 bytes) and INDEX_FULL (32 bytes), normally segment 9 (INDICES)
 *   0  instrument token       4  last price          8  high               12  low
 *  16  open                  20  close              24  exchange change (absolute, signed, scaled)
 *  28  exchange timestamp (INDEX_FULL only, unix seconds)
 *
 * QUOTE (44 bytes) and FULL (184 bytes), tradable segments
 *   0  instrument token       4  last price          8  last traded qty    12  average traded price
 *  16  volume traded         20  total buy qty      24  total sell qty     28  open
 *  32  high                  36  low                40  close
 * FULL only:
 *  44  last trade time (s)   48  open interest      52  OI day high        56  OI day low
 *  60  exchange timestamp (s)
 *  64 + 12 * i   bid level i (i = 0..4)     124 + 12 * i   ask level i (i = 0..4)
 *
 * depth entry (12 bytes)
 *   0  quantity (u32)         4  price (i32, scaled)  8  orders (u16)       10  padding (2 bytes)
 * </pre>
 * Derived values: {@link #change()} is the absolute {@code lastPrice - close} (raw, scaled), {@link #changePercent()}
 * is {@code (lastPrice - close) * 100 / close} as the Java and Python SDKs report, and {@link #exchangeChange()} is
 * the absolute change the exchange sends in index packets (bytes 24-28).
 * <p>
 * <b>Performance.</b> As in SBE, the length is validated once: {@link #wrap(DirectBuffer, int, int)} checks that the
 * whole packet lies inside the buffer (always, whatever {@code agrona.disable.bounds.checks} says), computes the kind,
 * reads the instrument token (through the buffer) and derives the price divisor once, and captures the buffer's memory
 * (its {@code byte[]} or address).
 * Each getter is then one unchecked, big-endian load at a constant offset behind a test of the kind, with no
 * interface call and no bounds check. The loads are split by whether the memory is on the heap or off it, so the JIT
 * knows the base of each load and keeps the decoder's fields in registers across them (a load whose base may be
 * either is fenced by C2 and forces every field to be re-read). The {@code *AsDouble()} accessors return exactly
 * {@code raw / (double)priceDivisor()}, bit for bit as the official SDK computes them, but without a division when
 * {@link #FAST_EXACT_DIVISION} holds: see {@link #scaledToDouble(int, double, double)}.
 * <p>
 * <b>Note:</b> a decoder belongs to one thread and is only valid while the bytes it wraps are unchanged and the buffer
 * is not re-wrapped or freed: the token and the divisor are read at wrap time and later reads go to the memory
 * captured then. {@link #wrap(DirectBuffer, int, int)} throws {@link IndexOutOfBoundsException} if the packet runs
 * past the buffer; {@link io.kiteticker.codec.frame.KiteMessageDecoder} only hands out packets that fit.
 * <p>
 * <b>Why one long class.</b> It is the flyweight of five packet layouts: one offset constant and one accessor (raw,
 * and {@code *AsDouble()} for prices) per field, plus the bid and ask depth accessors. Splitting it per layout would
 * put an interface call or a second object between a getter and its load; the getters are JMH-measured and stay
 * flat.
 */
public final class TickDecoder
{
    /**
     * Byte order of every field.
     */
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;

    /**
     * Offset of the instrument token (all kinds).
     */
    public static final int INSTRUMENT_TOKEN_OFFSET = 0;

    /**
     * Length of the instrument token: a packet shorter than this cannot be decoded at all.
     */
    public static final int INSTRUMENT_TOKEN_LENGTH = 4;

    /**
     * Offset of the last traded price (all known kinds).
     */
    public static final int LAST_PRICE_OFFSET = 4;

    /**
     * Offset of the last traded quantity (quote and full).
     */
    public static final int LAST_TRADED_QUANTITY_OFFSET = 8;

    /**
     * Offset of the average traded price (quote and full).
     */
    public static final int AVERAGE_TRADED_PRICE_OFFSET = 12;

    /**
     * Offset of the volume traded today (quote and full).
     */
    public static final int VOLUME_TRADED_OFFSET = 16;

    /**
     * Offset of the total buy quantity (quote and full).
     */
    public static final int TOTAL_BUY_QUANTITY_OFFSET = 20;

    /**
     * Offset of the total sell quantity (quote and full).
     */
    public static final int TOTAL_SELL_QUANTITY_OFFSET = 24;

    /**
     * Offset of the open price (quote and full).
     */
    public static final int OPEN_OFFSET = 28;

    /**
     * Offset of the high price (quote and full).
     */
    public static final int HIGH_OFFSET = 32;

    /**
     * Offset of the low price (quote and full).
     */
    public static final int LOW_OFFSET = 36;

    /**
     * Offset of the previous close price (quote and full).
     */
    public static final int CLOSE_OFFSET = 40;

    /**
     * Offset of the last trade time in unix seconds (full).
     */
    public static final int LAST_TRADE_TIME_OFFSET = 44;

    /**
     * Offset of the open interest (full).
     */
    public static final int OPEN_INTEREST_OFFSET = 48;

    /**
     * Offset of the open interest day high (full).
     */
    public static final int OPEN_INTEREST_DAY_HIGH_OFFSET = 52;

    /**
     * Offset of the open interest day low (full).
     */
    public static final int OPEN_INTEREST_DAY_LOW_OFFSET = 56;

    /**
     * Offset of the exchange timestamp in unix seconds (full).
     */
    public static final int EXCHANGE_TIMESTAMP_OFFSET = 60;

    /**
     * Offset of the first bid depth entry (full).
     */
    public static final int BIDS_OFFSET = 64;

    /**
     * Offset of the first ask (offer) depth entry (full).
     */
    public static final int ASKS_OFFSET = 124;

    /**
     * Number of depth levels on each side.
     */
    public static final int DEPTH_LEVELS = 5;

    /**
     * Length of one depth entry.
     */
    public static final int DEPTH_ENTRY_LENGTH = 12;

    /**
     * Offset of the quantity within a depth entry.
     */
    public static final int DEPTH_QUANTITY_OFFSET = 0;

    /**
     * Offset of the price within a depth entry.
     */
    public static final int DEPTH_PRICE_OFFSET = 4;

    /**
     * Offset of the number of orders (u16) within a depth entry.
     */
    public static final int DEPTH_ORDERS_OFFSET = 8;

    /**
     * Offset of the high price in the index layouts.
     */
    public static final int INDEX_HIGH_OFFSET = 8;

    /**
     * Offset of the low price in the index layouts.
     */
    public static final int INDEX_LOW_OFFSET = 12;

    /**
     * Offset of the open price in the index layouts.
     */
    public static final int INDEX_OPEN_OFFSET = 16;

    /**
     * Offset of the previous close price in the index layouts.
     */
    public static final int INDEX_CLOSE_OFFSET = 20;

    /**
     * Offset of the exchange-sent absolute price change in the index layouts.
     */
    public static final int INDEX_EXCHANGE_CHANGE_OFFSET = 24;

    /**
     * Offset of the exchange timestamp in unix seconds in the index full layout.
     */
    public static final int INDEX_EXCHANGE_TIMESTAMP_OFFSET = 28;

    /**
     * True when the {@code *AsDouble()} accessors replace {@code raw / divisor} by the division-free, still exact
     * {@link #scaledToDouble(int, double, double)}: by default when the JVM compiles
     * {@link Math#fma(double, double, double)} to a hardware fused multiply-add, else plain division is used. Set by
     * {@link CodecConfiguration#FAST_EXACT_DIVISION_PROP_NAME} ({@code kite.codec.fastExactDivision=true|false|auto}),
     * read once.
     */
    public static final boolean FAST_EXACT_DIVISION = CodecConfiguration.FAST_EXACT_DIVISION;

    private static final boolean SWAP_BYTES = ByteOrder.nativeOrder() != BYTE_ORDER;
    private static final long UINT32_MASK = 0xFFFF_FFFFL;
    private static final int UINT16_MASK = 0xFFFF;
    private static final double DEFAULT_RECIPROCAL = 1.0 / Segment.DEFAULT_PRICE_DIVISOR;
    private static final double CDS_RECIPROCAL = 1.0 / Segment.CDS_PRICE_DIVISOR;
    private static final double BCD_RECIPROCAL = 1.0 / Segment.BCD_PRICE_DIVISOR;

    private int kind;
    private int length;
    private int instrumentToken;
    private int priceDivisor = Segment.DEFAULT_PRICE_DIVISOR;
    private double divisor = Segment.DEFAULT_PRICE_DIVISOR;
    private double reciprocal = DEFAULT_RECIPROCAL;
    private long address;
    private byte[] byteArray;
    private int offset;
    private DirectBuffer buffer;
    private Object memoryOwner;

    /**
     * Wrap a packet body.
     *
     * @param buffer holding the packet.
     * @param offset of the first byte of the body (the instrument token).
     * @param length of the body; it determines the {@link #kind()}.
     * @return this for a fluent API.
     * @throws IndexOutOfBoundsException if {@code length} bytes from {@code offset} run past the buffer.
     */
    public TickDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        int kind = PacketKind.UNKNOWN;
        int token = 0;
        if (length > 0)
        {
            buffer.boundsCheck(offset, length);
            captureMemory(buffer, offset);
            if (length >= INSTRUMENT_TOKEN_LENGTH)
            {
                kind = PacketKind.kindForLength(length);
                token = buffer.getInt(offset + INSTRUMENT_TOKEN_OFFSET, BYTE_ORDER);
            }
        }
        if (buffer != this.buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.kind = kind;
        this.instrumentToken = token;
        priceScale(token);

        return this;
    }

    /**
     * Wrap a packet body that the caller has already checked lies wholly inside the buffer: {@link
     * #wrap(DirectBuffer, int, int)} without its bounds check, and with the token read from the captured memory rather
     * than through the buffer. It is the path {@link io.kiteticker.codec.frame.KiteMessageDecoder} takes for the
     * packets of a message it has validated as lying inside its buffer; the decoder is then in exactly the state
     * {@link #wrap(DirectBuffer, int, int)} would leave it in.
     * <p>
     * <b>Note:</b> the range is not checked: {@code offset} and {@code length} outside the buffer read memory outside
     * it. Use {@link #wrap(DirectBuffer, int, int)} unless the range has been checked. A {@code length} shorter than
     * {@link #INSTRUMENT_TOKEN_LENGTH} is handed to {@link #wrap(DirectBuffer, int, int)}.
     *
     * @param buffer holding the packet.
     * @param offset of the first byte of the body (the instrument token), already checked.
     * @param length of the body, already checked; it determines the {@link #kind()}.
     * @return this for a fluent API.
     */
    public TickDecoder wrapUnchecked(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < INSTRUMENT_TOKEN_LENGTH)
        {
            return wrap(buffer, offset, length);
        }

        captureMemory(buffer, offset);
        if (buffer != this.buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.kind = PacketKind.kindForLength(length);
        final int token = getInt(INSTRUMENT_TOKEN_OFFSET);
        this.instrumentToken = token;
        priceScale(token);

        return this;
    }

    private void captureMemory(final DirectBuffer buffer, final int offset)
    {
        // fields written only when they change: a packet stream rewraps the same buffer
        final byte[] byteArray = buffer.byteArray();
        if (byteArray != this.byteArray)
        {
            this.byteArray = byteArray;
        }
        final Object memoryOwner = null != byteArray ? null : buffer.byteBuffer();
        if (memoryOwner != this.memoryOwner)
        {
            this.memoryOwner = memoryOwner;
        }
        address = buffer.addressOffset() + offset;
    }

    private void priceScale(final int token)
    {
        final int segment = token & Segment.SEGMENT_MASK;
        if (Segment.CDS == segment)
        {
            priceDivisor = Segment.CDS_PRICE_DIVISOR;
            divisor = Segment.CDS_PRICE_DIVISOR;
            reciprocal = CDS_RECIPROCAL;
        }
        else if (Segment.BCD == segment)
        {
            priceDivisor = Segment.BCD_PRICE_DIVISOR;
            divisor = Segment.BCD_PRICE_DIVISOR;
            reciprocal = BCD_RECIPROCAL;
        }
        else
        {
            priceDivisor = Segment.DEFAULT_PRICE_DIVISOR;
            divisor = Segment.DEFAULT_PRICE_DIVISOR;
            reciprocal = DEFAULT_RECIPROCAL;
        }
    }

    /**
     * The buffer last wrapped.
     *
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the packet body in {@link #buffer()}.
     *
     * @return offset of the packet body in the buffer.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Length of the packet body.
     *
     * @return length of the packet body in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * Copy the first {@code length} bytes of the packet body into an array, from the memory captured at wrap (no
     * interface call, one bounds check on each side).
     *
     * @param destination       to copy into.
     * @param destinationOffset in {@code destination} of the first byte.
     * @param length            number of bytes to copy, at most {@link #length()}.
     * @throws IndexOutOfBoundsException if {@code length} exceeds the packet or the destination.
     */
    public void getBytes(final byte[] destination, final int destinationOffset, final int length)
    {
        Objects.checkFromIndexSize(0, length, Math.max(this.length, 0));
        Objects.checkFromIndexSize(destinationOffset, length, destination.length);
        final byte[] byteArray = this.byteArray;
        if (null != byteArray)
        {
            System.arraycopy(
                byteArray, (int)(address - BufferUtil.ARRAY_BASE_OFFSET), destination, destinationOffset, length);
        }
        else if (length > 0)
        {
            UnsafeApi.copyMemory(null, address, destination, BufferUtil.ARRAY_BASE_OFFSET + destinationOffset, length);
        }
    }

    /**
     * Kind of the packet, from its length.
     *
     * @return one of the {@link PacketKind} constants.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * Mode the packet was sent in.
     *
     * @return the mode of the packet's kind, or {@code null} for {@link PacketKind#UNKNOWN}.
     */
    public Mode mode()
    {
        return PacketKind.mode(kind);
    }

    /**
     * Read the instrument token of a packet without wrapping it.
     *
     * @param buffer holding the packet.
     * @param offset of the packet body.
     * @return the instrument token.
     */
    public static int instrumentToken(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + INSTRUMENT_TOKEN_OFFSET, BYTE_ORDER);
    }

    /**
     * Read the raw last price of a packet of a known kind without wrapping it.
     *
     * @param buffer holding the packet.
     * @param offset of the packet body.
     * @return the raw scaled last price.
     */
    public static int lastPrice(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LAST_PRICE_OFFSET, BYTE_ORDER);
    }

    /**
     * The instrument token: segment in the low byte, exchange token above.
     *
     * @return the instrument token, or 0 if the packet is shorter than 4 bytes.
     */
    public int instrumentToken()
    {
        return instrumentToken;
    }

    /**
     * The segment of the instrument token.
     *
     * @return one of the {@link Segment} codes.
     */
    public int segment()
    {
        return instrumentToken & Segment.SEGMENT_MASK;
    }

    /**
     * The divisor that turns the raw prices of this packet into prices.
     *
     * @return 10,000,000 for CDS, 10,000 for BCD, otherwise 100.
     */
    public int priceDivisor()
    {
        return priceDivisor;
    }

    /**
     * Is the instrument an index (segment 9)? The layout itself is given by {@link #kind()}.
     *
     * @return true if the token's segment is {@link Segment#INDICES}.
     */
    public boolean isIndex()
    {
        return Segment.isIndex(segment());
    }

    /**
     * Is the instrument tradable (any segment but indices)?
     *
     * @return true unless the token's segment is {@link Segment#INDICES}.
     */
    public boolean isTradable()
    {
        return Segment.isTradable(segment());
    }

    /**
     * Raw last traded price.
     *
     * @return raw scaled last price, or 0 for an unknown kind.
     */
    public int lastPrice()
    {
        return UNKNOWN != kind ? getInt(LAST_PRICE_OFFSET) : 0;
    }

    /**
     * Quantity of the last trade.
     *
     * @return last traded quantity (u32), or 0 if the kind has none.
     */
    public long lastTradedQuantity()
    {
        return hasQuoteLayout() ? getUnsignedInt(LAST_TRADED_QUANTITY_OFFSET) : 0;
    }

    /**
     * Raw volume-weighted average traded price of the day.
     *
     * @return raw scaled average price, or 0 if the kind has none.
     */
    public int averageTradedPrice()
    {
        return hasQuoteLayout() ? getInt(AVERAGE_TRADED_PRICE_OFFSET) : 0;
    }

    /**
     * Volume traded today.
     *
     * @return volume (u32), or 0 if the kind has none.
     */
    public long volumeTraded()
    {
        return hasQuoteLayout() ? getUnsignedInt(VOLUME_TRADED_OFFSET) : 0;
    }

    /**
     * Total pending buy quantity.
     *
     * @return total buy quantity (u32), or 0 if the kind has none.
     */
    public long totalBuyQuantity()
    {
        return hasQuoteLayout() ? getUnsignedInt(TOTAL_BUY_QUANTITY_OFFSET) : 0;
    }

    /**
     * Total pending sell quantity.
     *
     * @return total sell quantity (u32), or 0 if the kind has none.
     */
    public long totalSellQuantity()
    {
        return hasQuoteLayout() ? getUnsignedInt(TOTAL_SELL_QUANTITY_OFFSET) : 0;
    }

    /**
     * Raw open price of the day, from bytes 28-32 (quote, full) or 16-20 (index layouts).
     *
     * @return raw scaled open, or 0 if the kind has none.
     */
    public int open()
    {
        return ohlc(OPEN_OFFSET, INDEX_OPEN_OFFSET);
    }

    /**
     * Raw high price of the day, from bytes 32-36 (quote, full) or 8-12 (index layouts).
     *
     * @return raw scaled high, or 0 if the kind has none.
     */
    public int high()
    {
        return ohlc(HIGH_OFFSET, INDEX_HIGH_OFFSET);
    }

    /**
     * Raw low price of the day, from bytes 36-40 (quote, full) or 12-16 (index layouts).
     *
     * @return raw scaled low, or 0 if the kind has none.
     */
    public int low()
    {
        return ohlc(LOW_OFFSET, INDEX_LOW_OFFSET);
    }

    /**
     * Raw previous-day close price, from bytes 40-44 (quote, full) or 20-24 (index layouts).
     *
     * @return raw scaled close, or 0 if the kind has none.
     */
    public int close()
    {
        return ohlc(CLOSE_OFFSET, INDEX_CLOSE_OFFSET);
    }

    /**
     * Raw absolute price change the exchange sends in index packets (bytes 24-28, signed).
     *
     * @return raw scaled exchange change, or 0 if the kind is not an index layout.
     */
    public int exchangeChange()
    {
        return hasIndexLayout() ? getInt(INDEX_EXCHANGE_CHANGE_OFFSET) : 0;
    }

    /**
     * Time of the last trade.
     *
     * @return unix epoch seconds (u32), or 0 if the kind is not full.
     */
    public long lastTradeTime()
    {
        return FULL == kind ? getUnsignedInt(LAST_TRADE_TIME_OFFSET) : 0;
    }

    /**
     * Open interest.
     *
     * @return open interest (u32), or 0 if the kind is not full.
     */
    public long openInterest()
    {
        return FULL == kind ? getUnsignedInt(OPEN_INTEREST_OFFSET) : 0;
    }

    /**
     * Open interest day high.
     *
     * @return open interest day high (u32), or 0 if the kind is not full.
     */
    public long openInterestDayHigh()
    {
        return FULL == kind ? getUnsignedInt(OPEN_INTEREST_DAY_HIGH_OFFSET) : 0;
    }

    /**
     * Open interest day low.
     *
     * @return open interest day low (u32), or 0 if the kind is not full.
     */
    public long openInterestDayLow()
    {
        return FULL == kind ? getUnsignedInt(OPEN_INTEREST_DAY_LOW_OFFSET) : 0;
    }

    /**
     * Exchange timestamp, from bytes 60-64 (full) or 28-32 (index full).
     *
     * @return unix epoch seconds (u32), or 0 if the kind has none.
     */
    public long exchangeTimestamp()
    {
        final int kind = this.kind;
        if (FULL == kind)
        {
            return getUnsignedInt(EXCHANGE_TIMESTAMP_OFFSET);
        }
        else if (INDEX_FULL == kind)
        {
            return getUnsignedInt(INDEX_EXCHANGE_TIMESTAMP_OFFSET);
        }

        return 0;
    }

    /**
     * Quantity at a bid level.
     *
     * @param level 0 (best) to 4.
     * @return quantity (u32), or 0 if the kind is not full or the level is out of range.
     */
    public long bidQuantity(final int level)
    {
        return isDepthLevel(level) ? getUnsignedInt(BIDS_OFFSET + level * DEPTH_ENTRY_LENGTH) : 0;
    }

    /**
     * Raw price at a bid level.
     *
     * @param level 0 (best) to 4.
     * @return raw scaled price, or 0 if the kind is not full or the level is out of range.
     */
    public int bidPrice(final int level)
    {
        return isDepthLevel(level) ? getInt(BIDS_OFFSET + level * DEPTH_ENTRY_LENGTH + DEPTH_PRICE_OFFSET) : 0;
    }

    /**
     * Number of orders at a bid level.
     *
     * @param level 0 (best) to 4.
     * @return number of orders (u16), or 0 if the kind is not full or the level is out of range.
     */
    public int bidOrders(final int level)
    {
        return isDepthLevel(level) ?
            getUnsignedShort(BIDS_OFFSET + level * DEPTH_ENTRY_LENGTH + DEPTH_ORDERS_OFFSET) : 0;
    }

    /**
     * Quantity at an ask (offer) level.
     *
     * @param level 0 (best) to 4.
     * @return quantity (u32), or 0 if the kind is not full or the level is out of range.
     */
    public long askQuantity(final int level)
    {
        return isDepthLevel(level) ? getUnsignedInt(ASKS_OFFSET + level * DEPTH_ENTRY_LENGTH) : 0;
    }

    /**
     * Raw price at an ask (offer) level.
     *
     * @param level 0 (best) to 4.
     * @return raw scaled price, or 0 if the kind is not full or the level is out of range.
     */
    public int askPrice(final int level)
    {
        return isDepthLevel(level) ? getInt(ASKS_OFFSET + level * DEPTH_ENTRY_LENGTH + DEPTH_PRICE_OFFSET) : 0;
    }

    /**
     * Number of orders at an ask (offer) level.
     *
     * @param level 0 (best) to 4.
     * @return number of orders (u16), or 0 if the kind is not full or the level is out of range.
     */
    public int askOrders(final int level)
    {
        return isDepthLevel(level) ?
            getUnsignedShort(ASKS_OFFSET + level * DEPTH_ENTRY_LENGTH + DEPTH_ORDERS_OFFSET) : 0;
    }

    /**
     * Absolute change from the previous close: {@code lastPrice - close}, raw and scaled like a price. As the Go SDK
     * and the Rust crate report for full packets (the Go SDK reports 0 for quote packets).
     *
     * @return raw scaled change, or 0 for LTP and unknown packets.
     */
    public long change()
    {
        return LTP < kind ? (long)lastPrice() - close() : 0;
    }

    /**
     * Percentage change from the previous close: {@code (lastPrice - close) * 100 / close}, computed on the divided
     * double prices exactly as the Java SDK computes its {@code change}, so the two agree to the last bit.
     *
     * @return percentage change, or 0 if the close is 0 or the packet carries no close.
     */
    public double changePercent()
    {
        final int rawClose = close();
        if (0 == rawClose)
        {
            return 0.0;
        }

        final double lastPrice = toDouble(lastPrice());
        final double close = toDouble(rawClose);

        return (lastPrice - close) * 100 / close;
    }

    /**
     * {@link #lastPrice()} divided by {@link #priceDivisor()}.
     *
     * @return last price.
     */
    public double lastPriceAsDouble()
    {
        return toDouble(lastPrice());
    }

    /**
     * {@link #averageTradedPrice()} divided by {@link #priceDivisor()}.
     *
     * @return average traded price.
     */
    public double averageTradedPriceAsDouble()
    {
        return toDouble(averageTradedPrice());
    }

    /**
     * {@link #open()} divided by {@link #priceDivisor()}.
     *
     * @return open price.
     */
    public double openAsDouble()
    {
        return toDouble(open());
    }

    /**
     * {@link #high()} divided by {@link #priceDivisor()}.
     *
     * @return high price.
     */
    public double highAsDouble()
    {
        return toDouble(high());
    }

    /**
     * {@link #low()} divided by {@link #priceDivisor()}.
     *
     * @return low price.
     */
    public double lowAsDouble()
    {
        return toDouble(low());
    }

    /**
     * {@link #close()} divided by {@link #priceDivisor()}.
     *
     * @return previous close price.
     */
    public double closeAsDouble()
    {
        return toDouble(close());
    }

    /**
     * {@link #exchangeChange()} divided by {@link #priceDivisor()}.
     *
     * @return the exchange-sent absolute change of an index.
     */
    public double exchangeChangeAsDouble()
    {
        return toDouble(exchangeChange());
    }

    /**
     * {@link #change()} divided by {@link #priceDivisor()}.
     *
     * @return absolute change from the previous close.
     */
    public double changeAsDouble()
    {
        return change() / divisor;
    }

    /**
     * {@link #bidPrice(int)} divided by {@link #priceDivisor()}.
     *
     * @param level 0 (best) to 4.
     * @return bid price.
     */
    public double bidPriceAsDouble(final int level)
    {
        return toDouble(bidPrice(level));
    }

    /**
     * {@link #askPrice(int)} divided by {@link #priceDivisor()}.
     *
     * @param level 0 (best) to 4.
     * @return ask price.
     */
    public double askPriceAsDouble(final int level)
    {
        return toDouble(askPrice(level));
    }

    /**
     * Append a readable form of the packet, with prices as decimals, without creating intermediate strings.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        final int kind = this.kind;
        final int divisor = priceDivisor();
        builder.append(PacketKind.name(kind))
            .append("[length=").append(length)
            .append(", instrumentToken=").append(instrumentToken() & UINT32_MASK)
            .append(", segment=").append(Segment.name(segment()));

        if (UNKNOWN == kind)
        {
            return builder.append(']');
        }

        appendPrice(builder.append(", lastPrice="), lastPrice(), divisor);
        if (hasQuoteLayout())
        {
            builder.append(", lastTradedQuantity=").append(lastTradedQuantity());
            appendPrice(builder.append(", averageTradedPrice="), averageTradedPrice(), divisor);
            builder.append(", volumeTraded=").append(volumeTraded())
                .append(", totalBuyQuantity=").append(totalBuyQuantity())
                .append(", totalSellQuantity=").append(totalSellQuantity());
        }

        if (LTP != kind)
        {
            appendPrice(builder.append(", open="), open(), divisor);
            appendPrice(builder.append(", high="), high(), divisor);
            appendPrice(builder.append(", low="), low(), divisor);
            appendPrice(builder.append(", close="), close(), divisor);
            appendPrice(builder.append(", change="), change(), divisor);
        }

        if (hasIndexLayout())
        {
            appendPrice(builder.append(", exchangeChange="), exchangeChange(), divisor);
        }

        if (FULL == kind)
        {
            builder.append(", lastTradeTime=").append(lastTradeTime())
                .append(", openInterest=").append(openInterest())
                .append(", openInterestDayHigh=").append(openInterestDayHigh())
                .append(", openInterestDayLow=").append(openInterestDayLow());
        }

        if (FULL == kind || INDEX_FULL == kind)
        {
            builder.append(", exchangeTimestamp=").append(exchangeTimestamp());
        }

        if (FULL == kind)
        {
            builder.append(", bids=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(bidQuantity(level)).append('@');
                appendPrice(builder, bidPrice(level), divisor).append('/').append(bidOrders(level));
            }
            builder.append("], asks=");
            for (int level = 0; level < DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(askQuantity(level)).append('@');
                appendPrice(builder, askPrice(level), divisor).append('/').append(askOrders(level));
            }
            builder.append(']');
        }

        return builder.append(']');
    }

    /**
     * A readable form of the packet, see {@link #appendTo(StringBuilder)}.
     *
     * @return a readable form of the packet.
     */
    @Override
    public String toString()
    {
        if (null == buffer)
        {
            return "TickDecoder[unwrapped]";
        }

        return appendTo(new StringBuilder(256)).toString();
    }

    /**
     * Append a raw scaled price as a decimal with as many fraction digits as the divisor has zeros, e.g. 157315 with
     * divisor 100 as {@code 1573.15}.
     *
     * @param builder to append to.
     * @param rawPrice scaled integer price.
     * @param divisor power of ten the price is scaled by.
     * @return the builder.
     */
    public static StringBuilder appendPrice(final StringBuilder builder, final long rawPrice, final int divisor)
    {
        long value = rawPrice;
        if (value < 0)
        {
            builder.append('-');
            value = -value;
        }
        builder.append(value / divisor);
        if (divisor > 1)
        {
            builder.append('.');
            final long fraction = value % divisor;
            for (long digit = divisor / 10; digit > 0; digit /= 10)
            {
                builder.append((char)('0' + (fraction / digit) % 10));
            }
        }

        return builder;
    }

    private boolean hasQuoteLayout()
    {
        return QUOTE == kind || FULL == kind;
    }

    private boolean hasIndexLayout()
    {
        return INDEX_QUOTE == kind || INDEX_FULL == kind;
    }

    private boolean isDepthLevel(final int level)
    {
        return FULL == kind && level >= 0 && level < DEPTH_LEVELS;
    }

    private int ohlc(final int quoteOffset, final int indexOffset)
    {
        final int kind = this.kind;
        if (QUOTE == kind || FULL == kind)
        {
            return getInt(quoteOffset);
        }
        else if (INDEX_QUOTE == kind || INDEX_FULL == kind)
        {
            return getInt(indexOffset);
        }

        return 0;
    }

    /**
     * {@code raw / divisor} rounded to nearest, computed without a division: {@code q = raw * reciprocal}, then one
     * Newton-Markstein correction {@code q + fma(-q, divisor, raw) * reciprocal} (the residual is exact in an FMA, so
     * the corrected quotient is the correctly rounded one). Verified bit for bit against {@code raw / divisor} for
     * every one of the 2<sup>32</sup> int values and each of the three Kite divisors (100, 10<sup>4</sup>,
     * 10<sup>7</sup>): see {@code TickDecoderTest}. Three multiply/FMA operations pipeline at one every half cycle or
     * so, where a {@code divsd} occupies the divider for 4-5 cycles.
     *
     * @param raw        scaled integer price.
     * @param divisor    100, 10,000 or 10,000,000.
     * @param reciprocal {@code 1.0 / divisor} rounded to nearest.
     * @return {@code raw / divisor} exactly as Java computes it.
     */
    public static double scaledToDouble(final int raw, final double divisor, final double reciprocal)
    {
        final double value = raw;
        final double quotient = value * reciprocal;

        return Math.fma(Math.fma(-quotient, divisor, value), reciprocal, quotient);
    }

    private double toDouble(final int raw)
    {
        return FAST_EXACT_DIVISION ? scaledToDouble(raw, divisor, reciprocal) : raw / divisor;
    }

    private int getInt(final int fieldOffset)
    {
        final byte[] byteArray = this.byteArray;
        final long address = this.address + fieldOffset;
        final int value = null != byteArray ? UnsafeApi.getInt(byteArray, address) : UnsafeApi.getInt(null, address);

        return SWAP_BYTES ? Integer.reverseBytes(value) : value;
    }

    private long getUnsignedInt(final int fieldOffset)
    {
        return getInt(fieldOffset) & UINT32_MASK;
    }

    private int getUnsignedShort(final int fieldOffset)
    {
        final byte[] byteArray = this.byteArray;
        final long address = this.address + fieldOffset;
        final char value = null != byteArray ?
            UnsafeApi.getChar(byteArray, address) : UnsafeApi.getChar(null, address);

        return SWAP_BYTES ? Character.reverseBytes(value) : value;
    }
}
