package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.market.Universe;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionBookTest
{
    private static final long NOW_SECONDS = 1_700_000_000L;
    private static final int INVALID_SEGMENT_TOKEN = 777_777 << 8;

    private final MarketModel model = new MarketModel(1, Universe.standard(10));
    private final int[] tokens = Universe.standard(10).tokens(6);

    @Test
    void shouldAddInQuoteModeAndKeepTheModeOfTokensAlreadySubscribedWhenSubscribing()
    {
        final SubscriptionBook book = new SubscriptionBook(model, 10, InstrumentLimitPolicy.ERROR_AND_IGNORE);
        assertThat(book.subscribe(list(tokens[0], tokens[1]), NOW_SECONDS)).isZero();
        book.mode(Mode.FULL, list(tokens[0]));
        assertThat(book.subscribe(list(tokens[0], tokens[2], INVALID_SEGMENT_TOKEN), NOW_SECONDS)).isZero();

        assertThat(subscriptions(book)).containsExactly(
            Map.entry(tokens[0], Mode.FULL), Map.entry(tokens[1], Mode.QUOTE), Map.entry(tokens[2], Mode.QUOTE));
        assertThat(book.count()).isEqualTo(3);
        assertThat(book.tokensIgnored()).as("the invalid segment").isEqualTo(1);
    }

    @Test
    void shouldIgnoreTokensPastTheLimitWhenPolicyIgnores()
    {
        final SubscriptionBook book = new SubscriptionBook(model, 2, InstrumentLimitPolicy.ERROR_AND_IGNORE);
        assertThat(book.subscribe(list(tokens[0], tokens[1], tokens[2], tokens[3]), NOW_SECONDS)).isEqualTo(2);
        assertThat(book.count()).isEqualTo(2);
        assertThat(book.tokensIgnored()).isEqualTo(2);
        assertThat(book.limitMessage(2)).contains("at most 2 instruments", "2 tokens ignored");
    }

    @Test
    void shouldAddNothingWhenPolicyClosesAndTheRequestPassesTheLimit()
    {
        final SubscriptionBook book = new SubscriptionBook(model, 2, InstrumentLimitPolicy.CLOSE);
        assertThat(book.subscribe(list(tokens[0]), NOW_SECONDS)).isZero();
        assertThat(book.subscribe(list(tokens[0], tokens[1], tokens[2]), NOW_SECONDS)).isEqualTo(2);
        assertThat(subscriptions(book)).containsOnlyKeys(tokens[0]);
        assertThat(book.tokensIgnored()).isEqualTo(2);
    }

    @Test
    void shouldChangeOnlySubscribedTokensAndOweThemSnapshotsWhenModeChanges()
    {
        final SubscriptionBook book = new SubscriptionBook(model, 10, InstrumentLimitPolicy.IGNORE);
        book.subscribe(list(tokens[0], tokens[1]), NOW_SECONDS);
        assertThat(book.snapshotCount()).isEqualTo(2);
        book.clearSnapshots();

        book.mode(Mode.LTP, list(tokens[1], tokens[5]));
        assertThat(subscriptions(book)).containsOnlyKeys(tokens[0], tokens[1]).containsEntry(tokens[1], Mode.LTP);
        assertThat(book.snapshotCount()).isEqualTo(1);
        assertThat(book.token(book.nextSlot())).as("the snapshot first").isEqualTo(tokens[1]);
    }

    @Test
    void shouldWalkSlotsRoundRobinAndKeepThemDenseWhenUnsubscribing()
    {
        final SubscriptionBook book = new SubscriptionBook(model, 10, InstrumentLimitPolicy.IGNORE);
        book.subscribe(list(tokens[0], tokens[1], tokens[2]), NOW_SECONDS);
        book.clearSnapshots();
        book.unsubscribe(list(tokens[0], tokens[4]));

        assertThat(book.count()).isEqualTo(2);
        assertThat(book.slotOf(tokens[0])).isEqualTo(-1);
        assertThat(book.slotOf(tokens[2])).as("the last slot moved into the freed one").isZero();
        final int first = book.nextSlot();
        final int second = book.nextSlot();
        assertThat(new int[]{ first, second, book.nextSlot() }).containsExactly(0, 1, 0);
        assertThat(book.modelIndex(0)).isEqualTo(model.indexOf(tokens[2]));
    }

    private static IntArrayList list(final int... values)
    {
        final IntArrayList list = new IntArrayList();
        for (final int value : values)
        {
            list.addInt(value);
        }
        return list;
    }

    private static Map<Integer, Mode> subscriptions(final SubscriptionBook book)
    {
        final Map<Integer, Mode> result = new LinkedHashMap<>();
        book.copyTo(result);
        return result;
    }
}
