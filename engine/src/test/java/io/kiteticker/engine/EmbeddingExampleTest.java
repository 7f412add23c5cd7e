package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's embedding example, compiled and run against the simulator so that it cannot go stale.
 */
@Timeout(60)
class EmbeddingExampleTest
{
    @Test
    void shouldRunTheReadmeExampleEndToEnd()
    {
        try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext()))
        {
            final String apiKey = SimulatorContext.API_KEY_DEFAULT;
            final String accessToken = SimulatorContext.ACCESS_TOKEN_DEFAULT;
            final Map<Integer, Double> lastPrices = new ConcurrentHashMap<>();
            final AtomicLong ticks = new AtomicLong();

            // tag::example[]
            final KiteManager manager = KiteManager.builder()
                .addApiKey("primary", apiKey, accessToken)          // from the environment, never logged
                .uri(simulator.uri())                               // omit for wss://ws.kite.trade
                .maxConnectionsPerApi(3)
                .distributionStrategy(DistributionStrategy.ROUND_ROBIN)
                .onTick((tick, sequence, endOfBatch) ->             // a Disruptor handler thread, no allocation
                {
                    lastPrices.put(tick.instrumentToken(), tick.lastPriceAsDouble());
                    ticks.incrementAndGet();
                })
                .build();

            manager.start();                                        // every connection LIVE, or an exception
            manager.subscribe(new int[]{ 256265, 408065, 738561 }, Mode.FULL);
            // ... trade ...
            // end::example[]

            await(() -> lastPrices.size() == 3 && ticks.get() > 10, () -> "ticks: " + lastPrices);
            assertThat(lastPrices.values()).allMatch((price) -> price > 0);
            assertThat(manager.stats().totalSymbols()).isEqualTo(3);

            manager.stop();                                         // closes every socket, joins every thread
            assertThat(manager.isStarted()).isFalse();
        }
    }
}
