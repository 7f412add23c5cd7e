package io.kiteticker.cli.run;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Measures send → handler latency: a {@link TickHandler} that numbers the ticks of each engine connection in the
 * order the handler sees them and asks the server side when it sent that packet.
 * <p>
 * Each engine connection (a slot: {@code apiKeyIndex * connectionsPerKey + connectionIndex}) is bound, by a control
 * thread, to the {@link SendTimes} of the server connection it is talking to, together with the engine's tick count
 * at the start of that WebSocket session ({@code ConnectionDiagnostics.ticksBeforeSession}, from
 * {@code KiteManager.connectionDiagnostics()}). Tick number {@code t} of the slot is then packet
 * {@code t - ticksBeforeSession} of the session (plus the packets the engine dropped in that session before their
 * token's mode applied, which {@code SimulatorBinder} adds), whose send time the server recorded. A reconnect starts a
 * new session: until the control thread has bound it, its ticks are not measured (never mismatched), and ticks of the
 * previous session still in the ring are measured against the previous binding.
 * <p>
 * The engine's own share, from the socket read that produced a tick ({@link TickEvent#receiveNanos()}) to the
 * handler, is recorded too, for every tick.
 * <p>
 * <b>Note:</b> {@link #onTick(TickEvent, long, boolean)} runs on one handler thread and allocates nothing; the
 * histogram is read from another thread through {@link #intervalHistogram()}.
 */
public final class LatencyRecorder implements TickHandler
{
    /**
     * Largest latency tracked; larger values are recorded as this.
     */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Significant decimal digits kept by the histograms.
     */
    public static final int SIGNIFICANT_DIGITS = 3;

    /**
     * When the server sent a packet of one session.
     */
    @FunctionalInterface
    public interface SendTimes
    {
        /**
         * The send time of a packet, on the same clock as the recorder's.
         *
         * @param packetOrdinal 0-based position of the packet in its session.
         * @return the send time in nanoseconds, or -1 if unknown.
         */
        long sendNanos(long packetOrdinal);
    }

    /**
     * Where the engine's current WebSocket session of a connection began.
     */
    @FunctionalInterface
    public interface SessionStarts
    {
        /**
         * Tick count of a connection when its current session went live (as
         * {@code ConnectionDiagnostics.ticksBeforeSession}).
         *
         * @param apiKeyIndex     of the connection.
         * @param connectionIndex within the key.
         * @return the count, or -1 if unknown.
         */
        long ticksBeforeSession(int apiKeyIndex, int connectionIndex);
    }

    private static final class Binding
    {
        final SendTimes sendTimes;
        final long ticksBeforeSession;
        final Binding previous;

        Binding(final SendTimes sendTimes, final long ticksBeforeSession, final Binding previous)
        {
            this.sendTimes = sendTimes;
            this.ticksBeforeSession = ticksBeforeSession;
            this.previous = previous;
        }
    }

    private final int connectionsPerKey;
    private final long[] tickCounts;
    private final AtomicReferenceArray<Binding> bindings;
    private final SingleWriterRecorder recorder;
    private final SingleWriterRecorder inEngineRecorder;
    private final NanoClock nanoClock;
    private volatile SessionStarts sessionStarts;

    /**
     * A recorder for a number of engine connections.
     *
     * @param keyCount          API keys of the engine.
     * @param connectionsPerKey connections per key.
     * @param nanoClock         the clock the server's send times are taken on (same process).
     */
    public LatencyRecorder(final int keyCount, final int connectionsPerKey, final NanoClock nanoClock)
    {
        this.connectionsPerKey = connectionsPerKey;
        this.tickCounts = new long[keyCount * connectionsPerKey];
        this.bindings = new AtomicReferenceArray<>(keyCount * connectionsPerKey);
        this.recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
        this.inEngineRecorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
        this.nanoClock = nanoClock;
    }

    /**
     * Where sessions start, normally {@code manager.connectionDiagnostics()::ticksBeforeSession}; set before the
     * engine starts.
     *
     * @param sessionStarts of the engine.
     * @return this for a fluent API.
     */
    public LatencyRecorder sessionStarts(final SessionStarts sessionStarts)
    {
        this.sessionStarts = sessionStarts;
        return this;
    }

    /**
     * Bind a connection's session to the server's send times, from a control thread.
     *
     * @param apiKeyIndex        of the connection.
     * @param connectionIndex    within the key.
     * @param ticksBeforeSession engine tick count of the connection when the session went live.
     * @param sendTimes          of the server connection of that session.
     */
    public void bind(
        final int apiKeyIndex, final int connectionIndex, final long ticksBeforeSession, final SendTimes sendTimes)
    {
        final int slot = apiKeyIndex * connectionsPerKey + connectionIndex;
        final Binding current = bindings.get(slot);
        final Binding previous = null == current ? null :
            new Binding(current.sendTimes, current.ticksBeforeSession, null);
        bindings.set(slot, new Binding(sendTimes, ticksBeforeSession, previous));
    }

    /**
     * The tick count of the session a connection is bound to.
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex within the key.
     * @return the bound session's start, or -1 when unbound.
     */
    public long boundSession(final int apiKeyIndex, final int connectionIndex)
    {
        final Binding binding = bindings.get(apiKeyIndex * connectionsPerKey + connectionIndex);
        return null == binding ? -1 : binding.ticksBeforeSession;
    }

    /**
     * {@inheritDoc}
     */
    public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        final long nowNs = nanoClock.nanoTime();
        final int apiKeyIndex = event.apiKeyIndex();
        final int connectionIndex = event.connectionIndex();
        final int slot = apiKeyIndex * connectionsPerKey + connectionIndex;
        if (slot < 0 || slot >= tickCounts.length)
        {
            return;
        }

        inEngineRecorder.recordValue(clamp(nowNs - event.receiveNanos()));

        final long tickNumber = tickCounts[slot]++;
        Binding binding = bindings.get(slot);
        while (null != binding && tickNumber < binding.ticksBeforeSession)
        {
            binding = binding.previous;
        }
        if (null == binding)
        {
            return;
        }

        final SessionStarts sessionStarts = this.sessionStarts;
        if (null != sessionStarts)
        {
            final long sessionStart = sessionStarts.ticksBeforeSession(apiKeyIndex, connectionIndex);
            if (sessionStart >= 0 && tickNumber >= sessionStart && binding.ticksBeforeSession != sessionStart)
            {
                return; // a newer session than the binding: not bound yet
            }
        }

        final long sentNs = binding.sendTimes.sendNanos(tickNumber - binding.ticksBeforeSession);
        if (-1 != sentNs)
        {
            recorder.recordValue(clamp(nowNs - sentNs));
        }
    }

    /**
     * The latencies recorded since the previous call (the first call: since creation), from one reader thread.
     *
     * @param toRecycle the histogram this method returned last time (reused), or null for a new one.
     * @return the interval histogram, in nanoseconds.
     */
    public Histogram intervalHistogram(final Histogram toRecycle)
    {
        return recorder.getIntervalHistogram(toRecycle);
    }

    /**
     * The engine's part of the latency, from the socket read that produced a tick to the handler, recorded since the
     * previous call, from one reader thread.
     *
     * @param toRecycle the histogram this method returned last time (reused), or null for a new one.
     * @return the interval histogram, in nanoseconds.
     */
    public Histogram inEngineIntervalHistogram(final Histogram toRecycle)
    {
        return inEngineRecorder.getIntervalHistogram(toRecycle);
    }

    private static long clamp(final long latencyNs)
    {
        return latencyNs < 1 ? 1 : Math.min(latencyNs, HIGHEST_TRACKABLE_NS);
    }

    /**
     * A new empty histogram with the recorder's range, to accumulate intervals into.
     *
     * @return a new histogram in nanoseconds.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }
}
