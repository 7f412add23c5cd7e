package io.kiteticker.engine.manager;

import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.HealthListener;
import io.kiteticker.engine.HealthSummary;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.function.Supplier;

/**
 * Tells the {@link HealthListener}s when the health summary changes (a connection goes down, comes back, or has its
 * credentials rejected): a {@code kite-health} thread checks every period, started by {@link #start()} only when a
 * listener is registered, and stopped (joined) by {@link #stop()}.
 * <p>
 * <b>Note:</b> {@code start}/{@code stop} are for the control thread (under the manager's lock); the listeners and
 * the change detection run on the {@code kite-health} thread. Each start begins with no previous summary, so the
 * listeners hear the first summary of every run.
 */
public final class HealthMonitor
{
    /**
     * Longest sleep of the {@code kite-health} thread between checks, so a stop is quick whatever the period.
     */
    public static final long MAX_SLEEP_MS = 100;

    private final List<HealthListener> listeners;
    private final Supplier<HealthSummary> health;
    private final long periodNs;
    private final NanoClock nanoClock;
    private final ControlThread thread;

    /**
     * A monitor, not yet running.
     *
     * @param listeners    to tell; none means {@link #start()} starts no thread.
     * @param health       computes the current summary.
     * @param periodNs     between checks, positive.
     * @param nanoClock    for the period.
     * @param errorHandler for a listener that throws.
     */
    public HealthMonitor(
        final List<HealthListener> listeners,
        final Supplier<HealthSummary> health,
        final long periodNs,
        final NanoClock nanoClock,
        final ErrorHandler errorHandler)
    {
        this.listeners = List.copyOf(listeners);
        this.health = health;
        this.periodNs = periodNs;
        this.nanoClock = nanoClock;
        thread = new ControlThread(Math.min(MAX_SLEEP_MS, periodNs / 1_000_000), errorHandler);
    }

    /**
     * Start the {@code kite-health} thread if a listener is registered and it is not running.
     */
    public void start()
    {
        if (!listeners.isEmpty())
        {
            thread.start(HealthCheck::new);
        }
    }

    /**
     * Stop the {@code kite-health} thread and join it; nothing when not running.
     */
    public void stop()
    {
        thread.stop();
    }

    /**
     * Whether the {@code kite-health} thread runs.
     *
     * @return true between {@link #start()} (with listeners) and {@link #stop()}.
     */
    public boolean isRunning()
    {
        return thread.isRunning();
    }

    /**
     * One summary key per distinct health: healthy count and the unhealthy connections with their states.
     *
     * @param health to describe.
     * @return e.g. {@code "0-1=RECONNECTING "}; equal keys mean no change to report.
     */
    static String unhealthyKey(final HealthSummary health)
    {
        final StringBuilder unhealthy = new StringBuilder();
        for (final ConnectionStats connection : health.unhealthyConnections())
        {
            unhealthy.append(connection.apiKeyIndex()).append('-').append(connection.connectionIndex())
                .append('=').append(connection.state()).append(' ');
        }
        return unhealthy.toString();
    }

    private final class HealthCheck implements Agent
    {
        private long nextCheckNs = nanoClock.nanoTime();
        private int lastHealthy = -1;
        private String lastUnhealthy = "";

        public int doWork()
        {
            final long nowNs = nanoClock.nanoTime();
            if (nowNs - nextCheckNs < 0)
            {
                return 0;
            }
            nextCheckNs = nowNs + periodNs;

            final HealthSummary summary = health.get();
            final String unhealthyKey = unhealthyKey(summary);
            if (summary.healthyConnections() != lastHealthy || !unhealthyKey.equals(lastUnhealthy))
            {
                lastHealthy = summary.healthyConnections();
                lastUnhealthy = unhealthyKey;
                for (final HealthListener listener : listeners)
                {
                    listener.onHealthChange(summary);
                }
            }
            return 1;
        }

        public String roleName()
        {
            return "kite-health";
        }
    }
}
