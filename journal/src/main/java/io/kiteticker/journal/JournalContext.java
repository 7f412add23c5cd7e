package io.kiteticker.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.nio.file.Path;

/**
 * Settings of a {@link JournalWriter}: the queue directory, the roll cycle and the wall clock stamped into every
 * record. Fluent no-prefix pairs; {@link #conclude()} validates once.
 */
public final class JournalContext
{
    /**
     * System property naming the default roll cycle (a {@link RollCycles} constant name).
     */
    public static final String ROLL_CYCLE_PROP_NAME = "kite.journal.roll.cycle";

    /**
     * Default roll cycle: one file per hour, up to 2^32 documents per hour (about 1.2 M/s sustained for an hour).
     */
    public static final String ROLL_CYCLE_DEFAULT = "FAST_HOURLY";

    /**
     * System property: bytes kept pre-touched ahead of the tick appender by a background thread, 0 to disable.
     */
    public static final String PRETOUCH_AHEAD_BYTES_PROP_NAME = "kite.journal.pretouch.ahead.bytes";

    /**
     * Default pre-touch distance: 16 MiB (about 75 ms of full ticks at 1 M ticks/s).
     */
    public static final long PRETOUCH_AHEAD_BYTES_DEFAULT = JournalPretoucher.AHEAD_BYTES_DEFAULT;

    static
    {
        ChronicleProperties.applyDefaults();
    }

    private Path directory;
    private long pretouchAheadBytes = -1;
    private RollCycle rollCycle;
    private EpochNanoClock epochNanoClock;
    private boolean isConcluded;

    /**
     * A context with the defaults.
     */
    public JournalContext()
    {
    }

    /**
     * Fill the defaults and validate.
     *
     * @return this.
     * @throws JournalException if no directory was given.
     */
    public JournalContext conclude()
    {
        if (isConcluded)
        {
            return this;
        }
        if (null == directory)
        {
            throw new JournalException("journal directory not set");
        }
        if (null == rollCycle)
        {
            rollCycle = rollCycle(System.getProperty(ROLL_CYCLE_PROP_NAME, ROLL_CYCLE_DEFAULT));
        }
        if (pretouchAheadBytes < 0)
        {
            pretouchAheadBytes = Long.getLong(PRETOUCH_AHEAD_BYTES_PROP_NAME, PRETOUCH_AHEAD_BYTES_DEFAULT);
        }
        if (null == epochNanoClock)
        {
            epochNanoClock = new OffsetEpochNanoClock();
        }
        isConcluded = true;
        return this;
    }

    /**
     * Directory of the queue (created if missing).
     *
     * @return the directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Directory of the queue (created if missing).
     *
     * @param directory of the queue.
     * @return this for a fluent API.
     */
    public JournalContext directory(final Path directory)
    {
        this.directory = directory;
        return this;
    }

    /**
     * Roll cycle of the queue files.
     *
     * @return the roll cycle.
     */
    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * Roll cycle of the queue files.
     *
     * @param rollCycle e.g. {@link RollCycles#FAST_HOURLY} (default) or {@link RollCycles#FAST_DAILY}.
     * @return this for a fluent API.
     */
    public JournalContext rollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
        return this;
    }

    /**
     * Clock of the wall-clock time stamped into every record.
     *
     * @return the clock.
     */
    public EpochNanoClock epochNanoClock()
    {
        return epochNanoClock;
    }

    /**
     * Clock of the wall-clock time stamped into every record.
     *
     * @param epochNanoClock the clock; default {@link OffsetEpochNanoClock} (nano clock plus a sampled offset: no
     *                       allocation, monotonic within the process).
     * @return this for a fluent API.
     */
    public JournalContext epochNanoClock(final EpochNanoClock epochNanoClock)
    {
        this.epochNanoClock = epochNanoClock;
        return this;
    }

    /**
     * Bytes of the queue file kept faulted in ahead of the tick appender by a background thread.
     *
     * @return the distance in bytes, 0 when pre-touch is off, -1 before {@link #conclude()} if not set.
     */
    public long pretouchAheadBytes()
    {
        return pretouchAheadBytes;
    }

    /**
     * Bytes of the queue file kept faulted in ahead of the tick appender by a background thread (the
     * {@code kite-journal-pretouch} daemon thread of the writer). The thread sleeps 0.5 ms between checks; on a
     * busy machine it moves the kernel's page allocation and zeroing off the journal thread.
     *
     * @param pretouchAheadBytes distance in bytes; 0 turns pre-touch off; default
     *                           {@link #PRETOUCH_AHEAD_BYTES_DEFAULT} or {@link #PRETOUCH_AHEAD_BYTES_PROP_NAME}.
     * @return this for a fluent API.
     */
    public JournalContext pretouchAheadBytes(final long pretouchAheadBytes)
    {
        if (pretouchAheadBytes < 0)
        {
            throw new IllegalArgumentException("pretouchAheadBytes must be 0 or positive but was " +
                pretouchAheadBytes);
        }
        this.pretouchAheadBytes = pretouchAheadBytes;
        return this;
    }

    /**
     * A roll cycle by its {@link RollCycles} name, case-insensitive.
     *
     * @param name such as {@code FAST_HOURLY}, {@code FAST_DAILY}.
     * @return the roll cycle.
     * @throws JournalException if there is no such roll cycle.
     */
    public static RollCycle rollCycle(final String name)
    {
        for (final RollCycles rollCycle : RollCycles.values())
        {
            if (rollCycle.name().equalsIgnoreCase(name.trim()))
            {
                return rollCycle;
            }
        }
        throw new JournalException("unknown roll cycle '" + name + "': use one of FAST_HOURLY, FAST_DAILY, ...");
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "JournalContext{directory=" + directory + ", rollCycle=" + rollCycle + ", pretouchAheadBytes=" +
            pretouchAheadBytes + '}';
    }
}
