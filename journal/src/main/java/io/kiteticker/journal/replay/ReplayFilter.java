package io.kiteticker.journal.replay;

import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.journal.JournalRecord;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The range and filter rules of a {@link Replayer}: which journal records (ticks and text messages, never sessions)
 * are delivered. A range by queue index ({@code fromIndex}, {@code toIndex}, inclusive) and by wall-clock time
 * ({@code fromEpochNanos} inclusive, {@code toEpochNanos} exclusive), an instrument token set (ticks only), an API key
 * index, and whether text messages are replayed at all.
 * <p>
 * Pure: the answers depend only on the settings and the arguments; it reads the record header fields it is given and
 * the big-endian instrument token at the start of a tick's packet. Nothing is allocated.
 */
final class ReplayFilter
{
    private long fromIndex = -1;
    private long toIndex = Long.MAX_VALUE;
    private long fromEpochNanos = Long.MIN_VALUE;
    private long toEpochNanos = Long.MAX_VALUE;
    private IntHashSet tokens;
    private int apiKeyIndex = -1;
    private boolean isTextReplayed;

    ReplayFilter fromIndex(final long fromIndex)
    {
        this.fromIndex = fromIndex;
        return this;
    }

    long fromIndex()
    {
        return fromIndex;
    }

    ReplayFilter toIndex(final long toIndex)
    {
        this.toIndex = toIndex;
        return this;
    }

    ReplayFilter fromEpochNanos(final long fromEpochNanos)
    {
        this.fromEpochNanos = fromEpochNanos;
        return this;
    }

    ReplayFilter toEpochNanos(final long toEpochNanos)
    {
        this.toEpochNanos = toEpochNanos;
        return this;
    }

    ReplayFilter tokens(final IntHashSet tokens)
    {
        this.tokens = tokens;
        return this;
    }

    ReplayFilter apiKeyIndex(final int apiKeyIndex)
    {
        this.apiKeyIndex = apiKeyIndex;
        return this;
    }

    ReplayFilter textReplayed(final boolean isTextReplayed)
    {
        this.isTextReplayed = isTextReplayed;
        return this;
    }

    /**
     * Whether a record at this queue index lies past the end of the index range (the replay stops there).
     */
    boolean isPastIndexRange(final long index)
    {
        return index > toIndex;
    }

    /**
     * Whether a record stamped at this wall-clock time lies past the end of the time range (the replay stops there).
     */
    boolean isPastTimeRange(final long epochNanos)
    {
        return epochNanos >= toEpochNanos;
    }

    /**
     * Whether a tick or text record inside the range ends is delivered: at or after the range starts, of the API key,
     * a text message only when text is replayed, a tick only of a token in the set.
     *
     * @param index      queue index of the record.
     * @param epochNanos wall-clock time stamped on the record.
     * @param word0      first header word (type, key).
     * @param record     the whole record (header then payload).
     */
    boolean accepts(final long index, final long epochNanos, final long word0, final UnsafeBuffer record)
    {
        final int type = JournalRecord.type(word0);
        return epochNanos >= fromEpochNanos && index >= fromIndex &&
            (apiKeyIndex < 0 || JournalRecord.apiKeyIndex(word0) == apiKeyIndex) &&
            (JournalRecord.TEXT != type || isTextReplayed) &&
            (JournalRecord.TICK != type || acceptsToken(record));
    }

    private boolean acceptsToken(final UnsafeBuffer record)
    {
        final IntHashSet tokens = this.tokens;
        if (null == tokens)
        {
            return true;
        }
        if (payloadLength(record) < TickDecoder.INSTRUMENT_TOKEN_LENGTH)
        {
            return false;
        }
        // the packet is big-endian as on the wire
        return tokens.contains(record.getInt(JournalRecord.HEADER_LENGTH, ByteOrder.BIG_ENDIAN));
    }

    /**
     * Payload length of the record, clamped to the bytes the document really holds.
     */
    static int payloadLength(final UnsafeBuffer record)
    {
        final int available = record.capacity() - JournalRecord.HEADER_LENGTH;
        return Math.max(0, Math.min(
            record.getInt(JournalRecord.PAYLOAD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN), available));
    }
}
