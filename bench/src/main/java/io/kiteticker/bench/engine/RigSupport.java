package io.kiteticker.bench.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.transport.TlsProvider;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.HdrHistogram.Histogram;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Helpers shared by the end-to-end rigs: argument parsing, load average, per-thread CPU and allocation accounting,
 * the simulator's trust store, the subscription JSON the official SDK sends, and histogram printing. Control plane
 * only: nothing here runs on a measured path.
 */
final class RigSupport
{
    /**
     * Highest latency a histogram tracks; larger values are clamped (and counted) so recording never allocates.
     */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(30);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RigSupport()
    {
    }

    /**
     * Parse {@code --name value} pairs (and bare {@code --flag} as "true").
     *
     * @param args from main.
     * @return name to value.
     */
    static Map<String, String> parse(final String[] args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (!arg.startsWith("--"))
            {
                throw new IllegalArgumentException("expected --name value, got: " + arg);
            }
            final String name = arg.substring(2);
            final int equals = name.indexOf('=');
            if (equals > 0)
            {
                options.put(name.substring(0, equals), name.substring(equals + 1));
            }
            else if (i + 1 < args.length && !args[i + 1].startsWith("--"))
            {
                options.put(name, args[++i]);
            }
            else
            {
                options.put(name, "true");
            }
        }
        return options;
    }

    static String string(final Map<String, String> options, final String name, final String defaultValue)
    {
        return options.getOrDefault(name, defaultValue);
    }

    static int integer(final Map<String, String> options, final String name, final int defaultValue)
    {
        final String value = options.get(name);
        return null == value ? defaultValue : Integer.parseInt(value.replace("_", ""));
    }

    static double decimal(final Map<String, String> options, final String name, final double defaultValue)
    {
        final String value = options.get(name);
        return null == value ? defaultValue : Double.parseDouble(value.replace("_", ""));
    }

    static boolean bool(final Map<String, String> options, final String name, final boolean defaultValue)
    {
        final String value = options.get(name);
        return null == value ? defaultValue : Boolean.parseBoolean(value);
    }

    /**
     * The 1, 5 and 15 minute load averages, from {@code /proc/loadavg}.
     *
     * @return e.g. "load 2.10 2.35 3.01", or the JMX one-minute figure off Linux.
     */
    static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return "load " + parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "load " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /**
     * Print the JVM and machine once, so every result carries its context.
     *
     * @param out  to print to.
     * @param name of the rig.
     * @param args the arguments it was given.
     */
    static void printHeader(final PrintStream out, final String name, final String[] args)
    {
        out.println("# " + name + " " + String.join(" ", args));
        out.println("# java " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") +
            "), cpus=" + Runtime.getRuntime().availableProcessors() + ", " + loadAverage());
    }

    /**
     * TLS client context trusting exactly the simulator's exported certificate, from the engine's default TLS provider
     * (Conscrypt when its native library loads; {@code -Dkite.tls.provider=jdk} for the JDK's).
     *
     * @param simulator launched with TLS.
     * @return the SSL context.
     */
    static SSLContext clientSslContext(final KiteSimulator simulator)
    {
        try
        {
            return TlsProvider.defaultProvider().trustStoreContext(
                simulator.trustStorePath(), simulator.context().trustStorePassword().toCharArray());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot build the client SSL context", ex);
        }
    }

    /**
     * The open simulator connection that authenticated with an api key.
     *
     * @param simulator to look in.
     * @param apiKey    the connection used.
     * @param timeoutMs how long to wait.
     * @return the connection.
     */
    static SimulatedConnection awaitConnection(final KiteSimulator simulator, final String apiKey, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadlineNs < 0)
        {
            for (final SimulatedConnection connection : simulator.connections())
            {
                if (connection.isOpen() && apiKey.equals(connection.apiKey()))
                {
                    return connection;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new IllegalStateException("no open simulator connection for the bench key within " + timeoutMs + " ms");
    }

    /**
     * After an unsubscribe: wait until the simulator has stopped sending (its count unchanged for 200 ms) and the
     * client has caught up with it, or the timeout passes.
     *
     * @param received  ticks the client has delivered.
     * @param sent      packets the simulator has sent on the client's connection.
     * @param timeoutMs how long to wait at most.
     */
    static void awaitDrained(final LongSupplier received, final LongSupplier sent, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long lastSent = -1;
        long lastChangeNs = System.nanoTime();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final long nowSent = sent.getAsLong();
            final long nowNs = System.nanoTime();
            if (nowSent != lastSent)
            {
                lastSent = nowSent;
                lastChangeNs = nowNs;
            }
            else if (nowNs - lastChangeNs > TimeUnit.MILLISECONDS.toNanos(200) && received.getAsLong() == nowSent)
            {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Sleep until a deadline without drifting (control thread only).
     *
     * @param deadlineNs a {@link System#nanoTime()} deadline.
     */
    static void sleepUntil(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(remainingNs);
        }
    }

    /**
     * The subscribe request the official SDK sends ({@code KiteTicker.subscribe}): {@code {"a":"subscribe","v":[…]}}.
     *
     * @param tokens to subscribe.
     * @return the JSON text.
     */
    static String subscribeJson(final int[] tokens)
    {
        return "{\"a\":\"subscribe\",\"v\":" + tokenArray(tokens) + "}";
    }

    /**
     * The unsubscribe request the official SDK sends.
     *
     * @param tokens to unsubscribe.
     * @return the JSON text.
     */
    static String unsubscribeJson(final int[] tokens)
    {
        return "{\"a\":\"unsubscribe\",\"v\":" + tokenArray(tokens) + "}";
    }

    /**
     * The mode request the official SDK sends ({@code KiteTicker.setMode}): {@code {"a":"mode","v":["full",[…]]}}.
     *
     * @param mode   to set.
     * @param tokens to set it for.
     * @return the JSON text.
     */
    static String modeJson(final Mode mode, final int[] tokens)
    {
        return "{\"a\":\"mode\",\"v\":[\"" + mode.wireName() + "\"," + tokenArray(tokens) + "]}";
    }

    private static String tokenArray(final int[] tokens)
    {
        final StringBuilder builder = new StringBuilder(tokens.length * 9 + 2).append('[');
        for (int i = 0; i < tokens.length; i++)
        {
            if (i > 0)
            {
                builder.append(',');
            }
            builder.append(Integer.toUnsignedLong(tokens[i]));
        }
        return builder.append(']').toString();
    }

    /**
     * A latency histogram that never resizes, so {@code recordValue} never allocates.
     *
     * @return a new histogram, 3 significant digits, 1 ns to {@link #HIGHEST_TRACKABLE_NS}.
     */
    static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, 3);
    }

    /**
     * Record a value, clamped into the trackable range (allocation-free).
     *
     * @param histogram to record into.
     * @param valueNs   latency.
     */
    static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(valueNs < 1 ? 1 : Math.min(valueNs, HIGHEST_TRACKABLE_NS));
    }

    /**
     * One table row: count, then p50/p90/p99/p99.9/p99.99/max in microseconds.
     *
     * @param histogram to summarise.
     * @return the row cells.
     */
    static String percentilesUs(final Histogram histogram)
    {
        return String.format("%,10d | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f | %9.1f | %8.1f",
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1000.0,
            histogram.getValueAtPercentile(90) / 1000.0,
            histogram.getValueAtPercentile(99) / 1000.0,
            histogram.getValueAtPercentile(99.9) / 1000.0,
            histogram.getValueAtPercentile(99.99) / 1000.0,
            histogram.getMaxValue() / 1000.0,
            histogram.getMean() / 1000.0);
    }

    /**
     * Header matching {@link #percentilesUs(Histogram)}.
     *
     * @return the header line.
     */
    static String percentilesHeader()
    {
        return String.format("%-52s | %10s | %8s | %8s | %8s | %8s | %8s | %9s | %8s",
            "series (us)", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max", "mean");
    }

    /**
     * A snapshot of every live thread's CPU time, for {@link #printThreadCpu}.
     *
     * @return thread id to (name, cpu ns).
     */
    static Map<Long, ThreadSample> threadSample()
    {
        final Map<Long, ThreadSample> sample = new HashMap<>();
        final com.sun.management.ThreadMXBean sunThreads = THREADS instanceof com.sun.management.ThreadMXBean ?
            (com.sun.management.ThreadMXBean)THREADS : null;
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds()))
        {
            if (null == info)
            {
                continue;
            }
            final long id = info.getThreadId();
            final long cpuNs = THREADS.getThreadCpuTime(id);
            final long allocated = null == sunThreads ? -1 : sunThreads.getThreadAllocatedBytes(id);
            sample.put(id, new ThreadSample(info.getThreadName(), cpuNs, allocated));
        }
        return sample;
    }

    /**
     * Print the CPU share and allocation of each thread that used at least 1% of a core between two samples.
     *
     * @param out       to print to.
     * @param before    earlier sample.
     * @param after     later sample.
     * @param elapsedNs wall time between them.
     * @param ticks     ticks delivered in between, for bytes per tick.
     */
    static void printThreadCpu(
        final PrintStream out,
        final Map<Long, ThreadSample> before,
        final Map<Long, ThreadSample> after,
        final long elapsedNs,
        final long ticks)
    {
        final Map<String, String> rows = new TreeMap<>();
        double total = 0;
        for (final Map.Entry<Long, ThreadSample> entry : after.entrySet())
        {
            final ThreadSample end = entry.getValue();
            final ThreadSample start = before.get(entry.getKey());
            if (null == start || end.cpuNs < 0 || start.cpuNs < 0)
            {
                continue;
            }
            final double share = 100.0 * (end.cpuNs - start.cpuNs) / elapsedNs;
            total += share;
            if (share >= 1.0)
            {
                final long allocated = end.allocatedBytes - start.allocatedBytes;
                rows.put(end.name, String.format("    %-32s cpu %5.1f%%  alloc %,14d B (%.3f B/tick)",
                    end.name, share, allocated, ticks > 0 ? (double)allocated / ticks : 0.0));
            }
        }
        out.printf("  threads (>= 1%% of a core; total %.0f%% of one core, machine has %d):%n",
            total, Runtime.getRuntime().availableProcessors());
        for (final String row : rows.values())
        {
            out.println(row);
        }
    }

    /**
     * One thread's CPU time and allocated bytes.
     */
    static final class ThreadSample
    {
        final String name;
        final long cpuNs;
        final long allocatedBytes;

        ThreadSample(final String name, final long cpuNs, final long allocatedBytes)
        {
            this.name = name;
            this.cpuNs = cpuNs;
            this.allocatedBytes = allocatedBytes;
        }
    }

    /**
     * Launch a simulator with one credential per client, so each client's connection can be found by key.
     *
     * @param context base context.
     * @param apiKeys to accept (the access token is the key + "-token").
     * @return the running simulator.
     */
    static KiteSimulator launch(final SimulatorContext context, final String... apiKeys)
    {
        for (final String apiKey : apiKeys)
        {
            context.credential(apiKey, accessToken(apiKey));
        }
        return KiteSimulator.launch(context);
    }

    /**
     * @param apiKey bench key.
     * @return its access token.
     */
    static String accessToken(final String apiKey)
    {
        return apiKey + "-token";
    }
}
