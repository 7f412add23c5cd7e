package io.kiteticker.cli;

import io.kiteticker.journal.JournalWriter;
import io.kiteticker.testing.ChildJvm;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static io.kiteticker.cli.RunOutputs.readQuietly;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journaling {@code kite run} in a process of its own, killed with SIGKILL mid-stream several times into one
 * recording: every tick its status file counted as appended before each kill is replayed, {@code replay} and
 * {@code dump} read the recording to the end and exit 0, and the next run appends after the recovered end.
 */
@Timeout(120)
class RunCrashSafetyTest
{
    private static final int KILLS = 3;
    private static final long TICKS_BEFORE_KILL = 20_000;

    @TempDir
    Path directory;

    @Test
    void shouldKeepEveryAppendedTickAndAppendAfterItWhenARunIsKilledSeveralTimes() throws Exception
    {
        final Path journal = directory.resolve("recording");
        long reportedBeforeKills = 0;
        for (int round = 0; round < KILLS; round++)
        {
            reportedBeforeKills += runAndKill(journal, directory.resolve("run-" + round + ".status"), round);
        }

        final CliRun last = CliRun.execute("run", "--keys", "1", "--connections", "2", "--tokens", "200",
            "--duration", "2", "--journal", journal.toString(), "--status-file",
            directory.resolve("last.status").toString());
        assertThat(last.exitCode).as(last.toString()).isZero();
        final long lastRunTicks =
            RunOutputs.number(last.out, "journal +" + Pattern.quote(journal.toString()) + ": ([\\d,]+) ticks");
        assertThat(lastRunTicks).as(last.toString()).isPositive();

        final CliRun replay = CliRun.execute("replay", journal.toString());
        assertThat(replay.exitCode).as(replay.toString()).isZero();
        final long replayed = RunOutputs.number(replay.out, "ticks: ([\\d,]+),");
        assertThat(replayed).as("ticks replayed after %d kills (%d counted before them, %d by the last run)",
            KILLS, reportedBeforeKills, lastRunTicks).isGreaterThanOrEqualTo(reportedBeforeKills + lastRunTicks);

        final CliRun dump = CliRun.execute("dump", "--limit", "1", journal.toString());
        assertThat(dump.exitCode).as(dump.toString()).isZero();
        assertThat(dump.err).as(dump.toString()).isEmpty();
    }

    private static long journalTicks(final Path statusFile)
    {
        return RunOutputs.statusValue(statusFile, (reader) ->
        {
            final CountersReader counters = reader.countersReader();
            final long[] value = { 0 };
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (JournalWriter.TICKS_APPENDED_COUNTER_TYPE_ID == typeId)
                {
                    value[0] = counters.getCounterValue(counterId);
                }
            });
            return value[0];
        });
    }

    /**
     * Start a journaling run, wait until its status file counts enough appended ticks, read the count, SIGKILL it.
     *
     * @return the ticks counted as appended just before the kill.
     */
    private long runAndKill(final Path journal, final Path statusFile, final int round)
        throws IOException, InterruptedException
    {
        final Path output = directory.resolve("run-" + round + ".out");
        final List<String> command = ChildJvm.command(List.of(), true, KiteCommand.class, "run", "--keys", "1",
            "--connections", "2", "--tokens", "200", "--duration", "300", "--journal", journal.toString(),
            "--status-file", statusFile.toString());
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
            .start();
        try
        {
            await(() -> !process.isAlive() || journalTicks(statusFile) >= TICKS_BEFORE_KILL, Duration.ofSeconds(40),
                () -> "round " + round + ": " + journalTicks(statusFile) + " ticks journaled; output: " +
                    readQuietly(output));
            assertThat(process.isAlive()).as(() -> "round " + round + " ended early: " + readQuietly(output)).isTrue();
            final long appended = journalTicks(statusFile);
            process.destroyForcibly();
            assertThat(process.waitFor()).as("killed").isEqualTo(137);
            return appended;
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor();
        }
    }

}
