package io.kiteticker.engine;

import java.util.List;

/**
 * Snapshot of one API key and its connections. Obtained from {@link KiteManager#apiStats(String)}.
 *
 * @param apiKeyId          id of the key.
 * @param apiKeyIndex       index of the key.
 * @param activeConnections connections of the key that are live now.
 * @param totalConnections  connections of the key ({@code maxConnectionsPerApi}).
 * @param symbols           instrument tokens held by the key.
 * @param ticks             ticks received by the key's connections.
 * @param frames            WebSocket frames received by the key's connections.
 * @param errors            unexpected errors of the key's connections.
 * @param reconnects        reconnect attempts of the key's connections.
 * @param connections       per-connection snapshots, by connection index.
 */
public record ApiKeyStats(
    String apiKeyId,
    int apiKeyIndex,
    int activeConnections,
    int totalConnections,
    int symbols,
    long ticks,
    long frames,
    long errors,
    long reconnects,
    List<ConnectionStats> connections)
{
}
