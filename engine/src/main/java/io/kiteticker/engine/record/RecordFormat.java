package io.kiteticker.engine.record;

/**
 * Constants of the record format: record and document types, the format version and the alignment of records in a
 * batch. Every field of the headers is little-endian; a tick's payload is the raw Kite packet as received
 * (big-endian, as on the wire).
 * <p>
 * Version 1 (journal only) stored one record per Chronicle document, a 32-byte header of its own
 * ({@code io.kiteticker.journal.JournalRecord}); version 2 stores a batch: a {@link BatchHeaderFlyweight} and then
 * {@link BatchHeaderFlyweight#recordCount()} records, each a {@link RecordFlyweight} header and its payload.
 * <pre>
 *  +-----------------------------+  0
 *  |  batch header (32 B)        |
 *  +-----------------------------+ 32
 *  |  record header (24 B)       |
 *  |  payload, padded to 8       |
 *  +-----------------------------+
 *  |  record header (24 B)       |
 *  |  payload, padded to 8       |
 *  +-----------------------------+
 *  |  ...                        |
 * </pre>
 */
public final class RecordFormat
{
    /**
     * Record type of one tick.
     */
    public static final int TICK = 1;

    /**
     * Record type of one text message (order, error, other, malformed).
     */
    public static final int TEXT = 2;

    /**
     * Type of the session description written once at the start of a recording (a document of its own).
     */
    public static final int SESSION = 3;

    /**
     * Type of a batch header: the first byte of a document (or message) holding records.
     */
    public static final int BATCH = 4;

    /**
     * Current format version, written in every batch header and in the session document.
     */
    public static final int VERSION = 2;

    /**
     * Alignment of every record in a batch: payloads are padded to it.
     */
    public static final int ALIGNMENT = 8;

    /**
     * Largest API key index a record can hold.
     */
    public static final int MAX_API_KEY_INDEX = 0xFFFF;

    /**
     * Largest connection index a record can hold.
     */
    public static final int MAX_CONNECTION_INDEX = 0xFF;

    private RecordFormat()
    {
    }

    /**
     * A length rounded up to {@link #ALIGNMENT}.
     *
     * @param length to round, 0 or positive.
     * @return the aligned length.
     */
    public static int align(final int length)
    {
        return (length + (ALIGNMENT - 1)) & ~(ALIGNMENT - 1);
    }

    /**
     * Bytes a record with this payload takes in a batch: its header and the payload padded to {@link #ALIGNMENT}.
     *
     * @param payloadLength of the record.
     * @return the record's length in the batch.
     */
    public static int recordLength(final int payloadLength)
    {
        return RecordFlyweight.HEADER_LENGTH + align(payloadLength);
    }

    /**
     * Name of a record or document type for display.
     *
     * @param type record type.
     * @return "TICK", "TEXT", "SESSION", "BATCH" or "UNKNOWN(n)".
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
            case BATCH:
                return "BATCH";
            default:
                return "UNKNOWN(" + type + ")";
        }
    }
}
