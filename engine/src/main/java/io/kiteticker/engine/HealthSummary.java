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
 * @param totalSymbols         instrument tokens held.
 * @param ticks                ticks received.
 * @param errors               unexpected errors so far (informational).
 * @param uptime               time since the last successful start; zero when stopped.
 */
public record HealthSummary(
    int healthyConnections,
    int totalConnections,
    List<ConnectionStats> unhealthyConnections,
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
     * Share of live connections.
     *
     * @return 0 to 100; 100 when there are no connections.
     */
    public double healthPercentage()
    {
        return 0 == totalConnections ? 100.0 : healthyConnections * 100.0 / totalConnections;
    }
}
