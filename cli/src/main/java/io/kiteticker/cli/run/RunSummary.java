package io.kiteticker.cli.run;

import io.kiteticker.engine.ApiKeyStats;
import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.ManagerStats;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The summary {@code ./kite run} prints at the end: how it ended, ticks in total and per key, connections, the
 * latency of the whole run, the journal and the first distinct errors. Made from numbers already taken, so it
 * prints the same whatever stopped the run.
 */
final class RunSummary
{
    /**
     * The journal part of the summary when the run did not journal.
     */
    static final String JOURNAL_OFF = "off";

    private static final int MAX_ERRORS_SHOWN = 5;
    private static final int KEY_ID_WIDTH = 12;

    private final PrintWriter out;

    /**
     * A summary.
     *
     * @param out to print to.
     */
    RunSummary(final PrintWriter out)
    {
        this.out = out;
    }

    /**
     * The journal part of the summary for a run that journaled.
     *
     * @param directory        of the recording.
     * @param ticksAppended    ticks journaled.
     * @param textsAppended    text messages journaled.
     * @param sizeOnDiskBytes  of the recording's directory.
     * @return e.g. {@code recordings/run-…: 306,198 ticks, 0 text messages, 80.1 MiB on disk}.
     */
    static String journal(
        final Path directory, final long ticksAppended, final long textsAppended, final long sizeOnDiskBytes)
    {
        return directory + ": " + Formats.count(ticksAppended) + " ticks, " + Formats.count(textsAppended) +
            " text messages, " + Formats.size(sizeOnDiskBytes) + " on disk";
    }

    /**
     * Print the summary, and flush.
     *
     * @param ending     how the run ended, e.g. {@code duration reached}.
     * @param elapsedNs  how long it ran.
     * @param beforeStop the engine's stats just before it was stopped (for the connections live at the end).
     * @param stats      the engine's stats after it stopped.
     * @param latency    send → handler latency of the whole run, or {@code null} when send times are unknown.
     * @param inEngine   socket read → handler latency of the whole run, or {@code null} as for {@code latency}.
     * @param steady     send → handler latency after the warm-up, or {@code null} as for {@code latency}.
     * @param journal    {@link #journal(Path, long, long, long)} or {@link #JOURNAL_OFF}.
     * @param errors     distinct errors, each {@code count x first line}.
     */
    void print(
        final String ending,
        final long elapsedNs,
        final ManagerStats beforeStop,
        final ManagerStats stats,
        final Histogram latency,
        final Histogram inEngine,
        final Histogram steady,
        final String journal,
        final List<String> errors)
    {
        out.println("summary (" + ending + " after " + Formats.seconds(elapsedNs) + "):");
        out.println("  ticks        " + Formats.count(stats.ticks()) + " (" +
            Formats.count(Math.round(stats.ticks() * 1e9 / Math.max(1, elapsedNs))) + "/s), frames " +
            Formats.count(stats.frames()) + ", tokens " + Formats.count(stats.totalSymbols()));
        for (final ApiKeyStats key : stats.apiKeys())
        {
            out.println("  " + pad(key.apiKeyId(), KEY_ID_WIDTH) + " " + Formats.count(key.ticks()) + " ticks, " +
                Formats.count(key.frames()) + " frames, " + Formats.count(key.symbols()) + " tokens on " +
                key.totalConnections() + " connection(s), reconnects " + key.reconnects() + ", errors " +
                key.errors());
        }
        long ringFull = 0;
        for (final ApiKeyStats key : stats.apiKeys())
        {
            for (final ConnectionStats connection : key.connections())
            {
                ringFull += connection.ringFull();
            }
        }
        out.println("  connections  " + beforeStop.activeConnections() + "/" + beforeStop.totalConnections() +
            " live at the end, reconnects " + stats.reconnects() + ", errors " + stats.errors() + ", malformed " +
            stats.malformed() + ", ring full " + ringFull);
        printLatency(latency, inEngine, steady);
        out.println("  journal      " + journal);
        if (!errors.isEmpty())
        {
            out.println("  distinct errors (" + errors.size() + "):");
            for (int i = 0; i < Math.min(MAX_ERRORS_SHOWN, errors.size()); i++)
            {
                out.println("    " + errors.get(i));
            }
        }
        out.flush();
    }

    private void printLatency(final Histogram latency, final Histogram inEngine, final Histogram steady)
    {
        if (null == latency)
        {
            out.println("  latency      n/a (send times are known only with the embedded simulator)");
        }
        else if (0 == latency.getTotalCount())
        {
            out.println("  latency      no samples");
        }
        else
        {
            out.println("  latency      send -> handler " + percentiles(latency));
            out.println("  of which     socket read -> handler p50 " +
                Formats.latency(inEngine.getValueAtPercentile(50)) + ", p99 " +
                Formats.latency(inEngine.getValueAtPercentile(99)) + ", max " +
                Formats.latency(inEngine.getMaxValue()));
            if (null != steady && steady.getTotalCount() > 0)
            {
                out.println("  after " + ProgressLine.WARM_UP_SECONDS + " s    send -> handler " +
                    percentiles(steady));
            }
        }
    }

    private static String percentiles(final Histogram latency)
    {
        return "p50 " + Formats.latency(latency.getValueAtPercentile(50)) +
            ", p90 " + Formats.latency(latency.getValueAtPercentile(90)) +
            ", p99 " + Formats.latency(latency.getValueAtPercentile(99)) +
            ", p99.9 " + Formats.latency(latency.getValueAtPercentile(99.9)) +
            ", max " + Formats.latency(latency.getMaxValue()) +
            " (" + Formats.count(latency.getTotalCount()) + " samples)";
    }

    private static String pad(final String text, final int width)
    {
        final StringBuilder builder = new StringBuilder(text);
        while (builder.length() < width)
        {
            builder.append(' ');
        }
        return builder.toString();
    }
}
