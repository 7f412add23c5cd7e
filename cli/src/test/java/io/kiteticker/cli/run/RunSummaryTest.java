package io.kiteticker.cli.run;

import io.kiteticker.engine.ApiKeyStats;
import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.ManagerStats;
import io.kiteticker.engine.connection.ConnectionState;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTest
{
    private static final String NL = System.lineSeparator();
    private static final long FIVE_SECONDS_NS = 5_000_000_000L;

    private final StringWriter text = new StringWriter();
    private final RunSummary summary = new RunSummary(new PrintWriter(text));

    @Test
    void shouldSummariseTicksKeysConnectionsAndJournalWhenLatencyIsUnknown()
    {
        final ApiKeyStats key1 = key("key-1", 0, 200_000, 7, 1);
        final ApiKeyStats key2 = key("key-2", 1, 100_000, 0, 2);
        final ManagerStats beforeStop = stats(5, 300_000, List.of(key1, key2));
        final ManagerStats stats = stats(0, 300_000, List.of(key1, key2));

        summary.print("duration reached", FIVE_SECONDS_NS, beforeStop, stats, null, null, null,
            RunSummary.journal(Path.of("recordings", "run-1"), 300_000, 2, 80 * 1024 * 1024 + 100 * 1024),
            List.of());

        assertThat(text.toString()).isEqualTo(
            "summary (duration reached after 5.0 s):" + NL +
            "  ticks        300,000 (60,000/s), frames 3,000, tokens 3,000" + NL +
            "  key-1        200,000 ticks, 1,000 frames, 1,500 tokens on 3 connection(s), reconnects 1, errors 0" + NL +
            "  key-2        100,000 ticks, 1,000 frames, 1,500 tokens on 3 connection(s), reconnects 2, errors 0" + NL +
            "  connections  5/6 live at the end, reconnects 3, errors 4, malformed 1, ring full 7" + NL +
            "  latency      n/a (send times are known only with the embedded simulator)" + NL +
            "  journal      " + Path.of("recordings", "run-1") + ": 300,000 ticks, 2 text messages, 80.1 MiB on disk" +
            NL);
    }

    @Test
    void shouldShowLatencyPercentilesAndAtMostFiveDistinctErrors()
    {
        final ManagerStats stats = stats(6, 1_000, List.of());
        final Histogram latency = LatencyRecorder.newHistogram();
        final Histogram inEngine = LatencyRecorder.newHistogram();
        final Histogram steady = LatencyRecorder.newHistogram();
        for (int i = 1; i <= 1_000; i++)
        {
            latency.recordValue(i * 1_000L);
            inEngine.recordValue(i * 100L);
            steady.recordValue(i * 10L);
        }

        summary.print("interrupted", FIVE_SECONDS_NS, stats, stats, latency, inEngine, steady, RunSummary.JOURNAL_OFF,
            List.of("1 x a", "2 x b", "3 x c", "4 x d", "5 x e", "6 x f"));

        assertThat(text.toString()).isEqualTo(
            "summary (interrupted after 5.0 s):" + NL +
            "  ticks        1,000 (200/s), frames 3,000, tokens 3,000" + NL +
            "  connections  6/6 live at the end, reconnects 3, errors 4, malformed 1, ring full 0" + NL +
            "  latency      send -> handler p50 500 us, p90 900 us, p99 990 us, p99.9 999 us, max 1,000 us " +
            "(1,000 samples)" + NL +
            "  of which     socket read -> handler p50 50 us, p99 99 us, max 100 us" + NL +
            "  after 5 s    send -> handler p50 5 us, p90 9 us, p99 10 us, p99.9 10 us, max 10 us " +
            "(1,000 samples)" + NL +
            "  journal      off" + NL +
            "  distinct errors (6):" + NL +
            "    1 x a" + NL + "    2 x b" + NL + "    3 x c" + NL + "    4 x d" + NL + "    5 x e" + NL);
    }

    @Test
    void shouldSayNoSamplesWhenTheLatencyProbeMeasuredNothing()
    {
        final ManagerStats stats = stats(6, 0, List.of());

        summary.print("interrupted", 0, stats, stats, LatencyRecorder.newHistogram(), LatencyRecorder.newHistogram(),
            null, RunSummary.JOURNAL_OFF, List.of());

        assertThat(text.toString()).contains("  ticks        0 (0/s)", "  latency      no samples" + NL)
            .doesNotContain("of which");
    }

    private static ManagerStats stats(final int activeConnections, final long ticks, final List<ApiKeyStats> keys)
    {
        return new ManagerStats(2, 3000, activeConnections, 6, ticks, 3_000, 0, 4, 1, 3, Duration.ZERO, keys);
    }

    private static ApiKeyStats key(
        final String id, final int index, final long ticks, final long ringFull, final long reconnects)
    {
        final ConnectionStats connection = new ConnectionStats(id, index, 0, ConnectionState.LIVE, 1500, 1000, ticks,
            0, 0, 0, 0, 0, 0, 0, 0, ringFull, 0, 0, 0, reconnects, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, Duration.ZERO);
        return new ApiKeyStats(id, index, 3, 3, 1500, ticks, 1000, 0, reconnects, false, List.of(connection));
    }
}
