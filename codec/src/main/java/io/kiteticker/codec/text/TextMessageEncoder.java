package io.kiteticker.codec.text;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Writes server to client text frames (server side, simulator) into a caller's buffer without allocating:
 * <pre>
 *   {"type":"order","data":{"user_id":"AB1234",…,"tag":null,"guid":"XXXXXX"}}
 *   {"type":"error","data":"Invalid access token"}
 *   {"type":"message","data":&lt;raw JSON&gt;}
 * </pre>
 * Strings are JSON-escaped and UTF-8 encoded. An order writes every field of {@link OrderField} in table (postback)
 * order, absent fields as {@code null}; doubles are written with the fewest fraction digits that read back exactly
 * (up to 9), integral values without a fraction.
 * <p>
 * The buffer must have room for the {@code max…Length} bound from the offset (or be expandable); an
 * {@code UnsafeBuffer} that is too small throws {@link IndexOutOfBoundsException} while bounds checks are on.
 * <p>
 * <b>Note:</b> stateless.
 */
public final class TextMessageEncoder
{
    private static final byte[] ORDER_PREFIX = ascii("{\"type\":\"order\",\"data\":{");
    private static final byte[] ORDER_SUFFIX = ascii("}}");
    private static final byte[] ERROR_PREFIX = ascii("{\"type\":\"error\",\"data\":");
    private static final byte[] TYPE_PREFIX = ascii("{\"type\":");
    private static final byte[] DATA_PREFIX = ascii(",\"data\":");
    private static final byte[][] FIELD_PREFIXES = new byte[OrderField.FIELD_COUNT][];
    private static final int ORDER_FIXED_LENGTH;

    static
    {
        int fixedLength = ORDER_PREFIX.length + ORDER_SUFFIX.length;
        for (int i = 0; i < OrderField.FIELD_COUNT; i++)
        {
            FIELD_PREFIXES[i] = ascii((i > 0 ? ",\"" : "\"") + OrderField.FIELDS[i].jsonName() + "\":");
            fixedLength += FIELD_PREFIXES[i].length + JsonOutput.MAX_NUMBER_LENGTH + 2;
        }
        ORDER_FIXED_LENGTH = fixedLength;
    }

    /**
     * Create an encoder.
     */
    public TextMessageEncoder()
    {
    }

    /**
     * Upper bound of the encoded length of an order update.
     *
     * @param order to be encoded.
     * @return the most bytes {@link #order(MutableDirectBuffer, int, OrderUpdate)} can write for it.
     */
    public static int maxOrderLength(final OrderUpdate order)
    {
        int length = ORDER_FIXED_LENGTH;
        for (int i = 0; i < OrderField.FIELD_COUNT; i++)
        {
            final StringBuilder text = order.text[i];
            if (null != text)
            {
                length += text.length() * JsonOutput.MAX_ESCAPED_BYTES_PER_CHAR;
            }
        }
        return length;
    }

    /**
     * Upper bound of the encoded length of an error message.
     *
     * @param message to be encoded (null counts as {@code null}).
     * @return the most bytes {@link #error(MutableDirectBuffer, int, CharSequence)} can write for it.
     */
    public static int maxErrorLength(final CharSequence message)
    {
        return ERROR_PREFIX.length + 5 +
            (null == message ? 0 : message.length() * JsonOutput.MAX_ESCAPED_BYTES_PER_CHAR);
    }

    /**
     * Upper bound of the encoded length of another message.
     *
     * @param type        to be encoded.
     * @param rawJsonData to be encoded (null counts as {@code null}).
     * @return the most bytes {@link #message(MutableDirectBuffer, int, CharSequence, CharSequence)} can write.
     */
    public static int maxMessageLength(final CharSequence type, final CharSequence rawJsonData)
    {
        return TYPE_PREFIX.length + DATA_PREFIX.length + 7 + type.length() * JsonOutput.MAX_ESCAPED_BYTES_PER_CHAR +
            (null == rawJsonData ? 0 : rawJsonData.length() * JsonOutput.MAX_UTF8_BYTES_PER_CHAR);
    }

    /**
     * Write {@code {"type":"order","data":{…}}} with every field of the order.
     *
     * @param buffer to write into.
     * @param offset at which the first byte is written.
     * @param order  to write; absent fields are written as {@code null}.
     * @return the encoded length in bytes.
     */
    public int order(final MutableDirectBuffer buffer, final int offset, final OrderUpdate order)
    {
        int i = offset;
        buffer.putBytes(i, ORDER_PREFIX);
        i += ORDER_PREFIX.length;
        for (int field = 0; field < OrderField.FIELD_COUNT; field++)
        {
            final byte[] prefix = FIELD_PREFIXES[field];
            buffer.putBytes(i, prefix);
            i += prefix.length;
            if (!order.isPresent(field))
            {
                i += JsonOutput.putNull(buffer, i);
                continue;
            }
            switch (OrderField.FIELDS[field].type())
            {
                case LONG:
                    i += buffer.putLongAscii(i, order.longs[field]);
                    break;

                case DOUBLE:
                    i += JsonOutput.putDouble(buffer, i, order.doubles[field]);
                    break;

                case RAW_JSON:
                    i += JsonOutput.putRaw(buffer, i, order.text[field]);
                    break;

                default:
                    i += JsonOutput.putString(buffer, i, order.text[field]);
                    break;
            }
        }
        buffer.putBytes(i, ORDER_SUFFIX);
        return i + ORDER_SUFFIX.length - offset;
    }

    /**
     * Write {@code {"type":"error","data":"<message>"}} with the message JSON-escaped.
     *
     * @param buffer  to write into.
     * @param offset  at which the first byte is written.
     * @param message the error text; null writes {@code "data":null}.
     * @return the encoded length in bytes.
     */
    public int error(final MutableDirectBuffer buffer, final int offset, final CharSequence message)
    {
        int i = offset;
        buffer.putBytes(i, ERROR_PREFIX);
        i += ERROR_PREFIX.length;
        i += JsonOutput.putString(buffer, i, message);
        buffer.putByte(i++, (byte)'}');
        return i - offset;
    }

    /**
     * Write {@code {"type":"<type>","data":<rawJsonData>}}.
     *
     * @param buffer      to write into.
     * @param offset      at which the first byte is written.
     * @param type        the type string, JSON-escaped on writing.
     * @param rawJsonData JSON text written as is (the caller vouches that it is valid); null writes {@code null}.
     * @return the encoded length in bytes.
     */
    public int message(
        final MutableDirectBuffer buffer, final int offset, final CharSequence type, final CharSequence rawJsonData)
    {
        int i = offset;
        buffer.putBytes(i, TYPE_PREFIX);
        i += TYPE_PREFIX.length;
        i += JsonOutput.putString(buffer, i, type);
        buffer.putBytes(i, DATA_PREFIX);
        i += DATA_PREFIX.length;
        i += null == rawJsonData ? JsonOutput.putNull(buffer, i) : JsonOutput.putRaw(buffer, i, rawJsonData);
        buffer.putByte(i++, (byte)'}');
        return i - offset;
    }

    private static byte[] ascii(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
