package io.kiteticker.simulator.market;

import io.kiteticker.codec.packet.Segment;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MarketModelTest
{
    private static final long NOW_SECONDS = 1_700_000_000L;

    @Test
    void shouldListWellKnownInstrumentsAndCoverEverySegment()
    {
        final Universe universe = Universe.standard();

        final Instrument nifty = universe.find(256265);
        assertThat(nifty.tradingSymbol()).isEqualTo("NIFTY 50");
        assertThat(nifty.segment()).isEqualTo(Segment.INDICES);
        assertThat(nifty.exchangeToken()).isEqualTo(1001);
        assertThat(universe.find(408065).tradingSymbol()).isEqualTo("INFY");
        assertThat(Arrays.stream(universe.tokens(100)).map(Segment::segment).distinct().sorted().toArray())
            .containsExactly(1, 2, 3, 4, 5, 6, 7, 9);
        for (int i = 0; i < universe.size(); i++)
        {
            final Instrument instrument = universe.instrument(i);
            assertThat(instrument.instrumentToken())
                .isEqualTo((instrument.exchangeToken() << 8) | instrument.segment());
        }
        assertThat(universe.find(2_000_000 << 8 | Segment.CDS).priceDivisor()).isEqualTo(10_000_000);
        assertThat(universe.find(2_000_000 << 8 | Segment.BCD).priceDivisor()).isEqualTo(10_000);
    }

    @Test
    void shouldDescribeUnlistedTokensDeterministicallyAndRejectInvalidSegments()
    {
        final Universe universe = Universe.standard(10);
        final int unlisted = (777_777 << 8) | Segment.NFO;

        assertThat(universe.find(unlisted)).isNull();
        assertThat(universe.describe(unlisted).closePrice()).isEqualTo(universe.describe(unlisted).closePrice());
        assertThat(universe.describe(unlisted).segment()).isEqualTo(Segment.NFO);
        assertThat(universe.describe(777_777 << 8)).isNull();
        assertThat(universe.describe((777_777 << 8) | 10)).isNull();
    }

    @Test
    void shouldKeepEveryFieldConsistentOverManyStepsInEverySegment()
    {
        final Universe universe = Universe.standard(20);
        final MarketModel model = new MarketModel(1, universe);
        for (int n = 0; n < universe.size(); n++)
        {
            final Instrument instrument = universe.instrument(n);
            final int i = model.indexOf(instrument.instrumentToken(), NOW_SECONDS);
            long previousVolume = -1;
            for (int step = 0; step < 5_000; step++)
            {
                model.step(i, NOW_SECONDS + step / 100);
                assertConsistent(model, i, instrument);
                assertThat(model.volume(i)).isGreaterThanOrEqualTo(previousVolume);
                previousVolume = model.volume(i);
            }
        }
    }

    @Test
    void shouldRepeatTheWalkForTheSameSeedAndDifferForAnother()
    {
        final Universe universe = Universe.standard(5);
        final int token = universe.tokens(Segment.MCX, 1)[0];
        final long[] first = walk(new MarketModel(99, universe), token);
        final long[] second = walk(new MarketModel(99, universe), token);
        final long[] other = walk(new MarketModel(100, universe), token);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static long[] walk(final MarketModel model, final int token)
    {
        final int i = model.indexOf(token, NOW_SECONDS);
        final long[] trace = new long[1000];
        for (int step = 0; step < trace.length; step++)
        {
            model.step(i, NOW_SECONDS);
            model.computeDepth(i);
            trace[step] = 31L * model.lastPrice(i) + model.volume(i) + 7L * model.bidQuantity(2) + model.askPrice(4);
        }
        return trace;
    }

    private static void assertConsistent(final MarketModel model, final int i, final Instrument instrument)
    {
        final int tick = instrument.tickSize();
        final int last = model.lastPrice(i);
        assertThat(last % tick).isZero();
        assertThat(instrument.lowerBandPrice()).isLessThanOrEqualTo(model.low(i));
        assertThat(model.low(i)).isLessThanOrEqualTo(last);
        assertThat(last).isLessThanOrEqualTo(model.high(i));
        assertThat(model.high(i)).isLessThanOrEqualTo(instrument.upperBandPrice());
        assertThat(model.open(i)).isBetween(model.low(i), model.high(i));
        assertThat(model.close(i)).isEqualTo(instrument.closePrice());
        assertThat(model.lastTradeSeconds(i)).isLessThanOrEqualTo(model.exchangeSeconds(i));
        if (instrument.isIndex())
        {
            assertThat(model.change(i)).isEqualTo(last - instrument.closePrice());
            return;
        }
        assertThat(model.averagePrice(i)).isBetween(model.low(i), model.high(i));
        assertThat(model.openInterestDayLow(i)).isLessThanOrEqualTo(model.openInterest(i));
        assertThat(model.openInterest(i)).isLessThanOrEqualTo(model.openInterestDayHigh(i));
        model.computeDepth(i);
        assertThat(model.bidPrice(0)).isLessThan(model.askPrice(0));
        for (int level = 0; level < MarketModel.DEPTH_LEVELS; level++)
        {
            if (level > 0)
            {
                assertThat(model.bidPrice(level)).isLessThan(model.bidPrice(level - 1));
                assertThat(model.askPrice(level)).isGreaterThan(model.askPrice(level - 1));
            }
            assertThat(model.bidPrice(level)).isPositive();
            assertThat(model.bidOrders(level)).isBetween(1, model.bidQuantity(level));
            assertThat(model.askOrders(level)).isBetween(1, model.askQuantity(level));
        }
    }
}
