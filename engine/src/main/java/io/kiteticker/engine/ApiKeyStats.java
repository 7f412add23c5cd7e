package io.kiteticker.engine;

import java.util.List;

/**
 * Snapshot of one API key and its connections. Obtained from {@link KiteManager#apiStats(String)}.
 *
 * @param apiKeyId            id of the key.
 * @param apiKeyIndex         index of the key.
 * @param activeConnections   connections of the key that are live now.
 * @param totalConnections    connections of the key ({@code maxConnectionsPerApi}).
 * @param symbols             instrument tokens held by the key.
 * @param ticks               ticks received by the key's connections.
 * @param frames              WebSocket frames received by the key's connections.
 * @param errors              unexpected errors of the key's connections.
 * @param reconnects          reconnect attempts of the key's connections.
 * @param credentialsRejected the server refused the key's credentials in this run (HTTP 403, at start or after a
 *                            reconnect); its connections do not retry, so the key delivers nothing more until the
 *                            manager is restarted with valid credentials.
 * @param connections         per-connection snapshots, by connection index.
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
    boolean credentialsRejected,
    List<ConnectionStats> connections)
{
    /**
     * Whether the engine can still deliver this key's ticks in the current run: false once the server rejected the
     * key's credentials (see {@link #credentialsRejected()}). Connections that are only reconnecting still can.
     *
     * @return false when the key can no longer deliver.
     */
    public boolean canDeliver()
    {
        return !credentialsRejected;
    }
}
