package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

import java.util.Locale;

/**
 * Client side of the opening handshake: parses the server's HTTP response incrementally from the receive buffer
 * and validates a {@code 101 Switching Protocols}: {@code Upgrade} holds the token {@code websocket},
 * {@code Connection} holds {@code upgrade} (both case-insensitive token lists) and {@code Sec-WebSocket-Accept}
 * equals base64(SHA-1(key + GUID)) for the key of the request. No extension or sub-protocol may be selected, as the
 * client offers none.
 * <p>
 * Call {@link #decode} with the bytes received so far until it returns something other than
 * {@link #NEED_MORE_DATA}. After {@link #OK} the first {@link #headerLength()} bytes are the handshake; the bytes
 * after them are already WebSocket frames (the server may send them in the same segment) and must be kept.
 * A {@code 403} (Kite's answer to a bad api_key or access_token) is {@link #CREDENTIALS_REJECTED}; any other status
 * is {@link #HTTP_ERROR} with {@link #statusCode()} set. Never throws on bad input. Not a hot path: it allocates.
 */
public final class HandshakeResponseDecoder
{
    /**
     * A valid 101 response for the expected key.
     */
    public static final int OK = 0;

    /**
     * The header is not complete yet; call again with more bytes.
     */
    public static final int NEED_MORE_DATA = 1;

    /**
     * Status 403 Forbidden: the api_key or access_token was rejected.
     */
    public static final int CREDENTIALS_REJECTED = 2;

    /**
     * Any status other than 101 and 403; see {@link #statusCode()}.
     */
    public static final int HTTP_ERROR = 3;

    /**
     * Status 101 but Sec-WebSocket-Accept is missing, duplicated or does not match the key.
     */
    public static final int BAD_ACCEPT = 4;

    /**
     * Not a well-formed HTTP/1.x response header, or an extension/sub-protocol the client did not offer.
     */
    public static final int MALFORMED = 5;

    /**
     * Status 101 without {@code Upgrade: websocket} and {@code Connection: upgrade}.
     */
    public static final int NOT_WEBSOCKET = 6;

    /**
     * No end of header within the maximum header length.
     */
    public static final int HEADER_TOO_LARGE = 7;

    /**
     * Default maximum length of the response header: 16 KiB.
     */
    public static final int MAX_HEADER_LENGTH_DEFAULT = 16 * 1024;

    private static final String HTTP_PREFIX = "HTTP/1.";

    private final int maxHeaderLength;
    private final HttpHeaderBlock headers = new HttpHeaderBlock();
    private String expectedAccept;
    private int statusCode;
    private int headerLength;
    private String reasonPhrase = "";

    /**
     * A decoder accepting headers up to {@link #MAX_HEADER_LENGTH_DEFAULT}.
     */
    public HandshakeResponseDecoder()
    {
        this(MAX_HEADER_LENGTH_DEFAULT);
    }

    /**
     * A decoder with a given header length limit.
     *
     * @param maxHeaderLength largest header accepted, in bytes, including the blank line.
     */
    public HandshakeResponseDecoder(final int maxHeaderLength)
    {
        this.maxHeaderLength = maxHeaderLength;
    }

    /**
     * Set the Sec-WebSocket-Key the request carried ({@link HandshakeRequestEncoder#key()}) and reset the result.
     *
     * @param secWebSocketKey sent in the request.
     * @return this for a fluent API.
     */
    public HandshakeResponseDecoder expectedKey(final CharSequence secWebSocketKey)
    {
        expectedAccept = WebSocketHandshake.acceptKey(secWebSocketKey);
        return reset();
    }

    /**
     * Forget the result of the last decode (the expected key is kept).
     *
     * @return this for a fluent API.
     */
    public HandshakeResponseDecoder reset()
    {
        statusCode = 0;
        headerLength = 0;
        reasonPhrase = "";
        return this;
    }

