package io.kiteticker.cli.soak;

import io.kiteticker.engine.ConnectionDiagnostics;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.simulator.fault.FaultKind;
import io.kiteticker.simulator.fault.FaultRecord;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows the WebSocket sessions of every engine connection slot (key index × connections per key + connection
 * index) by polling {@link ConnectionDiagnostics}: a new session is a new local port or a new tick count at
 * going live. Each fault the schedule applied ({@link #onFault}, from the timer thread) is matched to the slot
 * whose local port is the simulator connection's remote port; a fault that ends the session is recovered when the
 * slot's next session goes live. Measures:
 * <ul>
 *     <li>reconnect time: fault (for a stall: its detection) to the next session live; apart for refusals and for
 *     sessions lost during a refusal window, as their time includes the window;</li>
 *     <li>stall detection time: stall to the slot's liveness-timeout counter moving.</li>
 * </ul>
 * <b>Note:</b> {@link #poll(long)} on the soak's control thread only.
 */
final class SessionWatch
{
    private static final long NEVER = Long.MIN_VALUE;
    private static final long MAX_RECORDED_US = TimeUnit.MINUTES.toMicros(10);

    /**
     * A fault and what became of it.
     */
    static final class FaultEvent
    {
        final FaultRecord record;
        final int slot;
        long lostAtNs;
        long recoveredAtNs = NEVER;
        long livenessBaseline;
        boolean isDetected;

        FaultEvent(final FaultRecord record, final int slot)
        {
            this.record = record;
            this.slot = slot;
            this.lostAtNs = record.atNanos();
        }

        boolean isRecovered()
        {
            return NEVER != recoveredAtNs || !record.kind().endsSession();
        }
    }

    private final KiteManager manager;
    private final ConnectionDiagnostics diagnostics;
    private final int connectionsPerKey;
    private final int slotCount;
    private final ConcurrentLinkedQueue<FaultRecord> applied = new ConcurrentLinkedQueue<>();
    private final List<FaultEvent> events = new ArrayList<>();
    private final FaultEvent[] pending;
    private final long[] sessionTicks;
    private final int[] sessionPorts;
    private final Histogram reconnectUs = new Histogram(MAX_RECORDED_US, 3);
    private final Histogram refusalReconnectUs = new Histogram(MAX_RECORDED_US, 3);
    private final Histogram stallDetectionUs = new Histogram(MAX_RECORDED_US, 3);
    private final long refusalNs;
    private long refusedUntilNs = NEVER;
    private long unplannedSessions;
    private long unmatchedFaults;

    /**
     * A watch over a started manager.
     *
     * @param manager   started, its sessions live.
     * @param refusalNs how long a refusal window lasts.
     */
    SessionWatch(final KiteManager manager, final long refusalNs)
    {
        this.refusalNs = refusalNs;
        this.manager = manager;
        this.diagnostics = manager.connectionDiagnostics();
        this.connectionsPerKey = manager.connectionsPerApiKey();
        this.slotCount = manager.apiKeys().size() * connectionsPerKey;
        this.pending = new FaultEvent[slotCount];
        this.sessionTicks = new long[slotCount];
        this.sessionPorts = new int[slotCount];
        for (int slot = 0; slot < slotCount; slot++)
        {
            sessionTicks[slot] = ticksBeforeSession(slot);
            sessionPorts[slot] = localPort(slot);
        }
    }

    /**
     * A fault was applied; any thread.
     *
     * @param record what and where.
     */
    void onFault(final FaultRecord record)
    {
        applied.add(record);
    }

    /**
     * Match new faults to slots, notice new sessions and stall detections.
     *
     * @param nowNs now, nano clock.
     */
    void poll(final long nowNs)
    {
        FaultRecord record;
        while (null != (record = applied.poll()))
        {
            match(record, nowNs);
        }
        for (int slot = 0; slot < slotCount; slot++)
        {
            final FaultEvent event = pending[slot];
            if (null != event && FaultKind.STALL == event.record.kind() && !event.isDetected &&
                livenessTimeouts(slot) > event.livenessBaseline)
            {
                detected(event, nowNs);
            }
            checkSession(slot, nowNs);
        }
    }

    private void match(final FaultRecord record, final long nowNs)
    {
        int slot = -1;
        for (int s = 0; s < slotCount && slot < 0; s++)
        {
            slot = localPort(s) == record.remotePort() ? s : -1;
        }
        final FaultEvent event = new FaultEvent(record, slot);
        events.add(event);
        if (isRefusal(record.kind()))
        {
            refusedUntilNs = record.atNanos() + refusalNs;
        }
        if (slot < 0)
        {
            unmatchedFaults++;
            return;
        }
        if (record.kind().endsSession())
        {
            checkSession(slot, nowNs); // a session that went live since the last poll belongs to the older fault
            pending[slot] = event;
            if (FaultKind.STALL == record.kind())
            {
                event.livenessBaseline = livenessTimeouts(slot);
            }
        }
    }

    private void checkSession(final int slot, final long nowNs)
    {
        final long ticks = ticksBeforeSession(slot);
        final int port = localPort(slot);
        if (ticks < 0 || 0 == port || (ticks == sessionTicks[slot] && port == sessionPorts[slot]))
        {
            return;
        }
        sessionTicks[slot] = ticks;
        sessionPorts[slot] = port;
        final FaultEvent event = pending[slot];
        if (null == event)
        {
            unplannedSessions++;
            return;
        }
        pending[slot] = null;
        if (FaultKind.STALL == event.record.kind() && !event.isDetected)
        {
            detected(event, nowNs); // the session was replaced before the counter was seen: detected by now
        }
        event.recoveredAtNs = nowNs;
        final long micros = Math.min(MAX_RECORDED_US, Math.max(0, (nowNs - event.lostAtNs) / 1000));
        final boolean duringRefusal = NEVER != refusedUntilNs && refusedUntilNs - event.lostAtNs > 0;
        (isRefusal(event.record.kind()) || duringRefusal ? refusalReconnectUs : reconnectUs).recordValue(micros);
    }

    private static boolean isRefusal(final FaultKind kind)
    {
        return FaultKind.REFUSE_5XX == kind || FaultKind.REFUSE_403 == kind;
    }

    private void detected(final FaultEvent event, final long nowNs)
    {
        event.isDetected = true;
        event.lostAtNs = nowNs;
        stallDetectionUs.recordValue(Math.min(MAX_RECORDED_US, Math.max(0, (nowNs - event.record.atNanos()) / 1000)));
    }

    private long ticksBeforeSession(final int slot)
    {
        return diagnostics.ticksBeforeSession(slot / connectionsPerKey, slot % connectionsPerKey);
    }

    private int localPort(final int slot)
    {
        return diagnostics.localPort(slot / connectionsPerKey, slot % connectionsPerKey);
    }

    private long livenessTimeouts(final int slot)
    {
        return manager.connectionStats(manager.apiKeyId(slot / connectionsPerKey), slot % connectionsPerKey)
            .livenessTimeouts();
    }

    List<FaultEvent> events()
    {
        return events;
    }

    /**
     * Faults still waiting for their connection's next session.
     *
     * @return the count.
     */
    int pendingCount()
    {
        int count = 0;
        for (final FaultEvent event : pending)
        {
            count += null == event ? 0 : 1;
        }
        return count;
    }

    Histogram reconnectUs()
    {
        return reconnectUs;
    }

    Histogram refusalReconnectUs()
    {
        return refusalReconnectUs;
    }

    Histogram stallDetectionUs()
    {
        return stallDetectionUs;
    }

    /**
     * Sessions that began with no fault to explain them (the engine reconnected on its own).
     *
     * @return the count.
     */
    long unplannedSessions()
    {
        return unplannedSessions;
    }

    /**
     * Faults whose simulator connection matched no engine connection (the session had ended already).
     *
     * @return the count.
     */
    long unmatchedFaults()
    {
        return unmatchedFaults;
    }
}
