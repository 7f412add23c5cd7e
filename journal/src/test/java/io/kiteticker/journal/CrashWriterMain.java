package io.kiteticker.journal;

import io.kiteticker.engine.ring.TickEvent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link JournalCrashSafetyTest}: appends ticks {@code 0, 1, 2, ...} (built by {@link TestTicks})
 * to a journal forever and reports on stdout, every so often, {@code appended N} once the first N ticks are
 * appended (their documents closed). The test kills it with SIGKILL.
 */
public final class CrashWriterMain
{
    private CrashWriterMain()
    {
    }

    /**
     * Append until killed.
     *
     * @param args the journal directory.
     */
    public static void main(final String[] args)
    {
        final PrintStream out = System.out;
        final TestTicks ticks = new TestTicks();
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        final JournalWriter writer = JournalWriter.open(new JournalContext().directory(Path.of(args[0])));
        writer.writeSession(new SessionInfo(JournalRecord.FORMAT_VERSION, 0, List.of("crash"), 1, "crash test"));
        out.println("started");
        out.flush();
        for (long i = 0; ; i++)
        {
            writer.onTick(ticks.fill(tick, i), i, true);
            if (0 == (i + 1) % 1_000)
            {
                out.println("appended " + (i + 1));
                out.flush();
            }
        }
    }
}
