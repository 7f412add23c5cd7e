package io.kiteticker.cli.run;

import io.kiteticker.engine.ManagerStats;
import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The text of the live progress line of {@code ./kite run}, once a second, and the send → handler latency it
 * accumulates over the whole run for the summary. It runs on the session's thread, never on the handler thread: the
 * {@link LatencyRecorder}'s interval histograms are swapped here, not recorded.
 */
final class ProgressLine
{
    /**
     * Seconds from the start that the summary reports as warm-up, apart from the steady state after them (the JIT,
     * the ring's and the journal's first touches of memory, the first connections' handshakes).
     */
    static final int WARM_UP_SECONDS = 5;

    private static final int LINE_CAPACITY = 160;

    private final LatencyRecorder recorder;
    private final Histogram total;
    private final Histogram steady;
    private Histogram interval;
    private long lastLineSeconds;
    private long startNs;
    private long endNs;

    /**
     * A progress line.
     *
     * @param recorder of the send → handler latency, or {@code null} when send times are unknown (a url).
     */
    ProgressLine(final LatencyRecorder recorder)
    {
        this.recorder = recorder;
        this.total = null == recorder ? null : LatencyRecorder.newHistogram();
        this.steady = null == recorder ? null : LatencyRecorder.newHistogram();
    }

    /**
     * Mark the start of the run.
     *
     * @param startNs {@link System#nanoTime()} at the start.
     */
    void start(final long startNs)
    {
        this.startNs = startNs;
    }

    /**
     * Mark the end of the run.
     *
     * @param endNs {@link System#nanoTime()} at the end.
     */
    void end(final long endNs)
    {
        this.endNs = endNs;
    }

    /**
     * How long the run lasted.
     *
     * @return the end minus the start, in nanoseconds.
     */
    long elapsedNs()
    {
        return endNs - startNs;
    }

    /**
     * The line for now; takes the latency of the interval since the previous line into the run's total.
     *
     * @param nowNs          {@link System#nanoTime()} now.
     * @param stats          of the engine now.
     * @param ticksPerSecond tick rate since the previous line.
     * @return e.g. {@code [   3s] 60,005 ticks/s | total 185,675 | conns 6/6 | … | latency p50 61 us p99 6,722 us}.
     */
    String line(final long nowNs, final ManagerStats stats, final double ticksPerSecond)
    {
        final long elapsedSeconds = Math.round((nowNs - startNs) / 1e9);
        final StringBuilder line = new StringBuilder(LINE_CAPACITY)
            .append('[').append(String.format(Locale.ROOT, "%4d", elapsedSeconds)).append("s] ")
            .append(Formats.count(Math.round(ticksPerSecond))).append(" ticks/s | total ")
            .append(Formats.count(stats.ticks()))
            .append(" | conns ").append(stats.activeConnections()).append('/').append(stats.totalConnections())
            .append(" | reconnects ").append(stats.reconnects())
            .append(" | errors ").append(stats.errors() + stats.malformed())
            .append(" | latency ");
        if (null == recorder)
        {
            line.append("n/a");
        }
        else
        {
            takeInterval();
            lastLineSeconds = elapsedSeconds;
            if (0 == interval.getTotalCount())
            {
                line.append("-");
            }
            else
            {
                line.append("p50 ").append(Formats.latency(interval.getValueAtPercentile(50)))
                    .append(" p99 ").append(Formats.latency(interval.getValueAtPercentile(99)));
            }
        }
        return line.toString();
    }

    /**
     * The send → handler latency of the whole run, including the interval since the last line.
     *
     * @return the histogram, or {@code null} when send times are unknown.
     */
    Histogram total()
    {
        if (null == recorder)
        {
            return null;
        }
        takeInterval();
        return total;
    }

    /**
     * The send → handler latency after the first {@link #WARM_UP_SECONDS} seconds; complete once {@link #total()}
     * has taken the last interval.
     *
     * @return the histogram (empty for a run no longer than the warm-up), or {@code null} when send times are
     * unknown.
     */
    Histogram steadyState()
    {
        return steady;
    }

    private void takeInterval()
    {
        interval = recorder.intervalHistogram(interval);
        total.add(interval);
        if (lastLineSeconds >= WARM_UP_SECONDS)
        {
            steady.add(interval);
        }
    }

    /**
     * The socket read → handler latency of the whole run (the recorder keeps it since the start).
     *
     * @return the histogram, or {@code null} when send times are unknown.
     */
    Histogram inEngineTotal()
    {
        return null == recorder ? null : recorder.inEngineIntervalHistogram(null);
    }
}
