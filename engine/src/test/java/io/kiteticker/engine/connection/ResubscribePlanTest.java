package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import org.agrona.collections.Int2IntHashMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResubscribePlanTest
{
    private static final int MAX_TOKENS = ConnectionAgent.MAX_TOKENS_PER_FRAME;

    private final Int2IntHashMap tokenModes = new Int2IntHashMap(0);
    private final ResubscribePlan plan = new ResubscribePlan(MAX_TOKENS);

    private List<String> walk()
    {
        final List<String> frames = new ArrayList<>();
        while (plan.hasNext())
        {
            frames.add(describe());
            plan.advance();
        }
        return frames;
    }

    private String describe()
    {
        final int[] tokens = Arrays.copyOfRange(plan.tokens(), plan.offset(), plan.offset() + plan.count());
        Arrays.sort(tokens);
        final String what = plan.isSubscribe() ? "subscribe" : plan.mode().name();
        return what + " " + tokens.length + " " + tokens[0] + ".." + tokens[tokens.length - 1];
    }

    private void put(final int fromToken, final int count, final Mode mode)
    {
        for (int i = 0; i < count; i++)
        {
            tokenModes.put(fromToken + i, mode.code());
        }
    }

    @Test
    void shouldPlanNothingWhenNoTokenIsSubscribed()
    {
        plan.build(tokenModes);

        assertThat(plan.hasNext()).isFalse();
        assertThat(plan.size()).isZero();
        assertThat(walk()).isEmpty();
    }

    @Test
    void shouldPlanOneSubscribeAndOneModeFrameWhenAllTokensShareAMode()
    {
        put(100, 3, Mode.QUOTE);

        plan.build(tokenModes);

        assertThat(walk()).containsExactly("subscribe 3 100..102", "QUOTE 3 100..102");
    }

    @Test
    void shouldPlanOneModeFramePerModeInModeOrderWhenModesAreMixed()
    {
        put(1, 2, Mode.FULL);
        put(10, 3, Mode.LTP);
        put(20, 1, Mode.QUOTE);

        plan.build(tokenModes);

        assertThat(walk()).containsExactly(
            "subscribe 6 1..20", "LTP 3 10..12", "QUOTE 1 20..20", "FULL 2 1..2");
    }

    @Test
    void shouldSplitFramesAboveMaxTokensPerFrame()
    {
        put(1, MAX_TOKENS + 500, Mode.FULL);
        put(1_000_000, 10, Mode.LTP);

        plan.build(tokenModes);
        final List<String> frames = walk();

        assertThat(frames).hasSize(5);
        assertThat(frames.get(0)).startsWith("subscribe " + MAX_TOKENS + " ");
        assertThat(frames.get(1)).startsWith("subscribe 510 ");
        assertThat(frames.get(2)).isEqualTo("LTP 10 1000000..1000009");
        assertThat(frames.get(3)).startsWith("FULL " + MAX_TOKENS + " ");
        assertThat(frames.get(4)).startsWith("FULL 500 ");
    }

    @Test
    void shouldOfferTheSameFrameAgainWhenASendWasRefused()
    {
        put(1, MAX_TOKENS + 1, Mode.LTP);
        plan.build(tokenModes);

        plan.advance();
        final String refused = describe();
        final int offset = plan.offset();

        assertThat(plan.hasNext()).isTrue();
        assertThat(describe()).isEqualTo(refused);
        assertThat(plan.offset()).isEqualTo(offset);
        assertThat(plan.count()).isEqualTo(1);

        plan.advance();
        final List<String> frames = walk();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).startsWith("LTP " + MAX_TOKENS + " ");
        assertThat(frames.get(1)).startsWith("LTP 1 ");
    }

    @Test
    void shouldStartOverWhenRebuiltAfterAReconnect()
    {
        put(5, 2, Mode.FULL);
        plan.build(tokenModes);
        plan.advance();

        tokenModes.remove(5);
        plan.build(tokenModes);

        assertThat(walk()).containsExactly("subscribe 1 6..6", "FULL 1 6..6");
    }
}
