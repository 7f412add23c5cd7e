package io.kiteticker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.kiteticker.testing.ChildJvm;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM (what {@code kill}, systemd and container runtimes send; Ctrl-C's SIGINT takes the same path) stops
 * {@code ./kite run} with its summary and exit code 0, and {@code ./kite simulate} with 0, as {@code --help} says,
 * rather than the JVM's 143. Each runs as {@code ./kite} does, in a child JVM through {@link KiteCommand#main}.
 */
@Timeout(90)
class StopSignalsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheSummaryAndExitZeroWhenARunIsStoppedBySigterm() throws Exception
    {
        final Process process = start("run", "--keys", "1", "--connections", "1", "--tokens", "10", "--no-journal",
            "--status-file", dir.resolve("run.status").toString());
        final List<String> lines = readLines(process);
        await(() -> lines.stream().anyMatch((line) -> line.startsWith("[")) || !process.isAlive(),
            Duration.ofSeconds(60), () -> "progress line: " + lines);
        assertThat(process.isAlive()).as(lines.toString()).isTrue();

        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close its output

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await(() -> lines.stream().anyMatch((line) -> line.startsWith("  journal ")), Duration.ofSeconds(10),
            () -> "exit " + process.exitValue() + ": " + lines);
        assertThat(process.exitValue()).as(lines.toString()).isEqualTo(ExitCodes.OK);
        assertThat(lines).anyMatch((line) -> line.startsWith("summary (interrupted after"));
        assertThat(dir.resolve("run.status")).doesNotExist();
    }

    @Test
    void shouldExitZeroWhenTheSimulatorIsStoppedBySigterm() throws Exception
    {
        final Process process = start("simulate");
        final List<String> lines = readLines(process);
        await(() -> lines.stream().anyMatch((line) -> line.startsWith("listening ")) || !process.isAlive(),
            Duration.ofSeconds(60), lines::toString);

        process.toHandle().destroy(); // SIGTERM; Process.destroy would also close its output

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(lines.toString()).isEqualTo(ExitCodes.OK);
    }

    private static Process start(final String... args) throws IOException
    {
        return new ProcessBuilder(ChildJvm.command(List.of(), true, KiteCommand.class, args))
            .redirectErrorStream(true).start();
    }

    private static List<String> readLines(final Process process)
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process ended
            }
        }, "kite-child-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
