package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import static io.kiteticker.engine.ManagerFixture.KEY_A;
import static io.kiteticker.engine.ManagerFixture.TOKEN_A;
import static io.kiteticker.engine.ManagerFixture.WAIT;
import static io.kiteticker.engine.ManagerFixture.tokens;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy sees only packets of the mode each token is subscribed in, also in the moment after a reconnect when
 * the server still sends the {@code subscribe} default (quote) before it has read the {@code mode} frames. The
 * simulator answers each request before it reads the next ({@code answerEachRequest}), so the quote snapshots of
 * every (re)subscription always arrive before the mode's: without the engine's {@code ModeGate} the handler sees
 * them (this test failed so before it).
 */
@Timeout(120)
class KiteManagerModeTest
{
    private static final int RECONNECTS = 4;
    private static final int NIFTY_50 = 256265;
    private static final int NIFTY_BANK = 260105;

    private final ManagerFixture fixture = new ManagerFixture();

    @AfterEach
    void after() throws Exception
    {
        fixture.close();
    }

    @Test
    void shouldDeliverOnlyTheSubscribedModeWhenReconnectsResubscribeLtpAndFullTokens()
    {
        final KiteSimulator simulator = fixture.simulator(new SimulatorContext().answerEachRequest(true));
        final int[] ltp = IntStream.concat(IntStream.of(NIFTY_50), IntStream.of(tokens(3000, 150))).toArray();
        final int[] full = IntStream.concat(IntStream.of(NIFTY_BANK), IntStream.of(tokens(4000, 150))).toArray();
        final Int2IntHashMap expectedModes = new Int2IntHashMap(Mode.QUOTE.code());
        IntStream.of(ltp).forEach((token) -> expectedModes.put(token, Mode.LTP.code()));
        IntStream.of(full).forEach((token) -> expectedModes.put(token, Mode.FULL.code()));
        final Queue<String> wrongKinds = new ConcurrentLinkedQueue<>();
        final AtomicLong ticks = new AtomicLong();
        final AtomicLong indexTicks = new AtomicLong();
        final AtomicLongArray ticksOfConnection = new AtomicLongArray(2);
        final KiteManager manager = fixture.build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(2)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .onTick((tick, sequence, endOfBatch) ->
            {
                final int token = tick.instrumentToken();
                final int modeCode = PacketKind.mode(tick.kind()).code();
                if (modeCode != expectedModes.get(token) && wrongKinds.size() < 10)
                {
                    wrongKinds.add(token + ": " + PacketKind.name(tick.kind()));
                }
                if (NIFTY_50 == token || NIFTY_BANK == token)
                {
                    indexTicks.incrementAndGet();
                }
                ticks.incrementAndGet();
                ticksOfConnection.incrementAndGet(tick.connectionIndex());
            }));
        manager.start();
        manager.subscribe(ltp, Mode.LTP);
        manager.subscribe(full, Mode.FULL);
        await(() -> ticks.get() > 1000 && indexTicks.get() > 2, "ticking in both modes");

        for (int i = 0; i < RECONNECTS; i++)
        {
            final long reconnects = manager.stats().reconnects();
            simulator.openConnections().forEach(SimulatedConnection::dropAbruptly);
            await(() -> manager.stats().reconnects() >= reconnects + 2 && manager.health().isHealthy(),
                WAIT, () -> "reconnected: " + manager.health());
            final long ticksAfter = ticks.get();
            await(() -> ticks.get() > ticksAfter + 500, "ticking after the reconnect");
        }

        assertThat(wrongKinds).as("packets of a mode not subscribed").isEmpty();
        assertThat(manager.connectionStats("alpha", 0).modeMismatchDropped() +
            manager.connectionStats("alpha", 1).modeMismatchDropped())
            .as("the server did send quote packets before the mode frames took effect").isPositive();

        // what a latency tool relies on: a session's ticks plus its drops are the packets the server sent it
        manager.unsubscribe(ltp);
        manager.unsubscribe(full);
        final ConnectionDiagnostics diagnostics = manager.connectionDiagnostics();
        for (int c = 0; c < 2; c++)
        {
            final int connection = c;
            final SimulatedConnection server = simulator.awaitConnection(diagnostics.localPort(0, c), WAIT);
            await(() -> server.subscriptionCount() == 0 && ticksOfConnection.get(connection) -
                diagnostics.ticksBeforeSession(0, connection) + diagnostics.modeDropsInSession(0, connection) ==
                server.packetsSent(), () -> "connection " + connection + ": ticks " +
                ticksOfConnection.get(connection) + " before the session " +
                diagnostics.ticksBeforeSession(0, connection) + " + dropped " +
                diagnostics.modeDropsInSession(0, connection) + " vs sent " + server.packetsSent());
        }
    }
}
