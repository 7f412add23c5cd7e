package io.kiteticker.cli.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How busy the machine was during a soak, so that a reader can tell a starved run from an engine that lost
 * something: the system load average at the start and the end, and the pauses of the soak's own control thread
 * (a wake-up later than asked by more than a threshold; as jHiccup measures, a pause of this thread is a pause
 * every thread of the process, the simulator's included, may have had).
 * <p>
 * <b>Note:</b> the control thread only.
 */
final class MachinePauses
{
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final long thresholdNs;
    private double startLoad = -1;
    private double endLoad = -1;
    private long pauses;
    private long longestNs;

    /**
     * A recorder.
     *
     * @param thresholdNs lateness from which a wake-up counts as a pause.
     */
    MachinePauses(final long thresholdNs)
    {
        this.thresholdNs = thresholdNs;
    }

    void start()
    {
        startLoad = os.getSystemLoadAverage();
    }

    void end()
    {
        endLoad = os.getSystemLoadAverage();
    }

    /**
     * One wake-up of the control thread.
     *
     * @param lateNs how much later than asked.
     */
    void onWake(final long lateNs)
    {
        if (lateNs > thresholdNs)
        {
            pauses++;
        }
        if (lateNs > longestNs)
        {
            longestNs = lateNs;
        }
    }

    int processors()
    {
        return os.getAvailableProcessors();
    }

    double startLoad()
    {
        return startLoad;
    }

    double endLoad()
    {
        return endLoad;
    }

    long pauses()
    {
        return pauses;
    }

    long longestNs()
    {
        return longestNs;
    }

    long thresholdNs()
    {
        return thresholdNs;
    }
}
