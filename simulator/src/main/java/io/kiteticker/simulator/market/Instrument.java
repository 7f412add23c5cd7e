package io.kiteticker.simulator.market;

import io.kiteticker.codec.packet.Segment;

/**
 * Immutable description of one simulated instrument: its token, symbol and the static parameters of its random
 * walk. Prices are raw scaled integers, as on the wire: rupees times {@link Segment#priceDivisor(int)} of the
 * segment.
 * <p>
 * The instrument token is {@code (exchangeToken << 8) | segment}.
 */
public final class Instrument
{
    private final int instrumentToken;
    private final String tradingSymbol;
    private final int closePrice;
    private final int tickSize;
    private final int lotSize;

    /**
     * Describe an instrument.
     *
     * @param instrumentToken the full 32-bit Kite instrument token; its low byte is the segment.
     * @param tradingSymbol   for humans and logs.
     * @param closePrice      previous day close, raw scaled; the walk stays within half and one and a half times it.
     * @param tickSize        price step, raw scaled, greater than zero.
     * @param lotSize         quantity step, greater than zero.
     */
    public Instrument(
        final int instrumentToken,
        final String tradingSymbol,
        final int closePrice,
        final int tickSize,
        final int lotSize)
    {
        if (tickSize <= 0 || lotSize <= 0 || closePrice < 40 * tickSize)
        {
            throw new IllegalArgumentException("bad instrument parameters for " + tradingSymbol);
        }
        this.instrumentToken = instrumentToken;
        this.tradingSymbol = tradingSymbol;
        this.closePrice = closePrice;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
    }

    /**
     * The instrument token as sent on the wire.
     *
     * @return the token.
     */
    public int instrumentToken()
    {
        return instrumentToken;
    }

    /**
     * The exchange token: the token without its segment byte.
     *
     * @return {@code instrumentToken >>> 8}.
     */
    public int exchangeToken()
    {
        return instrumentToken >>> 8;
    }

    /**
     * The segment code, {@link Segment#NSE} to {@link Segment#INDICES}.
     *
     * @return {@code instrumentToken & 0xFF}.
     */
    public int segment()
    {
        return instrumentToken & Segment.SEGMENT_MASK;
    }

    /**
     * Is this an index (segment 9), which is sent with the 28- and 32-byte layouts?
     *
     * @return true for an index.
     */
    public boolean isIndex()
    {
        return Segment.isIndex(segment());
    }

    /**
     * Does this instrument carry open interest (derivatives)?
     *
     * @return true for NFO, BFO, CDS, BCD, MCX and MCXSX instruments.
     */
    public boolean hasOpenInterest()
    {
        final int segment = segment();
        return Segment.NSE != segment && Segment.BSE != segment && Segment.INDICES != segment;
    }

    /**
     * The trading symbol.
     *
     * @return the symbol.
     */
    public String tradingSymbol()
    {
        return tradingSymbol;
    }

    /**
     * The previous day close, raw scaled.
     *
     * @return close price.
     */
    public int closePrice()
    {
        return closePrice;
    }

    /**
     * The lowest price the walk may reach, raw scaled: half the close, rounded up to a tick.
     *
     * @return lower band.
     */
    public int lowerBandPrice()
    {
        final int half = closePrice / 2;
        return half + ((tickSize - half % tickSize) % tickSize);
    }

    /**
     * The highest price the walk may reach, raw scaled: one and a half times the close, rounded down to a tick.
     *
     * @return upper band.
     */
    public int upperBandPrice()
    {
        return (closePrice + closePrice / 2) / tickSize * tickSize;
    }

    /**
     * The price step, raw scaled.
     *
     * @return tick size.
     */
    public int tickSize()
    {
        return tickSize;
    }

    /**
     * The quantity step.
     *
     * @return lot size.
     */
    public int lotSize()
    {
        return lotSize;
    }

    /**
     * The divisor that turns a raw price of this instrument into rupees.
     *
     * @return 100, or 10,000,000 for CDS, or 10,000 for BCD.
     */
    public int priceDivisor()
    {
        return Segment.priceDivisor(segment());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "Instrument{" + instrumentToken + " " + Segment.name(segment()) + ":" + tradingSymbol +
            " close=" + closePrice + "/" + priceDivisor() + '}';
    }
}
