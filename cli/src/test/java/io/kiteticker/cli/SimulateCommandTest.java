package io.kiteticker.cli;

import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./kite simulate} as a user runs it: a separate JVM that prints one line and serves until it is stopped.
 */
@Timeout(60)
class SimulateCommandTest
{
    @TempDir
    Path tempDir;

    private Path stdout;
    private Process process;

    @BeforeEach
    void setUp()
    {
        stdout = tempDir.resolve("stdout.txt");
    }

    @AfterEach
    void stop() throws InterruptedException
    {
        if (null != process)
        {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldPrintOneListeningLineAndServeTicksUntilStopped() throws Exception
    {
        final String line = launch("simulate", "--port", "0", "--credentials", "k1:t1,k2:t2", "--rate", "1000");

        assertThat(line).matches("listening ws://127\\.0\\.0\\.1:\\d+");
        final URI uri = URI.create(line.substring("listening ".length()));

        final AtomicInteger binaryMessages = new AtomicInteger();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create(uri + "/?api_key=k2&access_token=t2"), new WebSocket.Listener()
            {
                public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
                {
                    if (last && data.remaining() > 2)
                    {
                        binaryMessages.incrementAndGet();
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
        socket.sendText("{\"a\":\"subscribe\",\"v\":[408065,256265]}", true).join();

        await(() -> binaryMessages.get() >= 3, () -> "ticks from the simulate command: " + binaryMessages.get());
        socket.abort();

        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(Files.readAllLines(stdout)).as("exactly one line on standard output").containsExactly(line);
    }

    @Test
    void shouldRejectUnknownCredentialsWith403() throws Exception
    {
        final String line = launch("simulate");
        final URI uri = URI.create(line.substring("listening ".length()) + "/?api_key=" +
            SimulatorContext.API_KEY_DEFAULT + "&access_token=wrong");

        final CompletableFuture<WebSocket> connect = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(uri, new WebSocket.Listener()
            {
            });

        assertThatThrownBy(connect::join)
            .isInstanceOf(CompletionException.class)
            .cause()
            .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                (ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void shouldFailWithUsageWhenCredentialsAreMalformed()
    {
        final java.io.StringWriter err = new java.io.StringWriter();
        final picocli.CommandLine commandLine = new picocli.CommandLine(new KiteCommand());
        commandLine.setErr(new java.io.PrintWriter(err, true));

        final int exitCode = commandLine.execute("simulate", "--credentials", "no-colon");

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("--credentials expects KEY:TOKEN");
    }

    @Test
    void shouldApplyScheduledFaultsAndAnswerControlCommandsFromStdin() throws Exception
    {
        final Path stderr = tempDir.resolve("stderr.txt");
        final String line = launch(ProcessBuilder.Redirect.to(stderr.toFile()),
            "simulate", "--faults-per-minute", "600", "--faults", "reset", "--seed", "5");
        final URI uri = URI.create(line.substring("listening ".length()) + "/?api_key=" +
            SimulatorContext.API_KEY_DEFAULT + "&access_token=" + SimulatorContext.ACCESS_TOKEN_DEFAULT);
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(uri, new WebSocket.Listener()
            {
            }).get(10, TimeUnit.SECONDS);

        await(() -> read(stderr).contains("fault: reset on connection 1"), () -> "a scheduled reset: " + read(stderr));
        process.getOutputStream().write("status\nfrobnicate\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();

        await(() -> read(stdout).lines().count() >= 3, () -> "two answers: " + read(stdout));
        final List<String> lines = Files.readAllLines(stdout);
        assertThat(lines.get(1)).startsWith("ok connections open 0");
        assertThat(lines.get(2)).startsWith("error: unknown fault 'frobnicate'");
        assertThat(read(stderr)).contains("faults: 600.0 a minute of [RESET], seed 5");
        socket.abort();
    }

    @Test
    void shouldFailWithUsageWhenAFaultKindIsUnknown()
    {
        final CliRun run = CliRun.execute("simulate", "--faults", "reset,meteor", "--faults-per-minute", "1");

        assertThat(run.exitCode).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err).contains("--faults: unknown fault 'meteor'; one of reset, close");
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private String launch(final String... args) throws IOException
    {
        return launch(ProcessBuilder.Redirect.DISCARD, args);
    }

    private String launch(final ProcessBuilder.Redirect stderr, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KiteCommand.class.getName());
        command.addAll(List.of(args));
        process = new ProcessBuilder(command)
            .redirectError(stderr)
            .redirectOutput(stdout.toFile())
            .start();
        await(() -> firstLine() != null, () -> "the listening line, alive=" + process.isAlive());
        return firstLine();
    }

    private String firstLine()
    {
        try
        {
            final List<String> lines = Files.readAllLines(stdout);
            return lines.isEmpty() ? null : lines.get(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
