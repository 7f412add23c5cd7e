package io.kiteticker.cli;

import io.kiteticker.engine.status.EngineStatusReader;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class StatsCommandTest
{
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

    private static long packets(final Path statusFile)
    {
        if (!Files.isRegularFile(statusFile))
        {
            return 0;
        }
        try (EngineStatusReader reader = EngineStatusReader.map(statusFile.toFile()))
        {
            return Math.max(0, reader.counterValue(0, 0, KiteCounterDescriptor.PACKETS)) +
                Math.max(0, reader.counterValue(0, 1, KiteCounterDescriptor.PACKETS));
        }
        catch (final RuntimeException ex)
        {
            return 0;
        }
    }
}
