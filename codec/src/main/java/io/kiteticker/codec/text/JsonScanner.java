package io.kiteticker.codec.text;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.NumberConverter;
import org.agrona.DirectBuffer;

import java.io.IOException;

/**
 * A reusable dsl-json {@link JsonReader} over an internal byte array that messages are copied into, with the strict,
 * depth-limited and allocation-free value skipping that dsl-json itself lacks ({@code JsonReader.skip()} accepts any
 * bytes as a number and recurses without limit).
 * <p>
 * Conventions: after {@link #nextToken()} the first byte of a value is {@link #last()}; {@link #skipValue(int)} and the
 * string and literal readers consume exactly the value, so the caller reads the following token itself;
 * {@link #readLong()} and {@link #readDouble()} use dsl-json's {@link NumberConverter}, which scans up to the
 * delimiter after the number (white space included) and stops in front of it, so the caller also reads the
 * following token itself.
 * <p>
 * Malformed input surfaces as an {@link IOException} (dsl-json's stackless {@code ParsingException} or the
 * preallocated {@link #MALFORMED}); callers catch it and return a result code.
 */
final class JsonScanner
{
    /**
     * Deepest nesting of arrays and objects accepted inside a skipped value.
     */
    static final int MAX_DEPTH = 64;

    /**
     * Thrown, preallocated and without a stack trace, when the scanner itself finds the input malformed.
     */
    static final IOException MALFORMED = new MalformedJsonException();

    private static final int PADDING = 64;
    private static final DslJson<Object> DSL_JSON = new DslJson<>(
        new DslJson.Settings<>().errorInfo(JsonReader.ErrorInfo.MINIMAL));

    private final int maxLength;
    private byte[] bytes;
    private final JsonReader<Object> reader;
    private int length;
    private int valueEnd;

    JsonScanner(final int initialCapacity, final int maxLength)
    {
        this.maxLength = maxLength;
        this.bytes = new byte[Math.max(initialCapacity, 64) + PADDING];
        this.reader = DSL_JSON.newReader(bytes, 0, new char[256]);
    }

    boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null == buffer || offset < 0 || length < 0 || length > maxLength ||
            (long)offset + length > buffer.capacity())
        {
            return false;
        }
        ensureCapacity(length);
        buffer.getBytes(offset, bytes, 0, length);
        return process(length);
    }

    boolean wrap(final byte[] src, final int offset, final int length)
    {
        if (null == src || offset < 0 || length < 0 || length > maxLength || (long)offset + length > src.length)
        {
            return false;
        }
        ensureCapacity(length);
        System.arraycopy(src, offset, bytes, 0, length);
        return process(length);
    }

    byte[] bytes()
    {
        return bytes;
    }

    int length()
    {
        return length;
    }

    JsonReader<Object> reader()
    {
        return reader;
    }

    byte nextToken() throws IOException
    {
        return reader.getNextToken();
    }

    byte last()
    {
        return reader.last();
    }

    /**
     * Index just past the last byte consumed.
     *
     * @return index just past the last byte consumed.
     */
    int position()
    {
        return reader.getCurrentIndex();
    }

    /**
     * Index just past the last value consumed by {@link #skipValue(int)}, {@link #readString(StringBuilder)} or
     * {@link #readLiteral()}.
     *
     * @return index just past the last value consumed.
     */
    int valueEnd()
    {
        return valueEnd;
    }

    /**
     * Record the current position as the end of a value the caller parsed itself.
     */
    void markValueEnd()
    {
        valueEnd = reader.getCurrentIndex();
    }

    /**
     * Read an attribute name and the ':' after it; {@link #last()} must be the opening quote.
     *
     * @param table of known names.
     * @return index of the name in the table or {@link NameTable#UNKNOWN}.
     * @throws IOException if malformed.
     */
    int readName(final NameTable table) throws IOException
    {
        if ('"' != reader.last())
        {
            throw MALFORMED;
        }
        final int hash = reader.fillName();
        return table.lookup(reader, bytes, hash);
    }

    /**
     * Read an attribute name, the ':' after it and the first byte of its value, which is then {@link #last()};
     * {@link #last()} must be the opening quote of the name.
     *
     * @param table of known names.
     * @return index of the name in the table or {@link NameTable#UNKNOWN}.
     * @throws IOException if malformed.
     */
    int readMember(final NameTable table) throws IOException
    {
        final int name = readName(table);
        reader.getNextToken();
        return name;
    }

    /**
     * Read the token after an opening '{' or '[': the first byte of the first element, or the closing bracket.
     *
     * @param close the closing bracket, '}' or ']'.
     * @return true if an element follows (its first byte is {@link #last()}), false if the container is empty.
     * @throws IOException if malformed.
     */
    boolean firstElement(final int close) throws IOException
    {
        return close != reader.getNextToken();
    }

    /**
     * Read the token after an element of an object or array: ',' and the first byte of the next element, or the
     * closing bracket.
     *
     * @param close the closing bracket, '}' or ']'.
     * @return true if another element follows (its first byte is {@link #last()}), false at the closing bracket.
     * @throws IOException if neither ',' nor the closing bracket follows.
     */
    boolean nextElement(final int close) throws IOException
    {
        final byte token = reader.getNextToken();
        if (close == token)
        {
            return false;
        }
        if (',' != token)
        {
            throw MALFORMED;
        }
        reader.getNextToken();
        return true;
    }

    /**
     * Append an unescaped JSON string value; {@link #last()} must be the opening quote.
     *
     * @param builder to append to.
     * @throws IOException if malformed.
     */
    void readString(final StringBuilder builder) throws IOException
    {
        reader.appendString(builder);
        valueEnd = reader.getCurrentIndex();
    }

    /**
     * Consume {@code null}, {@code true} or {@code false}; {@link #last()} is the first letter.
     *
     * @return true if it was {@code null}.
     * @throws IOException if malformed.
     */
    boolean readLiteral() throws IOException
    {
        final byte first = reader.last();
        final boolean matched;
        if ('n' == first)
        {
            matched = reader.wasNull();
        }
        else if ('t' == first)
        {
            matched = reader.wasTrue();
        }
        else
        {
            matched = reader.wasFalse();
        }
        if (!matched)
        {
            throw MALFORMED;
        }
        valueEnd = reader.getCurrentIndex();
        return 'n' == first;
    }

    /**
     * Read a number as a long through dsl-json (fractions are truncated), up to the delimiter after it.
     *
     * @return the value.
     * @throws IOException if malformed.
     */
    long readLong() throws IOException
    {
        final int start = reader.getCurrentIndex() - 1;
        final int end = JsonBytes.numberEnd(bytes, start, length);
        if (end < 0)
        {
            throw MALFORMED;
        }
        if (JsonBytes.isPlainInteger(bytes, start, end) && end - start <= 18)
        {
            return NumberConverter.deserializeLong(reader);
        }
        return (long)NumberConverter.deserializeDouble(reader);
    }

    /**
     * Read a number as a double through dsl-json, up to the delimiter after it.
     *
     * @return the value.
     * @throws IOException if malformed.
     */
    double readDouble() throws IOException
    {
        final int start = reader.getCurrentIndex() - 1;
        if (JsonBytes.numberEnd(bytes, start, length) < 0)
        {
            throw MALFORMED;
        }
        return NumberConverter.deserializeDouble(reader);
    }

    /**
     * Consume exactly one JSON number whose first byte is {@link #last()} and return it if it is an unsigned 32-bit
     * integer.
     *
     * @return the value, or -1 if the number is valid JSON but not a uint32.
     * @throws IOException if malformed.
     */
    long readUint32() throws IOException
    {
        final int start = reader.getCurrentIndex() - 1;
        final int end = JsonBytes.numberEnd(bytes, start, length);
        if (end < 0)
        {
            throw MALFORMED;
        }
        long value = -1;
        if (JsonBytes.isPlainInteger(bytes, start, end) && '-' != bytes[start] && end - start <= 10)
        {
            value = 0;
            for (int i = start; i < end; i++)
            {
                value = value * 10 + (bytes[i] - '0');
            }
            if (value > 0xFFFF_FFFFL)
            {
                value = -1;
            }
        }
        advanceTo(end);
        return value;
    }

    /**
     * Consume one JSON value whose first byte is {@link #last()}, checking its grammar; the following token is not
     * read. {@link #valueEnd()} is then the index just past the value.
     *
     * @param depth of nesting so far.
     * @throws IOException if malformed or nested deeper than {@link #MAX_DEPTH}.
     */
    void skipValue(final int depth) throws IOException
    {
        final byte first = reader.last();
        switch (first)
        {
            case '"':
                skipStringBody();
                break;

            case '{':
                skipObject(depth);
                break;

            case '[':
                skipArray(depth);
                break;

            case 'n':
            case 't':
            case 'f':
                readLiteral();
                break;

            default:
                final int start = reader.getCurrentIndex() - 1;
                final int end = JsonBytes.numberEnd(bytes, start, length);
                if (end < 0)
                {
                    throw MALFORMED;
                }
                advanceTo(end);
                break;
        }
        valueEnd = reader.getCurrentIndex();
    }

    /**
     * Are all bytes after the last one consumed JSON white space?
     *
     * @return true if only white space follows.
     */
    boolean isRestWhitespace()
    {
        for (int i = reader.getCurrentIndex(); i < length; i++)
        {
            final byte b = bytes[i];
            if (' ' != b && '\n' != b && '\r' != b && '\t' != b)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Append bytes of the message decoded as UTF-8 (malformed sequences become U+FFFD).
     *
     * @param start   index of the first byte.
     * @param end     index just past the last byte.
     * @param builder to append to.
     */
    void appendUtf8(final int start, final int end, final StringBuilder builder)
    {
        JsonBytes.appendUtf8(bytes, start, end, builder);
    }

    private void skipStringBody() throws IOException
    {
        while (true)
        {
            final byte b = reader.read();
            if ('"' == b)
            {
                return;
            }
            if ('\\' == b)
            {
                reader.read();
            }
            else if (b >= 0 && b < 0x20)
            {
                throw MALFORMED;
            }
        }
    }

    private void skipObject(final int depth) throws IOException
    {
        if (depth >= MAX_DEPTH)
        {
            throw MALFORMED;
        }
        if (firstElement('}'))
        {
            do
            {
                if ('"' != reader.last())
                {
                    throw MALFORMED;
                }
                skipStringBody();
                if (':' != reader.getNextToken())
                {
                    throw MALFORMED;
                }
                reader.getNextToken();
                skipValue(depth + 1);
            }
            while (nextElement('}'));
        }
    }

    private void skipArray(final int depth) throws IOException
    {
        if (depth >= MAX_DEPTH)
        {
            throw MALFORMED;
        }
        if (firstElement(']'))
        {
            do
            {
                skipValue(depth + 1);
            }
            while (nextElement(']'));
        }
    }

    private void advanceTo(final int end) throws IOException
    {
        while (reader.getCurrentIndex() < end)
        {
            reader.read();
        }
    }

    private void ensureCapacity(final int length)
    {
        if (length + PADDING > bytes.length)
        {
            final long newCapacity = Math.max((long)length + PADDING, 2L * bytes.length);
            bytes = new byte[(int)Math.min(newCapacity, (long)maxLength + PADDING)];
        }
    }

    private boolean process(final int length)
    {
        final byte[] bytes = this.bytes;
        for (int i = length, end = length + PADDING; i < end; i++)
        {
            bytes[i] = 0;
        }
        this.length = length;
        this.valueEnd = 0;
        reader.process(bytes, length);
        return true;
    }

    private static final class MalformedJsonException extends IOException
    {
        private static final long serialVersionUID = 1L;

        MalformedJsonException()
        {
            super("malformed JSON");
        }

        public synchronized Throwable fillInStackTrace()
        {
            return this;
        }
    }
}
