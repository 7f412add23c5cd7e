package io.kiteticker.engine.threading;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Disruptor wait strategies of the handler threads by alias, as {@link IdleStrategies} for the agents:
 * <table>
 *     <caption>aliases</caption>
 *     <tr><th>alias</th><th>strategy</th></tr>
 *     <tr><td>{@code phased} (default)</td><td>{@link PhasedBackoffWaitStrategy} with a lite lock: spins
 *     {@value #SPIN_TIMEOUT_US} µs, yields up to {@value #YIELD_TIMEOUT_US} µs, then blocks until a publisher
 *     signals (one atomic exchange per published batch)</td></tr>
 *     <tr><td>{@code sleeping}</td><td>{@link SleepingWaitStrategy}: spins, yields, then parks 100 ns at a time
 *     (about 50 µs with the kernel's timer slack); no lock on the publishing side, but a quarter of a core per idle
 *     handler thread</td></tr>
 *     <tr><td>{@code yielding}</td><td>{@link YieldingWaitStrategy}: a core per handler thread</td></tr>
 *     <tr><td>{@code busy-spin}, {@code spin}</td><td>{@link BusySpinWaitStrategy}: lowest latency, a core per
 *     handler thread; only with cores to spare</td></tr>
 *     <tr><td>{@code blocking}</td><td>{@link LiteBlockingWaitStrategy}: blocks at once; least CPU</td></tr>
 * </table>
 * The default is {@code phased}: a handler thread that keeps up is woken by the kernel as a publisher signals, so
 * an idle engine costs next to nothing, and a busy one never blocks (it finds the next event while spinning). On a
 * 2-core host a thread that sleeps in a futex is also scheduled sooner when woken than one that has burnt its share
 * of CPU spinning or parking in a loop. See docs/ARCHITECTURE.md for the measurements.
 * <p>
 * Each call returns a new instance: a blocking strategy's lock is per ring (a shared one would wake the waiters of
 * every ring on every publish).
 */
public final class WaitStrategies
{
    /**
     * The default alias.
     */
    public static final String DEFAULT_ALIAS = "phased";

    /**
     * How long the default strategy spins before it yields, in µs.
     */
    public static final long SPIN_TIMEOUT_US = 10;

    /**
     * How long the default strategy spins and yields before it blocks, in µs.
     */
    public static final long YIELD_TIMEOUT_US = 100;

    private static final Set<String> ALIASES = Set.of(
        DEFAULT_ALIAS, "sleeping", "yielding", "busy-spin", "spin", "blocking");

    private WaitStrategies()
    {
    }

    /**
     * A new wait strategy for an alias.
     *
     * @param alias from the table above, case-insensitive; {@code null} or empty for the default.
     * @return a new wait strategy.
     * @throws IllegalArgumentException for an unknown alias.
     */
    public static WaitStrategy newWaitStrategy(final String alias)
    {
        final String name = null == alias || alias.isEmpty() ? DEFAULT_ALIAS : alias.toLowerCase(Locale.ROOT);
        switch (name)
        {
            case DEFAULT_ALIAS:
                return PhasedBackoffWaitStrategy.withLiteLock(SPIN_TIMEOUT_US, YIELD_TIMEOUT_US, TimeUnit.MICROSECONDS);
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
            case "spin":
                return new BusySpinWaitStrategy();
            case "blocking":
                return new LiteBlockingWaitStrategy();
            default:
                throw new IllegalArgumentException("unknown wait strategy alias: " + alias);
        }
    }

    /**
     * Whether an alias names a wait strategy.
     *
     * @param alias to check, case-insensitive; {@code null} or empty is the default.
     * @return true when {@link #newWaitStrategy(String)} accepts it.
     */
    public static boolean isKnown(final String alias)
    {
        return null == alias || alias.isEmpty() || ALIASES.contains(alias.toLowerCase(Locale.ROOT));
    }
}
