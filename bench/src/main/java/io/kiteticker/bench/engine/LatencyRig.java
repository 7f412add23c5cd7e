package io.kiteticker.bench.engine;

import com.lmax.disruptor.EventHandler;
import com.zerodhatech.models.Tick;
import com.zerodhatech.ticker.OnTicks;
import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.IdleStrategies;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * End-to-end latency, simulator send to handler, at a fixed rate, for our engine under several idle and wait
 * strategies and for the official SDK's own pipeline, one after the other in the same JVM against the same simulator
 * (same seed, same tokens, same mode, same rate).
 * <p>
 * The simulator runs in {@link SendMode#LATENCY}: it paces ticks at {@code --rate} per connection and records
 * {@link System#nanoTime()} just before the write of each message, per packet ordinal
 * ({@link SimulatedConnection#sendNanos(long)}). Each client has its own connection (found by its api key), so the
 * n-th tick a client's handler sees is packet n of that connection:
 * <ul>
 *     <li>engine: one {@code ConnectionAgent} on a DEDICATED thread (idle strategy given per phase) publishing into a
 *     single-producer ring; one Disruptor {@code BatchEventProcessor} (wait strategy given per phase) whose handler
 *     takes {@code System.nanoTime()} and records {@code now - sendNanos(sequence)} into a preallocated HdrHistogram
 *     (no allocation). It also records send to the agent's receive timestamp and receive to handler.</li>
 *     <li>sdk: an nv-websocket-client socket with {@code KiteTicker#getWebsocketAdapter()} as listener; the
 *     {@code OnTicks} listener takes {@code System.nanoTime()} once per list and records each tick of it against
 *     its packet's send time.</li>
 * </ul>
 * Ticks of the warm-up are not recorded. After each phase the client unsubscribes and the rig checks that it
 * received exactly as many ticks as the simulator sent it (with those it dropped before their token's mode applied,
 * which the handler adds to its ordinal), so no ordinal was misattributed, and counts measured ticks
 * not in the subscribed mode (Kite sends ticks in quote mode between the subscribe and the mode request, as the SDK
 * sends them one after the other, so only the warm-up may see them).
 * <p>
 * What this does not measure: the send time is the time the simulator actually wrote, not when the tick was due, so
 * a simulator thread delayed by the scheduler hides that delay (coordinated omission on the sender side).
 * <p>
 * Run:
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target-bench/benchmarks.jar \
 *     io.kiteticker.bench.engine.LatencyRig [--rate 100000] [--tokens 3000] [--mode full] [--warmup-s 5] \
 *     [--duration-s 10] [--sim-idle sleeping] [--pin] [--phases engine:busy-spin:inline,engine:select:inline,sdk]
 * </pre>
 * A phase is {@code sdk} or {@code engine:<agent idle strategy>:<Disruptor wait strategy>}; the wait strategy
 * {@code inline} runs the handler on the agent's own thread (a second agent polling the ring, as a strategy thread
 * driving the engine in INVOKER mode with {@code EngineTickPoller} would). The simulator idles with {@code sleeping}
 * by default ({@code --sim-idle}), so that it leaves the second core to the client.
 */
public final class LatencyRig
{
    private static final String DEFAULT_PHASES =
        "engine:busy-spin:inline,engine:select:inline,engine:select:sleeping,engine:sleeping:sleeping,sdk";

    private LatencyRig()
    {
    }

    /**
     * The engine's handler: records latency per tick without allocating.
     */
    static final class EngineLatencyHandler implements EventHandler<TickEvent>
    {
        final Histogram sendToHandler = RigSupport.newHistogram();
        final Histogram sendToReceive = RigSupport.newHistogram();
        final Histogram receiveToHandler = RigSupport.newHistogram();
        final Mode expectedMode;
        volatile SimulatedConnection connection;
        volatile LongSupplier droppedForMode = () -> 0;
        volatile boolean recording;
        long missing;
        long wrongMode;

        EngineLatencyHandler(final Mode expectedMode)
        {
            this.expectedMode = expectedMode;
        }

        @Override
        public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            final long nowNs = System.nanoTime();
            if (recording)
            {
                if (PacketKind.mode(event.kind()) != expectedMode)
                {
                    wrongMode++;
                }
                // the quote packets the engine dropped before their token's mode applied were sent too
                final long sentNs = connection.sendNanos(sequence + droppedForMode.getAsLong());
                if (sentNs < 0)
                {
                    missing++;
                    return;
                }
                final long receiveNs = event.receiveNanos();
                RigSupport.record(sendToHandler, nowNs - sentNs);
                RigSupport.record(sendToReceive, receiveNs - sentNs);
                RigSupport.record(receiveToHandler, nowNs - receiveNs);
            }
        }
    }

    /**
     * The SDK's listener: one timestamp per tick list, each tick recorded against its own packet's send time.
     */
    static final class SdkLatencyListener implements OnTicks
    {
        final Histogram sendToHandler = RigSupport.newHistogram();
        final String expectedMode;
        volatile SimulatedConnection connection;
        volatile boolean recording;
        volatile long received;
        long missing;
        long wrongMode;

        SdkLatencyListener(final Mode expectedMode)
        {
            this.expectedMode = expectedMode.wireName();
        }

        @Override
        public void onTicks(final ArrayList<Tick> ticks)
        {
            final long nowNs = System.nanoTime();
            final int size = ticks.size();
            final long first = received;
            if (recording)
            {
                final SimulatedConnection connection = this.connection;
                for (int i = 0; i < size; i++)
                {
                    if (!expectedMode.equals(ticks.get(i).getMode()))
                    {
                        wrongMode++;
                    }
                    final long sentNs = connection.sendNanos(first + i);
                    if (sentNs < 0)
                    {
                        missing++;
                    }
                    else
                    {
                        RigSupport.record(sendToHandler, nowNs - sentNs);
                    }
                }
            }
            received = first + size;
        }
    }

    /**
     * One phase's outcome.
     */
    static final class PhaseResult
    {
        final String name;
        final Histogram sendToHandler;
        final double recordedPerSecond;

        PhaseResult(final String name, final Histogram sendToHandler, final double recordedPerSecond)
        {
            this.name = name;
            this.sendToHandler = sendToHandler;
            this.recordedPerSecond = recordedPerSecond;
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
        run(args);
        System.exit(0); // nv-websocket-client (the SDK's) leaves a non-daemon "ReadingThreadCloseTimer" behind
    }

    private static void run(final String[] args) throws Exception
    {
        final PrintStream out = System.out;
        final Map<String, String> options = RigSupport.parse(args);
        final double rate = RigSupport.decimal(options, "rate", 100_000);
        final int tokenCount = RigSupport.integer(options, "tokens", 3000);
        final Mode mode = Mode.valueOf(RigSupport.string(options, "mode", "full").toUpperCase());
        final int warmupS = RigSupport.integer(options, "warmup-s", 5);
        final int durationS = RigSupport.integer(options, "duration-s", 10);
        final int ringSize = RigSupport.integer(options, "ring", 16 * 1024);
        final String simulatorIdle = RigSupport.string(options, "sim-idle", "sleeping");
        final boolean pin = RigSupport.bool(options, "pin", false);
        final String[] phases = RigSupport.string(options, "phases", DEFAULT_PHASES).split(",");

        RigSupport.printHeader(out, "LatencyRig", args);
        final String[] apiKeys = new String[phases.length];
        for (int i = 0; i < phases.length; i++)
        {
            apiKeys[i] = "bench-latency-" + i;
        }
        final SimulatorContext simulatorContext = new SimulatorContext()
            .sendMode(SendMode.LATENCY)
            .ticksPerSecond(rate)
            .ticksPerSecondPerToken(rate)
            .idleStrategySupplier(() -> IdleStrategies.newIdleStrategy(simulatorIdle));

        final List<PhaseResult> results = new ArrayList<>();
        try (KiteSimulator simulator = RigSupport.launch(simulatorContext, apiKeys))
        {
            final int[] tokens = simulator.universe().tokens(tokenCount);
            for (int i = 0; i < phases.length; i++)
            {
                final String phase = phases[i].trim();
                out.println();
                out.println("## phase " + phase + ": " + tokenCount + " tokens " + mode.wireName() + " at " +
                    String.format("%,.0f", rate) + " ticks/s, warm-up " + warmupS + " s, measured " + durationS +
                    " s, simulator idle " + simulatorIdle + ", " + RigSupport.loadAverage());
                if ("sdk".equals(phase))
                {
                    results.add(runSdk(out, simulator, apiKeys[i], tokens, mode, warmupS, durationS));
                }
                else if (phase.startsWith("engine:"))
                {
                    final String[] parts = phase.split(":");
                    results.add(runEngine(
                        pin, out, simulator, apiKeys[i], tokens, mode, parts[1], parts[2], ringSize, warmupS,
                        durationS));
                }
                else
                {
                    throw new IllegalArgumentException("unknown phase: " + phase);
                }
            }
        }

        out.println();
        out.println("## summary: simulator send -> handler, " + tokenCount + " tokens " + mode.wireName() + " at " +
            String.format("%,.0f", rate) + " ticks/s, " + RigSupport.loadAverage());
        out.println(RigSupport.percentilesHeader());
        for (final PhaseResult result : results)
        {
            out.printf("%-52s | %s%n", result.name, RigSupport.percentilesUs(result.sendToHandler));
        }
        final PhaseResult sdk = results.stream().filter((r) -> r.name.startsWith("sdk")).findFirst().orElse(null);
        if (null != sdk)
        {
            out.println("ratios sdk / engine (above 1 = engine faster, below 1 = sdk faster):");
            for (final PhaseResult result : results)
            {
                if (result != sdk)
                {
                    out.printf("  %-52s p50 %7.3fx  p99 %7.3fx  p99.9 %7.3fx  p99.99 %7.3fx  max %7.3fx%n",
                        result.name,
                        ratio(sdk.sendToHandler, result.sendToHandler, 50),
                        ratio(sdk.sendToHandler, result.sendToHandler, 99),
                        ratio(sdk.sendToHandler, result.sendToHandler, 99.9),
                        ratio(sdk.sendToHandler, result.sendToHandler, 99.99),
                        (double)sdk.sendToHandler.getMaxValue() / result.sendToHandler.getMaxValue());
                }
            }
        }
    }

    private static double ratio(final Histogram numerator, final Histogram denominator, final double percentile)
    {
        return (double)numerator.getValueAtPercentile(percentile) / denominator.getValueAtPercentile(percentile);
    }

    private static PhaseResult runEngine(
        final boolean pin,
        final PrintStream out,
        final KiteSimulator simulator,
        final String apiKey,
        final int[] tokens,
        final Mode mode,
        final String idle,
        final String wait,
        final int ringSize,
        final int warmupS,
        final int durationS)
    {
        final String name = "engine idle=" + idle + " wait=" + wait + (pin ? " pinned" : "");
        final EngineLatencyHandler handler = new EngineLatencyHandler(mode);
        final Map<Long, RigSupport.ThreadSample> threadsBefore;
        final Map<Long, RigSupport.ThreadSample> threadsAfter;
        final long measuredNs;
        final long publishedTotal;
        final long packetsSent;
        try (EngineClient engine = new EngineClient(
            simulator, apiKey, ringSize, EngineClient.waitStrategy(wait), idle, 0, pin))
        {
            engine.awaitLive(10_000);
            handler.connection = RigSupport.awaitConnection(simulator, apiKey, 10_000);
            handler.droppedForMode = () -> engine.counter(KiteCounterDescriptor.MODE_MISMATCH_DROPPED);
            engine.startConsumer(handler, "bench-handler");
            engine.subscribe(tokens, mode);

            RigSupport.sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupS));
            threadsBefore = RigSupport.threadSample();
            final long t0 = System.nanoTime();
            handler.recording = true;
            RigSupport.sleepUntil(t0 + TimeUnit.SECONDS.toNanos(durationS));
            handler.recording = false;
            measuredNs = System.nanoTime() - t0;
            threadsAfter = RigSupport.threadSample();

            engine.unsubscribe(tokens);
            final SimulatedConnection connection = handler.connection;
            final LongSupplier dropped = handler.droppedForMode;
            RigSupport.awaitDrained(() -> engine.published() + dropped.getAsLong(), connection::packetsSent, 10_000);
            publishedTotal = engine.published();
            final long droppedTotal = dropped.getAsLong();
            packetsSent = handler.connection.packetsSent();
            engine.haltConsumer();
            out.printf("  check: simulator sent %,d packets, engine published %,d + dropped for their mode %,d (%s);" +
                " reconnects=%d ringFull=%d missingSendTimes=%d notInMode=%d errors=%s%n",
                packetsSent, publishedTotal, droppedTotal,
                packetsSent == publishedTotal + droppedTotal ? "equal" : "MISMATCH",
                engine.counter(KiteCounterDescriptor.RECONNECTS), engine.counter(KiteCounterDescriptor.RING_FULL),
                handler.missing, handler.wrongMode, engine.errors());
        }

        final long recorded = handler.sendToHandler.getTotalCount();
        RigSupport.printThreadCpu(out, threadsBefore, threadsAfter, measuredNs, recorded);
        out.println(RigSupport.percentilesHeader());
        out.printf("%-52s | %s%n", name + " send->handler", RigSupport.percentilesUs(handler.sendToHandler));
        out.printf("%-52s | %s%n", name + " send->receive", RigSupport.percentilesUs(handler.sendToReceive));
        out.printf("%-52s | %s%n", name + " receive->handler", RigSupport.percentilesUs(handler.receiveToHandler));
        final double perSecond = recorded * 1e9 / measuredNs;
        out.printf("  recorded %,.0f ticks/s, %s%n", perSecond, RigSupport.loadAverage());
        return new PhaseResult(name, handler.sendToHandler, perSecond);
    }

    private static PhaseResult runSdk(
        final PrintStream out,
        final KiteSimulator simulator,
        final String apiKey,
        final int[] tokens,
        final Mode mode,
        final int warmupS,
        final int durationS) throws Exception
    {
        final String name = "sdk (kiteconnect 3.5.1 + nv-websocket 2.3)";
        final SdkLatencyListener listener = new SdkLatencyListener(mode);
        final Map<Long, RigSupport.ThreadSample> threadsBefore;
        final Map<Long, RigSupport.ThreadSample> threadsAfter;
        final long measuredNs;
        final SimulatedConnection connection;
        try (SdkClient sdk = new SdkClient(simulator, apiKey, listener))
        {
            connection = RigSupport.awaitConnection(simulator, apiKey, 10_000);
            listener.connection = connection;
            sdk.subscribe(tokens, mode);

            RigSupport.sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupS));
            threadsBefore = RigSupport.threadSample();
            final long t0 = System.nanoTime();
            listener.recording = true;
            RigSupport.sleepUntil(t0 + TimeUnit.SECONDS.toNanos(durationS));
            listener.recording = false;
            measuredNs = System.nanoTime() - t0;
            threadsAfter = RigSupport.threadSample();

            sdk.unsubscribe(tokens);
            RigSupport.awaitDrained(() -> listener.received, connection::packetsSent, 30_000);
        }
        final long packetsSent = connection.packetsSent();
        out.printf("  check: simulator sent %,d packets, sdk delivered %,d (%s); missingSendTimes=%d notInMode=%d%n",
            packetsSent, listener.received, packetsSent == listener.received ? "equal" : "MISMATCH",
            listener.missing, listener.wrongMode);

        final long recorded = listener.sendToHandler.getTotalCount();
        RigSupport.printThreadCpu(out, threadsBefore, threadsAfter, measuredNs, recorded);
        out.println(RigSupport.percentilesHeader());
        out.printf("%-52s | %s%n", "sdk send->listener", RigSupport.percentilesUs(listener.sendToHandler));
        final double perSecond = recorded * 1e9 / measuredNs;
        out.printf("  recorded %,.0f ticks/s, %s%n", perSecond, RigSupport.loadAverage());
        return new PhaseResult(name, listener.sendToHandler, perSecond);
    }
}
