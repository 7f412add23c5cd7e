package io.kiteticker.journal.replay;

import io.kiteticker.journal.JournalRecord;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayFilterTest
{
    private static final long INDEX = 1_000L;
    private static final long EPOCH_NS = 1_767_584_700_000_000_000L;
    private static final int TOKEN = 408_065;

    /**
     * A tick record (header then a packet starting with the big-endian token) of {@code payloadLength} bytes.
     */
    private static UnsafeBuffer tick(final int apiKeyIndex, final int token, final int payloadLength)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[JournalRecord.HEADER_LENGTH + payloadLength]);
        record.putLong(JournalRecord.TYPE_OFFSET, word0(JournalRecord.TICK, apiKeyIndex), ByteOrder.LITTLE_ENDIAN);
        record.putInt(JournalRecord.PAYLOAD_LENGTH_OFFSET, payloadLength, ByteOrder.LITTLE_ENDIAN);
        record.putLong(JournalRecord.EPOCH_NANOS_OFFSET, EPOCH_NS, ByteOrder.LITTLE_ENDIAN);
        if (payloadLength >= 4)
        {
            record.putInt(JournalRecord.HEADER_LENGTH, token, ByteOrder.BIG_ENDIAN);
        }
        return record;
    }

    private static long word0(final int type, final int apiKeyIndex)
    {
        return type | ((long)JournalRecord.FORMAT_VERSION << 8) | ((long)apiKeyIndex << 16);
    }

    private static long word0Of(final UnsafeBuffer record)
    {
        return record.getLong(JournalRecord.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void shouldAcceptEveryTickAndSkipTextWhenNothingIsSet()
    {
        final ReplayFilter filter = new ReplayFilter();
        final UnsafeBuffer record = tick(3, TOKEN, 8);

        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(record), record)).isTrue();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0(JournalRecord.TEXT, 3), record)).isFalse();
        assertThat(filter.isPastIndexRange(Long.MAX_VALUE - 1)).isFalse();
        assertThat(filter.isPastTimeRange(Long.MAX_VALUE - 1)).isFalse();
        assertThat(filter.fromIndex()).isEqualTo(-1);
    }

    @Test
    void shouldAcceptTextOnlyWhenTextIsReplayedAndOfTheKey()
    {
        final ReplayFilter filter = new ReplayFilter().textReplayed(true).apiKeyIndex(1);
        final UnsafeBuffer record = tick(1, TOKEN, 8);

        assertThat(filter.accepts(INDEX, EPOCH_NS, word0(JournalRecord.TEXT, 1), record)).isTrue();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0(JournalRecord.TEXT, 2), record)).isFalse();
    }

    @Test
    void shouldApplyTheIndexRangeInclusiveAtBothEnds()
    {
        final ReplayFilter filter = new ReplayFilter().fromIndex(INDEX).toIndex(INDEX + 10);
        final UnsafeBuffer record = tick(0, TOKEN, 8);
        final long word0 = word0Of(record);

        assertThat(filter.accepts(INDEX - 1, EPOCH_NS, word0, record)).isFalse();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0, record)).isTrue();
        assertThat(filter.isPastIndexRange(INDEX + 10)).isFalse();
        assertThat(filter.isPastIndexRange(INDEX + 11)).isTrue();
        assertThat(filter.fromIndex()).isEqualTo(INDEX);
    }

    @Test
    void shouldApplyTheTimeRangeInclusiveFromAndExclusiveTo()
    {
        final ReplayFilter filter = new ReplayFilter().fromEpochNanos(EPOCH_NS).toEpochNanos(EPOCH_NS + 1_000);
        final UnsafeBuffer record = tick(0, TOKEN, 8);
        final long word0 = word0Of(record);

        assertThat(filter.accepts(INDEX, EPOCH_NS - 1, word0, record)).isFalse();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0, record)).isTrue();
        assertThat(filter.isPastTimeRange(EPOCH_NS + 999)).isFalse();
        assertThat(filter.isPastTimeRange(EPOCH_NS + 1_000)).isTrue();
    }

    @Test
    void shouldKeepOnlyTicksOfTheTokensWhenATokenSetIsGiven()
    {
        final IntHashSet tokens = new IntHashSet();
        tokens.add(TOKEN);
        final ReplayFilter filter = new ReplayFilter().tokens(tokens).textReplayed(true);
        final UnsafeBuffer wanted = tick(0, TOKEN, 8);
        final UnsafeBuffer other = tick(0, TOKEN + 1, 8);
        final UnsafeBuffer tooShort = tick(0, TOKEN, 2);

        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(wanted), wanted)).isTrue();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(other), other)).isFalse();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(tooShort), tooShort)).isFalse();
        // text messages are not filtered by token
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0(JournalRecord.TEXT, 0), other)).isTrue();
    }

    @Test
    void shouldKeepOnlyTheKeyWhenAKeyIndexIsGiven()
    {
        final ReplayFilter filter = new ReplayFilter().apiKeyIndex(2);
        final UnsafeBuffer ofKey = tick(2, TOKEN, 8);
        final UnsafeBuffer ofOtherKey = tick(1, TOKEN, 8);

        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(ofKey), ofKey)).isTrue();
        assertThat(filter.accepts(INDEX, EPOCH_NS, word0Of(ofOtherKey), ofOtherKey)).isFalse();
    }

    @Test
    void shouldClampThePayloadLengthToTheBytesTheRecordHoldsWhenTheHeaderClaimsMore()
    {
        final UnsafeBuffer record = tick(0, TOKEN, 8);
        assertThat(ReplayFilter.payloadLength(record)).isEqualTo(8);

        record.putInt(JournalRecord.PAYLOAD_LENGTH_OFFSET, 1_000, ByteOrder.LITTLE_ENDIAN);
        assertThat(ReplayFilter.payloadLength(record)).isEqualTo(8);

        record.putInt(JournalRecord.PAYLOAD_LENGTH_OFFSET, -5, ByteOrder.LITTLE_ENDIAN);
        assertThat(ReplayFilter.payloadLength(record)).isZero();
    }
}
