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
 * @param distinctErrors one line per distinct error: count and first line.
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
        final List<String> errors = new ArrayList<>();
        ErrorLogReader.read(manager.engineStatus().errorLogBuffer(),
            (observationCount, firstTimestamp, lastTimestamp, encodedException) ->
            {
                final int newline = encodedException.indexOf('\n');
                errors.add(observationCount + " x " +
                    (newline < 0 ? encodedException : encodedException.substring(0, newline)).trim());
            });
        return new EngineFigures(counts, errors);
    }

    long count(final String label)
    {
        return counts.getOrDefault(label, 0L);
    }
}
