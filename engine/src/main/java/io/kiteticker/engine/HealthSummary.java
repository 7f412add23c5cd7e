package io.kiteticker.engine;

import java.time.Duration;
import java.util.List;

/**
 * Health from the connections' current states: a connection is healthy when it is live now. Past errors do not make
 * the summary unhealthy (they are in the stats); a connection that recovered is healthy again. Obtained from
 * {@link KiteManager#health()}.
 *
 * @param healthyConnections   connections live now.
 * @param totalConnections     connections configured.
 * @param unhealthyConnections snapshots of the connections that are not live, with their state.
 * @param rejectedApiKeyIds    ids of the keys whose credentials the server refused in this run, in key order: the
 *                             engine can no longer deliver their ticks (see {@link ApiKeyStats#canDeliver()}).
 * @param totalSymbols         instrument tokens held.
 * @param ticks                ticks received.
 * @param errors               unexpected errors so far (informational).
 * @param uptime               time since the last successful start; zero when stopped.
 */
public record HealthSummary(
    int healthyConnections,
    int totalConnections,
    List<ConnectionStats> unhealthyConnections,
    List<String> rejectedApiKeyIds,
    int totalSymbols,
    long ticks,
    long errors,
    Duration uptime)
{
    /**
     * Every connection is live.
     *
     * @return true when all connections are live.
     */
    public boolean isHealthy()
    {
        return totalConnections > 0 && healthyConnections == totalConnections;
    }

    /**
     * Some, but not all, connections are live.
     *
     * @return true when at least one connection is live and at least one is not.
     */
    public boolean isDegraded()
    {
        return healthyConnections > 0 && healthyConnections < totalConnections;
    }

    /**
     * No connection is live.
     *
     * @return true when there are connections and none is live.
     */
    public boolean isCritical()
    {
        return totalConnections > 0 && 0 == healthyConnections;
    }

    /**
     * Whether the server refused the credentials of some key in this run, so the engine can no longer deliver all
     * that was subscribed (a rejected connection does not retry).
     *
     * @return true when {@link #rejectedApiKeyIds()} is not empty.
     */
    public boolean hasRejectedCredentials()
    {
        return !rejectedApiKeyIds.isEmpty();
    }

    /**
     * Share of live connections.
     *
     * @return 0 to 100; 100 when there are no connections.
     */
    public double healthPercentage()
    {
        return 0 == totalConnections ? 100.0 : healthyConnections * 100.0 / totalConnections;
    }
}
