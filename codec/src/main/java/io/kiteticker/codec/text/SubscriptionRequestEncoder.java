package io.kiteticker.codec.text;

import io.kiteticker.codec.Mode;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntArrayList;

import java.nio.charset.StandardCharsets;

/**
 * Writes the client to server subscription requests of the Kite ticker as JSON text into a caller's buffer, without
 * allocating (KITE_PROTOCOL.md §3):
 * <pre>
 *   {"a":"subscribe","v":[408065,884737]}
 *   {"a":"unsubscribe","v":[408065]}
 *   {"a":"mode","v":["full",[408065]]}
 * </pre>
 * Instrument tokens are uint32 on the wire; they are held in Java {@code int}s and printed as unsigned, so a token
 * above 2<sup>31</sup>-1 round trips through its negative {@code int} bit pattern.
 * <p>
 * The buffer must have room for {@link #maxEncodedLength(int)} bytes from the offset (or be expandable); an
 * {@code UnsafeBuffer} that is too small throws {@link IndexOutOfBoundsException} while bounds checks are on.
 * <p>
 * <b>Note:</b> stateless; one instance may be shared, but there is no reason to share it.
 */
public final class SubscriptionRequestEncoder
{
    /**
     * Most bytes any request needs besides its tokens: {@code {"a":"mode","v":["quote",[}} plus {@code ]]}}.
     */
    public static final int MAX_OVERHEAD_LENGTH = 32;

    /**
     * Most bytes one token needs: 10 digits of a uint32 and a comma.
     */
    public static final int MAX_TOKEN_LENGTH = 11;

    private static final byte[] SUBSCRIBE_PREFIX = ascii("{\"a\":\"subscribe\",\"v\":[");
    private static final byte[] UNSUBSCRIBE_PREFIX = ascii("{\"a\":\"unsubscribe\",\"v\":[");
    private static final byte[] MODE_PREFIX = ascii("{\"a\":\"mode\",\"v\":[\"");
    private static final byte[] MODE_MIDDLE = ascii("\",[");
    private static final byte[] LIST_SUFFIX = ascii("]}");
    private static final byte[] MODE_SUFFIX = ascii("]]}");

    /**
     * Create an encoder.
     */
    public SubscriptionRequestEncoder()
    {
    }

    /**
     * Upper bound of the encoded length of any request carrying {@code tokenCount} tokens, for sizing buffers
     * (3000 tokens need at most 33,032 bytes).
     *
     * @param tokenCount number of tokens in the request.
     * @return the most bytes the request can take.
     */
    public static int maxEncodedLength(final int tokenCount)
    {
        return MAX_OVERHEAD_LENGTH + MAX_TOKEN_LENGTH * Math.max(0, tokenCount);
    }

    /**
     * Write {@code {"a":"subscribe","v":[t1,t2,…]}}.
     *
     * @param buffer      to write into.
     * @param offset      at which the first byte is written.
     * @param tokens      holding the instrument tokens (uint32 bit patterns).
     * @param tokenOffset index of the first token in {@code tokens}.
     * @param count       number of tokens to write.
     * @return the encoded length in bytes.
     */
    public int subscribe(
        final MutableDirectBuffer buffer, final int offset, final int[] tokens, final int tokenOffset, final int count)
    {
        return list(buffer, offset, SUBSCRIBE_PREFIX, tokens, tokenOffset, count);
    }

    /**
     * Write {@code {"a":"subscribe","v":[…]}} with every token of the list.
     *
     * @param buffer to write into.
     * @param offset at which the first byte is written.
     * @param tokens the instrument tokens (uint32 bit patterns).
     * @return the encoded length in bytes.
     */
    public int subscribe(final MutableDirectBuffer buffer, final int offset, final IntArrayList tokens)
    {
        return list(buffer, offset, SUBSCRIBE_PREFIX, tokens);
    }

    /**
     * Write {@code {"a":"unsubscribe","v":[t1,t2,…]}}.
     *
     * @param buffer      to write into.
     * @param offset      at which the first byte is written.
     * @param tokens      holding the instrument tokens (uint32 bit patterns).
     * @param tokenOffset index of the first token in {@code tokens}.
     * @param count       number of tokens to write.
     * @return the encoded length in bytes.
     */
    public int unsubscribe(
        final MutableDirectBuffer buffer, final int offset, final int[] tokens, final int tokenOffset, final int count)
    {
        return list(buffer, offset, UNSUBSCRIBE_PREFIX, tokens, tokenOffset, count);
    }

