package io.kiteticker.codec.text;

import org.agrona.MutableDirectBuffer;

/**
 * Allocation-free JSON writing primitives over Agrona buffers: escaped strings, raw UTF-8, unsigned ints and
 * doubles.
 */
final class JsonOutput
{
    /**
     * Worst case bytes per UTF-16 char inside an escaped JSON string ({@code \u001f}).
     */
    static final int MAX_ESCAPED_BYTES_PER_CHAR = 6;

    /**
     * Worst case bytes per UTF-16 char of raw UTF-8.
     */
    static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    /**
     * Upper bound of the length of a number written by {@link #putDouble(MutableDirectBuffer, int, double)} or a
     * long.
     */
    static final int MAX_NUMBER_LENGTH = 40;

    private static final byte[] HEX =
        { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };
    private static final byte[] NULL = { 'n', 'u', 'l', 'l' };
    private static final byte[] SHORT_ESCAPES = new byte[0x20];
    private static final long[] POW_10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L };
    private static final int MAX_FRACTION_DIGITS = 17;
    private static final double MAX_EXACT = 9.0e15;

    static
    {
        SHORT_ESCAPES['\n'] = 'n';
        SHORT_ESCAPES['\r'] = 'r';
        SHORT_ESCAPES['\t'] = 't';
        SHORT_ESCAPES['\b'] = 'b';
        SHORT_ESCAPES['\f'] = 'f';
    }

    private JsonOutput()
    {
    }

    static int putNull(final MutableDirectBuffer buffer, final int index)
    {
        buffer.putBytes(index, NULL);
        return NULL.length;
    }

    /**
     * Write a token as an unsigned 32-bit decimal.
     *
     * @param buffer to write into.
     * @param index  of the first byte.
     * @param token  whose 32 bits are an unsigned value.
     * @return bytes written.
     */
    static int putUnsignedInt(final MutableDirectBuffer buffer, final int index, final int token)
    {
        if (token >= 0)
        {
            return buffer.putNaturalIntAscii(index, token);
        }
        return buffer.putNaturalLongAscii(index, token & 0xFFFF_FFFFL);
    }

    /**
     * Write a double as a JSON number that reads back as the same double: integral values below 9e15 without a
     * fraction, values with up to 15 significant digits (every price) in plain decimal notation with the fewest
     * fraction digits, both without allocating; NaN and infinities as {@code null}. Any other value (such as
     * {@code 0.1 + 0.2}) falls back to {@link Double#toString(double)}, which allocates.
     *
     * @param buffer to write into.
     * @param index  of the first byte.
     * @param value  to write.
     * @return bytes written.
     */
    static int putDouble(final MutableDirectBuffer buffer, final int index, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return putNull(buffer, index);
        }
        final double magnitude = Math.abs(value);
        if (magnitude < MAX_EXACT && value == (long)value)
        {
            return buffer.putLongAscii(index, (long)value);
        }

        int digits = 0;
        long scaled = -1;
        for (int k = 1; k <= MAX_FRACTION_DIGITS; k++)
        {
            final double product = magnitude * POW_10[k];
            if (product >= MAX_EXACT)
            {
                break;
            }
            final long candidate = Math.round(product);
            if (candidate / (double)POW_10[k] == magnitude)
            {
                digits = k;
                scaled = candidate;
                break;
            }
        }
        if (scaled < 0)
        {
            return buffer.putStringWithoutLengthAscii(index, Double.toString(value));
        }
        while (digits > 0 && scaled % 10 == 0)
        {
            scaled /= 10;
            digits--;
        }

        int i = index;
        if (value < 0 && scaled != 0)
        {
            buffer.putByte(i++, (byte)'-');
        }
        i += buffer.putNaturalLongAscii(i, scaled / POW_10[digits]);
        if (digits > 0)
        {
            buffer.putByte(i++, (byte)'.');
            long fraction = scaled % POW_10[digits];
            for (int d = digits - 1; d >= 0; d--)
            {
                buffer.putByte(i + d, (byte)('0' + fraction % 10));
                fraction /= 10;
            }
            i += digits;
        }
        return i - index;
    }

    /**
     * Write a JSON string: quotes, escapes for {@code "}, {@code \} and control characters, UTF-8 for the rest
     * (lone surrogates become U+FFFD).
     *
     * @param buffer to write into.
     * @param index  of the first byte.
     * @param value  to write; null writes {@code null}.
     * @return bytes written.
     */
    static int putString(final MutableDirectBuffer buffer, final int index, final CharSequence value)
    {
        if (null == value)
        {
            return putNull(buffer, index);
        }
        int i = index;
        buffer.putByte(i++, (byte)'"');
        i += putChars(buffer, i, value, true);
        buffer.putByte(i++, (byte)'"');
        return i - index;
    }

    /**
     * Write chars as UTF-8 without any escaping (raw JSON text).
     *
     * @param buffer to write into.
     * @param index  of the first byte.
     * @param value  to write.
     * @return bytes written.
     */
    static int putRaw(final MutableDirectBuffer buffer, final int index, final CharSequence value)
    {
        return putChars(buffer, index, value, false);
    }

    private static int putChars(
        final MutableDirectBuffer buffer, final int index, final CharSequence value, final boolean escape)
    {
        int i = index;
        final int length = value.length();
        for (int c = 0; c < length; c++)
        {
            final char ch = value.charAt(c);
            if (ch < 0x80)
            {
                if (escape && ('"' == ch || '\\' == ch))
                {
                    buffer.putByte(i++, (byte)'\\');
                    buffer.putByte(i++, (byte)ch);
                }
                else if (escape && ch < 0x20)
                {
                    i += putControl(buffer, i, ch);
                }
                else
                {
                    buffer.putByte(i++, (byte)ch);
                }
            }
            else
            {
                final int consumed = putUtf8Char(buffer, i, value, c, length);
                i += consumed >>> 8;
                c += (consumed & 0xFF) - 1;
            }
        }
        return i - index;
    }

    private static int putControl(final MutableDirectBuffer buffer, final int index, final char ch)
    {
        buffer.putByte(index, (byte)'\\');
        final byte shortEscape = SHORT_ESCAPES[ch];
        if (0 != shortEscape)
        {
            buffer.putByte(index + 1, shortEscape);
            return 2;
        }
        buffer.putByte(index + 1, (byte)'u');
        buffer.putByte(index + 2, (byte)'0');
        buffer.putByte(index + 3, (byte)'0');
        buffer.putByte(index + 4, HEX[(ch >>> 4) & 0xF]);
        buffer.putByte(index + 5, HEX[ch & 0xF]);
        return 6;
    }

    /**
     * Write one non-ASCII char (or surrogate pair) as UTF-8.
     *
     * @return bytes written shifted left by 8, or'ed with the chars consumed (1 or 2).
     */
    private static int putUtf8Char(
        final MutableDirectBuffer buffer, final int index, final CharSequence value, final int c, final int length)
    {
        final char ch = value.charAt(c);
        if (ch < 0x800)
        {
            buffer.putByte(index, (byte)(0xC0 | (ch >>> 6)));
            buffer.putByte(index + 1, (byte)(0x80 | (ch & 0x3F)));
            return (2 << 8) | 1;
        }
        if (Character.isHighSurrogate(ch) && c + 1 < length && Character.isLowSurrogate(value.charAt(c + 1)))
        {
            final int codePoint = Character.toCodePoint(ch, value.charAt(c + 1));
            buffer.putByte(index, (byte)(0xF0 | (codePoint >>> 18)));
            buffer.putByte(index + 1, (byte)(0x80 | ((codePoint >>> 12) & 0x3F)));
            buffer.putByte(index + 2, (byte)(0x80 | ((codePoint >>> 6) & 0x3F)));
            buffer.putByte(index + 3, (byte)(0x80 | (codePoint & 0x3F)));
            return (4 << 8) | 2;
        }
        final char unit = Character.isSurrogate(ch) ? '\uFFFD' : ch;
        buffer.putByte(index, (byte)(0xE0 | (unit >>> 12)));
        buffer.putByte(index + 1, (byte)(0x80 | ((unit >>> 6) & 0x3F)));
        buffer.putByte(index + 2, (byte)(0x80 | (unit & 0x3F)));
        return (3 << 8) | 1;
    }
}
