package io.kiteticker.bench.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency rig's premise: our engine and the official SDK, each on its own connection to one simulator in LATENCY
 * mode, receive every packet that connection sent, in order (so the n-th tick a handler sees is packet n and its send
 * time is {@code sendNanos(n)}), in the subscribed mode once past the first moments (ticks may come in quote mode
 * between the subscribe and the mode request); the engine runs its handler inline (polled on the agent thread, select
 * idle), as the latency rig's main phases do; the SDK's subscribe and mode JSON is understood.
 */
@Timeout(60)
class RigClientsTest
{
    private static final String ENGINE_KEY = "bench-test-engine";
    private static final String SDK_KEY = "bench-test-sdk";

    @Test
    void shouldDeliverEveryPacketInModeToEngineAndSdkWhenLatencyMode() throws Exception
    {
        final SimulatorContext context = new SimulatorContext()
            .sendMode(SendMode.LATENCY)
            .ticksPerSecond(20_000)
            .ticksPerSecondPerToken(20_000);
        try (KiteSimulator simulator = RigSupport.launch(context, ENGINE_KEY, SDK_KEY))
        {
            final int[] tokens = simulator.universe().tokens(200);
            final LatencyRig.EngineLatencyHandler handler = new LatencyRig.EngineLatencyHandler(Mode.FULL);
            final LatencyRig.SdkLatencyListener listener = new LatencyRig.SdkLatencyListener(Mode.FULL);

            try (EngineClient engine = new EngineClient(
                simulator, ENGINE_KEY, 4096, EngineClient.waitStrategy("inline"), "select", 0, false);
                SdkClient sdk = new SdkClient(simulator, SDK_KEY, listener))
            {
                engine.awaitLive(10_000);
                final SimulatedConnection engineConnection = RigSupport.awaitConnection(simulator, ENGINE_KEY, 10_000);
                final SimulatedConnection sdkConnection = RigSupport.awaitConnection(simulator, SDK_KEY, 10_000);
                handler.connection = engineConnection;
                handler.droppedForMode = () -> engine.counter(KiteCounterDescriptor.MODE_MISMATCH_DROPPED);
                listener.connection = sdkConnection;
                engine.startConsumer(handler, "test-handler");
                engine.subscribe(tokens, Mode.FULL);
                sdk.subscribe(tokens, Mode.FULL);

                RigSupport.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
                handler.recording = true;
                listener.recording = true;
                RigSupport.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000));
                handler.recording = false;
                listener.recording = false;
                engine.unsubscribe(tokens);
                sdk.unsubscribe(tokens);
                final LongSupplier dropped = handler.droppedForMode;
                RigSupport.awaitDrained(() -> engine.published() + dropped.getAsLong(), engineConnection::packetsSent,
                    20_000);
                RigSupport.awaitDrained(() -> listener.received, sdkConnection::packetsSent, 20_000);

                assertThat(engineConnection.packetsSent()).isGreaterThan(tokens.length);
                assertThat(sdkConnection.packetsSent()).isGreaterThan(tokens.length);
                // the quote packets sent before the FULL mode applied are dropped and counted by the engine
                assertThat(engine.published() + dropped.getAsLong()).isEqualTo(engineConnection.packetsSent());
                await(() -> engine.consumed() == engine.published(), "the inline handler consumed every tick");
                assertThat(listener.received).isEqualTo(sdkConnection.packetsSent());
                assertThat(engine.counter(KiteCounterDescriptor.RECONNECTS)).isZero();
                assertThat(engine.errors()).isEmpty();
                engine.haltConsumer();
            }

            assertThat(handler.wrongMode).isZero();
            assertThat(listener.wrongMode).isZero();
            assertThat(handler.missing).isZero();
            assertThat(listener.missing).isZero();
            assertThat(handler.sendToHandler.getTotalCount()).isPositive();
            assertThat(listener.sendToHandler.getTotalCount()).isPositive();
        }
    }
}
