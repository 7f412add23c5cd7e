package io.kiteticker.codec.packet;

/**
 * Exchange segments of Kite instrument tokens and the price scale of each.
 * <p>
 * The segment is the low byte of the instrument token ({@code token & 0xFF}); the upper 24 bits are the exchange
 * token. Prices on the wire are integers: price = raw / {@link #priceDivisor(int)}. The divisors are those of the
 * official SDKs (Go, Java, Python): 10,000,000 for CDS, 10,000 for BCD and 100 for everything else. The Rust crate
 * {@code kiteticker-async-manager} uses 1,000,000 and 1,000 for the two currency segments, which is 10x off.
 * See {@code KITE_PROTOCOL.md} §8.
 */
public final class Segment
{
    /**
     * No segment: a code the protocol does not define.
     */
    public static final int UNKNOWN = 0;

    /**
     * NSE cash.
     */
    public static final int NSE = 1;

    /**
     * NSE futures and options.
     */
    public static final int NFO = 2;

    /**
     * NSE currency derivatives: prices divided by 10,000,000.
     */
    public static final int CDS = 3;

    /**
     * BSE cash.
     */
    public static final int BSE = 4;

    /**
     * BSE futures and options.
     */
    public static final int BFO = 5;

    /**
     * BSE currency derivatives: prices divided by 10,000.
     */
    public static final int BCD = 6;

    /**
     * MCX commodity futures and options.
     */
    public static final int MCX = 7;

    /**
     * MCX-SX.
     */
    public static final int MCXSX = 8;

    /**
     * Indices: not tradable, sent in the 28- and 32-byte index layouts.
     */
    public static final int INDICES = 9;

    /**
     * Mask of the segment bits in an instrument token.
     */
    public static final int SEGMENT_MASK = 0xFF;

    /**
     * Divisor of every segment except the two currency segments.
     */
    public static final int DEFAULT_PRICE_DIVISOR = 100;

    /**
     * Divisor of {@link #CDS} prices.
     */
    public static final int CDS_PRICE_DIVISOR = 10_000_000;

    /**
     * Divisor of {@link #BCD} prices.
     */
    public static final int BCD_PRICE_DIVISOR = 10_000;

    private static final String[] NAMES =
        { "UNKNOWN", "NSE", "NFO", "CDS", "BSE", "BFO", "BCD", "MCX", "MCXSX", "INDICES" };

    private Segment()
    {
    }

    /**
     * The segment of an instrument token.
     *
     * @param instrumentToken as sent on the wire.
     * @return its low byte, the segment code.
     */
    public static int segment(final int instrumentToken)
    {
        return instrumentToken & SEGMENT_MASK;
    }

    /**
     * The divisor that turns raw wire prices of a segment into prices.
     *
     * @param segment code, as returned by {@link #segment(int)}.
     * @return 10,000,000 for CDS, 10,000 for BCD, otherwise 100.
     */
    public static int priceDivisor(final int segment)
    {
        switch (segment)
        {
            case CDS:
                return CDS_PRICE_DIVISOR;

            case BCD:
                return BCD_PRICE_DIVISOR;

            default:
                return DEFAULT_PRICE_DIVISOR;
        }
    }

    /**
     * The divisor that turns raw wire prices of an instrument into prices.
     *
     * @param instrumentToken as sent on the wire.
     * @return the price divisor of the token's segment.
     */
    public static int priceDivisorForToken(final int instrumentToken)
    {
        return priceDivisor(instrumentToken & SEGMENT_MASK);
    }

    /**
     * Is the segment the index segment?
     *
     * @param segment code.
     * @return true for {@link #INDICES}.
     */
    public static boolean isIndex(final int segment)
    {
        return INDICES == segment;
    }

    /**
     * Are instruments of the segment tradable? As in every SDK, everything but the index segment is.
     *
     * @param segment code.
     * @return true unless the segment is {@link #INDICES}.
     */
    public static boolean isTradable(final int segment)
    {
        return INDICES != segment;
    }

    /**
     * The constant name of a segment, for logs and debugging.
     *
     * @param segment code.
     * @return "NSE", "NFO", …, "INDICES", or "UNKNOWN" for a code the protocol does not define.
     */
    public static String name(final int segment)
    {
        return segment > UNKNOWN && segment < NAMES.length ? NAMES[segment] : NAMES[UNKNOWN];
    }
}
