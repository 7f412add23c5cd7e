package io.kiteticker.bench.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market-open rig at full scale (9 keys x 3 connections x 1,000 tokens = 27,000 full tokens, a burst of 3 ticks
 * per token, one steady second) with a deliberately tiny ring (1,024 slots), so that the burst must stall on a full
 * ring: what is exact is asserted (no tick lost, duplicated or out of order, every token ticked K times in the burst,
 * a counted stall has a duration, memory bounded); no timing is asserted (speed is the rig's to report).
 */
@Timeout(120)
class MarketOpenRigTest
{
    private static final long HEAP_GROWTH_BOUND_BYTES = 512L * 1024 * 1024;

    @Test
    void shouldLoseNoTickAndCountTimedStallsWhenTwentySevenThousandTokensBurstIntoATinyRing() throws Exception
    {
        final MarketOpenRig.Options options = MarketOpenRig.Options.parse(new String[] {
            "--burst-ticks", "3", "--steady-s", "1", "--ring", "1024" });
        final ByteArrayOutputStream report = new ByteArrayOutputStream();

        final MarketOpenRig.Result result =
            MarketOpenRig.run(options, new PrintStream(report, true, StandardCharsets.UTF_8));

        final String text = report.toString(StandardCharsets.UTF_8);
        System.out.print(text); // the report in the build log; its figures are never asserted
        assertThat(options.tokenCount()).isEqualTo(27_000);
        assertThat(result.burstPacketsSent).as(text).isEqualTo(27_000L * 3);
        assertThat(result.burstTicksReceived).as(text).isEqualTo(result.burstPacketsSent);
        assertThat(result.steadyTicksReceived).as(text).isEqualTo(result.steadyPacketsSent);
        assertThat(result.lost).as(text).isZero();
        assertThat(result.outOfOrder).as(text).isZero();
        assertThat(result.unverified).as(text).isZero();
        assertThat(result.tokensMismatched).as(text).isZero();
        assertThat(result.tokensNotBurstK).as(text).isZero();
        assertThat(result.reconnects).as(text).isZero();
        assertThat(result.isLossless()).isTrue();
        assertThat(result.stalls).as("a 1,024-slot ring must stall in an 81,000-tick burst: " + text).isPositive();
        assertThat(result.ringFull).as(text).isGreaterThanOrEqualTo(result.stalls);
        assertThat(result.stallTotalNs).as(text).isPositive().isGreaterThanOrEqualTo(result.stallMaxNs);
        assertThat(result.stallMaxNs).as(text).isPositive();
        assertThat(result.burstLatency.getTotalCount()).isEqualTo(result.burstTicksReceived);
        assertThat(result.heapAfterBytes).as(text)
            .isLessThanOrEqualTo(result.heapBeforeBytes + HEAP_GROWTH_BOUND_BYTES);
        assertThat(text).contains("NO TICK LOST", "burst send->handler", "steady send->handler");
    }
}
