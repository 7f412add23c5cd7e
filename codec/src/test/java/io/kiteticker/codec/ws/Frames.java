package io.kiteticker.codec.ws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds raw frames byte by byte for tests, independent of the encoder under test.
 */
final class Frames
{
    private Frames()
    {
    }

    static byte[] bytes(final int... values)
    {
        final byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = (byte)values[i];
        }
        return bytes;
    }

    static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(final String value)
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pattern(final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + 7);
        }
        return bytes;
    }

    /**
     * A frame with the minimal length form, unmasked.
     */
    static byte[] frame(final int firstByte, final byte[] payload)
    {
        return frame(firstByte, payload, false, 0);
    }

    /**
     * A frame with the minimal length form, masked with the key if requested.
     */
    static byte[] frame(final int firstByte, final byte[] payload, final boolean masked, final int key)
    {
        final int length = payload.length;
        final int lengthForm = length < 126 ? 0 : length <= 0xFFFF ? 16 : 64;
        return frame(firstByte, payload, masked, key, lengthForm);
    }

    /**
     * A frame with an explicit length form: 0 (7-bit), 16 or 64.
     */
    static byte[] frame(
        final int firstByte, final byte[] payload, final boolean masked, final int key, final int lengthForm)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        final int maskBit = masked ? 0x80 : 0;
        final long length = payload.length;
        if (0 == lengthForm)
        {
            out.write(maskBit | (int)length);
        }
        else if (16 == lengthForm)
        {
            out.write(maskBit | 126);
            out.write((int)(length >>> 8));
            out.write((int)length);
        }
        else
        {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                out.write((int)(length >>> shift));
            }
        }
        if (masked)
        {
            out.write(key >>> 24);
            out.write(key >>> 16);
            out.write(key >>> 8);
            out.write(key);
        }
        for (int i = 0; i < payload.length; i++)
        {
            final int keyByte = masked ? (key >>> (24 - 8 * (i & 3))) & 0xFF : 0;
            out.write(payload[i] ^ keyByte);
        }
        return out.toByteArray();
    }
}
