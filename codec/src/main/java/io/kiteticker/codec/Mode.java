package io.kiteticker.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Kite ticker streaming modes: what a subscription receives per instrument.
 * <p>
 * The wire name is the string sent in a {@code mode} request ({@code {"a":"mode","v":["full",[408065]]}}), and the
 * code is a compact stable number for slots and journals. The ASCII form of the wire name is preallocated so that
 * JSON encoders can write it without allocating, through {@link #wireNameBuffer()} or
 * {@link #putWireName(MutableDirectBuffer, int)}.
 */
public enum Mode
{
    /**
     * Last traded price only: 8-byte packets.
     */
    LTP("ltp", 1),

    /**
     * Quote without depth: 44-byte packets (28 bytes for indices).
     */
    QUOTE("quote", 2),

    /**
     * Quote with market depth and timestamps: 184-byte packets (32 bytes for indices).
     */
    FULL("full", 3);

    private static final Mode[] BY_CODE = { null, LTP, QUOTE, FULL };
    private static final Mode[] BY_CODE_VALUES = { LTP, QUOTE, FULL };

    private final String wireName;
    private final int code;
    private final byte[] wireNameBytes;
    private final UnsafeBuffer wireNameBuffer;

    Mode(final String wireName, final int code)
    {
        this.wireName = wireName;
        this.code = code;
        this.wireNameBytes = wireName.getBytes(StandardCharsets.US_ASCII);
        this.wireNameBuffer = new UnsafeBuffer(wireNameBytes);
    }

    /**
     * The name used on the wire: {@code "ltp"}, {@code "quote"} or {@code "full"}.
     *
     * @return the name used on the wire.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * Stable numeric code: 1 for LTP, 2 for QUOTE, 3 for FULL.
     *
     * @return the stable numeric code.
     */
    public int code()
    {
        return code;
    }

    /**
     * The ASCII bytes of {@link #wireName()} as a read-only view, for allocation-free encoding.
     * <p>
     * <b>Note:</b> the view is shared by all users; never cast it to a mutable buffer and write to it.
     *
     * @return the ASCII bytes of the wire name, {@link #wireNameLength()} bytes long.
     */
    public DirectBuffer wireNameBuffer()
    {
        return wireNameBuffer;
    }

    /**
     * Number of ASCII bytes in the wire name (without quotes).
     *
     * @return the number of ASCII bytes in the wire name.
     */
    public int wireNameLength()
    {
        return wireNameBytes.length;
    }

    /**
     * Write the ASCII wire name (without quotes) into a buffer, without allocating.
     *
     * @param buffer to write into.
     * @param index  at which the first byte is written.
     * @return the number of bytes written.
     */
    public int putWireName(final MutableDirectBuffer buffer, final int index)
    {
        buffer.putBytes(index, wireNameBytes);
        return wireNameBytes.length;
    }

    /**
     * Look a mode up by its {@link #code()}.
     *
     * @param code 1, 2 or 3.
     * @return the mode with that code, or {@code null} if there is none.
     */
    public static Mode fromCode(final int code)
    {
        return code >= 1 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * Look a mode up by the ASCII wire name held in a buffer (as parsed from a JSON request), without allocating.
     *
     * @param buffer holding the name.
     * @param index  of the first byte of the name.
     * @param length of the name in bytes.
     * @return the mode with that wire name, or {@code null} if there is none.
     */
    public static Mode fromWireName(final DirectBuffer buffer, final int index, final int length)
    {
        for (final Mode mode : BY_CODE_VALUES)
        {
            final byte[] name = mode.wireNameBytes;
            if (name.length == length)
            {
                int i = 0;
                while (i < length && buffer.getByte(index + i) == name[i])
                {
                    i++;
                }
                if (i == length)
                {
                    return mode;
                }
            }
        }
        return null;
    }
}
