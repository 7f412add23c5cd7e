package io.kiteticker.cli;

import io.kiteticker.cli.stats.StatusFiles;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.ConnectionTimeoutException;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatorContext;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class StatsCommandTest
{
    private static final String KEY = "stats-key";
    private static final String TOKEN = "stats-token-SECRET";

    @TempDir
    Path directory;

    @Test
    void shouldShowTheCountersOfARunningRunAndLetItStopOnASignal()
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final Path statusFile = directory.resolve("running.status");
        final CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.execute("run",
            "--keys", "1", "--connections", "2", "--tokens", "100", "--no-journal",
            "--status-file", statusFile.toString()));

        await(() -> running.isDone() || packets(statusFile) > 0, Duration.ofSeconds(30),
            () -> "ticks counted in " + statusFile + (running.isDone() ? ": " + running.join() : ""));
        assertThat(running).isNotDone();

        final CliRun stats = CliRun.execute("stats", "--once", "--file", statusFile.toString());

        assertThat(stats.exitCode).as(stats.toString()).isZero();
        assertThat(stats.out).contains("kite engine pid " + ProcessHandle.current().pid(), statusFile.toString(),
            "ticks", "reconnects", "distinct errors: none");
        assertThat(stats.out).containsPattern("key-1 +0 +LIVE +[\\d,]+").containsPattern("key-1 +1 +LIVE");
        assertThat(stats.out).containsPattern("total +2/2 live");

        try (ShutdownSignalBarrier ctrlC = new ShutdownSignalBarrier())
        {
            ctrlC.signalAll();
        }
        final CliRun run = running.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("summary (interrupted after");
        assertThat(statusFile).doesNotExist();
    }

    @Test
    void shouldFailClearlyWhenTheFileIsMissingOrNotAStatusFile() throws IOException
    {
        final Path missing = directory.resolve("missing.status");
        final Path notStatus = Files.writeString(directory.resolve("text.status"), "hello, not counters".repeat(20));

        final CliRun noFile = CliRun.execute("stats", "--once", "--file", missing.toString());
        final CliRun wrongFile = CliRun.execute("stats", "--once", "--file", notStatus.toString());

        assertThat(noFile.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noFile.err).contains("no such file: " + missing);
        assertThat(wrongFile.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrongFile.err).contains("is not a Kite engine status file");
    }

    @Test
    void shouldRejectAnUnknownOption()
    {
        final CliRun stats = CliRun.execute("stats", "--bogus");

        assertThat(stats.exitCode).isEqualTo(2);
        assertThat(stats.err).contains("Unknown option: '--bogus'");
    }

    @Test
    void shouldShowTheLastStateNotALiveOneAndBeRemovedWhenTheEngineProcessIsGone() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final Path dead = directory.resolve(gone.pid() + StatusFiles.SUFFIX);
        final Path live = directory.resolve("live" + StatusFiles.SUFFIX);
        writeStatusFile(live);
        writeStatusFile(dead);
        final long lastWriteMs = System.currentTimeMillis() - 60_000;
        final long startMs = lastWriteMs - (3_723_000);
        try (FileChannel channel = FileChannel.open(dead, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
            header.putLong(0, gone.pid()).putLong(8, startMs);
            channel.write(header, EngineStatus.PID_OFFSET);
        }
        Files.setLastModifiedTime(dead, FileTime.fromMillis(lastWriteMs));

        final CliRun stats = CliRun.execute("stats", "--once", "--file", dead.toString());

        assertThat(stats.exitCode).as(stats.toString()).isZero();
        assertThat(stats.out).contains("kite engine pid " + gone.pid() + " (not running: its process is gone)",
            "ran about 1h 02m 03s", "its last state, as the engine left it (not current)");
        assertThat(stats.out).doesNotContain(", up ").containsPattern("k +0 +was LIVE")
            .containsPattern("total +was 2/2 live");

        assertThat(StatusFiles.removeDead(directory)).containsExactly(dead);
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void shouldShowEachRefusedConnectionsLastFailureWhenTwoKeysShareOneCredential()
    {
        final Path statusFile = directory.resolve("refused" + StatusFiles.SUFFIX);
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().credential(KEY, TOKEN));
            KiteManager manager = KiteManager.builder()
                .addApiKey("alpha", KEY, TOKEN)
                .addApiKey("twin", KEY, TOKEN)
                .maxConnectionsPerApi(3)
                .uri(simulator.uri())
                .connectionTimeout(Duration.ofSeconds(1))
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .statusFile(statusFile)
                .build())
        {
            assertThatThrownBy(manager::start).isInstanceOf(ConnectionTimeoutException.class);

            final CliRun stats = CliRun.execute("stats", "--once", "--file", statusFile.toString());

            assertThat(stats.exitCode).as(stats.toString()).isZero();
            assertThat(stats.out).contains("last failures");
            assertThat(stats.out.split("\n")).filteredOn((line) -> line.contains("last failure:"))
                .as(stats.out).hasSize(3)
                .allSatisfy((line) -> assertThat(line).endsWith("last failure: WebSocket upgrade refused (HTTP 429)"));
            assertThat(stats.out).doesNotContain(TOKEN);
        }
    }

    private static void writeStatusFile(final Path file)
    {
        final EngineStatus status = EngineStatus.mapped(file.toFile(), false);
        for (int c = 0; c < 2; c++)
        {
            status.newConnectionCounters(0, c, "k").set(KiteCounterDescriptor.STATE, ConnectionState.LIVE.ordinal());
        }
        status.close();
    }

    private static long packets(final Path statusFile)
    {
        return RunOutputs.statusValue(statusFile, (reader) ->
            Math.max(0, reader.counterValue(0, 0, KiteCounterDescriptor.PACKETS)) +
            Math.max(0, reader.counterValue(0, 1, KiteCounterDescriptor.PACKETS)));
    }
}
