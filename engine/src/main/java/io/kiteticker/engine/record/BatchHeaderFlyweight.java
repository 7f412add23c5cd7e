package io.kiteticker.engine.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over the 32-byte header of a batch of records (format version 2), little-endian. One batch is one
 * journal document (and, with the fan-out, one message); the records follow the header, the first at
 * {@link #HEADER_LENGTH}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+---------------+---------------+
 *  |  Type (BATCH) |  Version (2)  | Header length |  Reserved (0) |  0  type 4; header length 32
 *  +---------------+---------------+---------------+---------------+
 *  |                         Record count                          |  4  records after the header
 *  +---------------------------------------------------------------+
 *  |                          Session id                           |  8  random, one per writer session
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        First sequence                         | 16  sequence of the first record; record
 *  |                                                               |     i has first sequence + i
 *  +---------------------------------------------------------------+
 *  |                  Wall-clock time (epoch ns)                   | 24  one clock read for the whole batch
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Records ...                              | 32  see RecordFlyweight
 *  +---------------------------------------------------------------+
 * </pre>
 * Nothing is allocated; {@link #wrap} moves the view. Accessors read the buffer as it is (no check of the values:
 * a reader checks {@link #type()}, {@link #version()} and {@link #headerLength()} itself).
 */
public final class BatchHeaderFlyweight
{
    /**
     * Offset of the type (u8), {@link RecordFormat#BATCH}.
     */
    public static final int TYPE_OFFSET = 0;

    /**
     * Offset of the format version (u8), {@link RecordFormat#VERSION}.
     */
    public static final int VERSION_OFFSET = 1;

    /**
     * Offset of the header length (u8), {@link #HEADER_LENGTH}.
     */
    public static final int HEADER_LENGTH_OFFSET = 2;

    /**
     * Offset of the reserved byte (0).
     */
    public static final int RESERVED_OFFSET = 3;

    /**
     * Offset of the record count (i32).
     */
    public static final int RECORD_COUNT_OFFSET = 4;

    /**
     * Offset of the session id (i64).
     */
    public static final int SESSION_ID_OFFSET = 8;

    /**
     * Offset of the first sequence (i64).
     */
    public static final int FIRST_SEQUENCE_OFFSET = 16;

    /**
     * Offset of the wall-clock time (i64, epoch nanos).
     */
    public static final int EPOCH_NANOS_OFFSET = 24;

    /**
     * Length of the header; the first record starts here.
     */
    public static final int HEADER_LENGTH = 32;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /**
     * View a header for reading.
     *
     * @param buffer holding the header.
     * @param offset of the header in the buffer.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer instanceof MutableDirectBuffer ? (MutableDirectBuffer)buffer : null;
        this.offset = offset;
        return this;
    }

    /**
     * View a header for writing.
     *
     * @param buffer holding the header.
     * @param offset of the header in the buffer.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * The buffer viewed.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the header in the buffer.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Write a whole header: type {@link RecordFormat#BATCH}, version {@link RecordFormat#VERSION}, header length
     * {@link #HEADER_LENGTH} and the given fields.
     *
     * @param recordCount   records after the header.
     * @param sessionId     of the writer session.
     * @param firstSequence of the first record.
     * @param epochNanos    wall-clock time of the batch.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight putHeader(
        final int recordCount, final long sessionId, final long firstSequence, final long epochNanos)
    {
        mutableBuffer.putLong(offset + TYPE_OFFSET, word0(recordCount), ORDER);
        mutableBuffer.putLong(offset + SESSION_ID_OFFSET, sessionId, ORDER);
        mutableBuffer.putLong(offset + FIRST_SEQUENCE_OFFSET, firstSequence, ORDER);
        mutableBuffer.putLong(offset + EPOCH_NANOS_OFFSET, epochNanos, ORDER);
        return this;
    }

    /**
     * The first 8 bytes of a header (type, version, header length, reserved, record count) as one little-endian
     * word, for a writer that writes the header with 8-byte stores.
     *
     * @param recordCount records after the header.
     * @return the word.
     */
    public static long word0(final int recordCount)
    {
        return RecordFormat.BATCH |
            ((long)RecordFormat.VERSION << 8) |
            ((long)HEADER_LENGTH << 16) |
            ((recordCount & 0xFFFF_FFFFL) << 32);
    }

    /**
     * Type byte.
     *
     * @return {@link RecordFormat#BATCH} for a batch.
     */
    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    /**
     * Format version byte.
     *
     * @return {@link RecordFormat#VERSION} for this format.
     */
    public int version()
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /**
     * Header length: where the first record starts.
     *
     * @return {@link #HEADER_LENGTH} for this format.
     */
    public int headerLength()
    {
        return buffer.getByte(offset + HEADER_LENGTH_OFFSET) & 0xFF;
    }

    /**
     * Records after the header.
     *
     * @return the count.
     */
    public int recordCount()
    {
        return buffer.getInt(offset + RECORD_COUNT_OFFSET, ORDER);
    }

    /**
     * Set the record count.
     *
     * @param recordCount records after the header.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight recordCount(final int recordCount)
    {
        mutableBuffer.putInt(offset + RECORD_COUNT_OFFSET, recordCount, ORDER);
        return this;
    }

    /**
     * Session id of the writer.
     *
     * @return the id.
     */
    public long sessionId()
    {
        return buffer.getLong(offset + SESSION_ID_OFFSET, ORDER);
    }

    /**
     * Set the session id.
     *
     * @param sessionId of the writer session.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight sessionId(final long sessionId)
    {
        mutableBuffer.putLong(offset + SESSION_ID_OFFSET, sessionId, ORDER);
        return this;
    }

    /**
     * Sequence of the first record; record {@code i} of the batch has {@code firstSequence() + i}.
     *
     * @return the sequence.
     */
    public long firstSequence()
    {
        return buffer.getLong(offset + FIRST_SEQUENCE_OFFSET, ORDER);
    }

    /**
     * Set the first sequence.
     *
     * @param firstSequence of the first record.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight firstSequence(final long firstSequence)
    {
        mutableBuffer.putLong(offset + FIRST_SEQUENCE_OFFSET, firstSequence, ORDER);
        return this;
    }

    /**
     * Wall-clock time of the batch (read once when the batch was opened).
     *
     * @return epoch nanos.
     */
    public long epochNanos()
    {
        return buffer.getLong(offset + EPOCH_NANOS_OFFSET, ORDER);
    }

    /**
     * Set the wall-clock time.
     *
     * @param epochNanos of the batch.
     * @return this for a fluent API.
     */
    public BatchHeaderFlyweight epochNanos(final long epochNanos)
    {
        mutableBuffer.putLong(offset + EPOCH_NANOS_OFFSET, epochNanos, ORDER);
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "BatchHeader{type=" + type() + ", version=" + version() + ", headerLength=" + headerLength() +
            ", recordCount=" + recordCount() + ", sessionId=" + Long.toHexString(sessionId()) + ", firstSequence=" +
            firstSequence() + ", epochNanos=" + epochNanos() + '}';
    }
}
