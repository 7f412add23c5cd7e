package io.kiteticker.engine.manager;

/**
 * A ticks-per-second window: each {@link #rate(long, long)} call gives the rate since the previous call (or since
 * {@link #reset(long, long)}) and starts the next window. Each caller that wants its own rate keeps its own window,
 * so one reader's sampling never shortens another's: {@code KiteManager.stats()} keeps one for
 * {@code ManagerStats.ticksPerSecond()}; a tool can keep another over {@code ManagerStats.ticks()}.
 * <p>
 * <b>Note:</b> thread-safe (synchronized: a control-plane reader, never on the data path).
 */
public final class TickRateWindow
{
    private long startNs;
    private long startTicks;

    /**
     * Start a new window now.
     *
     * @param nowNs current nano clock time.
     * @param ticks current tick count.
     */
    public synchronized void reset(final long nowNs, final long ticks)
    {
        startNs = nowNs;
        startTicks = ticks;
    }

    /**
     * The rate since the window began, then begin the next window at {@code nowNs}.
     *
     * @param nowNs current nano clock time.
     * @param ticks current tick count.
     * @return ticks per second, or 0 when no time has passed.
     */
    public synchronized double rate(final long nowNs, final long ticks)
    {
        final long elapsedNs = nowNs - startNs;
        final double ticksPerSecond = elapsedNs > 0 ? (ticks - startTicks) * 1e9 / elapsedNs : 0.0;
        startNs = nowNs;
        startTicks = ticks;
        return ticksPerSecond;
    }
}
