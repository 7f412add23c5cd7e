package io.kiteticker.bench.journal;

import io.kiteticker.bench.KiteForkedBenchmark;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalWriter;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.replay.Replayer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Replaying a recording as fast as possible through the live decode path ({@code TickDecoder} then
 * {@code TickEvent.decodeFrom}) into a {@link TickHandler} that reads a field. One invocation is one
 * {@link Replayer#doWork()} of {@link #BATCH} documents, reported per tick; at the end of the recording the replayer
 * starts again from the beginning (a new tailer, outside the batch count).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReplayBenchmark extends KiteForkedBenchmark
{
    /**
     * Documents read per invocation.
     */
    public static final int BATCH = 1000;

    private static final int TICKS = 1_000_000;

    /**
     * Packet recorded: FULL (184 B) or QUOTE (44 B).
     */
    @Param({ "FULL", "QUOTE" })
    public String kind;

    private Path directory;
    private SingleChronicleQueue queue;
    private Replayer replayer;
    private long lastPriceSum;
    private final TickHandler handler = this::onTick;

    /**
     * Record {@value #TICKS} ticks, then open the recording read-only.
     *
     * @throws IOException if the temporary directory cannot be created.
     */
    @Setup(Level.Trial)
    public void setup() throws IOException
    {
        directory = Files.createTempDirectory("kite-journal-replay-bench");
        final TickEvent tick = JournalBenchTicks.tick("FULL".equals(kind) ? PacketKind.FULL : PacketKind.QUOTE);
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(directory)))
        {
            for (int i = 0; i < TICKS; i++)
            {
                writer.onTick(tick, i, true);
            }
        }
        queue = Journals.openForRead(directory);
        replayer = newReplayer();
    }

    /**
     * Close and delete the recording.
     *
     * @throws IOException if the directory cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        replayer.onClose();
        queue.close();
        JournalBenchTicks.delete(directory);
    }

    /**
     * Replay {@link #BATCH} ticks.
     *
     * @return the running sum of the last prices read by the handler.
     * @throws Exception if the handler throws.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long replay() throws Exception
    {
        if (replayer.doWork() < BATCH)
        {
            replayer.onClose();
            replayer = newReplayer();
            replayer.doWork();
        }
        return lastPriceSum;
    }

    private Replayer newReplayer()
    {
        return new Replayer(queue, handler).documentLimit(BATCH);
    }

    private void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        lastPriceSum += event.lastPrice();
    }
}
