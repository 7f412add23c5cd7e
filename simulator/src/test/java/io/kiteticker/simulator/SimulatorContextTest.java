package io.kiteticker.simulator;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatorContextTest
{
    @Test
    void shouldParkInThePacedModesAndBackOffInTheFloodModesWhenNoIdleStrategyIsSet()
    {
        assertThat(new SimulatorContext().sendMode(SendMode.PACED).idleStrategySupplier().get())
            .isInstanceOf(SleepingIdleStrategy.class);
        assertThat(new SimulatorContext().sendMode(SendMode.LATENCY).idleStrategySupplier().get())
            .isInstanceOf(SleepingIdleStrategy.class);
        assertThat(new SimulatorContext().sendMode(SendMode.FLOOD).idleStrategySupplier().get())
            .isInstanceOf(BackoffIdleStrategy.class);
        assertThat(new SimulatorContext().sendMode(SendMode.FLOOD_CACHED).idleStrategySupplier().get())
            .isInstanceOf(BackoffIdleStrategy.class);
    }

    @Test
    void shouldUseTheIdleStrategySetWhateverTheSendMode()
    {
        final SimulatorContext context = new SimulatorContext().sendMode(SendMode.LATENCY)
            .idleStrategySupplier(NoOpIdleStrategy::new);

        assertThat(context.idleStrategySupplier().get()).isInstanceOf(NoOpIdleStrategy.class);
    }
}
