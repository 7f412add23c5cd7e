package io.kiteticker.cli;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class RunCommandTest
{
    private static final String API_KEY = "cli-test-api-key";
    private static final String ACCESS_TOKEN = "cli-test-SECRET-token";

    @TempDir
    Path directory;

    private KiteSimulator simulator;

    @AfterEach
    void after()
    {
        if (null != simulator)
        {
            simulator.close();
        }
    }

    @Test
    void shouldShowProgressAndSummaryAndJournalWhenRunAgainstTheEmbeddedSimulator() throws IOException
    {
        final Path journal = directory.resolve("recording");
        final Path statusFile = directory.resolve("engine.status");

        final CliRun run = CliRun.execute("run", "--duration", "3", "--keys", "2", "--connections", "2",
            "--tokens", "200", "--journal", journal.toString(), "--status-file", statusFile.toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.err).as(run.toString()).isEmpty();
        assertThat(run.out).contains("embedded simulator ws://127.0.0.1:", "2 key(s) x 2 connection(s)",
            "200 tokens in mixed mode", "journal: " + journal);
        final long progressLines = run.out.lines().filter((line) -> line.matches("\\[ +\\d+s] .*")).count();
        assertThat(progressLines).as(run.toString()).isGreaterThanOrEqualTo(2);
        assertThat(run.out).contains("| conns 4/4 |", "summary (duration reached");
        assertThat(RunOutputs.number(run.out, "  ticks +([\\d,]+) ")).as(run.toString()).isPositive();
        assertThat(run.out).containsPattern("key-1 +[\\d,]+ ticks").containsPattern("key-2 +[\\d,]+ ticks");
        assertThat(run.out).containsPattern(
            "latency +send -> handler p50 [\\d.,]+ (us|ms), p90 .*, p99 .*, p99\\.9 .*, max .* \\([\\d,]+ samples\\)");
        assertThat(RunOutputs.number(run.out, "\\(([\\d,]+) samples\\)")).as("every tick matched with its send time")
            .isGreaterThanOrEqualTo(RunOutputs.number(run.out, "  ticks +([\\d,]+) ") * 9 / 10);
        assertThat(run.out).containsPattern("journal +" + Pattern.quote(journal.toString()) + ": [\\d,]+ ticks");
        try (Stream<Path> files = Files.list(journal))
        {
            assertThat(files.count()).isPositive();
        }
        assertThat(statusFile).doesNotExist();
    }

    @Test
    void shouldRunAgainstAUrlWithCredentialsFromAConfigFileAndNeverPrintThem() throws IOException
    {
        simulator = KiteSimulator.launch(new SimulatorContext().credential(API_KEY, ACCESS_TOKEN));
        final Path config = write("kite.properties",
            "KITE_API_KEY_1=" + API_KEY + "\nKITE_ACCESS_TOKEN_1=" + ACCESS_TOKEN + "\n");

        final CliRun run = CliRun.execute("run", "--url", simulator.uri().toString(), "--config", config.toString(),
            "--connections", "2", "--tokens", "50", "--mode", "full", "--duration", "2", "--no-journal",
            "--status-file", directory.resolve("url.status").toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("1 key(s) x 2 connection(s)", "50 tokens in full mode", "journal: off",
            "latency n/a", "summary (duration reached");
        assertThat(RunOutputs.number(run.out, "  ticks +([\\d,]+) ")).as(run.toString()).isPositive();
        assertThat(run.all()).doesNotContain(ACCESS_TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void shouldTakeSeveralKeysFromNumberedEnvironmentVariables()
    {
        simulator = KiteSimulator.launch(new SimulatorContext()
            .credential(API_KEY + "-1", ACCESS_TOKEN + "-1").credential(API_KEY + "-2", ACCESS_TOKEN + "-2"));
        final Map<String, String> environment = Map.of(
            "KITE_API_KEY_1", API_KEY + "-1", "KITE_ACCESS_TOKEN_1", ACCESS_TOKEN + "-1",
            "KITE_API_KEY_2", API_KEY + "-2", "KITE_ACCESS_TOKEN_2", ACCESS_TOKEN + "-2");

        final CliRun run = CliRun.run(environment, "--url", simulator.uri().toString(), "--connections", "1",
            "--tokens", "256265,408065,738561", "--duration", "1", "--no-journal",
            "--status-file", directory.resolve("env.status").toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("credentials of 2 key(s) in the environment", "2 key(s) x 1 connection(s)",
            "3 tokens in mixed mode");
        assertThat(run.out).containsPattern("key-1 +[\\d,]+ ticks").containsPattern("key-2 +[\\d,]+ ticks");
        assertThat(run.all()).doesNotContain(ACCESS_TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void shouldFailFastNamingTheKeyIdWhenTheServerRejectsTheToken() throws IOException
    {
        simulator = KiteSimulator.launch(new SimulatorContext().credential(API_KEY, ACCESS_TOKEN));
        final String wrongToken = "wrong-SECRET-token";
        final Path config = write("wrong.properties",
            "KITE_API_KEY=" + API_KEY + "\nKITE_ACCESS_TOKEN=" + wrongToken + "\n");

        final long startNs = System.nanoTime();
        final CliRun run = CliRun.execute("run", "--url", simulator.uri().toString(), "--config", config.toString(),
            "--journal", directory.resolve("never").toString(),
            "--status-file", directory.resolve("wrong.status").toString());
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(run.err).contains("rejected the credentials of API key id 'key-1'",
            "KITE_API_KEY/KITE_ACCESS_TOKEN in " + config);
        assertThat(run.all()).doesNotContain(wrongToken).doesNotContain(ACCESS_TOKEN).doesNotContain(API_KEY);
        assertThat(elapsedMs).isLessThan(10_000);
        assertThat(directory.resolve("never")).doesNotExist();
    }

    @Test
    void shouldSayWhichKeyWasRefusedAndStopWithExit3WhenATokenIsRevokedMidRun() throws Exception
    {
        simulator = KiteSimulator.launch(new SimulatorContext()
            .credential(API_KEY + "-1", ACCESS_TOKEN + "-1").credential(API_KEY + "-2", ACCESS_TOKEN + "-2"));
        final Map<String, String> environment = Map.of(
            "KITE_API_KEY_1", API_KEY + "-1", "KITE_ACCESS_TOKEN_1", ACCESS_TOKEN + "-1",
            "KITE_API_KEY_2", API_KEY + "-2", "KITE_ACCESS_TOKEN_2", ACCESS_TOKEN + "-2");
        final CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.run(environment,
            "--url", simulator.uri().toString(), "--connections", "2", "--tokens", "200", "--duration", "120",
            "--no-journal", "--credentials-grace", "0.2",
            "--status-file", directory.resolve("revoked.status").toString()));
        await(() -> simulator.openConnections().size() == 4 &&
            simulator.openConnections().stream().allMatch((c) -> !c.subscriptions().isEmpty()),
            () -> "streaming on 4 connections: " + simulator.openConnections());
        final long revokedNs = System.nanoTime();

        simulator.revokeCredential(API_KEY + "-2");
        simulator.openConnections().stream().filter((c) -> (API_KEY + "-2").equals(c.apiKey()))
            .forEach(SimulatedConnection::dropAbruptly);

        final CliRun run = running.get(30, TimeUnit.SECONDS);
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedNs);
        assertThat(run.exitCode).as(run.toString()).isEqualTo(3);
        assertThat(elapsedMs).as("stops at once, not at the end of --duration").isLessThan(10_000);
        assertThat(run.err.lines().filter((line) -> !line.isBlank())).as(run.toString()).singleElement()
            .satisfies((line) -> assertThat(line).contains("rejected the credentials of API key id 'key-2'",
                "KITE_API_KEY_2/KITE_ACCESS_TOKEN_2 in the environment", "during the run", "so the run stops"));
        assertThat(run.out).as(run.toString())
            .contains("summary (credentials of API key id 'key-2' rejected after")
            .containsPattern("key-1 +[\\d,]+ ticks");
        assertThat(run.all()).doesNotContain(ACCESS_TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void shouldRunOverTlsTrustingTheEmbeddedSimulatorsCertificate()
    {
        final CliRun run = CliRun.execute("run", "--tls", "--duration", "1", "--keys", "1", "--connections", "1",
            "--tokens", "20", "--no-journal", "--status-file", directory.resolve("tls.status").toString());

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("embedded simulator wss://127.0.0.1:", "summary (duration reached");
        assertThat(RunOutputs.number(run.out, "  ticks +([\\d,]+) ")).as(run.toString()).isPositive();
    }

    @Test
    void shouldFailWithTheReasonWhenNoServerAnswersInTime() throws IOException
    {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            closedPort = socket.getLocalPort();
        }
        final Path config = write("any.properties", "KITE_API_KEY=k\nKITE_ACCESS_TOKEN=t\n");

        final CliRun run = CliRun.execute("run", "--url", "ws://127.0.0.1:" + closedPort, "--config",
            config.toString(), "--connect-timeout", "1", "--no-journal",
            "--status-file", directory.resolve("closed.status").toString());

        assertThat(run.exitCode).as(run.toString()).isEqualTo(1);
        assertThat(run.err).contains("could not connect to ws://127.0.0.1:" + closedPort, "not live within 1000 ms",
            "Connection refused");
    }

    @Test
    void shouldExplainWhenTheUrlHasNoCredentials() throws IOException
    {
        final Path config = write("empty.properties", "# nothing\n");

        final CliRun run = CliRun.execute("run", "--url", "ws://127.0.0.1:1", "--config", config.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--url needs credentials", "KITE_API_KEY", "in " + config);
    }

    @Test
    void shouldNameTheMissingVariableWhenATokenHasNoKey() throws IOException
    {
        final Path config = write("half.properties", "KITE_ACCESS_TOKEN_2=" + ACCESS_TOKEN + "\n");

        final CliRun run = CliRun.execute("run", "--url", "wss://ws.kite.trade", "--config", config.toString());

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("KITE_ACCESS_TOKEN_2 is set but KITE_API_KEY_2 is not")
            .doesNotContain(ACCESS_TOKEN);
    }

    @Test
    void shouldRejectAnUnknownOption()
    {
        final CliRun run = CliRun.execute("run", "--no-such-option");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void shouldExplainBadTokens()
    {
        final CliRun notANumber = CliRun.execute("run", "--tokens", "256265,abc");
        final CliRun noSegment = CliRun.execute("run", "--tokens", "256265,256000");
        final CliRun zero = CliRun.execute("run", "--tokens", "0");
        final CliRun tooMany = CliRun.execute("run", "--tokens", "999999");

        assertThat(notANumber.exitCode).isEqualTo(2);
        assertThat(notANumber.err).contains("'abc' is not an instrument token");
        assertThat(noSegment.exitCode).isEqualTo(2);
        assertThat(noSegment.err).contains("256000 is not a Kite instrument token");
        assertThat(zero.exitCode).isEqualTo(2);
        assertThat(zero.err).contains("the count must be at least 1");
        assertThat(tooMany.exitCode).as(tooMany.toString()).isEqualTo(2);
        assertThat(tooMany.err).contains("fewer than 999999", "999999,");
    }

    @Test
    void shouldRejectOptionsThatDoNotApplyOrContradict()
    {
        assertThat(CliRun.execute("run", "--connections", "4").err).contains("--connections must be 1 to 3");
        assertThat(CliRun.execute("run", "--mode", "deep").err).contains("--mode must be ltp, quote, full or mixed");
        assertThat(CliRun.execute("run", "--journal", "x", "--no-journal").err).contains("contradict");
        assertThat(CliRun.execute("run", "--url", "http://example.com").err).contains("--url must be ws://");
        assertThat(CliRun.execute("run", "--url", "wss://ws.kite.trade?api_key=k&access_token=SECRET").err)
            .contains("must not carry credentials").doesNotContain("SECRET");
        assertThat(CliRun.execute("run", "--url", "wss://ws.kite.trade", "--tls").exitCode).isEqualTo(2);
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.writeString(directory.resolve(name), content);
    }

}
