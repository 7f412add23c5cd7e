package io.kiteticker.journal;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.replay.Replayer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link ChronicleOutboundTrafficTest}: an application that embeds the journal without any
 * Chronicle property set, writes and replays a recording, then prints the names of its threads (watched for a
 * while, as a background client may start late) as {@code threads: [...]}.
 */
public final class EmbeddedJournalMain
{
    private static final long WATCH_NS = TimeUnit.SECONDS.toNanos(2);

    private EmbeddedJournalMain()
    {
    }

    /**
     * Write, replay, list threads.
     *
     * @param args the journal directory.
     */
    public static void main(final String[] args)
    {
        final PrintStream out = System.out;
        final Path directory = Path.of(args[0]);
        final TestTicks ticks = new TestTicks();
        final TickEvent tick = TickEvent.EVENT_FACTORY.newInstance();
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(directory)))
        {
            writer.writeSession(new SessionInfo(JournalRecord.FORMAT_VERSION, 0, List.of("embedded"), 1, ""));
            for (int i = 0; i < 100; i++)
            {
                writer.onTick(ticks.fill(tick, i), i, true);
            }
        }
        final long[] replayed = { 0 };
        try (SingleChronicleQueue queue = Journals.openForRead(directory))
        {
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) -> replayed[0]++);
            replayer.replay();
            replayer.onClose();
        }
        final TreeSet<String> names = new TreeSet<>();
        final long deadlineNs = System.nanoTime() + WATCH_NS;
        while (System.nanoTime() - deadlineNs < 0)
        {
            Thread.getAllStackTraces().keySet().forEach((thread) -> names.add(thread.getName()));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        out.println("replayed " + replayed[0]);
        out.println("analytics " + System.getProperty(ChronicleProperties.ANALYTICS_DISABLE_PROP_NAME) +
            ", announcer " + System.getProperty(ChronicleProperties.ANNOUNCER_DISABLE_PROP_NAME));
        out.println("threads: " + names);
        out.flush();
    }
}
