package io.kiteticker.engine.manager;

import io.kiteticker.engine.ApiKeyStats;
import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.HealthSummary;
import io.kiteticker.engine.ManagerStats;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.FailureKind;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.concurrent.NanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Builds the manager's snapshots ({@link ManagerStats}, {@link ApiKeyStats}, {@link ConnectionStats},
 * {@link HealthSummary}) from the connection counters, the {@link ConnectionSlots} and the connections' states, and
 * keeps the uptime clock and the {@link TickRateWindow} of {@link ManagerStats#ticksPerSecond()}.
 * <p>
 * <b>Note:</b> every read is of counters, atomics and volatiles: any thread may ask for a snapshot without a lock
 * while the connections run; {@link #started(long)} and {@link #stopped()} are called by the control thread.
 */
public final class ManagerStatistics
{
    private final Credentials credentials;
    private final int connectionsPerApiKey;
    private final ConnectionCounters[] counters;
    private final ConnectionSlots slots;
    private final IntFunction<ConnectionState> states;
    private final IntFunction<String> lastFailures;
    private final NanoClock nanoClock;
    private final TickRateWindow window = new TickRateWindow();
    private volatile long startedAtNs; // written by the control thread before isStarted
    private volatile boolean isStarted;

    /**
     * Statistics over every connection slot.
     *
     * @param credentials          for the key ids.
     * @param connectionsPerApiKey connections of each key.
     * @param counters             of each slot.
     * @param slots                liveness and symbol counts of each slot.
     * @param states               the current state of a slot's connection.
     * @param lastFailures         the last failure of a slot's connection in this run, or null (then the
     *                             {@link FailureKind} in its counters is described).
     * @param nanoClock            for uptimes and the tick rate.
     */
    public ManagerStatistics(
        final Credentials credentials,
        final int connectionsPerApiKey,
        final ConnectionCounters[] counters,
        final ConnectionSlots slots,
        final IntFunction<ConnectionState> states,
        final IntFunction<String> lastFailures,
        final NanoClock nanoClock)
    {
        this.credentials = credentials;
        this.connectionsPerApiKey = connectionsPerApiKey;
        this.counters = counters;
        this.slots = slots;
        this.states = states;
        this.lastFailures = lastFailures;
        this.nanoClock = nanoClock;
    }

    /**
     * The manager started: uptimes count from {@code startNs} and the tick rate window begins now.
     *
     * @param startNs nano clock time taken before any connection could go live (so connection uptimes nest).
     */
    public void started(final long startNs)
    {
        window.reset(nanoClock.nanoTime(), totalTicks());
        startedAtNs = startNs;
        isStarted = true;
    }

    /**
     * The manager stopped: uptime and tick rate read zero until the next {@link #started(long)}.
     */
    public void stopped()
    {
        isStarted = false;
    }

    /**
     * Aggregate statistics; also starts the next window of {@link ManagerStats#ticksPerSecond()}.
     *
     * @return a new snapshot.
     */
    public ManagerStats managerStats()
    {
        final int keyCount = credentials.count();
        final List<ApiKeyStats> keys = new ArrayList<>(keyCount);
        int symbols = 0;
        int active = 0;
        long ticks = 0;
        long frames = 0;
        long errors = 0;
        long malformed = 0;
        long reconnects = 0;
        for (int k = 0; k < keyCount; k++)
        {
            final ApiKeyStats keyStats = apiKeyStats(k);
            keys.add(keyStats);
            symbols += keyStats.symbols();
            active += keyStats.activeConnections();
            ticks += keyStats.ticks();
            frames += keyStats.frames();
            errors += keyStats.errors();
            reconnects += keyStats.reconnects();
            for (final ConnectionStats connection : keyStats.connections())
            {
                malformed += connection.malformedTotal();
            }
        }

        final double rate = window.rate(nanoClock.nanoTime(), ticks);
        final double ticksPerSecond = isStarted ? rate : 0.0;
        return new ManagerStats(
            keyCount, symbols, active, counters.length, ticks, frames, ticksPerSecond, errors, malformed, reconnects,
            uptime(), Collections.unmodifiableList(keys));
    }

    /**
     * Statistics of one API key.
     *
     * @param keyIndex of the key.
     * @return a new snapshot.
     */
    public ApiKeyStats apiKeyStats(final int keyIndex)
    {
        final List<ConnectionStats> connections = new ArrayList<>(connectionsPerApiKey);
        int active = 0;
        int symbols = 0;
        long ticks = 0;
        long frames = 0;
        long errors = 0;
        long reconnects = 0;
        for (int c = 0; c < connectionsPerApiKey; c++)
        {
            final ConnectionStats connection = connectionStats(keyIndex * connectionsPerApiKey + c);
            connections.add(connection);
            active += connection.isLive() ? 1 : 0;
            symbols += connection.symbols();
            ticks += connection.ticks();
            frames += connection.frames();
            errors += connection.errors();
            reconnects += connection.reconnects();
        }
        return new ApiKeyStats(
            credentials.id(keyIndex), keyIndex, active, connectionsPerApiKey, symbols, ticks, frames, errors,
            reconnects, slots.isKeyRejected(keyIndex), Collections.unmodifiableList(connections));
    }

    /**
     * Statistics of one connection.
     *
     * @param slot of the connection.
     * @return a new snapshot.
     */
    public ConnectionStats connectionStats(final int slot)
    {
        final ConnectionCounters c = counters[slot];
        final long liveSince = slots.liveSinceNs(slot);
        final ConnectionState state = states.apply(slot);
        final Duration uptime = ConnectionState.LIVE == state && 0 != liveSince ?
            Duration.ofNanos(Math.max(0, nanoClock.nanoTime() - liveSince)) : Duration.ZERO;

        return new ConnectionStats(
            credentials.id(slot / connectionsPerApiKey),
            slot / connectionsPerApiKey,
            slot % connectionsPerApiKey,
            state,
            slots.symbolCount(slot),
            c.get(KiteCounterDescriptor.FRAMES),
            c.get(KiteCounterDescriptor.PACKETS),
            c.get(KiteCounterDescriptor.HEARTBEATS),
            c.get(KiteCounterDescriptor.TEXT_MESSAGES),
            c.get(KiteCounterDescriptor.BYTES_READ),
            c.get(KiteCounterDescriptor.MALFORMED_FRAMES),
            c.get(KiteCounterDescriptor.MALFORMED_MESSAGES),
            c.get(KiteCounterDescriptor.MALFORMED_PACKETS),
            c.get(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH),
            c.get(KiteCounterDescriptor.MALFORMED_TEXT),
            c.get(KiteCounterDescriptor.RING_FULL),
            c.get(KiteCounterDescriptor.RING_FULL_STALLS),
            c.get(KiteCounterDescriptor.RING_FULL_STALL_TOTAL_NS),
            c.get(KiteCounterDescriptor.RING_FULL_STALL_MAX_NS),
            c.get(KiteCounterDescriptor.RECONNECTS),
            c.get(KiteCounterDescriptor.DISCONNECTS),
            c.get(KiteCounterDescriptor.CONNECT_FAILURES),
            c.get(KiteCounterDescriptor.CREDENTIALS_REJECTED),
            c.get(KiteCounterDescriptor.LIVENESS_TIMEOUTS),
            c.get(KiteCounterDescriptor.ERRORS),
            c.get(KiteCounterDescriptor.COMMAND_QUEUE_FULL),
            c.get(KiteCounterDescriptor.MAX_CYCLE_NS),
            c.get(KiteCounterDescriptor.REQUESTS_SENT),
            c.get(KiteCounterDescriptor.MODE_MISMATCH_DROPPED),
            (int)c.get(KiteCounterDescriptor.LAST_HTTP_STATUS),
            lastFailure(slot, c),
            uptime);
    }

    /**
     * Current health: which connections are live now, and which keys had their credentials refused.
     *
     * @return a new summary.
     */
    public HealthSummary health()
    {
        int healthy = 0;
        int symbols = 0;
        long ticks = 0;
        long errors = 0;
        final List<ConnectionStats> unhealthy = new ArrayList<>();
        for (int slot = 0; slot < counters.length; slot++)
        {
            final ConnectionStats connection = connectionStats(slot);
            symbols += connection.symbols();
            ticks += connection.ticks();
            errors += connection.errors();
            if (connection.isLive())
            {
                healthy++;
            }
            else
            {
                unhealthy.add(connection);
            }
        }
        final List<String> rejected = new ArrayList<>(0);
        for (int k = 0; k < credentials.count(); k++)
        {
            if (slots.isKeyRejected(k))
            {
                rejected.add(credentials.id(k));
            }
        }
        return new HealthSummary(healthy, counters.length, Collections.unmodifiableList(unhealthy),
            Collections.unmodifiableList(rejected), symbols, ticks, errors, uptime());
    }

    /**
     * Time since the last {@link #started(long)}.
     *
     * @return the uptime, zero when stopped.
     */
    public Duration uptime()
    {
        return isStarted ? Duration.ofNanos(Math.max(0, nanoClock.nanoTime() - startedAtNs)) : Duration.ZERO;
    }

    private String lastFailure(final int slot, final ConnectionCounters c)
    {
        final String failure = lastFailures.apply(slot);
        if (null != failure)
        {
            return failure;
        }
        final FailureKind kind = FailureKind.get(c.get(KiteCounterDescriptor.LAST_FAILURE_KIND));
        return null == kind || FailureKind.NONE == kind ?
            null : kind.describe(c.get(KiteCounterDescriptor.LAST_HTTP_STATUS));
    }

    private long totalTicks()
    {
        long ticks = 0;
        for (final ConnectionCounters c : counters)
        {
            ticks += c.get(KiteCounterDescriptor.PACKETS);
        }
        return ticks;
    }
}
