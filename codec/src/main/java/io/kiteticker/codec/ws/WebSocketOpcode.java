package io.kiteticker.codec.ws;

/**
 * WebSocket frame opcodes of RFC 6455 §5.2 as int constants, with classification helpers.
 */
public final class WebSocketOpcode
{
    /**
     * Continuation of a fragmented data message.
     */
    public static final int CONTINUATION = 0x0;

    /**
     * Text data frame (UTF-8 payload).
     */
    public static final int TEXT = 0x1;

    /**
     * Binary data frame.
     */
    public static final int BINARY = 0x2;

    /**
     * Close control frame.
     */
    public static final int CLOSE = 0x8;

    /**
     * Ping control frame.
     */
    public static final int PING = 0x9;

    /**
     * Pong control frame.
     */
    public static final int PONG = 0xA;

    private WebSocketOpcode()
    {
    }

    /**
     * Is the opcode one of the six defined by RFC 6455?
     *
     * @param opcode to test, the low four bits of the first frame byte.
     * @return true for CONTINUATION, TEXT, BINARY, CLOSE, PING and PONG.
     */
    public static boolean isKnown(final int opcode)
    {
        return (opcode >= CONTINUATION && opcode <= BINARY) || (opcode >= CLOSE && opcode <= PONG);
    }

    /**
     * Is the opcode a control opcode (the high bit of the nibble set)?
     *
     * @param opcode to test.
     * @return true for opcodes 0x8 to 0xF.
     */
    public static boolean isControl(final int opcode)
    {
        return (opcode & 0x8) != 0;
    }

    /**
     * Name of the opcode for logs and tests, a constant string (no allocation).
     *
     * @param opcode to name.
     * @return the name, or "UNKNOWN".
     */
    public static String name(final int opcode)
    {
        switch (opcode)
        {
            case CONTINUATION:
                return "CONTINUATION";
            case TEXT:
                return "TEXT";
            case BINARY:
                return "BINARY";
            case CLOSE:
                return "CLOSE";
            case PING:
                return "PING";
            case PONG:
                return "PONG";
            default:
                return "UNKNOWN";
        }
    }
}
