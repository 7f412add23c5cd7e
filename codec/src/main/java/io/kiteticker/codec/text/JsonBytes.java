package io.kiteticker.codec.text;

/**
 * The byte-level grammar {@link JsonScanner} checks beside dsl-json: the strict JSON number syntax (RFC 8259 §6) and
 * UTF-8 decoding into a {@link StringBuilder}, over a plain {@code byte[]} and without allocating.
 */
final class JsonBytes
{
    private JsonBytes()
    {
    }

    /**
     * Append bytes decoded as UTF-8; malformed sequences become U+FFFD.
     *
     * @param src     bytes.
     * @param start   index of the first byte.
     * @param end     index just past the last byte.
     * @param builder to append to.
     */
    static void appendUtf8(final byte[] src, final int start, final int end, final StringBuilder builder)
    {
        int i = start;
        while (i < end)
        {
            final int b = src[i] & 0xFF;
            if (b < 0x80)
            {
                builder.append((char)b);
                i++;
            }
            else if ((b & 0xE0) == 0xC0 && i + 1 < end && isContinuation(src[i + 1]))
            {
                builder.append((char)(((b & 0x1F) << 6) | (src[i + 1] & 0x3F)));
                i += 2;
            }
            else if ((b & 0xF0) == 0xE0 && i + 2 < end && isContinuation(src[i + 1]) && isContinuation(src[i + 2]))
            {
                builder.append((char)(((b & 0x0F) << 12) | ((src[i + 1] & 0x3F) << 6) | (src[i + 2] & 0x3F)));
                i += 3;
            }
            else if ((b & 0xF8) == 0xF0 && i + 3 < end &&
                isContinuation(src[i + 1]) && isContinuation(src[i + 2]) && isContinuation(src[i + 3]))
            {
                final int codePoint = ((b & 0x07) << 18) | ((src[i + 1] & 0x3F) << 12) |
                    ((src[i + 2] & 0x3F) << 6) | (src[i + 3] & 0x3F);
                if (codePoint >= 0x10000 && codePoint < 0x110000)
                {
                    builder.append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
                }
                else
                {
                    builder.append('\uFFFD');
                }
                i += 4;
            }
            else
            {
                builder.append('\uFFFD');
                i++;
            }
        }
    }

    /**
     * End of a JSON number starting at {@code start}: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}.
     *
     * @param src   bytes.
     * @param start index of the first byte.
     * @param limit index past the last readable byte.
     * @return index just past the number, or -1 if there is no valid number at {@code start}.
     */
    static int numberEnd(final byte[] src, final int start, final int limit)
    {
        int i = start;
        if (i < limit && '-' == src[i])
        {
            i++;
        }
        if (i >= limit)
        {
            return -1;
        }
        if ('0' == src[i])
        {
            i++;
        }
        else if (src[i] >= '1' && src[i] <= '9')
        {
            i = digitsEnd(src, i + 1, limit);
        }
        else
        {
            return -1;
        }
        if (i < limit && '.' == src[i])
        {
            i++;
            final int digitsStart = i;
            i = digitsEnd(src, digitsStart, limit);
            if (i == digitsStart)
            {
                return -1;
            }
        }
        if (i < limit && ('e' == src[i] || 'E' == src[i]))
        {
            i++;
            if (i < limit && ('+' == src[i] || '-' == src[i]))
            {
                i++;
            }
            final int digitsStart = i;
            i = digitsEnd(src, digitsStart, limit);
            if (i == digitsStart)
            {
                return -1;
            }
        }
        return i;
    }

    private static int digitsEnd(final byte[] src, final int start, final int limit)
    {
        int i = start;
        while (i < limit && isDigit(src[i]))
        {
            i++;
        }
        return i;
    }

    /**
     * Is a number already validated by {@link #numberEnd(byte[], int, int)} free of fraction and exponent?
     *
     * @param src   bytes.
     * @param start index of the first byte of the number.
     * @param end   index just past the number.
     * @return true for an integer literal such as {@code -12}.
     */
    static boolean isPlainInteger(final byte[] src, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            final byte b = src[i];
            if ('.' == b || 'e' == b || 'E' == b)
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
