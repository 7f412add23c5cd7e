package io.kiteticker.engine;

import java.time.Duration;
import java.util.List;

/**
 * Aggregate snapshot across every API key and connection. Obtained from {@link KiteManager#stats()}.
 *
 * @param apiKeyCount       number of API keys.
 * @param totalSymbols      instrument tokens held.
 * @param activeConnections connections live now.
 * @param totalConnections  connections configured ({@code keys * maxConnectionsPerApi}).
 * @param ticks             ticks received (each tick counts once; a frame carries many).
 * @param frames            WebSocket frames received.
 * @param ticksPerSecond    tick rate since the previous {@link KiteManager#stats()} call (since start for the
 *                          first call).
 * @param errors            unexpected errors of all connections.
 * @param malformed         malformed inputs of all connections (frames, messages, packets, text).
 * @param reconnects        reconnect attempts of all connections.
 * @param uptime            time since the last successful {@link KiteManager#start()}; zero when stopped.
 * @param apiKeys           per-key snapshots, in key order.
 */
public record ManagerStats(
    int apiKeyCount,
    int totalSymbols,
    int activeConnections,
    int totalConnections,
    long ticks,
    long frames,
    double ticksPerSecond,
    long errors,
    long malformed,
    long reconnects,
    Duration uptime,
    List<ApiKeyStats> apiKeys)
{
}
