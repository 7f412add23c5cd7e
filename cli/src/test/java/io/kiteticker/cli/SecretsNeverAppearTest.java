package io.kiteticker.cli;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.ConnectionEvent;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kiteticker.cli.RunOutputs.readQuietly;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A recognisable access token and api secret never appear in anything the launcher or an embedding application can
 * show: stdout, stderr, files written (journal data and metadata, logs), the status file, {@code kite stats}, thread
 * names and stacks, {@code toString()} of the engine's views, exception messages, connection events. Each scan is
 * checked against a place where the secret is known to be (the config file, the credentials given), so a scan that
 * looked at nothing cannot pass.
 */
@Timeout(90)
class SecretsNeverAppearTest
{
    private static final String API_KEY = "leak-test-api-key";
    private static final String ACCESS_TOKEN = "tok3nRECOGNISABLE7f3a9c";
    private static final String API_SECRET = "s3cretRECOGNISABLE0b1d2e";

    @TempDir
    Path directory;

    @Test
    void shouldShowNeitherTokenNorSecretAnywhereWhenTheLauncherJournalsARun() throws Exception
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().credential(API_KEY, ACCESS_TOKEN)))
        {
            final Path config = Files.writeString(directory.resolve("kite.properties"), "KITE_API_KEY_1=" + API_KEY +
                "\nKITE_ACCESS_TOKEN_1=" + ACCESS_TOKEN + "\nKITE_API_SECRET=" + API_SECRET + "\n");
            final Path work = Files.createDirectory(directory.resolve("work"));
            final Path statusFile = work.resolve("engine.status");
            final Path stdout = directory.resolve("run.out");
            final Path stderr = directory.resolve("run.err");
            final List<String> command = ChildJvm.command(List.of("-Duser.home=" + work), true, KiteCommand.class,
                "run", "--url", simulator.uri().toString(), "--config", config.toString(), "--connections", "2",
                "--tokens", "100", "--duration", "4", "--journal", work.resolve("recording").toString(),
                "--status-file", statusFile.toString());
            final Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            final List<String> shown = new ArrayList<>();
            try
            {
                await(() -> !process.isAlive() || RunOutputs.statusValue(statusFile,
                    (reader) -> reader.counterValue(0, 0, KiteCounterDescriptor.PACKETS)) > 0,
                    () -> "ticks in " + statusFile + "; " + readQuietly(stdout) + readQuietly(stderr));
                assertThat(process.isAlive()).as(() -> readQuietly(stdout) + readQuietly(stderr)).isTrue();

                final CliRun stats = CliRun.execute("stats", "--once", "--file", statusFile.toString());
                assertThat(stats.out).as(stats.toString()).contains("key-1");
                shown.add(stats.all());
                shown.add(Files.readString(statusFile, StandardCharsets.ISO_8859_1));
                shown.add(threadDump(process.pid()));
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            finally
            {
                process.destroyForcibly();
            }
            assertThat(process.exitValue()).as(() -> readQuietly(stdout) + readQuietly(stderr)).isZero();
            shown.add(readQuietly(stdout));
            shown.add(readQuietly(stderr));
            assertThat(shown.get(shown.size() - 2)).contains("summary (duration reached", "journal ");
            assertThat(shown.get(2)).as("the thread dump").contains("\"kite-");

            assertThat(shown).noneMatch(SecretsNeverAppearTest::hasSecret);
            final List<Path> files = filesIn(directory);
            assertThat(files.stream().filter((file) -> file.toString().endsWith(".cq4"))).isNotEmpty();
            assertThat(files).as("files holding a secret").filteredOn(SecretsNeverAppearTest::fileHasSecret)
                .containsExactly(config);
        }
    }

    @Test
    void shouldShowNeitherTokenNorSecretInViewsEventsThreadsOrExceptionsOfAnEmbeddedEngine()
    {
        final String otherToken = ACCESS_TOKEN + "-other";
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()
            .credential(API_KEY, ACCESS_TOKEN).credential(API_KEY + "-2", otherToken)))
        {
            final List<String> shown = new CopyOnWriteArrayList<>();
            final AtomicLong ticks = new AtomicLong();
            final KiteManagerBuilder builder = KiteManager.builder()
                .addApiKey("primary", API_KEY, ACCESS_TOKEN)
                .addApiKey("second", API_KEY + "-2", otherToken)
                .uri(simulator.uri())
                .maxConnectionsPerApi(1)
                .credentialsRejectedGrace(Duration.ofMillis(200))
                .onConnectionEvent((event) -> shown.add(describe(event)))
                .onTick((tick, sequence, endOfBatch) -> ticks.incrementAndGet());
            shown.add(builder.toString());
            try (KiteManager manager = builder.build())
            {
                manager.start();
                manager.subscribe(new int[]{ 256265, 408065 }, Mode.FULL);
                await(() -> ticks.get() > 10, () -> "ticks " + ticks.get());

                simulator.revokeCredential(API_KEY + "-2");
                simulator.openConnections().stream().filter((c) -> (API_KEY + "-2").equals(c.apiKey()))
                    .forEach(SimulatedConnection::dropAbruptly);
                await(() -> !manager.health().rejectedApiKeyIds().isEmpty(), () -> "health " + manager.health());

                shown.add(manager.toString());
                shown.add(manager.health().toString());
                shown.add(manager.stats().toString());
                shown.add(manager.apiStats("primary").toString());
                shown.add(manager.apiStats("second").toString());
                shown.add(manager.connectionStats("primary", 0).toString());
                shown.add(manager.connectionDiagnostics().toString());
                shown.add(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .collect(Collectors.joining(",")));
                assertThat(shown.get(shown.size() - 1)).contains("kite-");
            }
        }

        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().credential(API_KEY, "right")))
        {
            final KiteManager wrong = KiteManager.builder().addApiKey("primary", API_KEY, ACCESS_TOKEN)
                .uri(simulator.uri()).build();
            assertThatThrownBy(wrong::start).satisfies((ex) -> shown(ex, new ArrayList<>()).forEach((text) ->
                assertThat(text).as("the rejection").contains("primary").doesNotContain(ACCESS_TOKEN)));
            wrong.close();
        }
    }

    private static List<String> shown(final Throwable ex, final List<String> into)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            into.add(cause.toString());
        }
        return into;
    }

    private static String describe(final ConnectionEvent event)
    {
        assertThat(event.toString()).doesNotContain(ACCESS_TOKEN);
        return event.toString();
    }

    private static boolean hasSecret(final String text)
    {
        return text.contains(ACCESS_TOKEN) || text.contains(API_SECRET);
    }

    private static boolean fileHasSecret(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            return hasSecret(new String(bytes, StandardCharsets.ISO_8859_1)) ||
                hasSecret(new String(bytes, StandardCharsets.UTF_16LE)) ||
                hasSecret(new String(bytes, StandardCharsets.UTF_16BE));
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot read " + file, ex);
        }
    }

    private static List<Path> filesIn(final Path root) throws IOException
    {
        try (Stream<Path> walk = Files.walk(root))
        {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String threadDump(final long pid) throws IOException, InterruptedException
    {
        final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        final Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
            .redirectErrorStream(true).start();
        final String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor();
        return text;
    }

}
