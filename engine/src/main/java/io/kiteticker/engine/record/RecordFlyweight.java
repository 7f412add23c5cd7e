package io.kiteticker.engine.record;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over one record of a batch (format version 2): a 24-byte little-endian header, then the payload,
 * padded with zeros to {@link RecordFormat#ALIGNMENT} so the next record starts aligned.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  Record type  |  Kind / type  |         API key index         |  0  type: TICK 1, TEXT 2; kind: PacketKind
 *  +---------------+---------------+-------------------------------+       (TICK) or text type code, signed (TEXT)
 *  |  Connection   |                 Reserved (0)                  |  4
 *  +---------------+-----------------------------------------------+
 *  |                      Length on the wire                       |  8  TICK: packet length as received
 *  +---------------------------------------------------------------+       TEXT: payload length
 *  |                        Payload length                         | 12  bytes after the header (before padding)
 *  +---------------------------------------------------------------+
 *  |                    Receive timestamp (ns)                     | 16  engine nano clock when read
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Payload ... (padding)                    | 24  TICK: raw packet (at most 184 B)
 *  +---------------------------------------------------------------+       TEXT: UTF-8 JSON as received
 * </pre>
 * The record's sequence is not stored: it is the batch's first sequence plus the record's position in the batch.
 * A tick packet longer than the slot's capacity (an unknown kind) is stored truncated: the length on the wire keeps
 * the true length and the payload length says how much was kept.
 * <p>
 * Nothing is allocated; {@link #wrap} moves the view. The static {@code word0}/{@code word1} helpers pack the first
 * two 8-byte words for a writer that writes with 8-byte stores, and unpack a word read with one 8-byte load.
 */
public final class RecordFlyweight
{
    /**
     * Offset of the record type (u8).
     */
    public static final int TYPE_OFFSET = 0;

    /**
     * Offset of the packet kind or text type code (i8).
     */
    public static final int KIND_OFFSET = 1;

    /**
     * Offset of the API key index (u16).
     */
    public static final int API_KEY_INDEX_OFFSET = 2;

    /**
     * Offset of the connection index (u8).
     */
    public static final int CONNECTION_INDEX_OFFSET = 4;

    /**
     * Offset of the length on the wire (i32).
     */
    public static final int WIRE_LENGTH_OFFSET = 8;

    /**
     * Offset of the payload length (i32).
     */
    public static final int PAYLOAD_LENGTH_OFFSET = 12;

    /**
     * Offset of the receive timestamp (i64, nanos on the engine's nano clock).
     */
    public static final int RECEIVE_NANOS_OFFSET = 16;

    /**
     * Length of the record header; the payload starts here.
     */
    public static final int HEADER_LENGTH = 24;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer buffer;
    private MutableDirectBuffer mutableBuffer;
    private int offset;

    /**
     * View a record for reading.
     *
     * @param buffer holding the record.
     * @param offset of the record header in the buffer.
     * @return this for a fluent API.
     */
    public RecordFlyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.mutableBuffer = buffer instanceof MutableDirectBuffer ? (MutableDirectBuffer)buffer : null;
        this.offset = offset;
        return this;
    }

    /**
     * View a record for writing.
     *
     * @param buffer holding the record.
     * @param offset of the record header in the buffer.
     * @return this for a fluent API.
     */
    public RecordFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
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
     * Offset of the record header in the buffer.
     *
     * @return the offset.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Offset of the payload in the buffer.
     *
     * @return {@link #offset()} + {@link #HEADER_LENGTH}.
     */
    public int payloadOffset()
    {
        return offset + HEADER_LENGTH;
    }

    /**
     * Write a whole header (three 8-byte stores; the reserved bytes are zeroed).
     *
     * @param type            {@link RecordFormat#TICK} or {@link RecordFormat#TEXT}.
     * @param kind            packet kind or text type code.
     * @param apiKeyIndex     0 to {@link RecordFormat#MAX_API_KEY_INDEX}.
     * @param connectionIndex 0 to {@link RecordFormat#MAX_CONNECTION_INDEX}.
     * @param wireLength      length on the wire.
     * @param payloadLength   bytes that follow the header.
     * @param receiveNanos    engine receive timestamp.
     * @return this for a fluent API.
     */
    public RecordFlyweight putHeader(
        final int type,
        final int kind,
        final int apiKeyIndex,
        final int connectionIndex,
        final int wireLength,
        final int payloadLength,
        final long receiveNanos)
    {
        mutableBuffer.putLong(offset + TYPE_OFFSET, word0(type, kind, apiKeyIndex, connectionIndex), ORDER);
        mutableBuffer.putLong(offset + WIRE_LENGTH_OFFSET, word1(wireLength, payloadLength), ORDER);
        mutableBuffer.putLong(offset + RECEIVE_NANOS_OFFSET, receiveNanos, ORDER);
        return this;
    }

    /**
     * Write the payload after the header and zero the padding up to {@link RecordFormat#ALIGNMENT}; the header's
     * payload length is not changed.
     *
     * @param source       of the payload.
     * @param sourceOffset of the payload in the source.
     * @param length       of the payload.
     * @return this for a fluent API.
     */
    public RecordFlyweight putPayload(final DirectBuffer source, final int sourceOffset, final int length)
    {
        final int payloadOffset = offset + HEADER_LENGTH;
        mutableBuffer.putBytes(payloadOffset, source, sourceOffset, length);
        final int padding = RecordFormat.align(length) - length;
        if (padding > 0)
        {
            mutableBuffer.setMemory(payloadOffset + length, padding, (byte)0);
        }
        return this;
    }

    /**
     * First header word (type, kind, key, connection), as stored little-endian at {@link #TYPE_OFFSET}.
     *
     * @param type            record type.
     * @param kind            packet kind or text type code.
     * @param apiKeyIndex     API key index.
     * @param connectionIndex connection index.
     * @return the word.
     */
    public static long word0(final int type, final int kind, final int apiKeyIndex, final int connectionIndex)
    {
        return (type & 0xFFL) |
            ((kind & 0xFFL) << 8) |
            ((apiKeyIndex & 0xFFFFL) << 16) |
            ((connectionIndex & 0xFFL) << 32);
    }

    /**
     * Second header word (wire length, payload length), as stored little-endian at {@link #WIRE_LENGTH_OFFSET}.
     *
     * @param wireLength    length on the wire.
     * @param payloadLength bytes after the header.
     * @return the word.
     */
    public static long word1(final int wireLength, final int payloadLength)
    {
        return (wireLength & 0xFFFF_FFFFL) | ((long)payloadLength << 32);
    }

    /**
     * Record type from a first header word.
     *
     * @param word0 the first 8 bytes of the header.
     * @return the record type.
     */
    public static int type(final long word0)
    {
        return (int)(word0 & 0xFF);
    }

    /**
     * Packet kind or signed text type code from a first header word.
     *
     * @param word0 the first 8 bytes of the header.
     * @return the kind or type code.
     */
    public static int kind(final long word0)
    {
        return (byte)(word0 >>> 8);
    }

    /**
     * API key index from a first header word.
     *
     * @param word0 the first 8 bytes of the header.
     * @return the API key index.
     */
    public static int apiKeyIndex(final long word0)
    {
        return (int)((word0 >>> 16) & 0xFFFF);
    }

    /**
     * Connection index from a first header word.
     *
     * @param word0 the first 8 bytes of the header.
     * @return the connection index.
     */
    public static int connectionIndex(final long word0)
    {
        return (int)((word0 >>> 32) & 0xFF);
    }

    /**
     * First header word (type, kind, key, connection) with one 8-byte load; unpack with the static accessors.
     *
     * @return the word.
     */
    public long word0()
    {
        return buffer.getLong(offset + TYPE_OFFSET, ORDER);
    }

    /**
     * Record type.
     *
     * @return {@link RecordFormat#TICK} or {@link RecordFormat#TEXT} in a well-formed batch.
     */
    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    /**
     * Packet kind (TICK) or signed text type code (TEXT).
     *
     * @return the kind or type code.
     */
    public int kind()
    {
        return buffer.getByte(offset + KIND_OFFSET);
    }

    /**
     * API key index.
     *
     * @return the index.
     */
    public int apiKeyIndex()
    {
        return buffer.getShort(offset + API_KEY_INDEX_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * Connection index.
     *
     * @return the index.
     */
    public int connectionIndex()
    {
        return buffer.getByte(offset + CONNECTION_INDEX_OFFSET) & 0xFF;
    }

    /**
     * Length on the wire.
     *
     * @return the length.
     */
    public int wireLength()
    {
        return buffer.getInt(offset + WIRE_LENGTH_OFFSET, ORDER);
    }

    /**
     * Payload length (before padding).
     *
     * @return the length.
     */
    public int payloadLength()
    {
        return buffer.getInt(offset + PAYLOAD_LENGTH_OFFSET, ORDER);
    }

    /**
     * Receive timestamp.
     *
     * @return nanos on the engine's nano clock.
     */
    public long receiveNanos()
    {
        return buffer.getLong(offset + RECEIVE_NANOS_OFFSET, ORDER);
    }

    /**
     * Bytes this record takes in its batch (header and padded payload): the next record starts that far on.
     *
     * @return the length, or -1 if the payload length is negative.
     */
    public int recordLength()
    {
        final int payloadLength = payloadLength();
        return payloadLength < 0 ? -1 : RecordFormat.recordLength(payloadLength);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "Record{type=" + RecordFormat.typeName(type()) + ", kind=" + kind() + ", apiKeyIndex=" +
            apiKeyIndex() + ", connectionIndex=" + connectionIndex() + ", wireLength=" + wireLength() +
            ", payloadLength=" + payloadLength() + ", receiveNanos=" + receiveNanos() + '}';
    }
}
