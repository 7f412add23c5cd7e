package io.kiteticker.codec.text;

import io.kiteticker.codec.Mode;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

import java.io.IOException;

/**
 * Parses a client to server subscription request (server side, used by the simulator), allocation-free once warm:
 * <pre>
 *   {"a":"subscribe","v":[408065,884737]}      action SUBSCRIBE,   tokens [408065, 884737]
 *   {"a":"unsubscribe","v":[408065]}           action UNSUBSCRIBE, tokens [408065]
 *   {"a":"mode","v":["full",[408065]]}         action MODE, mode FULL, tokens [408065]
 * </pre>
 * Key order is irrelevant, white space is allowed and unknown keys are skipped. Tokens are uint32 and are stored
 * in a reused {@link IntArrayList} as their {@code int} bit patterns (read them with {@link IntArrayList#getInt(int)}
 * and {@link Integer#toUnsignedLong(int)}; the boxed accessors treat {@link Integer#MIN_VALUE} as null).
 * <p>
 * {@link #decode(DirectBuffer, int, int)} returns {@link #OK} or a negative code and never throws; after a failure
 * the accessors hold whatever was parsed before it.
 * <p>
 * <b>Note:</b> an instance and the list returned by {@link #tokens()} belong to one thread and are overwritten by the
 * next decode.
 */
public final class SubscriptionRequestDecoder
{
    /**
     * A valid request.
     */
    public static final int OK = 0;

    /**
     * Not a JSON object, invalid JSON, or longer than the maximum length.
     */
    public static final int MALFORMED_JSON = -1;

    /**
     * Valid JSON whose {@code "a"} is missing, not a string, or not subscribe, unsubscribe or mode.
     */
    public static final int UNKNOWN_ACTION = -2;

    /**
     * Valid JSON with a known action whose {@code "v"} is missing or of the wrong shape, holds a token that is not a
     * uint32, or names an unknown mode.
     */
    public static final int BAD_VALUE = -3;

    /**
     * No action was recognised.
     */
    public static final int NONE = 0;

    /**
     * {@code "a":"subscribe"}.
     */
    public static final int SUBSCRIBE = 1;

    /**
     * {@code "a":"unsubscribe"}.
     */
    public static final int UNSUBSCRIBE = 2;

    /**
     * {@code "a":"mode"}.
     */
    public static final int MODE = 3;

    /**
     * Default for the longest request accepted: 1 MiB.
     */
    public static final int MAX_LENGTH_DEFAULT = 1024 * 1024;

    private static final int KEY_ACTION = 0;
    private static final int KEY_VALUE = 1;
    private static final NameTable KEYS = new NameTable("a", "v");

    private static final int SHAPE_NONE = 0;
    private static final int SHAPE_LIST = 1;
    private static final int SHAPE_MODE = 2;
    private static final int SHAPE_BAD = 3;

    private final JsonScanner scanner;
    private final IntArrayList tokens;
    private final StringBuilder text = new StringBuilder(16);
    private int action;
    private Mode mode;
    private int shape;
    private boolean hasBadToken;

    /**
     * Create a decoder for requests of up to {@link #MAX_LENGTH_DEFAULT} bytes.
     */
    public SubscriptionRequestDecoder()
    {
        this(MAX_LENGTH_DEFAULT, 1024);
    }

    /**
     * Create a decoder.
     *
     * @param maxLength            longest request in bytes accepted; longer ones are {@link #MALFORMED_JSON}.
     * @param initialTokenCapacity of the token list, which grows as needed.
     */
    public SubscriptionRequestDecoder(final int maxLength, final int initialTokenCapacity)
    {
        this.scanner = new JsonScanner(Math.min(maxLength, 64 * 1024), maxLength);
        this.tokens = new IntArrayList(Math.max(initialTokenCapacity, 16), Integer.MIN_VALUE);
    }

    /**
     * Parse a request held in a buffer.
     *
     * @param buffer holding the text frame payload (UTF-8 JSON).
     * @param offset of the first byte.
     * @param length in bytes.
     * @return {@link #OK}, {@link #MALFORMED_JSON}, {@link #UNKNOWN_ACTION} or {@link #BAD_VALUE}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        if (!scanner.wrap(buffer, offset, length))
        {
            return MALFORMED_JSON;
        }
        return parse();
    }

    /**
     * Parse a request held in a byte array.
     *
     * @param bytes  holding the text frame payload (UTF-8 JSON).
     * @param offset of the first byte.
     * @param length in bytes.
     * @return {@link #OK}, {@link #MALFORMED_JSON}, {@link #UNKNOWN_ACTION} or {@link #BAD_VALUE}.
     */
    public int decode(final byte[] bytes, final int offset, final int length)
    {
        reset();
        if (!scanner.wrap(bytes, offset, length))
        {
            return MALFORMED_JSON;
        }
        return parse();
    }

    /**
     * The action of the last request decoded.
     *
     * @return {@link #SUBSCRIBE}, {@link #UNSUBSCRIBE}, {@link #MODE} or {@link #NONE}.
     */
    public int action()
    {
        return action;
    }

    /**
     * The mode of the last {@link #MODE} request decoded.
     *
     * @return the mode, or null if the request was not a valid mode request.
     */
    public Mode mode()
    {
        return mode;
    }

