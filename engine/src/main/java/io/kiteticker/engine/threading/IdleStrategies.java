package io.kiteticker.engine.threading;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;
import java.util.Set;

/**
 * Idle strategies by alias, as Aeron's {@code Configuration.agentIdleStrategy}:
 * <table>
 *     <caption>aliases</caption>
 *     <tr><th>alias</th><th>strategy</th></tr>
 *     <tr><td>{@code backoff}</td><td>{@link BackoffIdleStrategy}: spin, yield, then park up to 1 ms</td></tr>
 *     <tr><td>{@code busy-spin}, {@code spin}</td><td>{@link BusySpinIdleStrategy}: lowest latency, burns a core;
 *     use only on a pinned thread with a core to spare</td></tr>
 *     <tr><td>{@code yielding}, {@code yield}</td><td>{@link YieldingIdleStrategy}</td></tr>
 *     <tr><td>{@code sleeping}, {@code sleep-ns}</td><td>{@link SleepingIdleStrategy} (parks 1 µs)</td></tr>
 *     <tr><td>{@code sleep-ms}</td><td>{@link SleepingMillisIdleStrategy} (sleeps 1 ms)</td></tr>
 *     <tr><td>{@code noop}</td><td>{@link NoOpIdleStrategy}</td></tr>
 *     <tr><td>{@code select} (default)</td><td>{@link SelectIdleStrategy}: blocks in the selector of the
 *     thread's sockets (up to 1 ms), so the kernel wakes it when bytes arrive: low latency without burning a
 *     core</td></tr>
 * </table>
 * The default is {@code select}: on a shared 2-core host a spinning agent only gets its fair share of CPU and falls
 * behind, a parked one sleeps at least the kernel's 50 µs timer slack, and {@code backoff} parks up to 1 ms once
 * idle, while a thread blocked in epoll is woken as the bytes arrive. Measured with
 * {@code io.kiteticker.bench.engine.LatencyRig} at 100k ticks/s, handler on a sleeping-wait thread: select p50
 * 35 µs, sleeping p50 64 µs; with the handler inline on the agent's thread select p50 17 µs, p99 50 µs (load 2).
 * Use {@code busy-spin} only on a pinned thread with a spare core.
 * <p>
 * Each call returns a new instance: an idle strategy holds per-thread state and must not be shared between threads.
 */
public final class IdleStrategies
{
    /**
     * The default alias.
     */
    public static final String DEFAULT_ALIAS = SelectIdleStrategy.ALIAS;

    /**
     * Sleep period of a control thread waiting for an agent (a full command queue, a state to reach) and of the
     * {@code sleep-ms} alias: 1 ms, the shortest {@link SleepingMillisIdleStrategy} period.
     */
    public static final long CONTROL_SLEEP_PERIOD_MS = 1;

    private static final Set<String> ALIASES = Set.of(
        "backoff", "busy-spin", "busyspin", "spin", "yielding", "yield", "sleeping", "sleep-ns", "sleep-ms", "noop",
        "no-op", SelectIdleStrategy.ALIAS);

    private IdleStrategies()
    {
    }

    /**
     * A new idle strategy for an alias.
     *
     * @param alias from the table above, case-insensitive; {@code null} or empty for the default.
     * @return a new idle strategy.
     * @throws IllegalArgumentException for an unknown alias.
     */
    public static IdleStrategy newIdleStrategy(final String alias)
    {
        validate(alias);
        return create(alias);
    }

    /**
     * A new idle strategy for a control thread that waits on an agent (for example offering to a full command queue
     * or awaiting a state): sleeps {@link #CONTROL_SLEEP_PERIOD_MS} per idle, so it never burns a core the agents
     * need. Use instead of {@code new SleepingMillisIdleStrategy(1)} literals.
     *
     * @return a new idle strategy.
     */
    public static IdleStrategy newControlIdleStrategy()
    {
        return new SleepingMillisIdleStrategy(CONTROL_SLEEP_PERIOD_MS);
    }

    /**
     * Check that an alias names an idle strategy, without creating one.
     *
     * @param alias from the table above, case-insensitive; {@code null} or empty for the default.
     * @throws IllegalArgumentException for an unknown alias.
     */
    public static void validate(final String alias)
    {
        if (null != alias && !alias.isEmpty() && !ALIASES.contains(alias.toLowerCase(Locale.ROOT)))
        {
            throw new IllegalArgumentException("unknown idle strategy alias: " + alias);
        }
    }

    private static IdleStrategy create(final String alias)
    {
        if (null == alias || alias.isEmpty())
        {
            return create(DEFAULT_ALIAS);
        }

        switch (alias.toLowerCase(Locale.ROOT))
        {
            case "backoff":
                return new BackoffIdleStrategy();
            case "busy-spin":
            case "busyspin":
            case "spin":
                return new BusySpinIdleStrategy();
            case "yielding":
            case "yield":
                return new YieldingIdleStrategy();
            case "sleeping":
            case "sleep-ns":
                return new SleepingIdleStrategy();
            case "sleep-ms":
                return new SleepingMillisIdleStrategy(CONTROL_SLEEP_PERIOD_MS);
            case "noop":
            case "no-op":
                return new NoOpIdleStrategy();
            case SelectIdleStrategy.ALIAS:
                return new SelectIdleStrategy();
            default:
                throw new IllegalArgumentException("unknown idle strategy alias: " + alias);
        }
    }
}
