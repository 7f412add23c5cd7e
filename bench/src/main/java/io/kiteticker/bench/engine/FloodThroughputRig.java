package io.kiteticker.bench.engine;

import com.lmax.disruptor.EventHandler;
import com.zerodhatech.models.Tick;
import com.zerodhatech.ticker.OnTicks;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.IdleStrategies;
import io.kiteticker.engine.transport.TlsProvider;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalWriter;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Throughput of one connection against the simulator in {@link SendMode#FLOOD} (it writes ticks as fast as the
 * socket takes them, round-robin over the subscription, in large messages): ticks per second into the ring for our
 * engine (plain or TLS), or ticks per second through the official SDK's pipeline for the peer.
 * <p>
 * Run (JVM flag required by Agrona 2.x):
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target-bench/benchmarks.jar \
 *     io.kiteticker.bench.engine.FloodThroughputRig [--client engine|sdk] [--tls] [--consumer none|yielding|…] \
 *     [--tokens 3000] [--mode full] [--idle backoff] [--sim-idle backoff] [--ring 65536] [--so-rcvbuf 0] \
 *     [--so-sndbuf 0] [--packets-per-message 200] [--warmup-s 5] [--duration-s 15] [--journal /tmp] \
 *     [--sim-mode flood|flood-cached]
 * </pre>
 * {@code --sim-mode flood-cached} makes the simulator re-send one cached pass of frames instead of encoding every
 * tick ({@link SendMode#FLOOD_CACHED}), so that its thread is no longer the bottleneck and the engine's capacity
 * shows.
 * {@code --journal DIR} makes the consumer the journal module's {@code JournalWriter} (Chronicle Queue in a new
 * temporary directory under DIR, deleted afterwards) instead of the one-field reader; Chronicle then needs
 * {@code --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens java.base/java.lang.reflect=ALL-UNNAMED} as well. At about 200 bytes a tick, a flood fills disk at a few
 * hundred MB/s: keep such runs short.
 * {@code --consumer none} (default) leaves the ring without a consumer: the cursor counts slots the agent filled and
 * the agent never waits. Any wait strategy name adds one {@code BatchEventProcessor} that reads one field of each
 * slot, and ticks are counted on its sequence. Everything runs in this JVM, so on a small machine the simulator's
 * thread (encoding and writing), the agent's thread (reading, unframing, decoding into slots) and the consumer share
 * the cores; the per-thread CPU table printed with each result says who was busy.
 */
public final class FloodThroughputRig
{
    private static final String API_KEY = "bench-flood";

    private FloodThroughputRig()
    {
    }

    /**
     * One slot field read per tick, so the consumer does real (minimal) work.
     */
    static final class OneFieldConsumer implements EventHandler<TickEvent>
    {
        long sum;

        @Override
        public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            sum += event.lastPrice();
        }
    }

    /**
     * The SDK's listener: counts ticks (single writer, the nv-websocket reading thread).
     */
    static final class CountingListener implements OnTicks
    {
        volatile long count;
        long sum;

        @Override
        public void onTicks(final ArrayList<Tick> ticks)
        {
            final int size = ticks.size();
            for (int i = 0; i < size; i++)
            {
                sum += (long)ticks.get(i).getLastTradedPrice();
            }
            count = count + size;
        }
    }

    /**
     * Entry point.
     *
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final PrintStream out = System.out;
        final Map<String, String> options = RigSupport.parse(args);
        final String client = RigSupport.string(options, "client", "engine");
        final boolean tls = RigSupport.bool(options, "tls", false);
        final int tokenCount = RigSupport.integer(options, "tokens", 3000);
        final Mode mode = Mode.valueOf(RigSupport.string(options, "mode", "full").toUpperCase());
        final String consumer = RigSupport.string(options, "consumer", "none");
        final String idle = RigSupport.string(options, "idle", "backoff");
        final int ringSize = RigSupport.integer(options, "ring", 64 * 1024);
        final int warmupS = RigSupport.integer(options, "warmup-s", 5);
        final int durationS = RigSupport.integer(options, "duration-s", 15);
        final int packetsPerMessage = RigSupport.integer(options, "packets-per-message", 200);
        final String simulatorIdle = RigSupport.string(options, "sim-idle", "backoff");
        final int soRcvBuf = RigSupport.integer(options, "so-rcvbuf", 0);
        final int soSndBuf = RigSupport.integer(options, "so-sndbuf", 0);
        final String journal = RigSupport.string(options, "journal", null);
        final SendMode sendMode = SendMode.valueOf(
            RigSupport.string(options, "sim-mode", "flood").toUpperCase().replace('-', '_'));
        if (null != journal && "none".equals(consumer))
        {
            throw new IllegalArgumentException("--journal needs a consumer: --consumer yielding|busy-spin|...");
        }

        RigSupport.printHeader(out, "FloodThroughputRig", args);
        final SimulatorContext simulatorContext = new SimulatorContext()
            .tls(tls)
            .sendMode(sendMode)
            .maxPacketsPerMessage(packetsPerMessage)
            .socketSendBufferBytes(soSndBuf)
            .idleStrategySupplier(() -> IdleStrategies.newIdleStrategy(simulatorIdle));

        try (KiteSimulator simulator = RigSupport.launch(simulatorContext, API_KEY))
        {
            final int[] tokens = simulator.universe().tokens(tokenCount);
            final String tlsProvider = "sdk".equals(client) ? "jdk" :
                TlsProvider.defaultProvider().name().toLowerCase(Locale.ROOT);
            final String label = client + (tls ? " TLS(" + tlsProvider + ")" : " plain") +
                ("engine".equals(client) ? " idle=" + idle + " consumer=" + consumer : "") +
                (null != journal ? " +journal" : "") +
                " " + tokenCount + " tokens " + mode.wireName();

            if ("engine".equals(client))
            {
                runEngine(
                    out, simulator, tokens, mode, consumer, journal, idle, ringSize, soRcvBuf, warmupS, durationS,
                    label);
            }
            else if ("sdk".equals(client))
            {
                runSdk(out, simulator, tokens, mode, warmupS, durationS, label);
            }
            else
            {
                throw new IllegalArgumentException("--client engine|sdk");
            }
        }
    }

    private static void runEngine(
        final PrintStream out,
        final KiteSimulator simulator,
        final int[] tokens,
        final Mode mode,
        final String consumer,
        final String journal,
        final String idle,
        final int ringSize,
        final int soRcvBuf,
        final int warmupS,
        final int durationS,
        final String label) throws IOException
    {
        final boolean hasConsumer = !"none".equals(consumer);
        final Path journalDirectory = null == journal ? null :
            Files.createTempDirectory(Path.of(journal), "flood-journal-");
        final JournalWriter writer = null == journalDirectory ? null :
            JournalWriter.open(new JournalContext().directory(journalDirectory));
        try (EngineClient engine = new EngineClient(
            simulator, API_KEY, ringSize, EngineClient.waitStrategy(hasConsumer ? consumer : "blocking"), idle,
            soRcvBuf, false))
        {
            engine.awaitLive(10_000);
            if (hasConsumer)
            {
                engine.startConsumer(
                    null == writer ? new OneFieldConsumer() : writer::onTick,
                    null == writer ? "bench-consumer" : "bench-journal");
            }
            engine.subscribe(tokens, mode);
            final SimulatedConnection connection = RigSupport.awaitConnection(simulator, API_KEY, 10_000);

            measure(out, label, warmupS, durationS, engine::consumed,
                () -> engine.counter(KiteCounterDescriptor.BYTES_READ), connection);

            out.printf("  engine counters: ringFull=%d reconnects=%d malformedPackets=%d errors=%s%n",
                engine.counter(KiteCounterDescriptor.RING_FULL),
                engine.counter(KiteCounterDescriptor.RECONNECTS),
                engine.counter(KiteCounterDescriptor.MALFORMED_PACKETS),
                engine.errors());
            engine.haltConsumer();
            if (null != writer)
            {
                out.printf("  journal: %,d ticks appended, %,d bytes on disk in %s (deleted now)%n",
                    writer.ticksAppended(), directorySize(journalDirectory), journalDirectory);
            }
        }
        finally
        {
            if (null != writer)
            {
                writer.close();
                deleteDirectory(journalDirectory);
            }
        }
    }

    private static long directorySize(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
        }
    }

    private static void deleteDirectory(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
        }
    }

    private static void runSdk(
        final PrintStream out,
        final KiteSimulator simulator,
        final int[] tokens,
        final Mode mode,
        final int warmupS,
        final int durationS,
        final String label) throws Exception
    {
        final CountingListener listener = new CountingListener();
        try (SdkClient sdk = new SdkClient(simulator, API_KEY, listener))
        {
            sdk.subscribe(tokens, mode);
            final SimulatedConnection connection = RigSupport.awaitConnection(simulator, API_KEY, 10_000);
            measure(out, label, warmupS, durationS, () -> listener.count, connection::bytesSent, connection);
            out.println("  (sdk bytes are the simulator's bytes sent on the connection)");
        }
    }

    private static void measure(
        final PrintStream out,
        final String label,
        final int warmupS,
        final int durationS,
        final LongSupplier ticks,
        final LongSupplier bytes,
        final SimulatedConnection connection)
    {
        final long startNs = System.nanoTime();
        RigSupport.sleepUntil(startNs + TimeUnit.SECONDS.toNanos(warmupS));
        if (ticks.getAsLong() == 0)
        {
            throw new IllegalStateException("no ticks after warm-up");
        }
        out.println("  warm-up " + warmupS + " s done, " + RigSupport.loadAverage());

        final Map<Long, RigSupport.ThreadSample> threadsBefore = RigSupport.threadSample();
        final long ticks0 = ticks.getAsLong();
        final long bytes0 = bytes.getAsLong();
        final long sent0 = connection.packetsSent();
        final long t0 = System.nanoTime();
        final double[] perSecond = new double[durationS];
        long previousTicks = ticks0;
        long previousNs = t0;
        for (int i = 0; i < durationS; i++)
        {
            RigSupport.sleepUntil(t0 + TimeUnit.SECONDS.toNanos(i + 1));
            final long nowTicks = ticks.getAsLong();
            final long nowNs = System.nanoTime();
            perSecond[i] = (nowTicks - previousTicks) * 1e9 / (nowNs - previousNs);
            previousTicks = nowTicks;
            previousNs = nowNs;
        }
        final long t1 = System.nanoTime();
        final long ticks1 = ticks.getAsLong();
        final long bytes1 = bytes.getAsLong();
        final long sent1 = connection.packetsSent();
        final Map<Long, RigSupport.ThreadSample> threadsAfter = RigSupport.threadSample();

        final double seconds = (t1 - t0) / 1e9;
        final long measuredTicks = ticks1 - ticks0;
        final double ticksPerSecond = measuredTicks / seconds;
        final double megabytesPerSecond = (bytes1 - bytes0) / seconds / 1e6;
        final double[] sorted = perSecond.clone();
        Arrays.sort(sorted);
        out.printf("RESULT %-60s %,12.0f ticks/s  %8.1f MB/s wire  (per-second min %,.0f median %,.0f max %,.0f;" +
            " simulator sent %,.0f ticks/s) over %.1f s, %s%n",
            label, ticksPerSecond, megabytesPerSecond,
            sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1],
            (sent1 - sent0) / seconds, seconds, RigSupport.loadAverage());
        RigSupport.printThreadCpu(out, threadsBefore, threadsAfter, t1 - t0, measuredTicks);
    }
}
