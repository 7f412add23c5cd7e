package io.kiteticker.simulator.market;

import io.kiteticker.codec.packet.Segment;
import org.agrona.collections.Int2IntHashMap;

import java.util.Arrays;

/**
 * A deterministic random walk per instrument, held as primitive arrays (struct of arrays), with every field
 * consistent at every step:
 * <ul>
 *     <li>{@code lowerBand <= low <= last <= high <= upperBand} and {@code low <= open <= high};</li>
 *     <li>{@code low <= averageTradedPrice <= high} (a volume-weighted mean of traded prices);</li>
 *     <li>volume never decreases (it saturates at 2<sup>32</sup> - 1); OI day low {@code <=} OI {@code <=} OI day
 *     high;</li>
 *     <li>best bid {@code <} best ask, five levels each side sorted away from the touch, positive quantities and
 *     {@code 1 <= orders <= quantity};</li>
 *     <li>last-trade time {@code <=} exchange time.</li>
 * </ul>
 * The n-th {@link #step(int, long)} of a token depends only on the seed, the token, n and the clock readings, so
 * two models with the same seed and clock produce identical ticks.
 * <p>
 * <b>Note:</b> single-threaded; it belongs to the simulator's agent thread. {@link #step(int, long)} and the
 * accessors do not allocate; {@link #indexOf(int)} allocates only when a token is seen for the first time.
 * <p>
 * It is about 600 lines because its struct of arrays keeps 26 per-instrument arrays (each with a line in
 * {@code grow}, most with a documented accessor) beside the step and the book that keep them all consistent
 * together; splitting them apart would spread the invariants above over several classes.
 */
public final class MarketModel
{
    /**
     * Largest value of an unsigned 32-bit wire count.
     */
    public static final long MAX_UINT32 = 0xFFFF_FFFFL;

    /**
     * Depth levels on each side.
     */
    public static final int DEPTH_LEVELS = 5;

    private static final int INITIAL_CAPACITY = 1024;

    private final long seed;
    private final Universe universe;
    private final Int2IntHashMap indexByToken = new Int2IntHashMap(INITIAL_CAPACITY * 2, 0.65f, -1);
    private int size;

    private Instrument[] instruments = new Instrument[INITIAL_CAPACITY];
    private int[] token = new int[INITIAL_CAPACITY];
    private int[] tickSize = new int[INITIAL_CAPACITY];
    private int[] lotSize = new int[INITIAL_CAPACITY];
    private int[] lowerBand = new int[INITIAL_CAPACITY];
    private int[] upperBand = new int[INITIAL_CAPACITY];
    private int[] close = new int[INITIAL_CAPACITY];
    private int[] open = new int[INITIAL_CAPACITY];
    private int[] high = new int[INITIAL_CAPACITY];
    private int[] low = new int[INITIAL_CAPACITY];
    private int[] last = new int[INITIAL_CAPACITY];
    private int[] lastQuantity = new int[INITIAL_CAPACITY];
    private int[] lastTradeSeconds = new int[INITIAL_CAPACITY];
    private int[] exchangeSeconds = new int[INITIAL_CAPACITY];
    private boolean[] index = new boolean[INITIAL_CAPACITY];
    private boolean[] derivative = new boolean[INITIAL_CAPACITY];
    private double[] average = new double[INITIAL_CAPACITY];
    private long[] volume = new long[INITIAL_CAPACITY];
    private long[] totalBuy = new long[INITIAL_CAPACITY];
    private long[] totalSell = new long[INITIAL_CAPACITY];
    private long[] openInterest = new long[INITIAL_CAPACITY];
    private long[] openInterestHigh = new long[INITIAL_CAPACITY];
    private long[] openInterestLow = new long[INITIAL_CAPACITY];
    private long[] random = new long[INITIAL_CAPACITY];
    private long[] depthRandom = new long[INITIAL_CAPACITY];
    private long[] steps = new long[INITIAL_CAPACITY];

    private final int[] bidPrices = new int[DEPTH_LEVELS];
    private final int[] bidQuantities = new int[DEPTH_LEVELS];
    private final int[] bidOrders = new int[DEPTH_LEVELS];
    private final int[] askPrices = new int[DEPTH_LEVELS];
    private final int[] askQuantities = new int[DEPTH_LEVELS];
    private final int[] askOrders = new int[DEPTH_LEVELS];

    /**
     * A model over a universe.
     *
     * @param seed     of every walk.
     * @param universe that describes the instruments.
     */
    public MarketModel(final long seed, final Universe universe)
    {
        this.seed = seed;
        this.universe = universe;
    }

