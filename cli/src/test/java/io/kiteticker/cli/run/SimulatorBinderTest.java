package io.kiteticker.cli.run;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class SimulatorBinderTest
{
    private static final String API_KEY = "binder-key";
    private static final String ACCESS_TOKEN = "binder-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KiteSimulator simulator;
    private KiteManager manager;
    private Histogram interval;
    private final Histogram total = LatencyRecorder.newHistogram();

    @AfterEach
    void after()
    {
        if (null != manager)
        {
            manager.close();
        }
        if (null != simulator)
        {
            simulator.close();
        }
    }

    @Test
    void shouldMatchEveryTickWithItsSendTimeAndBindAgainAfterAReconnect()
    {
        simulator = KiteSimulator.launch(new SimulatorContext()
            .credential(API_KEY, ACCESS_TOKEN)
            .sendMode(SendMode.LATENCY)
            .ticksPerSecond(2_000)
            .ticksPerSecondPerToken(200));
        final LatencyRecorder recorder = new LatencyRecorder(1, 2, SystemNanoClock.INSTANCE);
        manager = KiteManager.builder()
            .addApiKey("only", API_KEY, ACCESS_TOKEN)
            .maxConnectionsPerApi(2)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .onTick(recorder)
            .build();
        recorder.sessionStarts(manager.connectionDiagnostics()::ticksBeforeSession);
        manager.start();
        final SimulatorBinder binder = new SimulatorBinder(manager, simulator, recorder);

        assertThat(binder.poll()).isEqualTo(2);
        manager.subscribe(simulator.universe().tokens(40), Mode.QUOTE);
        await(() -> samples(recorder) >= 1_000, WAIT, () -> "samples: " + total.getTotalCount());
        assertThat(total.getTotalCount()).isGreaterThanOrEqualTo(manager.stats().ticks() * 9 / 10 - 100);

        final int oldPort = manager.connectionDiagnostics().localPort(0, 0);
        final long oldSession = manager.connectionDiagnostics().ticksBeforeSession(0, 0);
        final SimulatedConnection server = simulator.connections().stream()
            .filter((connection) -> connection.remotePort() == oldPort).findFirst().orElseThrow();
        server.dropAbruptly();
        await(() -> manager.connectionDiagnostics().ticksBeforeSession(0, 0) > oldSession && 2 == binder.poll(), WAIT,
            () -> "reconnected and bound again: " + manager.connectionStats("only", 0));

        assertThat(manager.connectionDiagnostics().localPort(0, 0)).isNotEqualTo(oldPort);
        assertThat(recorder.boundSession(0, 0)).isEqualTo(manager.connectionDiagnostics().ticksBeforeSession(0, 0));
        final long ticksBefore = ticks();
        final long samplesBefore = samples(recorder);
        await(() -> samples(recorder) - samplesBefore >= 1_000, WAIT, () -> "samples after the reconnect");
        final long ticksAfter = ticks();

        assertThat(samples(recorder) - samplesBefore).as("ticks of the new session are matched")
            .isGreaterThanOrEqualTo((ticksAfter - ticksBefore) * 9 / 10 - 100);
        assertThat(total.getMinValue()).isPositive();
    }

    private long ticks()
    {
        return manager.connectionStats("only", 0).ticks() + manager.connectionStats("only", 1).ticks();
    }

    private long samples(final LatencyRecorder recorder)
    {
        interval = recorder.intervalHistogram(interval);
        total.add(interval);
        return total.getTotalCount();
    }
}
