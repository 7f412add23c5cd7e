package io.kiteticker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The official kiteconnect-mocks ticker packets (KITE_PROTOCOL.md §15), as bare packet bodies without the frame
 * header.
 */
public final class GoldenVectors
{
    /**
     * The 44-byte quote packet body of {@code ticker_quote.packet}: token 408065, last price 1573.15.
     */
    public static final String QUOTE_HEX = "00063a01" + "00026683" + "00000001" + "00026569" + "0011f1b2" +
        "0003e9ff" + "00058037" + "000264f3" + "0002673c" + "000261c9" + "0002646c";

    /**
     * The 184-byte full packet body of {@code ticker_full.packet}: token 408065, last price 1573.7, five levels.
     */
    public static final String FULL_HEX =
        "00063a01000266ba000000070002656d001232170003e9bb00058a01000264f30002673c000261c90002646c60e2947f" +
        "00000000000000000000000060e2947f000000050002669c000100000000008c0002667400020000000000020002666f" +
        "00010000000000db0002666a00070000000000320002666500010000000000ac000266ba000300000000002c000266bf" +
        "000300000000012e000266c9000300000000008d000266ce00020000000002d4000266d300050000";

    private GoldenVectors()
    {
    }

    /**
     * The quote packet body.
     *
     * @return a new copy of the 44 bytes.
     */
    public static byte[] quotePacket()
    {
        return fromHex(QUOTE_HEX);
    }

    /**
     * The full packet body.
     *
     * @return a new copy of the 184 bytes.
     */
    public static byte[] fullPacket()
    {
        return fromHex(FULL_HEX);
    }

    /**
     * Decode a hex string, ignoring white space.
     *
     * @param hex to decode.
     * @return the bytes.
     */
    public static byte[] fromHex(final String hex)
    {
        final String clean = hex.replaceAll("\\s+", "");
        if ((clean.length() & 1) != 0)
        {
            throw new IllegalArgumentException("odd number of hex digits: " + clean.length());
        }
        final byte[] bytes = new byte[clean.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * Read a classpath resource as UTF-8 text.
     *
     * @param name of the resource.
     * @return its text.
     */
    public static String resourceText(final String name)
    {
        try (InputStream in = GoldenVectors.class.getClassLoader().getResourceAsStream(name))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
