package io.kiteticker.simulator.market;

import io.kiteticker.codec.packet.Segment;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The instruments the simulator knows: a fixed list of well-known names (NIFTY 50 is 256265, INFY 408065, …) plus
 * synthetic instruments in every segment, listed round-robin across segments so that any prefix of
 * {@link #tokens(int)} covers NSE and BSE equities, NFO, BFO, CDS, BCD, MCX and indices.
 * <p>
 * Any other token whose segment byte is 1 to 9 is also accepted: {@link #describe(int)} derives its parameters
 * from the token alone, so a subscription to an unlisted token still ticks, deterministically.
 * <p>
 * Immutable and safe to share between threads.
 */
public final class Universe
{
    /**
     * Synthetic instruments per tradable segment in {@link #standard()}; indices get a tenth of it.
     */
    public static final int DEFAULT_SYNTHETIC_PER_SEGMENT = 1_500;

    /**
     * Exchange tokens of synthetic instruments start here, above every listed real exchange token.
     */
    public static final int SYNTHETIC_EXCHANGE_TOKEN_BASE = 2_000_000;

    private static final int[] SYNTHETIC_SEGMENTS =
        { Segment.NSE, Segment.NFO, Segment.CDS, Segment.BSE, Segment.BFO, Segment.BCD, Segment.MCX, Segment.INDICES };

    private final Instrument[] instruments;
    private final Int2ObjectHashMap<Instrument> byToken;

    private Universe(final List<Instrument> instruments)
    {
        this.instruments = instruments.toArray(new Instrument[0]);
        this.byToken = new Int2ObjectHashMap<>(this.instruments.length * 2, 0.65f);
        for (final Instrument instrument : this.instruments)
        {
            if (null != byToken.put(instrument.instrumentToken(), instrument))
            {
                throw new IllegalStateException("duplicate token " + instrument.instrumentToken());
            }
        }
    }

    /**
     * The standard universe with {@link #DEFAULT_SYNTHETIC_PER_SEGMENT} synthetic instruments per segment.
     *
     * @return the universe (about 10,700 instruments).
     */
    public static Universe standard()
    {
        return standard(DEFAULT_SYNTHETIC_PER_SEGMENT);
    }

    /**
     * The well-known instruments plus {@code syntheticPerSegment} synthetic instruments per tradable segment
     * (and a tenth of that, at least one, for indices).
     *
     * @param syntheticPerSegment how many synthetic instruments per tradable segment, at least 0.
     * @return the universe.
     */
    public static Universe standard(final int syntheticPerSegment)
    {
        if (syntheticPerSegment < 0)
        {
            throw new IllegalArgumentException("syntheticPerSegment < 0");
        }
        final List<Instrument> list = new ArrayList<>();
        addWellKnown(list);
        final int indexCount = Math.max(1, syntheticPerSegment / 10);
        for (int i = 0; i < syntheticPerSegment; i++)
        {
            for (final int segment : SYNTHETIC_SEGMENTS)
            {
                if (Segment.INDICES != segment || i < indexCount)
                {
                    final int token = ((SYNTHETIC_EXCHANGE_TOKEN_BASE + i) << 8) | segment;
                    list.add(synthesize(token));
                }
            }
        }
        return new Universe(list);
    }

    /**
     * Number of listed instruments.
     *
     * @return the count.
     */
    public int size()
    {
        return instruments.length;
    }

    /**
     * A listed instrument by position.
     *
     * @param index from 0 to {@link #size()} - 1.
     * @return the instrument.
     */
    public Instrument instrument(final int index)
    {
        return instruments[index];
    }

    /**
     * A listed instrument by token.
     *
     * @param instrumentToken to look up.
     * @return the instrument or null if it is not listed.
     */
    public Instrument find(final int instrumentToken)
    {
        return byToken.get(instrumentToken);
    }

    /**
     * The listed instrument for a token, or else one synthesized from the token alone (the same every time).
     *
     * @param instrumentToken to describe.
     * @return the instrument, or null when the segment byte is not 1 to 9 (such tokens never tick).
     */
    public Instrument describe(final int instrumentToken)
    {
        final Instrument listed = byToken.get(instrumentToken);
        if (null != listed)
        {
            return listed;
        }
        final int segment = instrumentToken & Segment.SEGMENT_MASK;
        if (segment < Segment.NSE || segment > Segment.INDICES || 0 == (instrumentToken >>> 8))
        {
            return null;
        }
        return synthesize(instrumentToken);
    }

    /**
     * The first {@code count} listed tokens, which mix every segment.
     *
     * @param count how many, at most {@link #size()}.
     * @return a new array of tokens.
     */
    public int[] tokens(final int count)
    {
        if (count > instruments.length)
        {
            throw new IllegalArgumentException("only " + instruments.length + " instruments listed");
        }
        final int[] tokens = new int[count];
        for (int i = 0; i < count; i++)
        {
            tokens[i] = instruments[i].instrumentToken();
        }
        return tokens;
    }

    /**
     * The first {@code count} listed tokens of one segment.
     *
     * @param segment code, {@link Segment#NSE} to {@link Segment#INDICES}.
     * @param count   how many.
     * @return a new array of tokens, shorter than {@code count} if the segment has fewer.
     */
    public int[] tokens(final int segment, final int count)
    {
        final int[] found = new int[count];
        int n = 0;
        for (int i = 0; i < instruments.length && n < count; i++)
        {
            if (instruments[i].segment() == segment)
            {
                found[n++] = instruments[i].instrumentToken();
            }
        }
        return n == count ? found : java.util.Arrays.copyOf(found, n);
    }

    private static void addWellKnown(final List<Instrument> list)
    {
        // Indices: segment 9, tick 0.05.
        list.add(new Instrument(token(1001, Segment.INDICES), "NIFTY 50", 2_250_000, 5, 1));
        list.add(new Instrument(token(1016, Segment.INDICES), "NIFTY BANK", 4_850_000, 5, 1));
        list.add(new Instrument(token(1035, Segment.INDICES), "INDIA VIX", 1_450, 1, 1));
        list.add(new Instrument(token(1, Segment.INDICES), "SENSEX", 7_400_000, 5, 1));
        // NSE cash equities.
        list.add(new Instrument(token(1594, Segment.NSE), "INFY", 156_780, 5, 1));
        list.add(new Instrument(token(2885, Segment.NSE), "RELIANCE", 290_000, 5, 1));
        list.add(new Instrument(token(11536, Segment.NSE), "TCS", 390_000, 5, 1));
        list.add(new Instrument(token(1333, Segment.NSE), "HDFCBANK", 165_000, 5, 1));
        list.add(new Instrument(token(4963, Segment.NSE), "ICICIBANK", 110_000, 5, 1));
        list.add(new Instrument(token(3045, Segment.NSE), "SBIN", 80_000, 5, 1));
        // BSE cash equities.
        list.add(new Instrument(token(500325, Segment.BSE), "RELIANCE", 290_000, 5, 1));
        list.add(new Instrument(token(500209, Segment.BSE), "INFY", 156_800, 5, 1));
        list.add(new Instrument(token(532540, Segment.BSE), "TCS", 390_000, 5, 1));
        // NFO futures and options.
        list.add(new Instrument(token(35001, Segment.NFO), "NIFTY25JANFUT", 2_262_000, 5, 75));
        list.add(new Instrument(token(35002, Segment.NFO), "BANKNIFTY25JANFUT", 4_880_000, 5, 30));
        list.add(new Instrument(token(35003, Segment.NFO), "NIFTY25JAN22500CE", 18_000, 5, 75));
        // BFO.
        list.add(new Instrument(token(825001, Segment.BFO), "SENSEX25JANFUT", 7_420_000, 5, 20));
        // NSE currency (divisor 1e7, tick 0.0025) and BSE currency (divisor 1e4, tick 0.0025).
        list.add(new Instrument(token(1212, Segment.CDS), "USDINR25JANFUT", 832_500_000, 25_000, 1));
        list.add(new Instrument(token(1213, Segment.CDS), "EURINR25JANFUT", 902_500_000, 25_000, 1));
        list.add(new Instrument(token(5001, Segment.BCD), "USDINR25JANFUT", 832_500, 25, 1));
        // MCX commodities, tick 1.00.
        list.add(new Instrument(token(60001, Segment.MCX), "CRUDEOIL25JANFUT", 650_000, 100, 100));
        list.add(new Instrument(token(60002, Segment.MCX), "GOLD25FEBFUT", 7_800_000, 100, 1));
        list.add(new Instrument(token(60003, Segment.MCX), "SILVER25MARFUT", 9_000_000, 100, 1));
    }

    private static int token(final int exchangeToken, final int segment)
    {
        return (exchangeToken << 8) | segment;
    }

    private static Instrument synthesize(final int token)
    {
        final int segment = token & Segment.SEGMENT_MASK;
        final long hash = MarketModel.mix64(0x9E3779B97F4A7C15L ^ (token & 0xFFFF_FFFFL));
        final int spread = (int)((hash >>> 16) & 0x7FFF_FFFF);
        final int tickSize;
        final int minTicks;
        final int rangeTicks;
        final int lotSize;
        switch (segment)
        {
            case Segment.CDS:
                tickSize = 25_000;                  // 0.0025 at divisor 1e7
                minTicks = 24_000;                  // 60.00
                rangeTicks = 20_000;                // up to 110.00
                lotSize = 1;
                break;

            case Segment.BCD:
                tickSize = 25;                      // 0.0025 at divisor 1e4
                minTicks = 24_000;
                rangeTicks = 20_000;
                lotSize = 1;
                break;

            case Segment.MCX:
            case Segment.MCXSX:
                tickSize = 100;                     // 1.00
                minTicks = 100;
                rangeTicks = 90_000;
                lotSize = 1 + (int)(hash & 0xF);
                break;

            case Segment.INDICES:
                tickSize = 5;
                minTicks = 20_000;                  // 1000.00
                rangeTicks = 1_500_000;             // up to 76,000.00
                lotSize = 1;
                break;

            case Segment.NFO:
            case Segment.BFO:
                tickSize = 5;
                minTicks = 100;                     // 5.00
                rangeTicks = 500_000;
                lotSize = 25 * (1 + (int)(hash & 0x3));
                break;

            default:                                // NSE, BSE cash
                tickSize = 5;
                minTicks = 200;                     // 10.00
                rangeTicks = 100_000;               // up to 5,010.00
                lotSize = 1;
                break;
        }
        final int closePrice = (minTicks + spread % rangeTicks) * tickSize;
        return new Instrument(token, Segment.name(segment) + "-" + (token >>> 8), closePrice, tickSize, lotSize);
    }
}
