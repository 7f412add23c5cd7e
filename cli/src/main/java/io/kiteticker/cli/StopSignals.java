package io.kiteticker.cli;

import org.agrona.concurrent.ShutdownSignalBarrier;
import sun.misc.Signal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, not a JVM exit: the first one signals every
 * {@link ShutdownSignalBarrier} (the one {@code run} waits on finishes its summary, {@code simulate} closes), the
 * command returns and {@code ./kite} exits with the command's code, 0 for a normal stop. Left to the JVM, the signal
 * would start its shutdown and the process would end with 130 or 143 whatever the command returned. A second signal
 * exits at once with the JVM's code for it (128 + the signal number), for a command that does not stop.
 */
final class StopSignals
{
    private static final int SIGNAL_EXIT_BASE = 128;
    private static final AtomicInteger SIGNALS = new AtomicInteger();

    private StopSignals()
    {
    }

    /**
     * Install the handlers of SIGINT and SIGTERM (once per process).
     */
    static void install()
    {
        handle("INT");
        handle("TERM");
    }

    private static void handle(final String name)
    {
        try
        {
            Signal.handle(new Signal(name), StopSignals::onSignal);
        }
        catch (final IllegalArgumentException ignore)
        {
            // not available here (the JVM runs with -Xrs, or the platform has no such signal): the JVM's default
        }
    }

    private static void onSignal(final Signal signal)
    {
        if (SIGNALS.incrementAndGet() > 1)
        {
            System.exit(SIGNAL_EXIT_BASE + signal.getNumber());
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            barrier.signalAll();
        }
    }
}
