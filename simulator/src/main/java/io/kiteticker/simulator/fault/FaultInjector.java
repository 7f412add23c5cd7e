package io.kiteticker.simulator.fault;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Applies one {@link FaultKind} to a connection of a {@link KiteSimulator} picked at random (from a seeded
 * {@link SplittableRandom}) among the open ones that are neither stalled nor paused, through the
 * {@link SimulatedConnection} verbs; each returns once the fault has taken effect on the simulator thread. A
 * connection hit by a fault that ends its session is not picked again (its client is about to reconnect). Timed
 * parts (the end of a slow-reader pause) run on the injector's own timer thread ({@code kite-fault-timer}), which
 * {@link FaultSchedule} shares.
 * <p>
 * <b>Note:</b> thread-safe (one lock), so a schedule and a console may share it; the faults, their order and the
 * connection positions picked replay from the seed, the connections themselves only as far as the run is the same.
 */
public final class FaultInjector implements AutoCloseable
{
    /**
     * Close code of {@link FaultKind#CLOSE_CODE} by default: 1011, internal error.
     */
    public static final int CLOSE_CODE_DEFAULT = 1011;

    /**
     * HTTP status of {@link FaultKind#REFUSE_5XX} by default.
     */
    public static final int REFUSAL_STATUS_DEFAULT = 503;

    /**
     * How long a refusal lasts by default.
     */
    public static final Duration REFUSAL_DURATION_DEFAULT = Duration.ofSeconds(3);

    /**
     * How long a slow reader reads nothing by default.
     */
    public static final Duration SLOW_READER_DURATION_DEFAULT = Duration.ofSeconds(2);

    private static final int PARTIAL_FRAME_LENGTH = 1000;
    private static final int PARTIAL_FRAME_SENT = 24;
    private static final int GARBAGE_MIN_LENGTH = 16;
    private static final int GARBAGE_MAX_LENGTH = 64;
    private static final int RSV_BITS = 0x70;

    private final KiteSimulator simulator;
    private final SplittableRandom random;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Long> ending = new HashSet<>();

