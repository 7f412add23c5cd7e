package io.kiteticker.engine.threading;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitStrategiesTest
{
    @Test
    void shouldMapEachAliasCaseInsensitivelyToItsStrategy()
    {
        assertThat(WaitStrategies.newWaitStrategy("phased")).isInstanceOf(PhasedBackoffWaitStrategy.class);
        assertThat(WaitStrategies.newWaitStrategy("SLEEPING")).isInstanceOf(SleepingWaitStrategy.class);
        assertThat(WaitStrategies.newWaitStrategy("yielding")).isInstanceOf(YieldingWaitStrategy.class);
        assertThat(WaitStrategies.newWaitStrategy("busy-spin")).isInstanceOf(BusySpinWaitStrategy.class);
        assertThat(WaitStrategies.newWaitStrategy("spin")).isInstanceOf(BusySpinWaitStrategy.class);
        assertThat(WaitStrategies.newWaitStrategy("blocking")).isInstanceOf(LiteBlockingWaitStrategy.class);
    }

    @Test
    void shouldGiveANewPhasedStrategyForEachCallWhenNoAliasIsGiven()
    {
        assertThat(WaitStrategies.newWaitStrategy(null)).isInstanceOf(PhasedBackoffWaitStrategy.class)
            .isNotSameAs(WaitStrategies.newWaitStrategy(""));
        assertThat(WaitStrategies.isKnown(null)).isTrue();
        assertThat(WaitStrategies.isKnown("Blocking")).isTrue();
    }

    @Test
    void shouldRejectAnUnknownAliasByName()
    {
        assertThat(WaitStrategies.isKnown("nap")).isFalse();
        assertThatThrownBy(() -> WaitStrategies.newWaitStrategy("nap"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nap");
    }
}
