package io.kiteticker.codec.text;

import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * Parses server to client text frames {@code {"type":<string>,"data":<any>}} (KITE_PROTOCOL.md §4) with dsl-json into
 * reusable holders, allocation-free once warm:
 * <ul>
 *     <li>{@code "order"}: {@link #ORDER}, the {@code data} object in {@link #order()};</li>
 *     <li>{@code "error"}: {@link #ERROR}, the text in {@link #errorMessage()} without JSON quotes or escapes
 *     (fixes P5), or the JSON text of {@code data} if it is not a string;</li>
 *     <li>any other type: {@link #MESSAGE}, with {@link #typeName()} and the raw {@code data} JSON at
 *     {@link #dataOffset()}/{@link #dataLength()} in the caller's buffer;</li>
 *     <li>invalid JSON, trailing bytes, no string {@code type}, or an order whose {@code data} is not an object:
 *     {@link #MALFORMED}, so malformed frames can be counted instead of vanishing (P5).</li>
 * </ul>
 * Key order is irrelevant ({@code data} may precede {@code type}) and unknown keys are skipped. The frame is copied
 * into an internal array for dsl-json; {@link #decode(DirectBuffer, int, int)} never throws.
 * <p>
 * <b>Note:</b> the holders are overwritten by the next decode; an instance belongs to one thread.
 */
public final class TextMessageDecoder
{
    /**
     * Not valid JSON, not an object, no string {@code type}, an {@code order} without an object {@code data}, or
     * longer than the maximum length.
     */
    public static final int MALFORMED = -1;

    /**
     * {@code "type":"order"}: see {@link #order()}.
     */
    public static final int ORDER = 1;

    /**
     * {@code "type":"error"}: see {@link #errorMessage()}.
     */
    public static final int ERROR = 2;

    /**
     * Any other type, such as {@code "message"}: see {@link #typeName()} and {@link #dataOffset()}.
     */
    public static final int MESSAGE = 3;

    /**
     * Default for the longest frame accepted: 1 MiB.
     */
    public static final int MAX_LENGTH_DEFAULT = 1024 * 1024;

    private static final int KEY_TYPE = 0;
    private static final int KEY_DATA = 1;
    private static final NameTable KEYS = new NameTable("type", "data");
    private static final int NOT_PARSED = 0;

    private final JsonScanner scanner;
    private final JsonScanner dataScanner;
    private final StringBuilder typeName = new StringBuilder(16);
    private final StringBuilder errorMessage = new StringBuilder(128);
    private final OrderUpdate order = new OrderUpdate();
    private int type = MALFORMED;
    private int offset;
    private int dataStart;
    private int dataEnd;

    /**
     * Create a decoder for frames of up to {@link #MAX_LENGTH_DEFAULT} bytes.
     */
    public TextMessageDecoder()
    {
        this(MAX_LENGTH_DEFAULT);
    }

    /**
     * Create a decoder.
     *
     * @param maxLength longest frame in bytes accepted; longer ones are {@link #MALFORMED}.
     */
    public TextMessageDecoder(final int maxLength)
    {
        this.scanner = new JsonScanner(Math.min(maxLength, 4096), maxLength);
        this.dataScanner = new JsonScanner(Math.min(maxLength, 1024), maxLength);
    }

    /**
     * Parse a text frame held in a buffer.
     *
     * @param buffer holding the frame payload (UTF-8 JSON).
     * @param offset of the first byte.
     * @param length in bytes.
     * @return {@link #ORDER}, {@link #ERROR}, {@link #MESSAGE} or {@link #MALFORMED}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(offset);
        type = scanner.wrap(buffer, offset, length) ? parse() : MALFORMED;
        return type;
    }

    /**
     * Parse a text frame held in a byte array.
     *
     * @param bytes  holding the frame payload (UTF-8 JSON).
     * @param offset of the first byte.
     * @param length in bytes.
     * @return {@link #ORDER}, {@link #ERROR}, {@link #MESSAGE} or {@link #MALFORMED}.
     */
    public int decode(final byte[] bytes, final int offset, final int length)
    {
        reset(offset);
        type = scanner.wrap(bytes, offset, length) ? parse() : MALFORMED;
        return type;
    }

    /**
     * Result of the last decode.
     *
     * @return {@link #ORDER}, {@link #ERROR}, {@link #MESSAGE} or {@link #MALFORMED}.
     */
    public int type()
    {
        return type;
    }

    /**
     * The {@code type} string of the last decode, unescaped.
     *
     * @return the reused type name, empty if there was none.
     */
    public CharSequence typeName()
    {
        return typeName;
    }

    /**
     * The error text of the last {@link #ERROR}: the {@code data} string without quotes and with escapes resolved,
     * or the JSON text of {@code data} if it is not a string (empty if there is no {@code data}).
     *
     * @return the reused error text.
     */
    public CharSequence errorMessage()
    {
        return errorMessage;
    }

    /**
     * The order of the last {@link #ORDER}.
     *
     * @return the reused order update.
     */
    public OrderUpdate order()
    {
        return order;
    }

    /**
     * Did the last frame decoded have a {@code data} value (including {@code null})?
     *
     * @return true if it did.
     */
    public boolean hasData()
    {
        return dataEnd > dataStart;
    }

    /**
     * Where the raw JSON of {@code data} starts, as an index into the buffer or array passed to the last decode
     * (it includes that call's offset).
     *
     * @return the index of the first byte of {@code data}, or -1 if there was none.
     */
    public int dataOffset()
    {
        return hasData() ? offset + dataStart : -1;
    }

    /**
     * Length in bytes of the raw JSON of {@code data}.
     *
     * @return the length of {@code data}, or 0 if there was none.
     */
    public int dataLength()
    {
        return dataEnd - dataStart;
    }

    /**
     * Append the raw JSON text of {@code data} of the last decode, decoded from UTF-8.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendData(final StringBuilder builder)
    {
        scanner.appendUtf8(dataStart, dataEnd, builder);
        return builder;
    }

    /**
     * Name of a type code, for logs.
     *
     * @param type code.
     * @return {@code "order"}, {@code "error"}, {@code "message"} or {@code "malformed"}.
     */
    public static String typeCodeName(final int type)
    {
        switch (type)
        {
            case ORDER:
                return "order";
            case ERROR:
                return "error";
            case MESSAGE:
                return "message";
            default:
                return "malformed";
        }
    }

    private void reset(final int offset)
    {
        this.offset = offset;
        type = MALFORMED;
        dataStart = 0;
        dataEnd = 0;
        typeName.setLength(0);
        errorMessage.setLength(0);
        order.reset();
    }

    private int parse()
    {
        try
        {
            final JsonScanner scanner = this.scanner;
            int typeCode = MALFORMED;
            int parsedAs = NOT_PARSED;
            if ('{' != scanner.nextToken())
            {
                return MALFORMED;
            }
            if (scanner.firstElement('}'))
            {
                do
                {
                    final int key = scanner.readMember(KEYS);
                    if (KEY_TYPE == key)
                    {
                        if ('"' != scanner.last())
                        {
                            return MALFORMED;
                        }
                        typeName.setLength(0);
                        scanner.readString(typeName);
                        typeCode = classify(typeName);
                    }
                    else if (KEY_DATA == key)
                    {
                        dataStart = scanner.position() - 1;
                        parsedAs = parseData(scanner, typeCode);
                        dataEnd = scanner.valueEnd();
                    }
                    else
                    {
                        scanner.skipValue(0);
                    }
                }
                while (scanner.nextElement('}'));
            }
            if (!scanner.isRestWhitespace() || MALFORMED == typeCode)
            {
                return MALFORMED;
            }

            if (parsedAs != typeCode && dataEnd > dataStart && (ORDER == typeCode || ERROR == typeCode))
            {
                dataScanner.wrap(scanner.bytes(), dataStart, dataEnd - dataStart);
                dataScanner.nextToken();
                parsedAs = parseData(dataScanner, typeCode);
            }
            if (ORDER == typeCode && ORDER != parsedAs)
            {
                return MALFORMED;
            }
            return typeCode;
        }
        catch (final Exception ex)
        {
            return MALFORMED;
        }
    }

    private int parseData(final JsonScanner scanner, final int typeCode) throws IOException
    {
        final byte first = scanner.last();
        if (ORDER == typeCode && '{' == first)
        {
            parseOrder(scanner);
            return ORDER;
        }
        if (ERROR == typeCode)
        {
            errorMessage.setLength(0);
            if ('"' == first)
            {
                scanner.readString(errorMessage);
            }
            else
            {
                final int start = scanner.position() - 1;
                scanner.skipValue(0);
                scanner.appendUtf8(start, scanner.valueEnd(), errorMessage);
            }
            return ERROR;
        }
        scanner.skipValue(0);
        return MESSAGE;
    }

    private void parseOrder(final JsonScanner scanner) throws IOException
    {
        final OrderUpdate order = this.order;
        order.reset();
        if (scanner.firstElement('}'))
        {
            do
            {
                final int field = scanner.readMember(OrderField.NAMES);
                if (NameTable.UNKNOWN == field)
                {
                    scanner.skipValue(1);
                }
                else
                {
                    order.readValue(scanner, field);
                }
            }
            while (scanner.nextElement('}'));
        }
        scanner.markValueEnd();
    }

    private static int classify(final CharSequence typeName)
    {
        if (is(typeName, 'o', 'r', 'd', 'e', 'r'))
        {
            return ORDER;
        }
        if (is(typeName, 'e', 'r', 'r', 'o', 'r'))
        {
            return ERROR;
        }
        return MESSAGE;
    }

    private static boolean is(
        final CharSequence text, final char c0, final char c1, final char c2, final char c3, final char c4)
    {
        return 5 == text.length() && c0 == text.charAt(0) && c1 == text.charAt(1) && c2 == text.charAt(2) &&
            c3 == text.charAt(3) && c4 == text.charAt(4);
    }
}
