package io.kiteticker.cli;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.KiteJournal;
import io.kiteticker.journal.replay.Replayer;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatorContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.Permission;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link OutboundConnectionsTest}: an application that embeds the simulator, the engine with its
 * journal, and the replayer, with no property set, under a security manager that permits everything and records
 * every connect and name lookup ({@code checkConnect}, which plain and NIO sockets, datagrams and DNS lookups all
 * call). Runs, stops, replays, watches for late background threads, then prints {@code connects: [...]}.
 */
public final class OutboundConnectionsMain
{
    private static final long WATCH_NS = TimeUnit.SECONDS.toNanos(2);

    private OutboundConnectionsMain()
    {
    }

    /**
     * Record, run, replay, print.
     *
     * @param args the journal directory.
     */
    @SuppressWarnings("removal")
    public static void main(final String[] args)
    {
        final PrintStream out = System.out;
        final Set<String> connects = ConcurrentHashMap.newKeySet();
        System.setSecurityManager(new ConnectRecorder(connects));

        final Path directory = Path.of(args[0]);
        final AtomicLong ticks = new AtomicLong();
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()))
        {
            out.println("simulator " + simulator.uri().getHost() + ":" + simulator.port());
            final KiteJournal journal = KiteJournal.build(KiteManager.builder()
                .addApiKey("outbound", SimulatorContext.API_KEY_DEFAULT, SimulatorContext.ACCESS_TOKEN_DEFAULT)
                .uri(simulator.uri())
                .maxConnectionsPerApi(2)
                .onTick((tick, sequence, endOfBatch) -> ticks.incrementAndGet()),
                new JournalContext().directory(directory));
            try (journal)
            {
                journal.manager().start();
                journal.manager().subscribe(new int[]{ 256265, 408065, 738561 }, Mode.FULL);
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ticks.get() < 100 && System.nanoTime() - deadlineNs < 0)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }
        final long[] replayed = { 0 };
        try (SingleChronicleQueue queue = Journals.openForRead(directory))
        {
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) -> replayed[0]++);
            replayer.replay();
            replayer.onClose();
        }
        LockSupport.parkNanos(WATCH_NS);
        out.println("ticks " + ticks.get() + ", replayed " + replayed[0]);
        out.println("connects: " + new TreeSet<>(connects));
        out.flush();
    }

    @SuppressWarnings("removal")
    private static final class ConnectRecorder extends SecurityManager
    {
        private final Set<String> connects;

        ConnectRecorder(final Set<String> connects)
        {
            this.connects = connects;
        }

        @Override
        public void checkPermission(final Permission permission)
        {
            // everything is permitted: this manager only records
        }

        @Override
        public void checkPermission(final Permission permission, final Object context)
        {
            // everything is permitted: this manager only records
        }

        @Override
        public void checkConnect(final String host, final int port)
        {
            connects.add(host + " " + port);
        }

        @Override
        public void checkConnect(final String host, final int port, final Object context)
        {
            connects.add(host + " " + port);
        }
    }
}
