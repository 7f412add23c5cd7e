package io.kiteticker.simulator.fault;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class FaultConsoleTest
{
    private final KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext());
    private final FaultInjector injector = new FaultInjector(simulator, 1);
    private final StringWriter answers = new StringWriter();
    private final FaultConsole console = new FaultConsole(injector, new PrintWriter(answers, true));
    private final List<WebSocket> clients = new ArrayList<>();

    @AfterEach
    void after()
    {
        clients.forEach(WebSocket::abort);
        injector.close();
        simulator.close();
    }

    @Test
    void shouldApplyEachFaultToAnEligibleConnectionWhenCommandsAreGiven() throws Exception
    {
        connect(3);

        assertThat(console.execute("status")).startsWith("ok connections open 3, stalled 0");
        assertThat(console.execute("stall")).startsWith("ok stall on connection");
        assertThat(console.execute("status")).contains("stalled 1");
        assertThat(console.execute("slow 300ms")).startsWith("ok slow-reader").endsWith("for 300 ms");
        await(() -> simulator.openConnections().stream().noneMatch(SimulatedConnection::isReadingPaused),
            Duration.ofSeconds(5), () -> "reading resumed after the slow-reader window");
        assertThat(console.execute("refuse 502 1s")).startsWith("ok refuse-5xx").endsWith("HTTP 502 for 1000 ms");
        assertThat(console.execute("close 4000")).startsWith("ok close-code").contains("code 4000");

        assertThat(console.execute("garbage")).as("only the stalled connection is left")
            .startsWith("none: no open connection can take garbage");
        assertThat(console.execute("frobnicate")).startsWith("error: unknown fault 'frobnicate'");
        assertThat(console.execute("slow -1s")).startsWith("error: a duration must be positive");
        await(() -> 1 == simulator.openConnections().size(), Duration.ofSeconds(5), () -> "one connection left");
    }

    @Test
    void shouldAnswerEveryLineUntilTheEndOfInputWhenRun() throws Exception
    {
        connect(1);

        console.run(new BufferedReader(new StringReader("help\n\nstatus\ndrop\n")));

        final String[] lines = answers.toString().split("\\R");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("ok commands:");
        assertThat(lines[1]).startsWith("ok connections open 1");
        assertThat(lines[2]).startsWith("ok reset on connection 1");
    }

    @Test
    void shouldReadDurationsWithUnitsWhenParsed()
    {
        assertThat(FaultConsole.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(FaultConsole.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(FaultConsole.parseDuration("2")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> FaultConsole.parseDuration("0s")).isInstanceOf(IllegalArgumentException.class);
    }

    private void connect(final int count) throws Exception
    {
        final HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++)
        {
            clients.add(http.newWebSocketBuilder()
                .buildAsync(simulator.authenticatedUri(), new WebSocket.Listener()
                {
                })
                .get(10, TimeUnit.SECONDS));
        }
        simulator.awaitOpenConnections(count, Duration.ofSeconds(10));
    }
}