    /**
     * Write {@code {"a":"unsubscribe","v":[…]}} with every token of the list.
     *
     * @param buffer to write into.
     * @param offset at which the first byte is written.
     * @param tokens the instrument tokens (uint32 bit patterns).
     * @return the encoded length in bytes.
     */
    public int unsubscribe(final MutableDirectBuffer buffer, final int offset, final IntArrayList tokens)
    {
        return list(buffer, offset, UNSUBSCRIBE_PREFIX, tokens);
    }

    /**
     * Write {@code {"a":"mode","v":["full",[t1,t2,…]]}}.
     *
     * @param buffer      to write into.
     * @param offset      at which the first byte is written.
     * @param mode        to set for the tokens.
     * @param tokens      holding the instrument tokens (uint32 bit patterns).
     * @param tokenOffset index of the first token in {@code tokens}.
     * @param count       number of tokens to write.
     * @return the encoded length in bytes.
     */
    public int mode(
        final MutableDirectBuffer buffer,
        final int offset,
        final Mode mode,
        final int[] tokens,
        final int tokenOffset,
        final int count)
    {
        int i = modePrefix(buffer, offset, mode);
        for (int t = 0; t < count; t++)
        {
            if (t > 0)
            {
                buffer.putByte(i++, (byte)',');
            }
            i += JsonOutput.putUnsignedInt(buffer, i, tokens[tokenOffset + t]);
        }
        buffer.putBytes(i, MODE_SUFFIX);
        return i + MODE_SUFFIX.length - offset;
    }

    /**
     * Write {@code {"a":"mode","v":["full",[…]]}} with every token of the list.
     *
     * @param buffer to write into.
     * @param offset at which the first byte is written.
     * @param mode   to set for the tokens.
     * @param tokens the instrument tokens (uint32 bit patterns).
     * @return the encoded length in bytes.
     */
    public int mode(final MutableDirectBuffer buffer, final int offset, final Mode mode, final IntArrayList tokens)
    {
        int i = modePrefix(buffer, offset, mode);
        for (int t = 0, count = tokens.size(); t < count; t++)
        {
            if (t > 0)
            {
                buffer.putByte(i++, (byte)',');
            }
            i += JsonOutput.putUnsignedInt(buffer, i, tokens.getInt(t));
        }
        buffer.putBytes(i, MODE_SUFFIX);
        return i + MODE_SUFFIX.length - offset;
    }

    private static int modePrefix(final MutableDirectBuffer buffer, final int offset, final Mode mode)
    {
        int i = offset;
        buffer.putBytes(i, MODE_PREFIX);
        i += MODE_PREFIX.length;
        i += mode.putWireName(buffer, i);
        buffer.putBytes(i, MODE_MIDDLE);
        return i + MODE_MIDDLE.length;
    }

    private static int list(
        final MutableDirectBuffer buffer,
        final int offset,
        final byte[] prefix,
        final int[] tokens,
        final int tokenOffset,
        final int count)
    {
        int i = offset;
        buffer.putBytes(i, prefix);
        i += prefix.length;
        for (int t = 0; t < count; t++)
        {
            if (t > 0)
            {
                buffer.putByte(i++, (byte)',');
            }
            i += JsonOutput.putUnsignedInt(buffer, i, tokens[tokenOffset + t]);
        }
        buffer.putBytes(i, LIST_SUFFIX);
        return i + LIST_SUFFIX.length - offset;
    }

    private static int list(
        final MutableDirectBuffer buffer, final int offset, final byte[] prefix, final IntArrayList tokens)
    {
        int i = offset;
        buffer.putBytes(i, prefix);
        i += prefix.length;
        for (int t = 0, count = tokens.size(); t < count; t++)
        {
            if (t > 0)
            {
                buffer.putByte(i++, (byte)',');
            }
            i += JsonOutput.putUnsignedInt(buffer, i, tokens.getInt(t));
        }
        buffer.putBytes(i, LIST_SUFFIX);
        return i + LIST_SUFFIX.length - offset;
    }

    private static byte[] ascii(final String value)
    {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
