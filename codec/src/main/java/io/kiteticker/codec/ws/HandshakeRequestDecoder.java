package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Server side of the opening handshake (the simulator): parses the client's upgrade request incrementally from
 * the receive buffer,
 * <pre>
 *   GET /path?api_key=...&amp;access_token=... HTTP/1.1
 *   Host: ...                         (required)
 *   Upgrade: websocket                (token list, any case)
 *   Connection: Upgrade               (token list, any case)
 *   Sec-WebSocket-Key: 24 base64 chars of 16 bytes
 *   Sec-WebSocket-Version: 13
 * </pre>
 * and exposes the path, the percent-decoded query parameters ({@link #apiKey()}, {@link #accessToken()},
 * {@link #queryParameter(String)}), the key and every header field. Not a hot path: values are Strings. Never
 * throws on bad input. {@link #toString()} shows neither the path nor the query: a misbehaving client could put the
 * access token anywhere in the request target.
 */
public final class HandshakeRequestDecoder
{
    /**
     * A valid WebSocket upgrade request.
     */
    public static final int OK = 0;

    /**
     * The header is not complete yet; call again with more bytes.
     */
    public static final int NEED_MORE_DATA = 1;

    /**
     * Not a well-formed HTTP/1.1 request, a missing Host, a bad request target or query encoding, or a missing or
     * malformed Sec-WebSocket-Key (answer 400).
     */
    public static final int MALFORMED = 2;

    /**
     * A well-formed request that is not a WebSocket upgrade: not GET, or no Upgrade/Connection/version headers
     * (answer 400).
     */
    public static final int NOT_WEBSOCKET = 3;

    /**
     * Sec-WebSocket-Version is present but not 13 (answer 426 with {@code Sec-WebSocket-Version: 13}).
     */
    public static final int UNSUPPORTED_VERSION = 4;

    /**
     * No end of header within the maximum header length (answer 431 or 400).
     */
    public static final int HEADER_TOO_LARGE = 5;

    /**
     * Default maximum length of the request header: 16 KiB.
     */
    public static final int MAX_HEADER_LENGTH_DEFAULT = 16 * 1024;

    private final int maxHeaderLength;
    private final HttpHeaderBlock headers = new HttpHeaderBlock();
    private final Map<String, String> queryParameters = new HashMap<>();
    private String method;
    private String path;
    private String key;
    private int headerLength;

    /**
     * A decoder accepting headers up to {@link #MAX_HEADER_LENGTH_DEFAULT}.
     */
    public HandshakeRequestDecoder()
    {
        this(MAX_HEADER_LENGTH_DEFAULT);
    }

    /**
     * A decoder with a given header length limit.
     *
     * @param maxHeaderLength largest header accepted, in bytes, including the blank line.
     */
    public HandshakeRequestDecoder(final int maxHeaderLength)
    {
        this.maxHeaderLength = maxHeaderLength;
    }

    /**
     * Forget the last request.
     *
     * @return this for a fluent API.
     */
    public HandshakeRequestDecoder reset()
    {
        queryParameters.clear();
        method = null;
        path = null;
        key = null;
        headerLength = 0;
        return this;
    }

    /**
     * Try to decode the request from the bytes received so far.
     *
     * @param buffer holding the received bytes.
     * @param offset of the first byte of the request.
     * @param length of the bytes received.
     * @return {@link #OK}, {@link #NEED_MORE_DATA}, {@link #MALFORMED}, {@link #NOT_WEBSOCKET},
     * {@link #UNSUPPORTED_VERSION} or {@link #HEADER_TOO_LARGE}.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        reset();
        if (length <= 0)
        {
            return NEED_MORE_DATA;
        }
        if (!isPlausibleMethodPrefix(buffer, offset, length))
        {
            return MALFORMED;
        }

        final int found = headers.read(buffer, offset, length, maxHeaderLength);
        if (found <= 0)
        {
            return HttpHeaderBlock.INCOMPLETE == found ? NEED_MORE_DATA :
                HttpHeaderBlock.TOO_LARGE == found ? HEADER_TOO_LARGE : MALFORMED;
        }
        if (!parseRequestLine(headers.startLine()))
        {
            reset();
            return MALFORMED;
        }
        headerLength = found;

        final String host = headers.field("host");
        if (null == host || host.isEmpty() || headers.hasDuplicate("host"))
        {
            return MALFORMED;
        }
        if (!"GET".equals(method) || !headers.isWebSocketUpgrade())
        {
            return NOT_WEBSOCKET;
        }
        final String version = headers.field("sec-websocket-version");
        if (null == version)
        {
            return NOT_WEBSOCKET;
        }
        if (!Integer.toString(WebSocketHandshake.VERSION).equals(version))
        {
            return UNSUPPORTED_VERSION;
        }
        final String key = headers.field("sec-websocket-key");
        if (headers.hasDuplicate("sec-websocket-key") || !WebSocketHandshake.isValidKey(key))
        {
            return MALFORMED;
        }
        this.key = key;

        return OK;
    }

    /**
     * Request method of the last complete request.
     *
     * @return the method, for example "GET", or null.
     */
    public String method()
    {
        return method;
    }

    /**
     * Path of the request target, without the query, as sent (not percent-decoded).
     *
     * @return the path, or null.
     */
    public String path()
    {
        return path;
    }

    /**
     * The percent-decoded {@code api_key} query parameter.
     *
     * @return the API key, or null if absent.
     */
    public String apiKey()
    {
        return queryParameters.get("api_key");
    }

    /**
     * The percent-decoded {@code access_token} query parameter. Never log it.
     *
     * @return the access token, or null if absent.
     */
    public String accessToken()
    {
        return queryParameters.get("access_token");
    }

    /**
     * A percent-decoded query parameter ('+' decodes to a space, as in HTML forms); the first one if repeated.
     *
     * @param name of the parameter, case-sensitive.
     * @return the value, or null if absent.
     */
    public String queryParameter(final String name)
    {
        return queryParameters.get(name);
    }

    /**
     * The client's Sec-WebSocket-Key after {@link #OK}, for
     * {@link HandshakeResponseEncoder#encodeSwitchingProtocols}.
     *
     * @return the key, or null.
     */
    public String key()
    {
        return key;
    }

    /**
     * Value of a request header field of the last complete request (repeated fields joined with ", ").
     *
     * @param name of the field, any case.
     * @return the value, or null if absent.
     */
    public String header(final String name)
    {
        return headers.field(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Length of the request header including the blank line once complete; bytes after it are WebSocket frames.
     *
     * @return the header length in bytes, 0 if not known.
     */
    public int headerLength()
    {
        return headerLength;
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
            case MALFORMED:
                return "MALFORMED";
            case NOT_WEBSOCKET:
                return "NOT_WEBSOCKET";
            case UNSUPPORTED_VERSION:
                return "UNSUPPORTED_VERSION";
            case HEADER_TOO_LARGE:
                return "HEADER_TOO_LARGE";
            default:
                return "UNKNOWN";
        }
    }

    /**
     * Describes the last request without its query or credentials.
     *
     * @return a description safe for logs.
     */
    @Override
    public String toString()
    {
        return "HandshakeRequestDecoder{method=" + method + ", pathLength=" + (null == path ? 0 : path.length()) +
            ", apiKey=" + (null != apiKey() ? "<set>" : "<unset>") +
            ", accessToken=" + (null != accessToken() ? "<redacted>" : "<unset>") + '}';
    }

    private static boolean isPlausibleMethodPrefix(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = Math.min(length, 16);
        for (int i = 0; i < limit; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (' ' == b)
            {
                return i > 0;
            }
            if (b < 'A' || b > 'Z')
            {
                return false;
            }
        }
        return length < 16;
    }

    private boolean parseRequestLine(final String line)
    {
        final int firstSpace = line.indexOf(' ');
        final int lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace == firstSpace || !"HTTP/1.1".equals(line.substring(lastSpace + 1)))
        {
            return false;
        }
        final String target = line.substring(firstSpace + 1, lastSpace);
        if (target.isEmpty() || '/' != target.charAt(0) || target.indexOf(' ') >= 0)
        {
            return false;
        }
        for (int i = 0; i < target.length(); i++)
        {
            final char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F)
            {
                return false;
            }
        }

        final int question = target.indexOf('?');
        final int hash = target.indexOf('#');
        if (hash >= 0)
        {
            return false;
        }
        method = line.substring(0, firstSpace);
        path = question < 0 ? target : target.substring(0, question);
        return question < 0 || parseQuery(target.substring(question + 1));
    }

    private boolean parseQuery(final String query)
    {
        int start = 0;
        final int length = query.length();
        while (start < length)
        {
            int end = query.indexOf('&', start);
            if (end < 0)
            {
                end = length;
            }
            if (end > start)
            {
                final int equals = query.indexOf('=', start);
                final String rawName = equals < 0 || equals > end ? query.substring(start, end) :
                    query.substring(start, equals);
                final String rawValue = equals < 0 || equals > end ? "" : query.substring(equals + 1, end);
                final String name = percentDecode(rawName);
                final String value = percentDecode(rawValue);
                if (null == name || null == value)
                {
                    return false;
                }
                queryParameters.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return true;
    }

    /**
     * Decode {@code %XX} escapes (UTF-8) and '+' as space.
     *
     * @param value to decode.
     * @return the decoded value, or null if an escape is malformed.
     */
    static String percentDecode(final String value)
    {
        if (value.indexOf('%') < 0 && value.indexOf('+') < 0)
        {
            return value;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0, length = value.length(); i < length; i++)
        {
            final char c = value.charAt(i);
            if ('%' == c)
            {
                if (i + 2 >= length)
                {
                    return null;
                }
                final int high = Character.digit(value.charAt(i + 1), 16);
                final int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0)
                {
                    return null;
                }
                bytes.write((high << 4) | low);
                i += 2;
            }
            else if ('+' == c)
            {
                bytes.write(' ');
            }
            else
            {
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
