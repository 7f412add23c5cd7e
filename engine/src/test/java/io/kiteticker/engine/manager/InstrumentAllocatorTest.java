package io.kiteticker.engine.manager;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.DistributionStrategy;
import io.kiteticker.engine.exceptions.AlreadySubscribedException;
import io.kiteticker.engine.exceptions.AtCapacityException;
import io.kiteticker.engine.exceptions.ConfigurationException;
import io.kiteticker.engine.exceptions.ManualDistributionException;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class InstrumentAllocatorTest
{
    private static final String[] TWO_KEYS = { "primary", "secondary" };
    private static final String[] ONE_KEY = { "main" };

    private static int[] range(final int from, final int count)
    {
        return IntStream.range(from, from + count).toArray();
    }

    private static InstrumentAllocator allocator(
        final String[] keys, final int connections, final int max, final DistributionStrategy strategy)
    {
        return new InstrumentAllocator(keys, connections, max, strategy);
    }

    private static void assertNothingHeld(final InstrumentAllocator allocator)
    {
        assertThat(allocator.totalSymbolCount()).isZero();
        for (int k = 0; k < allocator.apiKeyCount(); k++)
        {
            for (int c = 0; c < allocator.connectionsPerApiKey(); c++)
            {
                assertThat(allocator.symbolCount(k, c)).isZero();
                assertThat(allocator.tokens(k, c)).isEmpty();
            }
        }
    }

    private static void assertBalancedWithinOne(final InstrumentAllocator allocator)
    {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int minKey = Integer.MAX_VALUE;
        int maxKey = Integer.MIN_VALUE;
        for (int k = 0; k < allocator.apiKeyCount(); k++)
        {
            minKey = Math.min(minKey, allocator.symbolCount(k));
            maxKey = Math.max(maxKey, allocator.symbolCount(k));
            for (int c = 0; c < allocator.connectionsPerApiKey(); c++)
            {
                min = Math.min(min, allocator.symbolCount(k, c));
                max = Math.max(max, allocator.symbolCount(k, c));
            }
        }
        assertThat(max - min).as("connection spread %s", allocator).isLessThanOrEqualTo(1);
        assertThat(maxKey - minKey).as("key spread %s", allocator).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldFillTwoKeysTimesThreeConnectionsTimes3000EvenlyWhenRoundRobin()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        final ConnectionBatches batches = allocator.allocate(range(1, 18_000), 0, 18_000, Mode.FULL);

        assertThat(batches.newTokenCount()).isEqualTo(18_000);
        assertThat(batches.totalTokenCount()).isEqualTo(18_000);
        assertThat(allocator.totalSymbolCount()).isEqualTo(18_000);
        for (int k = 0; k < 2; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                final int slot = allocator.slot(k, c);
                assertThat(allocator.symbolCount(k, c)).isEqualTo(3000);
                assertThat(batches.tokenCount(slot)).isEqualTo(3000);
                assertThat(batches.apiKeyIndex(slot)).isEqualTo(k);
                assertThat(batches.connectionIndex(slot)).isEqualTo(c);
                final int[] batch = java.util.Arrays.copyOf(batches.tokens(slot), batches.tokenCount(slot));
                java.util.Arrays.sort(batch);
                assertThat(batch).isEqualTo(allocator.tokens(k, c));
            }
        }
        assertThat(allocator.freeCapacity()).isZero();
    }

    @Test
    void shouldStayBalancedWithinOneTokenAfterEveryCallWhenRoundRobin()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        int next = 1;
        for (int callSize = 1; next + callSize <= 18_000; callSize = callSize % 97 + 1)
        {
            allocator.allocate(range(next, callSize), 0, callSize, Mode.QUOTE);
            next += callSize;
            assertBalancedWithinOne(allocator);
        }
    }

    @Test
    void shouldAlternateKeysOnConsecutiveTokensWhenRoundRobin()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        allocator.allocate(range(1, 6), 0, 6, Mode.LTP);

        assertThat(IntStream.rangeClosed(1, 6).map(allocator::apiKeyIndexOf).toArray())
            .containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(IntStream.rangeClosed(1, 6).map(allocator::connectionIndexOf).toArray())
            .containsExactly(0, 0, 1, 1, 2, 2);
    }

    @Test
    void shouldFailAtomicallyWhen18001TokensExceedTwoKeysTimesThreeConnections()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        final AtCapacityException ex = catchThrowableOfType(
            AtCapacityException.class, () -> allocator.allocate(range(1, 18_001), 0, 18_001, Mode.FULL));

        assertThat(ex.requestedTokenCount()).isEqualTo(18_001);
        assertThat(ex.freeCapacity()).isEqualTo(18_000);
        assertThat(ex.getMessage()).contains("At capacity", "18000", "18001", "nothing was subscribed");
        assertNothingHeld(allocator);

        allocator.allocate(range(1, 18_000), 0, 18_000, Mode.FULL);
        assertThatThrownBy(() -> allocator.allocate(new int[]{ 50_000 }, 0, 1, Mode.FULL))
            .isInstanceOf(AtCapacityException.class);
        assertThat(allocator.totalSymbolCount()).isEqualTo(18_000);
        assertThat(allocator.isSubscribed(50_000)).isFalse();
    }

    @Test
    void shouldCountTokensPendingInTheSameCallWhen10000TokensGoToOneKey()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        assertThatThrownBy(() -> allocator.allocate(range(1, 10_000), 0, 10_000, Mode.QUOTE))
            .isInstanceOf(AtCapacityException.class)
            .hasMessageContaining("9000");
        assertNothingHeld(allocator);

        allocator.allocate(range(1, 9000), 0, 9000, Mode.QUOTE);
        for (int c = 0; c < 3; c++)
        {
            assertThat(allocator.symbolCount(0, c)).isEqualTo(3000);
        }
    }

    @Test
    void shouldRespectASmallLimitWithinOneCall()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 2, 5, DistributionStrategy.LEAST_LOADED);

        allocator.allocate(range(1, 10), 0, 10, Mode.QUOTE);

        assertThat(allocator.symbolCount(0, 0)).isEqualTo(5);
        assertThat(allocator.symbolCount(0, 1)).isEqualTo(5);
        assertThatThrownBy(() -> allocator.allocate(range(11, 1), 0, 1, Mode.QUOTE))
            .isInstanceOf(AtCapacityException.class);
    }

    @Test
    void shouldAlternateConnectionsOnOneTokenPerCallWhenTwoConnections()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 2, 3000, DistributionStrategy.ROUND_ROBIN);

        for (int token = 1; token <= 10; token++)
        {
            allocator.allocate(new int[]{ token }, 0, 1, Mode.QUOTE);
        }

        assertThat(IntStream.rangeClosed(1, 10).map(allocator::connectionIndexOf).toArray())
            .containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    }

    @Test
    void shouldBalanceTwoKeysTimesTwoConnectionsOnOneTokenPerCall()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 2, 3000, DistributionStrategy.ROUND_ROBIN);

        for (int token = 1; token <= 401; token++)
        {
            allocator.allocate(new int[]{ token }, 0, 1, Mode.QUOTE);
            assertBalancedWithinOne(allocator);
        }
    }

    @Test
    void shouldAlternateConnectionsOfANamedKeyOnOneTokenPerCall()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 2, 3000, DistributionStrategy.MANUAL);

        for (int token = 1; token <= 6; token++)
        {
            allocator.allocateToApiKey(1, new int[]{ token }, 0, 1, Mode.QUOTE);
        }

        assertThat(IntStream.rangeClosed(1, 6).map(allocator::connectionIndexOf).toArray())
            .containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(allocator.symbolCount(0)).isZero();
        assertThat(allocator.symbolCount(1)).isEqualTo(6);
    }

    @Test
    void shouldRefuseATokenHeldByAnotherKeyAndAssignNothing()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.MANUAL);
        allocator.allocateToApiKey(0, new int[]{ 1, 2 }, 0, 2, Mode.FULL);

        final AlreadySubscribedException ex = catchThrowableOfType(
            AlreadySubscribedException.class,
            () -> allocator.allocateToApiKey(1, new int[]{ 3, 2, 4 }, 0, 3, Mode.FULL));

        assertThat(ex.tokens()).containsExactly(2);
        assertThat(ex.getMessage()).contains("'secondary'", "'primary'");
        assertThat(allocator.apiKeyIndexOf(2)).isZero();
        assertThat(allocator.isSubscribed(3)).isFalse();
        assertThat(allocator.isSubscribed(4)).isFalse();
        assertThat(allocator.totalSymbolCount()).isEqualTo(2);
    }

    @Test
    void shouldKeepAHeldTokenOnItsKeyWhenAutoSubscribedAgain()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.allocateToApiKey(1, new int[]{ 7 }, 0, 1, Mode.LTP);

        final ConnectionBatches batches = allocator.allocate(new int[]{ 7, 8 }, 0, 2, Mode.LTP);

        assertThat(batches.newTokenCount()).isEqualTo(1);
        assertThat(batches.totalTokenCount()).isEqualTo(1);
        assertThat(allocator.apiKeyIndexOf(7)).isEqualTo(1);
        assertThat(allocator.totalSymbolCount()).isEqualTo(2);
    }

    @Test
    void shouldThrowManualDistributionExceptionWhenSubscribingWithoutAKeyUnderManual()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.MANUAL);

        assertThatThrownBy(() -> allocator.allocate(new int[]{ 1 }, 0, 1, Mode.QUOTE))
            .isInstanceOf(ManualDistributionException.class)
            .hasMessageContaining("subscribeToApi");
        assertNothingHeld(allocator);
    }

    @Test
    void shouldNameTheKeyWhenANamedKeyIsFull()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.MANUAL);
        allocator.allocateToApiKey(0, range(1, 8999), 0, 8999, Mode.QUOTE);

        assertThatThrownBy(() -> allocator.allocateToApiKey(0, range(20_000, 2), 0, 2, Mode.QUOTE))
            .isInstanceOf(AtCapacityException.class)
            .hasMessageContaining("API key 'primary'");
        assertThat(allocator.symbolCount(0)).isEqualTo(8999);

        allocator.allocateToApiKey(1, range(20_000, 2), 0, 2, Mode.QUOTE);
        assertThat(allocator.symbolCount(1)).isEqualTo(2);
    }

    @Test
    void shouldPlaceNewTokensOnTheEmptiestConnectionWhenLeastLoaded()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.LEAST_LOADED);
        allocator.allocate(range(1, 60), 0, 60, Mode.QUOTE);
        assertBalancedWithinOne(allocator);

        final int[] heldByKey1Conn2 = allocator.tokens(1, 2);
        allocator.release(heldByKey1Conn2, 0, heldByKey1Conn2.length);
        assertThat(allocator.symbolCount(1, 2)).isZero();

        final ConnectionBatches batches = allocator.allocate(range(100, 10), 0, 10, Mode.QUOTE);

        assertThat(batches.tokenCount(allocator.slot(1, 2))).isEqualTo(10);
        assertThat(allocator.symbolCount(1, 2)).isEqualTo(10);
    }

    @Test
    void shouldRebalanceAcrossConnectionsOfAKeyWhenLeastLoaded()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 3, 3000, DistributionStrategy.LEAST_LOADED);
        allocator.allocateToApiKey(0, range(1, 30), 0, 30, Mode.QUOTE);
        final int[] conn0 = allocator.tokens(0, 0);
        allocator.release(conn0, 0, conn0.length);

        final ConnectionBatches batches = allocator.allocateToApiKey(0, range(100, 10), 0, 10, Mode.QUOTE);

        assertThat(batches.tokenCount(allocator.slot(0, 0))).isEqualTo(10);
        assertThat(allocator.symbolCount(0, 0)).isEqualTo(10);
        assertThat(allocator.symbolCount(0, 1)).isEqualTo(10);
        assertThat(allocator.symbolCount(0, 2)).isEqualTo(10);
    }

    @Test
    void shouldFreeCapacityAndReportUnknownTokensWhenReleased()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.allocate(range(1, 18_000), 0, 18_000, Mode.FULL);

        final ConnectionBatches released = allocator.release(new int[]{ 5, 6, 5, 99_999, 7 }, 0, 5);

        assertThat(released.totalTokenCount()).isEqualTo(3);
        assertThat(released.ignoredTokens()).containsExactly(99_999);
        assertThat(allocator.totalSymbolCount()).isEqualTo(17_997);
        assertThat(allocator.freeCapacity()).isEqualTo(3);

        allocator.allocate(range(30_000, 3), 0, 3, Mode.FULL);
        assertThat(allocator.totalSymbolCount()).isEqualTo(18_000);
        assertThat(allocator.isSubscribed(5)).isFalse();
    }

    @Test
    void shouldPlaceADuplicatedTokenOnce()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);

        final ConnectionBatches batches = allocator.allocate(new int[]{ 9, 9, 9, 10 }, 0, 4, Mode.QUOTE);

        assertThat(batches.newTokenCount()).isEqualTo(2);
        assertThat(batches.totalTokenCount()).isEqualTo(2);
        assertThat(allocator.totalSymbolCount()).isEqualTo(2);
    }

    @Test
    void shouldReportAModeChangeWhenAHeldTokenIsSubscribedInAnotherMode()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.allocate(new int[]{ 1, 2 }, 0, 2, Mode.QUOTE);

        final ConnectionBatches same = allocator.allocate(new int[]{ 1 }, 0, 1, Mode.QUOTE);
        assertThat(same.totalTokenCount()).isZero();
        assertThat(same.modeChangeCount(allocator.slot(0, 0))).isZero();

        final ConnectionBatches changed = allocator.allocate(new int[]{ 1, 3 }, 0, 2, Mode.FULL);
        final int slot = allocator.slot(allocator.apiKeyIndexOf(1), allocator.connectionIndexOf(1));
        assertThat(changed.modeChangeCount(slot)).isEqualTo(1);
        assertThat(changed.modeChangeTokens(slot)[0]).isEqualTo(1);
        assertThat(changed.newTokenCount()).isEqualTo(1);
        assertThat(allocator.modeOf(1)).isEqualTo(Mode.FULL);
        assertThat(allocator.modeOf(2)).isEqualTo(Mode.QUOTE);
    }

    @Test
    void shouldChangeModeOfHeldTokensAndReportUnknownOnes()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.allocate(range(1, 6), 0, 6, Mode.QUOTE);

        final ConnectionBatches batches = allocator.changeMode(new int[]{ 1, 2, 42 }, 0, 3, Mode.LTP);

        assertThat(batches.totalTokenCount()).isEqualTo(2);
        assertThat(batches.tokenCount(allocator.slot(0, 0))).isEqualTo(1);
        assertThat(batches.tokenCount(allocator.slot(1, 0))).isEqualTo(1);
        assertThat(batches.ignoredTokens()).containsExactly(42);
        assertThat(allocator.modeOf(1)).isEqualTo(Mode.LTP);
        assertThat(allocator.modeOf(3)).isEqualTo(Mode.QUOTE);
        assertThat(allocator.tokens(0, 0, Mode.LTP)).containsExactly(1);
        assertThat(allocator.tokens(0, 1, Mode.LTP)).isEmpty();
        assertThat(allocator.modeOf(42)).isNull();
    }

    @Test
    void shouldSkipAConnectionThatDoesNotAcceptTokens()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.accepting(1, 1, false);

        allocator.allocate(range(1, 15_000), 0, 15_000, Mode.QUOTE);

        assertThat(allocator.symbolCount(1, 1)).isZero();
        assertThat(allocator.freeCapacity()).isZero();
        assertThatThrownBy(() -> allocator.allocate(range(20_000, 1), 0, 1, Mode.QUOTE))
            .isInstanceOf(AtCapacityException.class)
            .hasMessageContaining("5 connections");

        allocator.accepting(1, 1, true);
        allocator.allocate(range(20_000, 1), 0, 1, Mode.QUOTE);
        assertThat(allocator.connectionIndexOf(20_000)).isEqualTo(1);
        assertThat(allocator.apiKeyIndexOf(20_000)).isEqualTo(1);
    }

    @Test
    void shouldHoldTokensAboveIntMaxValueAsNegativeInts()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 1, 3000, DistributionStrategy.ROUND_ROBIN);
        final int token = (int)4_294_967_040L;

        allocator.allocate(new int[]{ token }, 0, 1, Mode.FULL);

        assertThat(allocator.tokens(0, 0)).containsExactly(token);
        assertThat(Integer.toUnsignedLong(allocator.tokens(0, 0)[0])).isEqualTo(4_294_967_040L);
    }

    @Test
    void shouldHonourOffsetAndLength()
    {
        final InstrumentAllocator allocator = allocator(ONE_KEY, 1, 3000, DistributionStrategy.ROUND_ROBIN);

        allocator.allocate(new int[]{ 1, 2, 3, 4 }, 1, 2, Mode.FULL);

        assertThat(allocator.tokens(0, 0)).containsExactly(2, 3);
        assertThatThrownBy(() -> allocator.allocate(new int[]{ 1 }, 1, 1, Mode.FULL))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldForgetEverythingWhenCleared()
    {
        final InstrumentAllocator allocator = allocator(TWO_KEYS, 3, 3000, DistributionStrategy.ROUND_ROBIN);
        allocator.allocate(range(1, 100), 0, 100, Mode.QUOTE);
        allocator.accepting(0, 0, false);

        allocator.clear();

        assertNothingHeld(allocator);
        assertThat(allocator.isAccepting(0, 0)).isTrue();
        assertThat(allocator.freeCapacity()).isEqualTo(18_000);
    }

    @Test
    void shouldRejectLimitsOutOfRange()
    {
        assertThatThrownBy(() -> allocator(ONE_KEY, 4, 3000, DistributionStrategy.ROUND_ROBIN))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("1..3");
        assertThatThrownBy(() -> allocator(ONE_KEY, 0, 3000, DistributionStrategy.ROUND_ROBIN))
            .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> allocator(ONE_KEY, 3, 3001, DistributionStrategy.ROUND_ROBIN))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("1..3000");
        assertThatThrownBy(() -> allocator(new String[0], 3, 3000, DistributionStrategy.ROUND_ROBIN))
            .isInstanceOf(ConfigurationException.class);
    }
}
