package io.kiteticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.RandomDataInput;

/**
 * Layout of one journal document: a fixed 32-byte header followed by the payload. One document per tick, per text
 * message and per recording session. Header fields are little-endian (Chronicle's native order); the payload of a
 * {@link #TICK} is the raw Kite packet exactly as received (big-endian, as on the wire).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  Record type  |    Version    |         API key index         |  0  type: TICK 1, TEXT 2, SESSION 3
 *  +---------------+---------------+-------------------------------+
 *  |  Connection   |  Kind / type  |           Reserved (0)        |  4  kind: PacketKind (TICK) or text
 *  +---------------+---------------+-------------------------------+       type code, signed (TEXT); 0 else
 *  |                      Length on the wire                       |  8  TICK: packet length as received
 *  +---------------------------------------------------------------+       TEXT, SESSION: payload length
 *  |                        Payload length                         | 12  bytes after the header
 *  +---------------------------------------------------------------+
 *  |                    Receive timestamp (ns)                     | 16  engine nano clock when read
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Wall-clock time (epoch ns)                   | 24  when the writer appended it
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Payload ...                              | 32  TICK: raw packet (at most 184 B)
 *  +---------------------------------------------------------------+       TEXT: UTF-8 JSON as received
 *                                                                          SESSION: UTF-8 key=value lines
 * </pre>
 * A tick packet longer than {@code TickEvent.RAW_CAPACITY} (an unknown kind) is stored truncated: the length on the
 * wire keeps the true length and the payload length says how much was kept. The {@code SESSION} payload is described
 * by {@link SessionInfo}; it never holds an api_key or access token.
 */
public final class JournalRecord
{
    /**
     * Current format version, written in every header and in the session document.
     */
    public static final int FORMAT_VERSION = 1;

    /**
     * Record type of one tick.
     */
    public static final int TICK = 1;

    /**
     * Record type of one text message (order, error, other, malformed).
     */
    public static final int TEXT = 2;

    /**
     * Record type of the session description written once at the start of a recording.
     */
    public static final int SESSION = 3;

    /**
     * Offset of the record type (u8).
     */
    public static final int TYPE_OFFSET = 0;

    /**
     * Offset of the format version (u8).
     */
    public static final int VERSION_OFFSET = 1;

    /**
     * Offset of the API key index (u16).
     */
    public static final int API_KEY_INDEX_OFFSET = 2;

    /**
     * Offset of the connection index (u8).
     */
    public static final int CONNECTION_INDEX_OFFSET = 4;

    /**
     * Offset of the packet kind or text type code (i8).
     */
    public static final int KIND_OFFSET = 5;

    /**
     * Offset of the length on the wire (i32).
     */
    public static final int LENGTH_OFFSET = 8;

    /**
     * Offset of the payload length (i32).
     */
    public static final int PAYLOAD_LENGTH_OFFSET = 12;

    /**
     * Offset of the receive timestamp (i64, nanos on the engine's nano clock).
     */
    public static final int RECEIVE_NANOS_OFFSET = 16;

    /**
     * Offset of the wall-clock time (i64, epoch nanos).
     */
    public static final int EPOCH_NANOS_OFFSET = 24;

    /**
     * Length of the header; the payload starts here.
     */
    public static final int HEADER_LENGTH = 32;

    /**
     * Largest API key index the header can hold.
     */
    public static final int MAX_API_KEY_INDEX = 0xFFFF;

    private JournalRecord()
    {
    }

