package io.kiteticker.engine.connection;

/**
 * Exponential reconnect back-off with jitter: attempt {@code n} (from 1) waits {@code min(base * 2^(n-1), max)},
 * reduced by a random fraction of up to {@code jitter} of itself, so connections that dropped together do not
 * reconnect in lock step. Deterministic for a seed (xorshift64*), allocation-free, single-threaded.
 */
public final class Backoff
{
    private final long baseNs;
    private final long maxNs;
    private final double jitter;
    private long state;

    /**
     * Create a back-off schedule.
     *
     * @param baseNs first delay in nanoseconds, &gt; 0.
     * @param maxNs  cap in nanoseconds, &gt;= baseNs.
     * @param jitter fraction in [0, 1] of each delay that may be removed at random.
     * @param seed   of the random sequence.
     */
    public Backoff(final long baseNs, final long maxNs, final double jitter, final long seed)
    {
        if (baseNs <= 0 || maxNs < baseNs || !(jitter >= 0.0 && jitter <= 1.0))
        {
            throw new IllegalArgumentException("baseNs=" + baseNs + " maxNs=" + maxNs + " jitter=" + jitter);
        }
        this.baseNs = baseNs;
        this.maxNs = maxNs;
        this.jitter = jitter;
        this.state = 0 == seed ? 0x9E3779B97F4A7C15L : seed;
    }

    /**
     * Delay before the given attempt, without jitter.
     *
     * @param attempt from 1.
     * @return nanoseconds, between base and max.
     */
    public long nominalDelayNs(final int attempt)
    {
        final int shift = Math.max(0, attempt - 1);
        if (shift >= 62 || baseNs > (maxNs >> shift))
        {
            return maxNs;
        }
        return Math.min(maxNs, baseNs << shift);
    }

    /**
     * Delay before the given attempt, with jitter applied.
     *
     * @param attempt from 1.
     * @return nanoseconds, in {@code [(1 - jitter) * nominal, nominal]}.
     */
    public long delayNs(final int attempt)
    {
        final long nominal = nominalDelayNs(attempt);
        if (0.0 == jitter)
        {
            return nominal;
        }
        return nominal - (long)(nominal * jitter * nextDouble());
    }

    /**
     * The cap of the schedule.
     *
     * @return the maximum delay in nanoseconds.
     */
    public long maxNs()
    {
        return maxNs;
    }

    private double nextDouble()
    {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return ((x * 0x2545F4914F6CDD1DL) >>> 11) * 0x1.0p-53;
    }
}
