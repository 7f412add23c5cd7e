package io.kiteticker.simulator.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When which fault happens, drawn from a seed so that a failing run can be replayed: {@link #counted} places a
 * given number of each kind at uniformly random times in a window (a soak), {@link #atRate} draws a random mix at
 * exponentially distributed intervals (a simulator left running). Immutable.
 */
public final class FaultPlan
{
    private final long seed;
    private final long[] offsetsNs;
    private final FaultKind[] kinds;

    private FaultPlan(final long seed, final long[] offsetsNs, final FaultKind[] kinds)
    {
        this.seed = seed;
        this.offsetsNs = offsetsNs;
        this.kinds = kinds;
    }

    /**
     * So many faults of each kind at uniformly random times between {@code from} and {@code to} after the start.
     *
     * @param seed   of the times and the order.
     * @param counts faults per kind; kinds with 0 or missing get none.
     * @param from   earliest offset from the start.
     * @param to     latest offset, after {@code from}.
     * @return the plan, in time order.
     */
    public static FaultPlan counted(
        final long seed, final Map<FaultKind, Integer> counts, final Duration from, final Duration to)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long fromNs = from.toNanos();
        final long spanNs = Math.max(1, to.toNanos() - fromNs);
        int total = 0;
        for (final int count : counts.values())
        {
            total += Math.max(0, count);
        }
        final long[] packed = new long[total];
        final FaultKind[] byOrdinal = FaultKind.values();
        int n = 0;
        for (final FaultKind kind : byOrdinal)
        {
            final int count = counts.getOrDefault(kind, 0);
            for (int i = 0; i < count; i++)
            {
                // offset in the high bits, kind in the low byte: one sort orders both
                packed[n++] = ((fromNs + random.nextLong(spanNs)) << 8) | kind.ordinal();
            }
        }
        Arrays.sort(packed);
        final long[] offsetsNs = new long[total];
        final FaultKind[] kinds = new FaultKind[total];
        for (int i = 0; i < total; i++)
        {
            offsetsNs[i] = packed[i] >>> 8;
            kinds[i] = byOrdinal[(int)(packed[i] & 0xFF)];
        }
        return new FaultPlan(seed, offsetsNs, kinds);
    }

    /**
     * A random mix at a mean rate: exponential intervals, kinds drawn uniformly from the mix, up to a horizon.
     *
     * @param seed      of the intervals and the kinds.
     * @param perMinute mean faults per minute, positive.
     * @param mix       kinds to draw from, not empty.
     * @param horizon   last offset planned.
     * @return the plan, in time order.
     */
    public static FaultPlan atRate(
        final long seed, final double perMinute, final List<FaultKind> mix, final Duration horizon)
    {
        if (!(perMinute > 0) || mix.isEmpty())
        {
            throw new IllegalArgumentException("need a positive rate and at least one kind");
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final double meanNs = 60e9 / perMinute;
        final long horizonNs = horizon.toNanos();
        final int capacity = (int)Math.min(1_000_000, Math.ceil(horizonNs / meanNs * 2) + 16);
        final long[] offsetsNs = new long[capacity];
        final FaultKind[] kinds = new FaultKind[capacity];
        long atNs = 0;
        int n = 0;
        while (n < capacity)
        {
            atNs += (long)(-Math.log(1.0 - random.nextDouble()) * meanNs);
            if (atNs > horizonNs)
            {
                break;
            }
            offsetsNs[n] = atNs;
            kinds[n++] = mix.get(random.nextInt(mix.size()));
        }
        return new FaultPlan(seed, Arrays.copyOf(offsetsNs, n), Arrays.copyOf(kinds, n));
    }

    /**
     * The seed the plan was drawn from.
     *
     * @return the seed.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * Faults planned.
     *
     * @return the count.
     */
    public int size()
    {
        return kinds.length;
    }

    /**
     * When fault {@code i} happens.
     *
     * @param i index, in time order.
     * @return nanoseconds after the start.
     */
    public long offsetNanos(final int i)
    {
        return offsetsNs[i];
    }

    /**
     * Which fault {@code i} is.
     *
     * @param i index, in time order.
     * @return the kind.
     */
    public FaultKind kind(final int i)
    {
        return kinds[i];
    }

    /**
     * Faults planned per kind.
     *
     * @return a new map with every kind, zeros included.
     */
    public EnumMap<FaultKind, Integer> counts()
    {
        final EnumMap<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        for (final FaultKind kind : FaultKind.values())
        {
            counts.put(kind, 0);
        }
        for (final FaultKind kind : kinds)
        {
            counts.merge(kind, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "FaultPlan{seed=" + seed + ", faults=" + kinds.length + '}';
    }
}
