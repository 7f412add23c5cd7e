package io.kiteticker.bench.journal;

import io.kiteticker.bench.KiteForkedBenchmark;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalWriter;
import net.openhft.chronicle.queue.RollCycles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * Appending one tick to the journal exactly as the engine's handler thread does: {@link JournalWriter#onTick} with a
 * decoded ring slot (32-byte header + the raw packet, one Chronicle document). Throughput in ticks/s; run with
 * {@code -prof gc} for bytes allocated per tick ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalAppendBenchmark extends KiteForkedBenchmark
{
    /**
     * Packet appended: FULL (184 B, the case) or QUOTE (44 B).
     */
    @Param({ "FULL", "QUOTE" })
    public String kind;

    private Path directory;
    private JournalWriter writer;
    private TickEvent tick;
    private long sequence;

    /**
     * A fresh queue per trial.
     *
     * @throws IOException if the temporary directory cannot be created.
     */
    @Setup(Level.Trial)
    public void setup() throws IOException
    {
        directory = Files.createTempDirectory("kite-journal-append-bench");
        writer = JournalWriter.open(new JournalContext().directory(directory).rollCycle(RollCycles.FAST_HOURLY));
        tick = JournalBenchTicks.tick("FULL".equals(kind) ? PacketKind.FULL : PacketKind.QUOTE);
    }

    /**
     * Close and delete the queue.
     *
     * @throws IOException if the directory cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        writer.close();
        JournalBenchTicks.delete(directory);
    }

    /**
     * Append one tick.
     *
     * @return the sequence handed to the writer, so nothing is dead code.
     */
    @Benchmark
    public long append()
    {
        final long sequence = this.sequence++;
        writer.onTick(tick, sequence, true);
        return sequence;
    }
}
