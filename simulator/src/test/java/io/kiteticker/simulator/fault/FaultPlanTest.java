package io.kiteticker.simulator.fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest
{
    private static final Duration FROM = Duration.ofSeconds(2);
    private static final Duration TO = Duration.ofSeconds(20);

    @Test
    void shouldPlaceEveryCountedFaultInTheWindowInTimeOrderWhenCounted()
    {
        final FaultPlan plan = FaultPlan.counted(42, Map.of(FaultKind.RESET, 7, FaultKind.STALL, 3), FROM, TO);

        assertThat(plan.size()).isEqualTo(10);
        assertThat(plan.counts()).containsEntry(FaultKind.RESET, 7).containsEntry(FaultKind.STALL, 3)
            .containsEntry(FaultKind.GARBAGE, 0);
        for (int i = 0; i < plan.size(); i++)
        {
            assertThat(plan.offsetNanos(i)).isBetween(FROM.toNanos(), TO.toNanos());
            if (i > 0)
            {
                assertThat(plan.offsetNanos(i)).isGreaterThanOrEqualTo(plan.offsetNanos(i - 1));
            }
        }
    }

    @Test
    void shouldReplayTheSamePlanWhenTheSeedIsTheSame()
    {
        final EnumMap<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        counts.put(FaultKind.GARBAGE, 5);
        counts.put(FaultKind.CLOSE, 5);
        final FaultPlan first = FaultPlan.counted(7, counts, FROM, TO);
        final FaultPlan again = FaultPlan.counted(7, counts, FROM, TO);
        final FaultPlan other = FaultPlan.counted(8, counts, FROM, TO);

        boolean differs = false;
        for (int i = 0; i < first.size(); i++)
        {
            assertThat(again.offsetNanos(i)).isEqualTo(first.offsetNanos(i));
            assertThat(again.kind(i)).isEqualTo(first.kind(i));
            differs |= other.offsetNanos(i) != first.offsetNanos(i);
        }
        assertThat(differs).as("another seed, other times").isTrue();
        assertThat(first.seed()).isEqualTo(7);
    }

    @Test
    void shouldDrawOnlyFromTheMixAtAboutTheRateWhenAtRate()
    {
        final List<FaultKind> mix = List.of(FaultKind.RESET, FaultKind.GARBAGE);
        final FaultPlan plan = FaultPlan.atRate(1, 60, mix, Duration.ofMinutes(100));

        assertThat(plan.size()).as("about 6000 in 100 minutes at 60 a minute").isBetween(5500, 6500);
        for (int i = 0; i < plan.size(); i++)
        {
            assertThat(mix).contains(plan.kind(i));
        }
        assertThat(plan.offsetNanos(plan.size() - 1)).isLessThanOrEqualTo(Duration.ofMinutes(100).toNanos());
    }

    @Test
    void shouldKnowEveryKindByItsCliNameWhenParsed()
    {
        for (final FaultKind kind : FaultKind.values())
        {
            assertThat(FaultKind.fromCliName(kind.cliName().toUpperCase())).isEqualTo(kind);
        }
        assertThat(FaultKind.defaultMix()).doesNotContain(FaultKind.REFUSE_403, FaultKind.LOSE_SUBSCRIPTION);
    }
}
