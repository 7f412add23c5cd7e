package io.kiteticker.cli.stats;

import io.kiteticker.cli.run.Formats;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.EngineStatusReader;
import io.kiteticker.engine.status.FailureKind;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one snapshot of an engine's status file, AeronStat style: a row of counters per connection (grouped by
 * the key index and connection index in each counter's key), totals, each connection's last failure (kind and HTTP
 * status, {@link FailureKind}), any other counters, and the distinct error log with observation counts.
 */
public final class StatsView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String ROW_FORMAT = "%-10s %4s  %-20s %14s %12s %10s %11s %9s %9s %8s %10s %10s %11s %7s%n";

    private StatsView()
    {
    }

    /**
     * Print a snapshot.
     *
     * @param reader            over the status file.
     * @param file              its path, for the heading.
     * @param includeStackTraces print whole stack traces of distinct errors rather than their first line.
     * @param out               to print to.
     */
    public static void print(
        final EngineStatusReader reader, final Path file, final boolean includeStackTraces, final PrintWriter out)
    {
        final long pid = reader.pid();
        final long startMs = reader.startTimestampMs();
        final long nowMs = System.currentTimeMillis();
        final boolean isAlive = StatusFiles.isAlive(pid);
        if (isAlive)
        {
            out.println("kite engine pid " + pid + ", started " + TIME_FORMAT.format(Instant.ofEpochMilli(startMs)) +
                ", up " + uptime(nowMs - startMs) + ", " + file + ", at " +
                TIME_FORMAT.format(Instant.ofEpochMilli(nowMs)));
        }
        else
        {
            final long lastWriteMs = Math.max(startMs, lastWriteMs(reader, file));
            out.println("kite engine pid " + pid + " (not running: its process is gone), started " +
                TIME_FORMAT.format(Instant.ofEpochMilli(startMs)) + ", ran about " + uptime(lastWriteMs - startMs) +
                ", last written about " + TIME_FORMAT.format(Instant.ofEpochMilli(lastWriteMs)) + ", " + file);
            out.println("its last state, as the engine left it (not current); ./kite stats without --file removes " +
                "the status files of engines that are gone");
        }
        final String statePrefix = isAlive ? "" : "was ";

        final Map<Long, Row> rows = new TreeMap<>();
        final List<String> others = new ArrayList<>();
        final CountersReader counters = reader.countersReader();
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final KiteCounterDescriptor descriptor = KiteCounterDescriptor.forTypeId(typeId);
            final long value = counters.getCounterValue(counterId);
            if (null == descriptor)
            {
                others.add(String.format(Locale.ROOT, "  %s: %s", label, Formats.count(value)));
                return;
            }
            final int apiKeyIndex = keyBuffer.getInt(ConnectionCounters.API_KEY_INDEX_KEY_OFFSET);
            final int connectionIndex = keyBuffer.getInt(ConnectionCounters.CONNECTION_INDEX_KEY_OFFSET);
            final Row row = rows.computeIfAbsent(
                ((long)apiKeyIndex << 32) | (connectionIndex & 0xFFFF_FFFFL),
                (ignore) -> new Row(apiKeyIndex, connectionIndex, keyId(label, descriptor)));
            row.values[descriptor.id()] = value;
        });

        out.printf(Locale.ROOT, ROW_FORMAT, "key", "conn", "state", "ticks", "frames", "heartbeats", "bytes read",
            "malformed", "ring full", "stalls", "stall max", "reconnects", "disconnects", "errors");
        final Row total = new Row(-1, -1, "total");
        int live = 0;
        for (final Row row : rows.values())
        {
            final ConnectionState state = state(row.values[KiteCounterDescriptor.STATE.id()]);
            live += ConnectionState.LIVE == state ? 1 : 0;
            printRow(out, row, String.valueOf(row.connectionIndex), null == state ? "?" : statePrefix + state.name());
            for (int i = 0; i < row.values.length; i++)
            {
                total.values[i] += row.values[i];
            }
            final int maxId = KiteCounterDescriptor.RING_FULL_STALL_MAX_NS.id();
            total.values[maxId] = Math.max(total.values[maxId] - row.values[maxId], row.values[maxId]);
        }
        printRow(out, total, "", statePrefix + live + "/" + rows.size() + " live");
        printLastFailures(out, rows.values());

        if (!others.isEmpty())
        {
            out.println("other counters:");
            others.forEach(out::println);
        }

        final List<String> errors = new ArrayList<>();
        reader.readErrors((observationCount, firstTimestamp, lastTimestamp, encodedException) ->
        {
            final String text = includeStackTraces ? encodedException.trim() : firstLine(encodedException);
            errors.add(String.format(Locale.ROOT, "  %s x, first %s, last %s: %s", Formats.count(observationCount),
                TIME_FORMAT.format(Instant.ofEpochMilli(firstTimestamp)),
                TIME_FORMAT.format(Instant.ofEpochMilli(lastTimestamp)), text));
        });
        if (errors.isEmpty())
        {
            out.println("distinct errors: none");
        }
        else
        {
            out.println("distinct errors: " + errors.size());
            errors.forEach(out::println);
        }
        out.flush();
    }

    /**
     * When the engine last wrote its status file, as far as can be told once it is gone: the file's modification
     * time (the kernel updates it as the mapped pages are written back) or the last distinct error, if later.
     */
    private static long lastWriteMs(final EngineStatusReader reader, final Path file)
    {
        long lastMs = 0;
        try
        {
            lastMs = Files.getLastModifiedTime(file).toMillis();
        }
        catch (final IOException ignore)
        {
            // the error log may still say
        }
        final long[] lastErrorMs = { lastMs };
        reader.readErrors((observationCount, firstTimestamp, lastTimestamp, encodedException) ->
            lastErrorMs[0] = Math.max(lastErrorMs[0], lastTimestamp));
        return lastErrorMs[0];
    }

    private static void printRow(final PrintWriter out, final Row row, final String connection, final String state)
    {
        final long[] v = row.values;
        final long malformed = v[KiteCounterDescriptor.MALFORMED_FRAMES.id()] +
            v[KiteCounterDescriptor.MALFORMED_MESSAGES.id()] + v[KiteCounterDescriptor.MALFORMED_PACKETS.id()] +
            v[KiteCounterDescriptor.MALFORMED_TEXT.id()];
        out.printf(Locale.ROOT, ROW_FORMAT,
            row.keyId,
            connection,
            state,
            Formats.count(v[KiteCounterDescriptor.PACKETS.id()]),
            Formats.count(v[KiteCounterDescriptor.FRAMES.id()]),
            Formats.count(v[KiteCounterDescriptor.HEARTBEATS.id()]),
            Formats.size(v[KiteCounterDescriptor.BYTES_READ.id()]),
            Formats.count(malformed),
            Formats.count(v[KiteCounterDescriptor.RING_FULL.id()]),
            Formats.count(v[KiteCounterDescriptor.RING_FULL_STALLS.id()]),
            Formats.latency(v[KiteCounterDescriptor.RING_FULL_STALL_MAX_NS.id()]),
            Formats.count(v[KiteCounterDescriptor.RECONNECTS.id()]),
            Formats.count(v[KiteCounterDescriptor.DISCONNECTS.id()]),
            Formats.count(v[KiteCounterDescriptor.ERRORS.id()]));
    }

    /**
     * Each connection's last failure, from its LAST_FAILURE_KIND and LAST_HTTP_STATUS counters, e.g.
     * {@code "  alpha  2  last failure: WebSocket upgrade refused (HTTP 429)"}; nothing when none failed.
     */
    private static void printLastFailures(final PrintWriter out, final Iterable<Row> rows)
    {
        boolean isHeadingPrinted = false;
        for (final Row row : rows)
        {
            final FailureKind kind = FailureKind.get(row.values[KiteCounterDescriptor.LAST_FAILURE_KIND.id()]);
            if (null == kind || FailureKind.NONE == kind)
            {
                continue;
            }
            if (!isHeadingPrinted)
            {
                out.println("last failures (kept after a connection came back):");
                isHeadingPrinted = true;
            }
            out.printf(Locale.ROOT, "  %-10s %4d  last failure: %s%n", row.keyId, row.connectionIndex,
                kind.describe(row.values[KiteCounterDescriptor.LAST_HTTP_STATUS.id()]));
        }
    }

    private static ConnectionState state(final long ordinal)
    {
        final ConnectionState[] states = ConnectionState.values();
        return ordinal >= 0 && ordinal < states.length ? states[(int)ordinal] : null;
    }

    /**
     * The key id in a connection counter's label, {@code "kite-K-C [id] <descriptor label>"}.
     */
    static String keyId(final String label, final KiteCounterDescriptor descriptor)
    {
        final int open = label.indexOf('[');
        final String suffix = "] " + descriptor.label();
        final int close = label.endsWith(suffix) ? label.length() - suffix.length() : label.lastIndexOf(']');
        return open >= 0 && close > open ? label.substring(open + 1, close) : "?";
    }

    private static String firstLine(final String text)
    {
        final int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    private static String uptime(final long millis)
    {
        final Duration duration = Duration.ofMillis(Math.max(0, millis));
        return String.format(Locale.ROOT, "%dh %02dm %02ds",
            duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    private static final class Row
    {
        final int apiKeyIndex;
        final int connectionIndex;
        final String keyId;
        final long[] values = new long[KiteCounterDescriptor.values().length];

        Row(final int apiKeyIndex, final int connectionIndex, final String keyId)
        {
            this.apiKeyIndex = apiKeyIndex;
            this.connectionIndex = connectionIndex;
            this.keyId = keyId;
        }
    }
}
