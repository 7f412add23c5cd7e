package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Allocation-free UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) with an
 * eight-bytes-at-a-time ASCII fast path.
 */
final class Utf8Validator
{
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8Validator()
    {
    }

    /**
     * Is the byte range well-formed UTF-8?
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the range.
     * @return true if the whole range is well-formed UTF-8.
     */
    static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        int i = offset;
        final int end = offset + length;
        while (i < end)
        {
            if (end - i >= 8 && 0 == (buffer.getLong(i, ByteOrder.LITTLE_ENDIAN) & HIGH_BITS))
            {
                i += 8;
                continue;
            }

            final int b0 = buffer.getByte(i) & 0xFF;
            if (b0 < 0x80)
            {
                i++;
            }
            else if (b0 < 0xC2)
            {
                return false;
            }
            else if (b0 < 0xE0)
            {
                if (end - i < 2 || !isContinuation(buffer.getByte(i + 1)))
                {
                    return false;
                }
                i += 2;
            }
            else if (b0 < 0xF0)
            {
                if (end - i < 3)
                {
                    return false;
                }
                final int b1 = buffer.getByte(i + 1) & 0xFF;
                if ((0xE0 == b0 && b1 < 0xA0) || (0xED == b0 && b1 > 0x9F) ||
                    !isContinuation((byte)b1) || !isContinuation(buffer.getByte(i + 2)))
                {
                    return false;
                }
                i += 3;
            }
            else if (b0 < 0xF5)
            {
                if (end - i < 4)
                {
                    return false;
                }
                final int b1 = buffer.getByte(i + 1) & 0xFF;
                if ((0xF0 == b0 && b1 < 0x90) || (0xF4 == b0 && b1 > 0x8F) ||
                    !isContinuation((byte)b1) || !isContinuation(buffer.getByte(i + 2)) ||
                    !isContinuation(buffer.getByte(i + 3)))
                {
                    return false;
                }
                i += 4;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static boolean isContinuation(final byte b)
    {
        return (b & 0xC0) == 0x80;
    }
}
