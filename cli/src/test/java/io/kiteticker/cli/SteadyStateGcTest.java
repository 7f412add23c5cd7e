package io.kiteticker.cli;

import io.kiteticker.testing.ChildJvm;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kiteticker.cli.RunOutputs.readQuietly;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No garbage in steady state, for the whole engine process: a journaling {@code kite run} in a JVM of its own, fed
 * by {@code kite simulate} in another (so the engine's process is measured alone) at Kite's cadence (at most 2
 * ticks per token per second; 3 connections of 3,000 full tokens, 18,000 ticks/s), plain and over TLS.
 * <p>
 * Between its progress lines at {@value #STEADY_FROM_S} s and {@value #STEADY_TO_S} s:
 * <ul>
 *     <li>the threads on the tick path ({@code kite-shared-*} agents, {@code kite-tick-handler-*} with the journal
 *     writer, {@code kite-text-handler-*}) allocate less than {@value #MAX_BYTES_PER_TICK} B per tick — one object
 *     per tick would be 16 B (per-thread bytes from JFR's {@code jdk.ThreadAllocationStatistics}, once a second);</li>
 *     <li>plain, the JVM collects nothing (default heap; {@code jstat}'s YGC + FGC);</li>
 *     <li>over TLS the JSSE API returns a new {@code SSLEngineResult} (40 B) per {@code unwrap}, and at this cadence
 *     a message is a record: the bound is {@value #MAX_BYTES_PER_TLS_TICK} B per tick, every object JFR samples on
 *     the agent threads ({@code jdk.ObjectAllocationSample}) must be an {@code SSLEngineResult}, and the
 *     collections (one every 20–30 s at about 650 KB/s) are printed, not asserted.</li>
 * </ul>
 * Other threads allocate per second or per journal chunk, not per tick (the progress line; Chronicle mapping the
 * next chunk on the pre-touch thread, and a new index array every few thousand documents on the writer's): tens of
 * KB a second, printed.
 */
@Timeout(150)
class SteadyStateGcTest
{
    private static final int CONNECTIONS = 3;
    private static final int TOKENS = 9_000;
    private static final int TICKS_PER_SECOND_PER_CONNECTION = 2 * TOKENS / CONNECTIONS;
    private static final int STEADY_FROM_S = 6;
    private static final int STEADY_TO_S = 18;
    private static final double MAX_BYTES_PER_TICK = 0.5;
    private static final double MAX_BYTES_PER_TLS_TICK = 64;
    private static final String TLS_RESULT_CLASS = "javax.net.ssl.SSLEngineResult";
    private static final String AGENT_THREAD = "kite-shared-";
    private static final List<String> TICK_PATH_THREADS = List.of(AGENT_THREAD, "kite-tick-handler-",
        "kite-text-handler-");
    private static final Pattern LISTENING = Pattern.compile("listening (wss?://\\S+)");
    private static final Pattern TRUST_STORE = Pattern.compile("trust store: (\\S+) \\(PKCS12, password (\\S+)\\)");
    private static final String JFC = """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration version="2.0" label="thread allocation">
          <event name="jdk.ThreadAllocationStatistics">
            <setting name="enabled">true</setting>
            <setting name="period">1 s</setting>
          </event>
          <event name="jdk.ObjectAllocationSample">
            <setting name="enabled">true</setting>
            <setting name="throttle">300/s</setting>
            <setting name="stackTrace">false</setting>
          </event>
        </configuration>
        """;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = { false, true })
    void shouldCollectNothingAndAllocateNothingPerTickInSteadyStateWhenJournaling(final boolean tls) throws Exception
    {
        final List<String> simulate = new ArrayList<>(List.of("simulate", "--port", "0", "--credentials",
            "gc-key:gc-token", "--rate", String.valueOf(TICKS_PER_SECOND_PER_CONNECTION)));
        if (tls)
        {
            simulate.add("--tls");
        }
        final Process simulator = new ProcessBuilder(ChildJvm.command(List.of(), true, KiteCommand.class,
            simulate.toArray(new String[0]))).redirectErrorStream(true).start();
        Process run = null;
        try
        {
            final String announced = String.join("\n", firstLines(simulator, tls ? 2 : 1));
            final Matcher uri = LISTENING.matcher(announced);
            assertThat(uri.find()).as(announced).isTrue();
            final List<String> command = new ArrayList<>(List.of("run", "--url", uri.group(1), "--config",
                Files.writeString(directory.resolve("kite.properties"),
                    "KITE_API_KEY=gc-key\nKITE_ACCESS_TOKEN=gc-token\n").toString(),
                "--connections", String.valueOf(CONNECTIONS), "--tokens", String.valueOf(TOKENS), "--mode", "full",
                "--duration", String.valueOf(STEADY_TO_S + 3), "--journal", directory.resolve("recording").toString(),
                "--status-file", directory.resolve("gc.status").toString()));
            if (tls)
            {
                final Matcher trustStore = TRUST_STORE.matcher(announced);
                assertThat(trustStore.find()).as(announced).isTrue();
                command.addAll(List.of("--trust-store", trustStore.group(1), "--trust-store-password",
                    trustStore.group(2)));
            }
            final Path jfc = Files.writeString(directory.resolve("allocation.jfc"), JFC);
            final Path recording = directory.resolve("allocation.jfr");
            final Path output = directory.resolve("run.out");
            run = new ProcessBuilder(ChildJvm.command(
                List.of("-XX:StartFlightRecording=settings=" + jfc + ",filename=" + recording + ",dumponexit=true"),
                true, KiteCommand.class, command.toArray(new String[0])))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

            final Process engine = run;
            awaitProgress(engine, output, STEADY_FROM_S);
            final Instant fromTime = Instant.now();
            final long collectionsAtStart = collections(engine.pid());
            awaitProgress(engine, output, STEADY_TO_S);
            final long collectionsAtEnd = collections(engine.pid());
            final Instant toTime = Instant.now();

            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
            final String printed = Files.readString(output);
            assertThat(engine.exitValue()).as(printed).isZero();
            final long ticks = total(printed, STEADY_TO_S) - total(printed, STEADY_FROM_S);
            final Map<String, Long> allocated = allocatedBetween(recording, fromTime, toTime);
            final Set<String> sampledClasses = classesSampledOnTheAgents(recording, fromTime, toTime);
            final double allowedBytes = ticks * (tls ? MAX_BYTES_PER_TLS_TICK : MAX_BYTES_PER_TICK);
            final long tickPathBytes = allocated.entrySet().stream()
                .filter((entry) -> isOnTheTickPath(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
            System.out.printf("tls=%s: %,d ticks in the window, bytes allocated per thread %s, objects sampled on " +
                "the agents %s, GCs %d -> %d%n", tls, ticks, allocated, sampledClasses, collectionsAtStart,
                collectionsAtEnd);

            assertThat(ticks).as(printed).isGreaterThan((long)(STEADY_TO_S - STEADY_FROM_S) * TOKENS);
            assertThat(allocated.keySet()).as("tick-path threads seen").anyMatch((n) -> n.startsWith("kite-shared-"))
                .anyMatch((name) -> name.startsWith("kite-tick-handler-"));
            assertThat((double)tickPathBytes).as("bytes the tick path allocated for %,d ticks: %s", ticks, allocated)
                .isLessThan(allowedBytes);
            if (tls)
            {
                assertThat(sampledClasses).as("classes the agents allocated").isSubsetOf(Set.of(TLS_RESULT_CLASS));
            }
            else
            {
                assertThat(sampledClasses).as("classes the agents allocated").isEmpty();
                assertThat(collectionsAtEnd - collectionsAtStart).as("collections in steady state").isZero();
            }
        }
        finally
        {
            if (null != run)
            {
                run.destroyForcibly().waitFor();
            }
            simulator.destroyForcibly().waitFor();
        }
    }

    /**
     * Per thread, the bytes allocated between the last sample at or before {@code from} and the last at or before
     * {@code to}.
     */
    private static Map<String, Long> allocatedBetween(final Path recording, final Instant from, final Instant to)
        throws IOException
    {
        final Map<String, long[]> firstAndLast = new TreeMap<>();
        for (final RecordedEvent event : RecordingFile.readAllEvents(recording))
        {
            if (!"jdk.ThreadAllocationStatistics".equals(event.getEventType().getName()) ||
                event.getStartTime().isAfter(to) || null == event.getThread("thread"))
            {
                continue;
            }
            final String name = event.getThread("thread").getJavaName();
            final long bytes = event.getLong("allocated");
            final long[] values = firstAndLast.computeIfAbsent(name, (ignore) -> new long[]{ -1, -1 });
            if (!event.getStartTime().isAfter(from))
            {
                values[0] = bytes;
            }
            values[1] = bytes;
        }
        final Map<String, Long> allocated = new TreeMap<>();
        firstAndLast.forEach((name, values) ->
        {
            if (values[0] >= 0 && null != name && name.startsWith("kite-"))
            {
                allocated.put(name, values[1] - values[0]);
            }
        });
        return allocated;
    }

    private static Set<String> classesSampledOnTheAgents(final Path recording, final Instant from, final Instant to)
        throws IOException
    {
        final Set<String> classes = new TreeSet<>();
        for (final RecordedEvent event : RecordingFile.readAllEvents(recording))
        {
            if ("jdk.ObjectAllocationSample".equals(event.getEventType().getName()) &&
                !event.getStartTime().isBefore(from) && !event.getStartTime().isAfter(to) &&
                null != event.getThread() && null != event.getThread().getJavaName() &&
                event.getThread().getJavaName().startsWith(AGENT_THREAD))
            {
                classes.add(event.getClass("objectClass").getName());
            }
        }
        return classes;
    }

    private static boolean isOnTheTickPath(final String threadName)
    {
        return null != threadName && TICK_PATH_THREADS.stream().anyMatch(threadName::startsWith);
    }

    private static String[] firstLines(final Process process, final int count) throws Exception
    {
        final BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() ->
        {
            final List<String> read = new ArrayList<>();
            try
            {
                String line;
                while (read.size() < count && null != (line = reader.readLine()))
                {
                    read.add(line);
                }
            }
            catch (final IOException ex)
            {
                read.add(ex.toString());
            }
            return read.toArray(new String[0]);
        }).get(30, TimeUnit.SECONDS);
    }

    private static void awaitProgress(final Process run, final Path output, final int second)
    {
        final String line = String.format("[%4ds]", second);
        await(() -> !run.isAlive() || readQuietly(output).contains(line), Duration.ofSeconds(second + 30),
            () -> "progress line " + line + ": " + readQuietly(output));
        assertThat(run.isAlive()).as(() -> readQuietly(output)).isTrue();
    }

    /**
     * Young plus full collections so far, from {@code jstat -gcutil} (columns YGC and FGC).
     */
    private static long collections(final long pid) throws IOException, InterruptedException
    {
        final Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        final Process process = new ProcessBuilder(jstat.toString(), "-gcutil", Long.toString(pid))
            .redirectErrorStream(true).start();
        final String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        final String[] lines = text.trim().split("\n");
        assertThat(lines).as(text).hasSize(2);
        final List<String> names = List.of(lines[0].trim().split("\\s+"));
        final String[] values = lines[1].trim().split("\\s+");
        return Long.parseLong(values[names.indexOf("YGC")]) + Long.parseLong(values[names.indexOf("FGC")]);
    }

    private static long total(final String printed, final int second)
    {
        return RunOutputs.number(printed, String.format("\\[%4ds] [\\d,]+ ticks/s \\| total ([\\d,]+)", second));
    }

}
