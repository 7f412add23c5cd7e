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

    private Path directory;
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
        return "JournalContext{directory=" + directory + ", rollCycle=" + rollCycle + '}';
    }
}