    /**
     * An injector for one simulator.
     *
     * @param simulator to hit.
     * @param seed      of the connection picks and the random bytes.
     */
    public FaultInjector(final KiteSimulator simulator, final long seed)
    {
        this.simulator = simulator;
        this.random = new SplittableRandom(seed);
        this.timer = new ScheduledThreadPoolExecutor(1, (runnable) ->
        {
            final Thread thread = new Thread(runnable, "kite-fault-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Apply one fault with its default parameters.
     *
     * @param kind of the fault.
     * @return what was done, or null if no connection could take it now.
     */
    public FaultRecord inject(final FaultKind kind)
    {
        return inject(kind, 0, null);
    }

    /**
     * Apply one fault.
     *
     * @param kind     of the fault.
     * @param code     close code ({@link FaultKind#CLOSE_CODE}) or HTTP status ({@link FaultKind#REFUSE_5XX}); 0 for
     *                 the default.
     * @param duration of a refusal or a slow reader; null for the default.
     * @return what was done, or null if no connection could take it now.
     */
    public synchronized FaultRecord inject(final FaultKind kind, final int code, final Duration duration)
    {
        final SimulatedConnection connection = pickConnection();
        if (null == connection)
        {
            return null;
        }
        final String detail;
        switch (kind)
        {
            case RESET -> detail = reset(connection);
            case CLOSE -> detail = close(connection, 1000);
            case CLOSE_CODE -> detail = close(connection, 0 == code ? CLOSE_CODE_DEFAULT : code);
            case STALL ->
            {
                connection.stall();
                detail = "";
            }
            case SLOW_READER -> detail = slowReader(connection, orDefault(duration, SLOW_READER_DURATION_DEFAULT));
            case REFUSE_5XX -> detail = refuse(
                connection, 0 == code ? REFUSAL_STATUS_DEFAULT : code, orDefault(duration, REFUSAL_DURATION_DEFAULT));
            case REFUSE_403 -> detail = refuse(connection, 403, orDefault(duration, REFUSAL_DURATION_DEFAULT));
            case PARTIAL_FRAME -> detail = partialFrame(connection);
            case GARBAGE -> detail = garbage(connection);
            case LOSE_SUBSCRIPTION -> detail = "token forgotten" +
                (0 == connection.forgetSubscription(random.nextInt(Integer.MAX_VALUE)) ? ": none subscribed" : "");
            default -> throw new IllegalArgumentException(String.valueOf(kind));
        }
        if (kind.endsSession())
        {
            ending.add(connection.connectionId()); // its client is about to reconnect: never hit it twice
        }
        return new FaultRecord(kind, System.nanoTime(), connection.connectionId(), connection.remotePort(), detail);
    }

    /**
     * The simulator.
     *
     * @return the simulator faults are applied to.
     */
    public KiteSimulator simulator()
    {
        return simulator;
    }

    /**
     * Stop the timer thread; a pending end of a slow-reader pause is dropped.
     */
    @Override
    public void close()
    {
        timer.shutdownNow();
    }

    ScheduledExecutorService timer()
    {
        return timer;
    }

    private SimulatedConnection pickConnection()
    {
        final List<SimulatedConnection> eligible = new ArrayList<>();
        for (final SimulatedConnection connection : simulator.connections())
        {
            if (connection.isOpen() && !connection.isStalled() && !connection.isReadingPaused() &&
                !ending.contains(connection.connectionId()))
            {
                eligible.add(connection);
            }
        }
        return eligible.isEmpty() ? null : eligible.get(random.nextInt(eligible.size()));
    }

    private static String reset(final SimulatedConnection connection)
    {
        connection.dropAbruptly();
        return "";
    }

    private static String close(final SimulatedConnection connection, final int code)
    {
        connection.closeCleanly(code, "soak");
        return "code " + code;
    }

    private String slowReader(final SimulatedConnection connection, final Duration duration)
    {
        connection.pauseReading();
        timer.schedule(() -> resumeReading(connection), duration.toNanos(), TimeUnit.NANOSECONDS);
        return "for " + duration.toMillis() + " ms";
    }

    private static void resumeReading(final SimulatedConnection connection)
    {
        try
        {
            connection.resumeReading();
        }
        catch (final IllegalStateException ignore)
        {
            // the simulator closed meanwhile
        }
    }

    private String refuse(final SimulatedConnection connection, final int httpStatus, final Duration duration)
    {
        simulator.refuseUpgrades(httpStatus, duration);
        connection.dropAbruptly();
        return "HTTP " + httpStatus + " for " + duration.toMillis() + " ms";
    }

    private String partialFrame(final SimulatedConnection connection)
    {
        final byte[] bytes = new byte[4 + PARTIAL_FRAME_SENT];
        random.nextBytes(bytes);
        bytes[0] = (byte)0x82; // FIN, binary
        bytes[1] = 126; // 16-bit extended length follows
        bytes[2] = (byte)(PARTIAL_FRAME_LENGTH >>> 8);
        bytes[3] = (byte)PARTIAL_FRAME_LENGTH;
        connection.sendRawBytesThenEnd(bytes);
        return bytes.length + " of " + (4 + PARTIAL_FRAME_LENGTH) + " bytes, then end of stream";
    }

    private String garbage(final SimulatedConnection connection)
    {
        final byte[] bytes = new byte[GARBAGE_MIN_LENGTH + random.nextInt(GARBAGE_MAX_LENGTH - GARBAGE_MIN_LENGTH + 1)];
        random.nextBytes(bytes);
        bytes[0] = (byte)(bytes[0] | RSV_BITS); // never a valid frame start: no extension was negotiated
        connection.sendRawBytes(bytes);
        return bytes.length + " bytes";
    }

    private static Duration orDefault(final Duration duration, final Duration otherwise)
    {
        return null == duration ? otherwise : duration;
    }
}