    /**
     * The seed of this model.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * The universe of this model.
     *
     * @return the universe.
     */
    public Universe universe()
    {
        return universe;
    }

    /**
     * Number of instruments with state so far.
     *
     * @return the count.
     */
    public int size()
    {
        return size;
    }

    /**
     * The model index of a token, creating its state on first use (at the walk's start: last = open).
     *
     * @param instrumentToken to find or add.
     * @param nowSeconds      epoch seconds used as the initial last-trade time of a new instrument.
     * @return index for the other methods, or -1 if the token can never tick (segment not 1 to 9).
     */
    public int indexOf(final int instrumentToken, final long nowSeconds)
    {
        final int existing = indexByToken.get(instrumentToken);
        if (-1 != existing)
        {
            return existing;
        }
        final Instrument instrument = universe.describe(instrumentToken);
        if (null == instrument)
        {
            return -1;
        }
        if (size == token.length)
        {
            grow(size * 2);
        }
        final int i = size++;
        indexByToken.put(instrumentToken, i);
        initialise(i, instrument, nowSeconds);
        return i;
    }

    /**
     * The index of a token if it already has state.
     *
     * @param instrumentToken to find.
     * @return index, or -1.
     */
    public int indexOf(final int instrumentToken)
    {
        return indexByToken.get(instrumentToken);
    }

    /**
     * Advance one instrument by one step: usually a trade (the last price moves by -2 to +2 ticks within the band,
     * volume grows), always a new book.
     *
     * @param i          model index.
     * @param nowSeconds epoch seconds of the exchange clock.
     */
    public void step(final int i, final long nowSeconds)
    {
        long x = random[i];
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random[i] = x;
        steps[i]++;

        final int nowSecondsInt = (int)nowSeconds;
        final boolean trade = index[i] || 0 != (x & 3);
        if (trade)
        {
            final int tick = tickSize[i];
            int price = last[i] + (int)(((x >>> 2) & 0xFFFF) % 5 - 2) * tick;
            if (price < lowerBand[i])
            {
                price = lowerBand[i];
            }
            else if (price > upperBand[i])
            {
                price = upperBand[i];
            }
            last[i] = price;
            if (price > high[i])
            {
                high[i] = price;
            }
            if (price < low[i])
            {
                low[i] = price;
            }
            if (!index[i])
            {
                final int quantity = lotSize[i] * (1 + (int)((x >>> 20) & 15));
                final long newVolume = Math.min(volume[i] + quantity, MAX_UINT32);
                if (newVolume > volume[i])
                {
                    average[i] += (price - average[i]) * (newVolume - volume[i]) / newVolume;
                    volume[i] = newVolume;
                }
                lastQuantity[i] = quantity;
            }
            if (nowSecondsInt - lastTradeSeconds[i] > 0)
            {
                lastTradeSeconds[i] = nowSecondsInt;
            }
        }
        if (!index[i])
        {
            totalBuy[i] = walkCount(totalBuy[i], (x >>> 24) & 0xFFF);
            totalSell[i] = walkCount(totalSell[i], (x >>> 36) & 0xFFF);
            if (derivative[i])
            {
                final long oi = walkCount(openInterest[i], ((x >>> 48) & 0xFF) * lotSize[i] / 16);
                openInterest[i] = oi;
                if (oi > openInterestHigh[i])
                {
                    openInterestHigh[i] = oi;
                }
                if (oi < openInterestLow[i])
                {
                    openInterestLow[i] = oi;
                }
            }
        }
        depthRandom[i] = mix64(x);
        exchangeSeconds[i] = nowSecondsInt - lastTradeSeconds[i] > 0 ? nowSecondsInt : lastTradeSeconds[i];
    }

    /**
     * Compute the book of an instrument into this model's depth scratch arrays, read back with
     * {@link #bidPrice(int)} and friends until the next call.
     *
     * @param i model index.
     */
    public void computeDepth(final int i)
    {
        final long d = depthRandom[i];
        final long q = mix64(d ^ 0x5851F42D4C957F2DL);
        final int tick = tickSize[i];
        final int lot = lotSize[i];
        int bid = last[i] - tick * (int)(d & 1);
        int ask = bid + tick * (1 + (int)((d >>> 1) & 1));
        for (int level = 0; level < DEPTH_LEVELS; level++)
        {
            if (level > 0)
            {
                bid -= tick * (1 + (int)((d >>> (2 + level)) & 1));
                ask += tick * (1 + (int)((d >>> (8 + level)) & 1));
            }
            bidPrices[level] = bid;
            askPrices[level] = ask;
            final int bidQuantity = lot * (1 + (int)((q >>> (level * 6)) & 63));
            final int askQuantity = lot * (1 + (int)((q >>> (30 + level * 6)) & 63));
            bidQuantities[level] = bidQuantity;
            askQuantities[level] = askQuantity;
            bidOrders[level] = Math.min(bidQuantity, 1 + (int)((d >>> (16 + level * 3)) & 7));
            askOrders[level] = Math.min(askQuantity, 1 + (int)((d >>> (32 + level * 3)) & 7));
        }
    }