    /**
     * Write a header at the write position of {@code bytes} (four 8-byte writes), leaving the position at the
     * payload.
     *
     * @param bytes           to write to, usually {@code documentContext.wire().bytes()}.
     * @param type            {@link #TICK}, {@link #TEXT} or {@link #SESSION}.
     * @param apiKeyIndex     0 to {@link #MAX_API_KEY_INDEX}.
     * @param connectionIndex 0 to 255.
     * @param kind            packet kind or text type code.
     * @param length          length on the wire.
     * @param payloadLength   bytes that will follow.
     * @param receiveNanos    engine receive timestamp.
     * @param epochNanos      wall-clock time.
     */
    public static void writeHeader(
        final Bytes<?> bytes,
        final int type,
        final int apiKeyIndex,
        final int connectionIndex,
        final int kind,
        final int length,
        final int payloadLength,
        final long receiveNanos,
        final long epochNanos)
    {
        final long word0 = (type & 0xFFL) |
            ((long)FORMAT_VERSION << 8) |
            ((apiKeyIndex & 0xFFFFL) << 16) |
            ((connectionIndex & 0xFFL) << 32) |
            ((kind & 0xFFL) << 40);
        final long word1 = (length & 0xFFFF_FFFFL) | ((long)payloadLength << 32);
        bytes.writeLong(word0);
        bytes.writeLong(word1);
        bytes.writeLong(receiveNanos);
        bytes.writeLong(epochNanos);
    }

    /**
     * The first header word (type, version, key, connection, kind) read at an absolute offset.
     *
     * @param bytes  holding the document.
     * @param offset of the document start.
     * @return the packed word; unpack with the static accessors below.
     */
    public static long word0(final RandomDataInput bytes, final long offset)
    {
        return bytes.readLong(offset);
    }

    /**
     * Record type from the first header word.
     *
     * @param word0 from {@link #word0(RandomDataInput, long)}.
     * @return the record type.
     */
    public static int type(final long word0)
    {
        return (int)(word0 & 0xFF);
    }

    /**
     * Format version from the first header word.
     *
     * @param word0 from {@link #word0(RandomDataInput, long)}.
     * @return the version.
     */
    public static int version(final long word0)
    {
        return (int)((word0 >>> 8) & 0xFF);
    }

    /**
     * API key index from the first header word.
     *
     * @param word0 from {@link #word0(RandomDataInput, long)}.
     * @return the API key index.
     */
    public static int apiKeyIndex(final long word0)
    {
        return (int)((word0 >>> 16) & 0xFFFF);
    }

    /**
     * Connection index from the first header word.
     *
     * @param word0 from {@link #word0(RandomDataInput, long)}.
     * @return the connection index.
     */
    public static int connectionIndex(final long word0)
    {
        return (int)((word0 >>> 32) & 0xFF);
    }

    /**
     * Packet kind (TICK) or signed text type code (TEXT) from the first header word.
     *
     * @param word0 from {@link #word0(RandomDataInput, long)}.
     * @return the kind or type code.
     */
    public static int kind(final long word0)
    {
        return (byte)((word0 >>> 40) & 0xFF);
    }

    /**
     * Length on the wire.
     *
     * @param bytes  holding the document.
     * @param offset of the document start.
     * @return the length.
     */
    public static int length(final RandomDataInput bytes, final long offset)
    {
        return bytes.readInt(offset + LENGTH_OFFSET);
    }

    /**
     * Payload length.
     *
     * @param bytes  holding the document.
     * @param offset of the document start.
     * @return the payload length.
     */
    public static int payloadLength(final RandomDataInput bytes, final long offset)
    {
        return bytes.readInt(offset + PAYLOAD_LENGTH_OFFSET);
    }

    /**
     * Receive timestamp.
     *
     * @param bytes  holding the document.
     * @param offset of the document start.
     * @return nanos on the engine's nano clock.
     */
    public static long receiveNanos(final RandomDataInput bytes, final long offset)
    {
        return bytes.readLong(offset + RECEIVE_NANOS_OFFSET);
    }

    /**
     * Wall-clock time.
     *
     * @param bytes  holding the document.
     * @param offset of the document start.
     * @return epoch nanos.
     */
    public static long epochNanos(final RandomDataInput bytes, final long offset)
    {
        return bytes.readLong(offset + EPOCH_NANOS_OFFSET);
    }

    /**
     * Name of a record type for display.
     *
     * @param type record type.
     * @return "TICK", "TEXT", "SESSION" or "UNKNOWN(n)".
     */
    public static String typeName(final int type)
    {
        switch (type)
        {
            case TICK:
                return "TICK";
            case TEXT:
                return "TEXT";
            case SESSION:
                return "SESSION";
            default:
                return "UNKNOWN(" + type + ")";
        }
    }
}
