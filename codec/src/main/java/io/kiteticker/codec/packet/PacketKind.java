package io.kiteticker.codec.packet;

import io.kiteticker.codec.Mode;

/**
 * Kinds of Kite ticker packets, identified by the packet's length alone, as the official SDKs do
 * ({@code KITE_PROTOCOL.md} §6).
 * <pre>
 *   length  kind          mode
 *        8  LTP           ltp
 *       28  INDEX_QUOTE   quote
 *       32  INDEX_FULL    full
 *       44  QUOTE         quote
 *      184  FULL          full
 *    other  UNKNOWN       (none)
 * </pre>
 */
public final class PacketKind
{
    /**
     * A packet length no SDK knows; only the instrument token can be read.
     */
    public static final int UNKNOWN = 0;

    /**
     * 8-byte last-traded-price packet.
     */
    public static final int LTP = 1;

    /**
     * 28-byte index quote packet (H, L, O, C order and an exchange-sent change).
     */
    public static final int INDEX_QUOTE = 2;

    /**
     * 32-byte index full packet: index quote plus exchange timestamp.
     */
    public static final int INDEX_FULL = 3;

    /**
     * 44-byte quote packet of a tradable instrument.
     */
    public static final int QUOTE = 4;

    /**
     * 184-byte full packet of a tradable instrument: quote, timestamps, open interest and five levels of depth.
     */
    public static final int FULL = 5;

    /**
     * Length of an {@link #LTP} packet.
     */
    public static final int LTP_LENGTH = 8;

    /**
     * Length of an {@link #INDEX_QUOTE} packet.
     */
    public static final int INDEX_QUOTE_LENGTH = 28;

    /**
     * Length of an {@link #INDEX_FULL} packet.
     */
    public static final int INDEX_FULL_LENGTH = 32;

    /**
     * Length of a {@link #QUOTE} packet.
     */
    public static final int QUOTE_LENGTH = 44;

    /**
     * Length of a {@link #FULL} packet.
     */
    public static final int FULL_LENGTH = 184;

    /**
     * Length of the longest known packet.
     */
    public static final int MAX_LENGTH = FULL_LENGTH;

    /**
     * Number of kinds, including {@link #UNKNOWN}: kinds are {@code 0 .. KIND_COUNT - 1}, usable as array indices.
     */
    public static final int KIND_COUNT = 6;

    private static final int[] LENGTHS = { 0, LTP_LENGTH, INDEX_QUOTE_LENGTH, INDEX_FULL_LENGTH, QUOTE_LENGTH,
        FULL_LENGTH };
    private static final Mode[] MODES = { null, Mode.LTP, Mode.QUOTE, Mode.FULL, Mode.QUOTE, Mode.FULL };
    private static final String[] NAMES = { "UNKNOWN", "LTP", "INDEX_QUOTE", "INDEX_FULL", "QUOTE", "FULL" };

    private PacketKind()
    {
    }

    /**
     * The kind of a packet from its length alone.
     *
     * @param length of the packet body in bytes.
     * @return the kind, or {@link #UNKNOWN} for a length that is not 8, 28, 32, 44 or 184.
     */
    public static int kindForLength(final int length)
    {
        switch (length)
        {
            case LTP_LENGTH:
                return LTP;

            case INDEX_QUOTE_LENGTH:
                return INDEX_QUOTE;

            case INDEX_FULL_LENGTH:
                return INDEX_FULL;

            case QUOTE_LENGTH:
                return QUOTE;

            case FULL_LENGTH:
                return FULL;

            default:
                return UNKNOWN;
        }
    }

    /**
     * The length of a packet of a kind.
     *
     * @param kind of packet.
     * @return its length in bytes, or 0 for {@link #UNKNOWN} or a value that is not a kind.
     */
    public static int length(final int kind)
    {
        return isKnown(kind) ? LENGTHS[kind] : 0;
    }

    /**
     * The mode a kind of packet is sent in.
     *
     * @param kind of packet.
     * @return LTP, QUOTE (also for index quote) or FULL (also for index full); {@code null} for {@link #UNKNOWN}.
     */
    public static Mode mode(final int kind)
    {
        return isKnown(kind) ? MODES[kind] : null;
    }

    /**
     * Is this one of the two index layouts?
     *
     * @param kind of packet.
     * @return true for {@link #INDEX_QUOTE} and {@link #INDEX_FULL}.
     */
    public static boolean isIndexLayout(final int kind)
    {
        return INDEX_QUOTE == kind || INDEX_FULL == kind;
    }

    /**
     * Is this a known kind, i.e. a known length?
     *
     * @param kind of packet.
     * @return true for {@link #LTP} to {@link #FULL}.
     */
    public static boolean isKnown(final int kind)
    {
        return kind > UNKNOWN && kind < KIND_COUNT;
    }

    /**
     * The constant name of a kind, for logs and debugging.
     *
     * @param kind of packet.
     * @return "LTP", "INDEX_QUOTE", "INDEX_FULL", "QUOTE", "FULL", or "UNKNOWN".
     */
    public static String name(final int kind)
    {
        return isKnown(kind) ? NAMES[kind] : NAMES[UNKNOWN];
    }
}