    /**
     * Try to decode the response from the bytes received so far.
     *
     * @param buffer holding the received bytes.
     * @param offset of the first byte of the response.
     * @param length of the bytes received.
     * @return {@link #OK}, {@link #NEED_MORE_DATA}, {@link #CREDENTIALS_REJECTED}, {@link #HTTP_ERROR},
     * {@link #BAD_ACCEPT}, {@link #MALFORMED}, {@link #NOT_WEBSOCKET} or {@link #HEADER_TOO_LARGE}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        if (length <= 0)
        {
            return NEED_MORE_DATA;
        }
        if (!HttpHeaderBlock.matchesPrefix(buffer, offset, length, HTTP_PREFIX))
        {
            return MALFORMED;
        }

        final int found = headers.read(buffer, offset, length, maxHeaderLength);
        if (found <= 0)
        {
            return HttpHeaderBlock.INCOMPLETE == found ? NEED_MORE_DATA :
                HttpHeaderBlock.TOO_LARGE == found ? HEADER_TOO_LARGE : MALFORMED;
        }
        if (!parseStatusLine(headers.startLine()))
        {
            return MALFORMED;
        }
        headerLength = found;

        if (101 != statusCode)
        {
            return 403 == statusCode ? CREDENTIALS_REJECTED : HTTP_ERROR;
        }
        if (!headers.isWebSocketUpgrade())
        {
            return NOT_WEBSOCKET;
        }
        if (isPresent(headers.field("sec-websocket-extensions")) || isPresent(headers.field("sec-websocket-protocol")))
        {
            return MALFORMED;
        }
        final String accept = headers.field("sec-websocket-accept");
        if (null == expectedAccept || null == accept || headers.hasDuplicate("sec-websocket-accept") ||
            !expectedAccept.equals(accept))
        {
            return BAD_ACCEPT;
        }

        return OK;
    }

    /**
     * Status code of the last complete response header, 0 if none.
     *
     * @return the HTTP status code.
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * Reason phrase of the last complete response header (diagnostics only).
     *
     * @return the reason phrase, empty if none.
     */
    public String reasonPhrase()
    {
        return reasonPhrase;
    }

    /**
     * Length of the response header including the blank line, once a result other than {@link #NEED_MORE_DATA},
     * {@link #MALFORMED} and {@link #HEADER_TOO_LARGE} was returned; the bytes after it belong to the body
     * (errors) or are WebSocket frames ({@link #OK}).
     *
     * @return the header length in bytes, 0 if not known.
     */
    public int headerLength()
    {
        return headerLength;
    }

    /**
     * Content-Length of an error response, to read or skip its body.
     *
     * @return the content length, or -1 if absent or invalid.
     */
    public int contentLength()
    {
        final String value = headers.field("content-length");
        if (null == value || value.isEmpty() || value.length() > 9)
        {
            return -1;
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (value.charAt(i) < '0' || value.charAt(i) > '9')
            {
                return -1;
            }
        }
        return Integer.parseInt(value);
    }

    /**
     * Value of a response header field of the last complete header (repeated fields joined with ", ").
     *
     * @param name of the field, any case.
     * @return the value, or null if absent.
     */
    public String header(final String name)
    {
        return headers.field(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Name of a result code, for logs.
     *
     * @param code returned by {@link #decode}.
     * @return the constant's name.
     */
    public static String codeName(final int code)
    {
        switch (code)
        {
            case OK:
                return "OK";
            case NEED_MORE_DATA:
                return "NEED_MORE_DATA";
            case CREDENTIALS_REJECTED:
                return "CREDENTIALS_REJECTED";
            case HTTP_ERROR:
                return "HTTP_ERROR";
            case BAD_ACCEPT:
                return "BAD_ACCEPT";
            case MALFORMED:
                return "MALFORMED";
            case NOT_WEBSOCKET:
                return "NOT_WEBSOCKET";
            case HEADER_TOO_LARGE:
                return "HEADER_TOO_LARGE";
            default:
                return "UNKNOWN";
        }
    }

    /**
     * Describes the last result without header values.
     *
     * @return a description safe for logs.
     */
    @Override
    public String toString()
    {
        return "HandshakeResponseDecoder{statusCode=" + statusCode + ", headerLength=" + headerLength + '}';
    }

    private boolean parseStatusLine(final String line)
    {
        // HTTP/1.x SP 3DIGIT [SP reason-phrase]
        if (line.length() < 12 || !line.startsWith(HTTP_PREFIX) || line.charAt(7) < '0' || line.charAt(7) > '9' ||
            ' ' != line.charAt(8))
        {
            return false;
        }
        int code = 0;
        for (int i = 9; i < 12; i++)
        {
            final char c = line.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
            code = code * 10 + (c - '0');
        }
        if (line.length() > 12 && ' ' != line.charAt(12))
        {
            return false;
        }
        if (code < 100)
        {
            return false;
        }
        statusCode = code;
        reasonPhrase = line.length() > 13 ? line.substring(13) : "";
        return true;
    }

    private static boolean isPresent(final String value)
    {
        return null != value && !value.isEmpty();
    }
}
