package io.kiteticker.journal;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.replay.Replayer;
import io.kiteticker.testing.ChildJvm;
import io.kiteticker.testing.Tests;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JournalCrashSafetyTest
{
    private static String readQuietly(final Path file)
    {
        try
        {
            return java.nio.file.Files.readString(file);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
    }

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldReplayEveryReportedTickAndOpenCleanlyAfterTheWriterIsKilledMidStream() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final List<String> command = ChildJvm.command(List.of("-Dorg.slf4j.simpleLogger.log.net.openhft=warn"), true,
            CrashWriterMain.class, journal.toString());

        final Process process = new ProcessBuilder(command)
            .redirectError(dir.resolve("writer.err").toFile())
            .start();
        final AtomicLong reported = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII)))
            {
                String line;
                while (null != (line = lines.readLine()))
                {
                    if (line.startsWith("appended "))
                    {
                        reported.set(Long.parseLong(line.substring("appended ".length())));
                    }
                }
            }
            catch (final Exception ignore)
            {
                // the process was killed
            }
        }, "crash-writer-stdout");
        reader.setDaemon(true);
        reader.start();

        try
        {
            Tests.await(() -> reported.get() >= 200_000 || !process.isAlive(), Duration.ofSeconds(40),
                () -> "writer reported " + reported.get() + ", alive " + process.isAlive());
            assertThat(process.isAlive())
                .withFailMessage(() -> "writer not running when killed; its stderr: " +
                    readQuietly(dir.resolve("writer.err")))
                .isTrue();
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(5_000);
        final long appended = reported.get();
        assertThat(appended).isGreaterThanOrEqualTo(200_000);

        final TestTicks ticks = new TestTicks();
        final TickEvent expected = TickEvent.EVENT_FACTORY.newInstance();
        final long[] next = { 0 };
        final List<String> problems = new ArrayList<>();
        try (SingleChronicleQueue queue = Journals.openForRead(journal))
        {
            assertThat(Journals.readSession(queue).apiKeyIds()).containsExactly("crash");
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) ->
            {
                final long ordinal = next[0]++;
                if (problems.size() < 5 &&
                    !new RecordedTick(ticks.fill(expected, ordinal)).equals(new RecordedTick(event)))
                {
                    problems.add("tick " + ordinal + " differs: " + new RecordedTick(event));
                }
            });
            replayer.replay();
            replayer.onClose();
            assertThat(replayer.malformed()).isZero();
        }
        assertThat(problems).isEmpty();
        assertThat(next[0]).as("contiguous ticks replayed").isGreaterThanOrEqualTo(appended);

        // the queue opens cleanly for writing again and the new tick follows the old ones
        try (JournalWriter writer = JournalWriter.open(new JournalContext().directory(journal)))
        {
            writer.onTick(ticks.fill(expected, next[0]), next[0], true);
        }
        final long[] count = { 0 };
        try (SingleChronicleQueue queue = Journals.openForRead(journal))
        {
            final Replayer replayer = new Replayer(queue, (event, sequence, endOfBatch) -> count[0]++);
            replayer.replay();
            replayer.onClose();
        }
        assertThat(count[0]).isEqualTo(next[0] + 1);
    }
}