    /**
     * The tokens of the last request decoded, as uint32 bit patterns, in request order (duplicates kept).
     *
     * @return the reused list of tokens.
     */
    public IntArrayList tokens()
    {
        return tokens;
    }

    /**
     * Name of an action constant, for logs.
     *
     * @param action constant.
     * @return {@code "subscribe"}, {@code "unsubscribe"}, {@code "mode"} or {@code "none"}.
     */
    public static String actionName(final int action)
    {
        switch (action)
        {
            case SUBSCRIBE:
                return "subscribe";
            case UNSUBSCRIBE:
                return "unsubscribe";
            case MODE:
                return "mode";
            default:
                return "none";
        }
    }

    private void reset()
    {
        action = NONE;
        mode = null;
        shape = SHAPE_NONE;
        hasBadToken = false;
        tokens.clear();
    }

    private int parse()
    {
        boolean hasAction = false;
        try
        {
            if ('{' != scanner.nextToken())
            {
                return MALFORMED_JSON;
            }
            if (scanner.firstElement('}'))
            {
                do
                {
                    final int key = scanner.readMember(KEYS);
                    if (KEY_ACTION == key)
                    {
                        hasAction = true;
                        parseAction();
                    }
                    else if (KEY_VALUE == key)
                    {
                        parseValue();
                    }
                    else
                    {
                        scanner.skipValue(0);
                    }
                }
                while (scanner.nextElement('}'));
            }
            if (!scanner.isRestWhitespace())
            {
                return MALFORMED_JSON;
            }
        }
        catch (final Exception ex)
        {
            return MALFORMED_JSON;
        }

        if (!hasAction || NONE == action)
        {
            action = NONE;
            return UNKNOWN_ACTION;
        }
        if (hasBadToken)
        {
            return BAD_VALUE;
        }
        if (MODE == action)
        {
            return SHAPE_MODE == shape && null != mode ? OK : BAD_VALUE;
        }
        return SHAPE_LIST == shape ? OK : BAD_VALUE;
    }

    private void parseAction() throws IOException
    {
        action = NONE;
        if ('"' != scanner.last())
        {
            scanner.skipValue(0);
            return;
        }
        text.setLength(0);
        scanner.readString(text);
        if (equals(text, "subscribe"))
        {
            action = SUBSCRIBE;
        }
        else if (equals(text, "unsubscribe"))
        {
            action = UNSUBSCRIBE;
        }
        else if (equals(text, "mode"))
        {
            action = MODE;
        }
    }

    private void parseValue() throws IOException
    {
        tokens.clear();
        mode = null;
        hasBadToken = false;
        if ('[' != scanner.last())
        {
            shape = SHAPE_BAD;
            scanner.skipValue(0);
            return;
        }

        byte token = scanner.nextToken();
        if (']' == token)
        {
            shape = SHAPE_LIST;
            return;
        }
        if ('"' == token)
        {
            text.setLength(0);
            scanner.readString(text);
            mode = modeFor(text);
            if (',' != scanner.nextToken())
            {
                shape = SHAPE_BAD;
                finishArray(scanner.last());
                return;
            }
            if ('[' != scanner.nextToken())
            {
                shape = SHAPE_BAD;
                scanner.skipValue(1);
                finishArray(scanner.nextToken());
                return;
            }
            shape = SHAPE_MODE;
            scanner.nextToken();
            parseTokens();
            token = scanner.nextToken();
            if (']' != token)
            {
                shape = SHAPE_BAD;
                finishArray(token);
            }
            return;
        }
        shape = SHAPE_LIST;
        parseTokens();
    }

    /**
     * Parse token array elements up to and including the closing ']'; the first element's first byte (or the ']')
     * is {@link JsonScanner#last()}.
     */
    private void parseTokens() throws IOException
    {
        if (']' == scanner.last())
        {
            return;
        }
        do
        {
            final byte token = scanner.last();
            if ('-' == token || (token >= '0' && token <= '9'))
            {
                final long value = scanner.readUint32();
                if (value < 0)
                {
                    hasBadToken = true;
                }
                else
                {
                    tokens.addInt((int)value);
                }
            }
            else
            {
                hasBadToken = true;
                scanner.skipValue(2);
            }
        }
        while (scanner.nextElement(']'));
    }

    /**
     * Skip the remaining elements of an array after an element, given the token that followed it.
     */
    private void finishArray(final byte afterElement) throws IOException
    {
        byte token = afterElement;
        while (']' != token)
        {
            if (',' != token)
            {
                throw JsonScanner.MALFORMED;
            }
            scanner.nextToken();
            scanner.skipValue(1);
            token = scanner.nextToken();
        }
    }

    private static Mode modeFor(final CharSequence name)
    {
        if (equals(name, Mode.LTP.wireName()))
        {
            return Mode.LTP;
        }
        if (equals(name, Mode.QUOTE.wireName()))
        {
            return Mode.QUOTE;
        }
        if (equals(name, Mode.FULL.wireName()))
        {
            return Mode.FULL;
        }
        return null;
    }

    private static boolean equals(final CharSequence text, final String expected)
    {
        final int length = expected.length();
        if (text.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (text.charAt(i) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