    /**
     * The instrument at a model index.
     *
     * @param i model index.
     * @return its description.
     */
    public Instrument instrument(final int i)
    {
        return instruments[i];
    }

    /**
     * @param i model index.
     * @return instrument token.
     */
    public int instrumentToken(final int i)
    {
        return token[i];
    }

    /**
     * @param i model index.
     * @return true for an index (segment 9).
     */
    public boolean isIndex(final int i)
    {
        return index[i];
    }

    /**
     * @param i model index.
     * @return how many steps this instrument has taken.
     */
    public long steps(final int i)
    {
        return steps[i];
    }

    /**
     * @param i model index.
     * @return last traded price, raw scaled.
     */
    public int lastPrice(final int i)
    {
        return last[i];
    }

    /**
     * @param i model index.
     * @return last traded quantity.
     */
    public int lastQuantity(final int i)
    {
        return lastQuantity[i];
    }

    /**
     * @param i model index.
     * @return volume-weighted average traded price, raw scaled and rounded.
     */
    public int averagePrice(final int i)
    {
        return (int)Math.round(average[i]);
    }

    /**
     * @param i model index.
     * @return volume traded today, unsigned 32-bit.
     */
    public long volume(final int i)
    {
        return volume[i];
    }

    /**
     * @param i model index.
     * @return total pending buy quantity.
     */
    public long totalBuyQuantity(final int i)
    {
        return totalBuy[i];
    }

    /**
     * @param i model index.
     * @return total pending sell quantity.
     */
    public long totalSellQuantity(final int i)
    {
        return totalSell[i];
    }

    /**
     * @param i model index.
     * @return day open, raw scaled.
     */
    public int open(final int i)
    {
        return open[i];
    }

    /**
     * @param i model index.
     * @return day high, raw scaled.
     */
    public int high(final int i)
    {
        return high[i];
    }

    /**
     * @param i model index.
     * @return day low, raw scaled.
     */
    public int low(final int i)
    {
        return low[i];
    }

    /**
     * @param i model index.
     * @return previous day close, raw scaled.
     */
    public int close(final int i)
    {
        return close[i];
    }

    /**
     * @param i model index.
     * @return last price minus close, raw scaled (the index packet's change field).
     */
    public int change(final int i)
    {
        return last[i] - close[i];
    }

    /**
     * @param i model index.
     * @return last-trade time, epoch seconds.
     */
    public int lastTradeSeconds(final int i)
    {
        return lastTradeSeconds[i];
    }

    /**
     * @param i model index.
     * @return exchange time of the latest step, epoch seconds, never before {@link #lastTradeSeconds(int)}.
     */
    public int exchangeSeconds(final int i)
    {
        return exchangeSeconds[i];
    }

    /**
     * @param i model index.
     * @return open interest (0 for cash equities and indices).
     */
    public long openInterest(final int i)
    {
        return openInterest[i];
    }

    /**
     * @param i model index.
     * @return open interest day high.
     */
    public long openInterestDayHigh(final int i)
    {
        return openInterestHigh[i];
    }

    /**
     * @param i model index.
     * @return open interest day low.
     */
    public long openInterestDayLow(final int i)
    {
        return openInterestLow[i];
    }

    /**
     * @param level 0 (best) to 4.
     * @return bid price from the last {@link #computeDepth(int)}.
     */
    public int bidPrice(final int level)
    {
        return bidPrices[level];
    }

    /**
     * @param level 0 (best) to 4.
     * @return bid quantity from the last {@link #computeDepth(int)}.
     */
    public int bidQuantity(final int level)
    {
        return bidQuantities[level];
    }

    /**
     * @param level 0 (best) to 4.
     * @return bid orders from the last {@link #computeDepth(int)}.
     */
    public int bidOrders(final int level)
    {
        return bidOrders[level];
    }

    /**
     * @param level 0 (best) to 4.
     * @return ask price from the last {@link #computeDepth(int)}.
     */
    public int askPrice(final int level)
    {
        return askPrices[level];
    }

    /**
     * @param level 0 (best) to 4.
     * @return ask quantity from the last {@link #computeDepth(int)}.
     */
    public int askQuantity(final int level)
    {
        return askQuantities[level];
    }

