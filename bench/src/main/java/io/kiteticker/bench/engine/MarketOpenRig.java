package io.kiteticker.bench.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.ConnectionDiagnostics;
import io.kiteticker.engine.ConnectionStats;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.KiteJournal;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.market.Universe;
import org.HdrHistogram.Histogram;
import org.agrona.BitUtil;
import org.agrona.collections.Int2IntHashMap;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Market open (issue 11 aim 6): {@code keys × connections} engine connections (9 × 3 = 27 by default, SHARED
 * threading, the builder's defaults) each holding {@code tokens-per-connection} tokens in full mode (27,000 in all),
 * then a burst in which every token ticks {@code burst-ticks} times as fast as the sockets take the packets
 * ({@link KiteSimulator#startBurst()}), then {@code steady-s} seconds of paced Kite cadence. Checks and prints:
 * <ul>
 *     <li>packets sent and ticks received per phase; loss: on every connection the n-th tick its handler saw from
 *     the burst on is the simulator's packet n (same token, in order: none lost, none duplicated), per token
 *     received == sent, and every token ticked {@code burst-ticks} times in the burst;</li>
 *     <li>ring-full stalls: count, total and max (the engine's RING_FULL_STALLS counters), refusals (RING_FULL);</li>
 *     <li>ticks/s through the handler during the burst; send → handler latency percentiles for burst and steady
 *     (send time kept per packet by the simulator in {@link SendMode#LATENCY}, as {@link LatencyRig});</li>
 *     <li>heap used (after a GC) and RSS before and after, and the load average.</li>
 * </ul>
 * Exits 1 if a tick was lost, duplicated or out of order. Simulator and engine run in <b>one JVM</b>: the latency is
 * matched against the simulator's in-memory send times on the same {@link System#nanoTime()} clock (a child JVM would
 * need those shipped across, and its clock is only the same on Linux by luck); the simulator's one thread produced the
 * burst with room to spare in scratch runs, so more processes were not needed. Run (for numbers: a quiet machine):
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.kiteticker.bench.engine.MarketOpenRig [--keys 9] [--connections 3] [--tokens-per-connection 1000] \
 *     [--burst-ticks 5] [--steady-s 5] [--rate-per-token 2] [--ring 65536] [--wait-strategy phased] \
 *     [--idle select] [--tls] [--journal DIR]
 * </pre>
 * ({@code --journal} needs Chronicle's flags as {@link FloodThroughputRig} says.)
 */
public final class MarketOpenRig
{
    private static final long ONE_MS_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long TIMEOUT_MS = 120_000;

    private MarketOpenRig()
    {
    }

    /**
     * The rig's settings.
     */
    static final class Options
    {
        int keys = 9;
        int connections = 3;
        int tokensPerConnection = 1000;
        int burstTicks = 5;
        int steadyS = 5;
        double ratePerToken = 2;
        int ringSize = 64 * 1024;
        String waitStrategy = "phased";
        String idle = "select";
        boolean tls;
        String journal;

        static Options parse(final String[] args)
        {
            final Map<String, String> o = RigSupport.parse(args);
            final Options options = new Options();
            options.keys = RigSupport.integer(o, "keys", options.keys);
            options.connections = RigSupport.integer(o, "connections", options.connections);
            options.tokensPerConnection = RigSupport.integer(o, "tokens-per-connection", options.tokensPerConnection);
            options.burstTicks = RigSupport.integer(o, "burst-ticks", options.burstTicks);
            options.steadyS = RigSupport.integer(o, "steady-s", options.steadyS);
            options.ratePerToken = RigSupport.decimal(o, "rate-per-token", options.ratePerToken);
            options.ringSize = RigSupport.integer(o, "ring", options.ringSize);
            options.waitStrategy = RigSupport.string(o, "wait-strategy", options.waitStrategy);
            options.idle = RigSupport.string(o, "idle", options.idle);
            options.tls = RigSupport.bool(o, "tls", false);
            options.journal = RigSupport.string(o, "journal", null);
            return options;
        }

        int connectionCount()
        {
            return keys * connections;
        }

        int tokenCount()
        {
            return connectionCount() * tokensPerConnection;
        }

        /**
         * Send times and handler records kept per connection: the whole session with room to spare.
         */
        int capacity()
        {
            final double perToken = 4 + burstTicks + ratePerToken * (steadyS + 30);
            return BitUtil.findNextPositivePowerOfTwo((int)Math.min(1 << 28, tokensPerConnection * perToken));
        }
    }

    /**
     * What a run found; the exact parts are what {@code MarketOpenRigTest} asserts.
     */
    static final class Result
    {
        long burstPacketsSent;
        long steadyPacketsSent;
        long burstTicksReceived;
        long steadyTicksReceived;
        long lost;
        long outOfOrder;
        long unverified;
        long tokensMismatched;
        long tokensNotBurstK;
        long ringFull;
        long stalls;
        long stallTotalNs;
        long stallMaxNs;
        long reconnects;
        long modeDrops;
        long heapBeforeBytes;
        long heapAfterBytes;
        long rssBeforeBytes;
        long rssAfterBytes;
        double burstTicksPerSecond;
        final Histogram burstLatency = RigSupport.newHistogram();
        final Histogram steadyLatency = RigSupport.newHistogram();

        boolean isLossless()
        {
            return 0 == lost && 0 == outOfOrder && 0 == tokensMismatched && 0 == reconnects;
        }
    }

    /**
     * Records, per connection, each tick's token and handler time by its position; allocation-free.
     */
    static final class RecordingHandler implements TickHandler
    {
        final int connectionsPerKey;
        final int capacity;
        final int[][] tokens;
        final long[][] handlerNs;
        final long[] received;
        final AtomicLong total = new AtomicLong();
        long overflow;

        RecordingHandler(final int connectionCount, final int connectionsPerKey, final int capacity)
        {
            this.connectionsPerKey = connectionsPerKey;
            this.capacity = capacity;
            tokens = new int[connectionCount][capacity];
            handlerNs = new long[connectionCount][capacity];
            received = new long[connectionCount];
        }

        @Override
        public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            final long nowNs = System.nanoTime();
            final int slot = event.apiKeyIndex() * connectionsPerKey + event.connectionIndex();
            final long n = received[slot]++;
            if (n < capacity)
            {
                tokens[slot][(int)n] = event.instrumentToken();
                handlerNs[slot][(int)n] = nowNs;
            }
            else
            {
                overflow++;
            }
            total.lazySet(total.get() + 1);
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
        RigSupport.printHeader(System.out, "MarketOpenRig", args);
        final Result result = run(Options.parse(args), System.out);
        System.exit(result.isLossless() ? 0 : 1);
    }

    /**
     * Run the rig once.
     *
     * @param options settings.
     * @param out     to print the report to.
     * @return what it found.
     * @throws Exception on failure (a timeout, the engine not starting).
     */
    static Result run(final Options options, final PrintStream out) throws Exception
    {
        final int connectionCount = options.connectionCount();
        final int capacity = options.capacity();
        final String[] apiKeys = new String[options.keys];
        for (int k = 0; k < options.keys; k++)
        {
            apiKeys[k] = "market-open-" + k;
        }
        final SimulatorContext simulatorContext = new SimulatorContext()
            .tls(options.tls)
            .sendMode(SendMode.LATENCY)
            .ticksPerSecondPerToken(options.ratePerToken)
            .ticksPerSecond(1_000_000)
            .maxConnectionsPerApiKey(options.connections)
            .maxInstrumentsPerConnection(options.tokensPerConnection)
            .burstTicksPerToken(options.burstTicks)
            .sendNanosCapacity(capacity)
            .universe(Universe.standard(Math.max(Universe.DEFAULT_SYNTHETIC_PER_SEGMENT,
                options.tokenCount() / 4 + 1)));
        final Result result = new Result();
        final RecordingHandler handler = new RecordingHandler(connectionCount, options.connections, capacity);
        Path journalDirectory = null;
        try (KiteSimulator simulator = RigSupport.launch(simulatorContext, apiKeys))
        {
            final KiteManagerBuilder builder = KiteManager.builder()
                .uri(simulator.uri())
                .maxConnectionsPerApi(options.connections)
                .maxSymbolsPerConnection(options.tokensPerConnection)
                .ringSize(options.ringSize)
                .waitStrategy(options.waitStrategy)
                .idleStrategy(options.idle)
                .onTick(handler);
            for (final String apiKey : apiKeys)
            {
                builder.addApiKey(apiKey, apiKey, RigSupport.accessToken(apiKey));
            }
            if (options.tls)
            {
                builder.sslContext(RigSupport.clientSslContext(simulator));
            }
            KiteJournal journal = null;
            final KiteManager manager;
            if (null != options.journal)
            {
                journalDirectory = Files.createTempDirectory(Path.of(options.journal), "market-open-journal-");
                journal = KiteJournal.build(builder, new JournalContext().directory(journalDirectory));
                manager = journal.manager();
            }
            else
            {
                manager = builder.build();
            }
            try
            {
                runPhases(options, out, simulator, manager, handler, result);
            }
            finally
            {
                manager.close();
                if (null != journal)
                {
                    journal.close();
                }
            }
        }
        finally
        {
            if (null != journalDirectory)
            {
                deleteDirectory(journalDirectory);
            }
        }
        print(options, out, handler, result);
        return result;
    }

    private static void runPhases(
        final Options options,
        final PrintStream out,
        final KiteSimulator simulator,
        final KiteManager manager,
        final RecordingHandler handler,
        final Result result)
    {
        final int connectionCount = options.connectionCount();
        final int connectionsPerKey = options.connections;
        manager.start();
        final ConnectionDiagnostics diagnostics = manager.connectionDiagnostics();
        final SimulatedConnection[] connections = new SimulatedConnection[connectionCount];
        for (int slot = 0; slot < connectionCount; slot++)
        {
            connections[slot] = simulator.awaitConnection(
                diagnostics.localPort(slot / connectionsPerKey, slot % connectionsPerKey), Duration.ofSeconds(30));
        }
        result.heapBeforeBytes = heapUsedAfterGc();
        result.rssBeforeBytes = rssBytes();

        // subscribe 27,000 tokens in full mode and wait until every connection's full snapshots have reached the
        // handler: the engine's mode gate is then closed and its drops (quote packets before the mode) final
        final int[] tokens = simulator.universe().tokens(options.tokenCount());
        manager.subscribe(tokens, Mode.FULL);
        await(() -> allFull(connections, options.tokensPerConnection), "every token in full mode at the simulator");
        final long[] sentAtFull = new long[connectionCount];
        for (int slot = 0; slot < connectionCount; slot++)
        {
            sentAtFull[slot] = connections[slot].packetsSent();
        }
        await(() -> caughtUp(connections, diagnostics, handler, sentAtFull, connectionsPerKey),
            "the full snapshots through the handler");
        final long[] drops = new long[connectionCount];
        for (int slot = 0; slot < connectionCount; slot++)
        {
            drops[slot] = diagnostics.modeDropsInSession(slot / connectionsPerKey, slot % connectionsPerKey);
            result.modeDrops += drops[slot];
        }

        // the burst
        out.printf("## burst: %,d tokens x %d ticks on %d connections, %s%n",
            tokens.length, options.burstTicks, connectionCount, RigSupport.loadAverage());
        final List<SimulatedConnection> started = simulator.startBurst();
        if (started.size() != connectionCount)
        {
            throw new IllegalStateException("burst started on " + started.size() + " of " + connectionCount);
        }
        await(() -> burstReceived(connections, handler, drops), "the burst through the handler");

        // steady, paced
        out.printf("## steady: %d s at %.1f ticks/s per token, %s%n", options.steadyS, options.ratePerToken,
            RigSupport.loadAverage());
        RigSupport.sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(options.steadyS));
        manager.unsubscribe(tokens);
        RigSupport.awaitDrained(() -> handler.total.get() + sum(drops), () -> sumSent(connections), TIMEOUT_MS);
        // the handler's plain arrays are read after its total (a release store per tick) was seen complete
        if (handler.total.get() + sum(drops) != sumSent(connections))
        {
            out.println("  WARNING: not drained: handled " + handler.total.get() + " + dropped " + sum(drops) +
                " of " + sumSent(connections) + " sent");
        }

        for (int slot = 0; slot < connectionCount; slot++)
        {
            final ConnectionStats stats = manager.connectionStats(
                manager.apiKeyId(slot / connectionsPerKey), slot % connectionsPerKey);
            result.ringFull += stats.ringFull();
            result.stalls += stats.ringFullStalls();
            result.stallTotalNs += stats.ringFullStallTotalNs();
            result.stallMaxNs = Math.max(result.stallMaxNs, stats.ringFullStallMaxNs());
            result.reconnects += stats.reconnects();
        }
        analyse(options, connections, handler, drops, result);
        result.heapAfterBytes = heapUsedAfterGc();
        result.rssAfterBytes = rssBytes();
    }

    private static void analyse(
        final Options options,
        final SimulatedConnection[] connections,
        final RecordingHandler handler,
        final long[] drops,
        final Result result)
    {
        final Int2IntHashMap sentPerToken = new Int2IntHashMap(options.tokenCount() * 2, 0.65f, 0);
        final Int2IntHashMap receivedPerToken = new Int2IntHashMap(options.tokenCount() * 2, 0.65f, 0);
        final Int2IntHashMap burstPerToken = new Int2IntHashMap(options.tokenCount() * 2, 0.65f, 0);
        long firstBurstStartNs = Long.MAX_VALUE;
        long lastBurstHandledNs = 0;
        for (int slot = 0; slot < connections.length; slot++)
        {
            final SimulatedConnection connection = connections[slot];
            final long burstStart = connection.burstStartPacket();
            final long burstEnd = connection.burstEndPacket();
            final long sent = connection.packetsSent();
            firstBurstStartNs = Math.min(firstBurstStartNs, connection.burstStartNs());
            result.burstPacketsSent += burstEnd - burstStart;
            result.steadyPacketsSent += sent - burstEnd;
            for (long n = burstStart; n < sent; n++)
            {
                final long token = connection.sentToken(n);
                if (token >= 0)
                {
                    sentPerToken.put((int)token, sentPerToken.get((int)token) + 1);
                    if (n < burstEnd)
                    {
                        burstPerToken.put((int)token, burstPerToken.get((int)token) + 1);
                    }
                }
            }

            final long received = Math.min(handler.received[slot], handler.capacity);
            final long receivedFromBurst = handler.received[slot] + drops[slot] - burstStart;
            result.lost += (sent - burstStart) - receivedFromBurst; // negative: duplicates
            for (long r = Math.max(0, burstStart - drops[slot]); r < received; r++)
            {
                final long n = r + drops[slot];
                final int token = handler.tokens[slot][(int)r];
                receivedPerToken.put(token, receivedPerToken.get(token) + 1);
                final long sentToken = connection.sentToken(n);
                final long sentNs = connection.sendNanos(n);
                if (sentToken < 0 || sentNs < 0)
                {
                    result.unverified++;
                    continue;
                }
                if (sentToken != Integer.toUnsignedLong(token))
                {
                    result.outOfOrder++;
                }
                final long handledNs = handler.handlerNs[slot][(int)r];
                if (n < burstEnd)
                {
                    result.burstTicksReceived++;
                    RigSupport.record(result.burstLatency, handledNs - sentNs);
                    lastBurstHandledNs = Math.max(lastBurstHandledNs, handledNs);
                }
                else
                {
                    result.steadyTicksReceived++;
                    RigSupport.record(result.steadyLatency, handledNs - sentNs);
                }
            }
        }
        result.unverified += handler.overflow;
        sentPerToken.forEach((token, count) ->
        {
            if (receivedPerToken.get(token) != count)
            {
                result.tokensMismatched++;
            }
        });
        receivedPerToken.forEach((token, count) ->
        {
            if (0 == sentPerToken.get(token))
            {
                result.tokensMismatched++;
            }
        });
        result.tokensNotBurstK = options.tokenCount() - burstPerToken.size();
        burstPerToken.forEach((token, count) ->
        {
            if (count != options.burstTicks)
            {
                result.tokensNotBurstK++;
            }
        });
        final long burstNs = lastBurstHandledNs - firstBurstStartNs;
        result.burstTicksPerSecond = burstNs > 0 ? result.burstTicksReceived * 1e9 / burstNs : 0;
    }

    private static void print(
        final Options options, final PrintStream out, final RecordingHandler handler, final Result result)
    {
        out.printf("## market open: %d keys x %d connections x %,d tokens (full) = %,d tokens, burst %d ticks/token," +
            " steady %d s, ring %,d, wait %s, idle %s%s%s%n",
            options.keys, options.connections, options.tokensPerConnection, options.tokenCount(),
            options.burstTicks, options.steadyS, options.ringSize, options.waitStrategy, options.idle,
            options.tls ? ", tls" : "", null != options.journal ? ", journal" : "");
        out.printf("  burst:  sent %,12d  received %,12d%n", result.burstPacketsSent, result.burstTicksReceived);
        out.printf("  steady: sent %,12d  received %,12d%n", result.steadyPacketsSent, result.steadyTicksReceived);
        out.printf("  loss: lost %,d (negative = duplicated), out of order %,d, tokens received != sent %,d, " +
            "tokens without exactly %d burst ticks %,d, unverified %,d, reconnects %d, mode drops before the burst" +
            " %,d -> %s%n",
            result.lost, result.outOfOrder, result.tokensMismatched, options.burstTicks, result.tokensNotBurstK,
            result.unverified, result.reconnects, result.modeDrops, result.isLossless() ? "NO TICK LOST" : "LOSS");
        out.printf("  ring-full: refusals %,d, stalls %,d, stall total %.3f ms, stall max %.3f ms (%s)%n",
            result.ringFull, result.stalls, result.stallTotalNs / 1e6, result.stallMaxNs / 1e6,
            result.stallMaxNs <= ONE_MS_NS ? "<= 1 ms" : "OVER 1 ms");
        out.printf("  burst throughput: %,.0f ticks/s (burst start to its last tick handled)%n",
            result.burstTicksPerSecond);
        out.println(RigSupport.percentilesHeader());
        out.printf("%-52s | %s%n", "burst send->handler", RigSupport.percentilesUs(result.burstLatency));
        out.printf("%-52s | %s%n", "steady send->handler", RigSupport.percentilesUs(result.steadyLatency));
        out.printf("  memory: heap used after GC %,d -> %,d KiB, RSS %,d -> %,d KiB (rig records %,d KiB)%n",
            result.heapBeforeBytes / 1024, result.heapAfterBytes / 1024, result.rssBeforeBytes / 1024,
            result.rssAfterBytes / 1024, (long)handler.tokens.length * handler.capacity * 12 / 1024);
        out.println("  " + RigSupport.loadAverage());
    }

    private static boolean allFull(final SimulatedConnection[] connections, final int tokensPerConnection)
    {
        for (final SimulatedConnection connection : connections)
        {
            if (connection.subscriptionCount() < tokensPerConnection)
            {
                return false;
            }
        }
        for (final SimulatedConnection connection : connections)
        {
            for (final Mode mode : connection.subscriptions().values())
            {
                if (Mode.FULL != mode)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean caughtUp(
        final SimulatedConnection[] connections,
        final ConnectionDiagnostics diagnostics,
        final RecordingHandler handler,
        final long[] sent,
        final int connectionsPerKey)
    {
        handler.total.get();
        for (int slot = 0; slot < connections.length; slot++)
        {
            final long dropped = diagnostics.modeDropsInSession(slot / connectionsPerKey, slot % connectionsPerKey);
            if (handler.received[slot] + dropped < sent[slot])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean burstReceived(
        final SimulatedConnection[] connections, final RecordingHandler handler, final long[] drops)
    {
        handler.total.get();
        for (int slot = 0; slot < connections.length; slot++)
        {
            final long end = connections[slot].burstEndPacket();
            if (end < 0 || handler.received[slot] + drops[slot] < end)
            {
                return false;
            }
        }
        return true;
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long value : values)
        {
            total += value;
        }
        return total;
    }

    private static long sumSent(final SimulatedConnection[] connections)
    {
        long total = 0;
        for (final SimulatedConnection connection : connections)
        {
            total += connection.packetsSent();
        }
        return total;
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static long heapUsedAfterGc()
    {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Resident set size from {@code /proc/self/status}.
     *
     * @return bytes, or -1 off Linux.
     */
    static long rssBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }

    private static void deleteDirectory(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
