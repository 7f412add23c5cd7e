package io.kiteticker.codec.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Constants and helpers of the RFC 6455 §4 opening handshake shared by both sides. Runs once per connection, so it
 * may allocate.
 */
public final class WebSocketHandshake
{
    /**
     * The GUID appended to the client's key before hashing (RFC 6455 §1.3).
     */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /**
     * The only protocol version of RFC 6455.
     */
    public static final int VERSION = 13;

    /**
     * Length of a Sec-WebSocket-Key: base64 of 16 bytes.
     */
    public static final int KEY_LENGTH = 24;

    private WebSocketHandshake()
    {
    }

    /**
     * The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)).
     *
     * @param secWebSocketKey as sent by the client, for example {@code dGhlIHNhbXBsZSBub25jZQ==}.
     * @return the accept value, for example {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}.
     */
    public static String acceptKey(final CharSequence secWebSocketKey)
    {
        final MessageDigest sha1;
        try
        {
            sha1 = MessageDigest.getInstance("SHA-1");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
        }

        final String input = secWebSocketKey + GUID;
        return Base64.getEncoder().encodeToString(sha1.digest(input.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Is the value a well-formed Sec-WebSocket-Key (base64 of exactly 16 bytes)?
     *
     * @param secWebSocketKey to check, may be null.
     * @return true if it decodes to 16 bytes.
     */
    public static boolean isValidKey(final CharSequence secWebSocketKey)
    {
        if (null == secWebSocketKey || KEY_LENGTH != secWebSocketKey.length())
        {
            return false;
        }
        try
        {
            return 16 == Base64.getDecoder().decode(secWebSocketKey.toString()).length;
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }
}