    /**
     * @param level 0 (best) to 4.
     * @return ask orders from the last {@link #computeDepth(int)}.
     */
    public int askOrders(final int level)
    {
        return askOrders[level];
    }

    /**
     * SplitMix64 finaliser: a good 64-bit mixing function.
     *
     * @param value to mix.
     * @return mixed value.
     */
    public static long mix64(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long walkCount(final long value, final long step)
    {
        final long next = value + step - 2047;
        return next < 0 ? -next : (next > MAX_UINT32 ? MAX_UINT32 - (next - MAX_UINT32) : next);
    }

    private void initialise(final int i, final Instrument instrument, final long nowSeconds)
    {
        final int t = instrument.instrumentToken();
        long r = mix64(seed ^ mix64(t & 0xFFFF_FFFFL));
        if (0 == r)
        {
            r = 0x2545F4914F6CDD1DL;
        }
        final int tick = instrument.tickSize();
        final int lot = instrument.lotSize();
        final int closePrice = instrument.closePrice();
        final int lowerBandPrice = instrument.lowerBandPrice();
        final int upperBandPrice = instrument.upperBandPrice();
        final int gapTicks = (int)((r >>> 8) % 41) - 20;
        final int openPrice = Math.max(lowerBandPrice, Math.min(upperBandPrice, closePrice + gapTicks * tick));
        final int highPrice = Math.min(upperBandPrice, openPrice + tick * (int)((r >>> 16) % 11));
        final int lowPrice = Math.max(lowerBandPrice, openPrice - tick * (int)((r >>> 24) % 11));
        final boolean isIndex = instrument.isIndex();

        instruments[i] = instrument;
        token[i] = t;
        tickSize[i] = tick;
        lotSize[i] = lot;
        lowerBand[i] = lowerBandPrice;
        upperBand[i] = upperBandPrice;
        close[i] = closePrice;
        open[i] = openPrice;
        high[i] = highPrice;
        low[i] = lowPrice;
        last[i] = openPrice;
        average[i] = isIndex ? 0 : openPrice;
        index[i] = isIndex;
        derivative[i] = instrument.hasOpenInterest();
        lastQuantity[i] = isIndex ? 0 : lot;
        volume[i] = isIndex ? 0 : lot * (1_000L + ((r >>> 32) % 1_000_000));
        totalBuy[i] = isIndex ? 0 : 10_000 + ((r >>> 20) % 500_000);
        totalSell[i] = isIndex ? 0 : 10_000 + ((r >>> 28) % 500_000);
        final long oi = instrument.hasOpenInterest() ? lot * (1_000L + ((r >>> 36) % 100_000)) : 0;
        openInterest[i] = oi;
        openInterestHigh[i] = oi + (oi / 50);
        openInterestLow[i] = oi - (oi / 50);
        lastTradeSeconds[i] = (int)nowSeconds;
        exchangeSeconds[i] = (int)nowSeconds;
        random[i] = r;
        depthRandom[i] = mix64(r);
        steps[i] = 0;
        if (Segment.INDICES == instrument.segment())
        {
            totalBuy[i] = 0;
        }
    }

    private void grow(final int capacity)
    {
        instruments = Arrays.copyOf(instruments, capacity);
        token = Arrays.copyOf(token, capacity);
        tickSize = Arrays.copyOf(tickSize, capacity);
        lotSize = Arrays.copyOf(lotSize, capacity);
        lowerBand = Arrays.copyOf(lowerBand, capacity);
        upperBand = Arrays.copyOf(upperBand, capacity);
        close = Arrays.copyOf(close, capacity);
        open = Arrays.copyOf(open, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        last = Arrays.copyOf(last, capacity);
        lastQuantity = Arrays.copyOf(lastQuantity, capacity);
        lastTradeSeconds = Arrays.copyOf(lastTradeSeconds, capacity);
        exchangeSeconds = Arrays.copyOf(exchangeSeconds, capacity);
        index = Arrays.copyOf(index, capacity);
        derivative = Arrays.copyOf(derivative, capacity);
        average = Arrays.copyOf(average, capacity);
        volume = Arrays.copyOf(volume, capacity);
        totalBuy = Arrays.copyOf(totalBuy, capacity);
        totalSell = Arrays.copyOf(totalSell, capacity);
        openInterest = Arrays.copyOf(openInterest, capacity);
        openInterestHigh = Arrays.copyOf(openInterestHigh, capacity);
        openInterestLow = Arrays.copyOf(openInterestLow, capacity);
        random = Arrays.copyOf(random, capacity);
        depthRandom = Arrays.copyOf(depthRandom, capacity);
        steps = Arrays.copyOf(steps, capacity);
    }
}
