package io.kiteticker.cli.soak;

import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.KiteManager;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's counters summed over its connections at the end of a soak, by kind, and its distinct errors.
 *
 * @param counts         counter label to total, in report order.
 * @param distinctErrors one line per kind of error: count and what (the connection that saw it left out).
 */
record EngineFigures(Map<String, Long> counts, List<String> distinctErrors)
{
    /**
     * Read a manager's figures.
     *
     * @param manager still started.
     * @return the figures.
     */
    static EngineFigures of(final KiteManager manager)
    {
        final long[] sums = new long[12];
        for (final String id : manager.apiKeys())
        {
            for (int c = 0; c < manager.connectionsPerApiKey(); c++)
            {
                final ConnectionStats stats = manager.connectionStats(id, c);
                final long[] each = {stats.reconnects(), stats.disconnects(), stats.connectFailures(),
                    stats.livenessTimeouts(), stats.credentialsRejected(), stats.malformedFrames(),
                    stats.malformedMessages(), stats.malformedPackets(), stats.unknownPacketLengths(),
                    stats.malformedText(), stats.ringFull(), stats.errors()};
                for (int i = 0; i < sums.length; i++)
                {
                    sums[i] += each[i];
                }
            }
        }
        final String[] labels = {"reconnects", "disconnects", "connect failures", "liveness timeouts",
            "credentials rejected", "malformed frames", "malformed messages", "malformed packets",
            "unknown packet lengths", "malformed text", "ring full", "errors"};
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++)
        {
            counts.put(labels[i], sums[i]);
        }
        final Map<String, Integer> byKind = new LinkedHashMap<>();
        ErrorLogReader.read(manager.engineStatus().errorLogBuffer(),
            (observationCount, firstTimestamp, lastTimestamp, encodedException) ->
                byKind.merge(kindOf(encodedException), observationCount, Integer::sum));
        final List<String> errors = new ArrayList<>();
        byKind.forEach((kind, count) -> errors.add(count + " x " + kind));
        return new EngineFigures(counts, errors);
    }

    /**
     * The kind of a distinct error: its first line without the connection that saw it (the exception's class and
     * the {@code kite-K-C [key-id]: } prefix), so that one kind seen on nine connections is one line.
     *
     * @param encodedException as the error log keeps it.
     * @return e.g. {@code connection lost: WebSocket protocol error RSV_BITS_SET}.
     */
    static String kindOf(final String encodedException)
    {
        final int newline = encodedException.indexOf('\n');
        final String firstLine = (newline < 0 ? encodedException : encodedException.substring(0, newline)).trim();
        final int connection = firstLine.indexOf("]: ");
        return connection < 0 ? firstLine : firstLine.substring(connection + 3);
    }

    long count(final String label)
    {
        return counts.getOrDefault(label, 0L);
    }
}
