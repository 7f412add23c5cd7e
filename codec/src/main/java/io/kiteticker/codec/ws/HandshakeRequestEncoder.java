package io.kiteticker.codec.ws;

import org.agrona.MutableDirectBuffer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Client side of the opening handshake: writes the HTTP/1.1 upgrade request for the Kite ticker,
 * <pre>
 *   GET /?api_key=KEY&amp;access_token=TOKEN HTTP/1.1
 *   Host: ws.kite.trade
 *   Upgrade: websocket
 *   Connection: Upgrade
 *   Sec-WebSocket-Key: &lt;base64 of 16 random bytes, new for every encode&gt;
 *   Sec-WebSocket-Version: 13
 *   X-Kite-Version: 3                      (optional extra headers)
 * </pre>
 * with {@code api_key} and {@code access_token} percent-encoded (RFC 3986: everything but unreserved characters).
 * Runs once per connection attempt: configuration may allocate, {@link #encode} allocates only the key.
 * <p>
 * <b>Note:</b> the access token is kept only in encoded form and is never part of {@link #toString()} or of any
 * exception message; {@link #clearCredentials()} overwrites it. Not thread-safe.
 */
public final class HandshakeRequestEncoder
{
    /**
     * The request does not fit between the offset and the buffer's capacity; nothing useful was written.
     */
    public static final int INSUFFICIENT_CAPACITY = -1;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_BYTES = new byte[0];

    private final Random keyRandom;
    private final byte[] keyBytes = new byte[16];
    private final List<String> extraHeaderNames = new ArrayList<>();
    private final List<String> extraHeaderValues = new ArrayList<>();
    private String host = "localhost";
    private String path = "/";
    private String baseQuery = "";
    private byte[] encodedApiKey = NO_BYTES;
    private byte[] encodedAccessToken = NO_BYTES;
    private String key;

    /**
     * An encoder drawing Sec-WebSocket-Key values from {@link SecureRandom}.
     */
    public HandshakeRequestEncoder()
    {
        this(new SecureRandom());
    }

    /**
     * An encoder drawing Sec-WebSocket-Key values from the given source (tests may pass a seeded {@link Random}).
     *
     * @param keyRandom source of the 16 random key bytes.
     */
    public HandshakeRequestEncoder(final Random keyRandom)
    {
        this.keyRandom = keyRandom;
    }

    /**
     * Take host, port and path (and any existing query) from a {@code ws://} or {@code wss://} URI. The Host header
     * carries the port only when it is not the scheme's default.
     *
     * @param uri of the endpoint, for example {@code wss://ws.kite.trade}.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the scheme is not ws/wss or the host is missing (the URI is not echoed).
     */
    public HandshakeRequestEncoder uri(final URI uri)
    {
        final String scheme = null == uri.getScheme() ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        final int defaultPort;
        if ("ws".equals(scheme) || "http".equals(scheme))
        {
            defaultPort = 80;
        }
        else if ("wss".equals(scheme) || "https".equals(scheme))
        {
            defaultPort = 443;
        }
        else
        {
            throw new IllegalArgumentException("unsupported URI scheme, expected ws or wss");
        }
        if (null == uri.getHost())
        {
            throw new IllegalArgumentException("URI has no host");
        }

        final int port = uri.getPort();
        host = -1 == port || defaultPort == port ? uri.getHost() : uri.getHost() + ':' + port;
        final String rawPath = uri.getRawPath();
        path = null == rawPath || rawPath.isEmpty() ? "/" : rawPath;
        baseQuery = null == uri.getRawQuery() ? "" : uri.getRawQuery();
        return this;
    }

    /**
     * Set the Host header value directly (host, or host:port).
     *
     * @param host header value.
     * @return this for a fluent API.
     */
    public HandshakeRequestEncoder host(final String host)
    {
        this.host = requireHeaderSafe(host, "host");
        return this;
    }

    /**
     * Set the request path (already percent-encoded), "/" by default.
     *
     * @param path starting with '/'.
     * @return this for a fluent API.
     */
    public HandshakeRequestEncoder path(final String path)
    {
        if (path.isEmpty() || '/' != path.charAt(0) || path.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException("path must start with '/' and contain no spaces");
        }
        this.path = requireHeaderSafe(path, "path");
        return this;
    }

    /**
     * Host header value in use.
     *
     * @return host, or host:port.
     */
    public String host()
    {
        return host;
    }

    /**
     * Request path in use.
     *
     * @return the path.
     */
    public String path()
    {
        return path;
    }

    /**
     * Set the Kite API key sent as the {@code api_key} query parameter.
     *
     * @param apiKey the key, percent-encoded when written.
     * @return this for a fluent API.
     */
    public HandshakeRequestEncoder apiKey(final CharSequence apiKey)
    {
        encodedApiKey = percentEncode(apiKey);
        return this;
    }

    /**
     * Set the access token sent as the {@code access_token} query parameter. Kept only percent-encoded.
     *
     * @param accessToken the token; never logged or echoed.
     * @return this for a fluent API.
     */
    public HandshakeRequestEncoder accessToken(final CharSequence accessToken)
    {
        Arrays.fill(encodedAccessToken, (byte)0);
        encodedAccessToken = percentEncode(accessToken);
        return this;
    }

    /**
     * Add an extra request header, for example {@code X-Kite-Version: 3}.
     *
     * @param name  of the header, an HTTP token.
     * @param value of the header, without CR or LF.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the name is not a token or the value holds CR/LF (values not echoed).
     */
    public HandshakeRequestEncoder header(final String name, final String value)
    {
        if (name.isEmpty())
        {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (!HttpHeaderBlock.isTokenChar(name.charAt(i)))
            {
                throw new IllegalArgumentException("header name is not an HTTP token");
            }
        }
        requireHeaderSafe(value, "header value");
        extraHeaderNames.add(name);
        extraHeaderValues.add(value);
        return this;
    }

    /**
     * Overwrite and forget the API key and access token.
     *
     * @return this for a fluent API.
     */
    public HandshakeRequestEncoder clearCredentials()
    {
        Arrays.fill(encodedAccessToken, (byte)0);
        Arrays.fill(encodedApiKey, (byte)0);
        encodedAccessToken = NO_BYTES;
        encodedApiKey = NO_BYTES;
        return this;
    }

    /**
     * The Sec-WebSocket-Key of the last {@link #encode}, to validate the response with
     * {@link HandshakeResponseDecoder#expectedKey(CharSequence)}.
     *
     * @return the base64 key, or null before the first encode.
     */
    public String key()
    {
        return key;
    }

    /**
     * Write the upgrade request with a fresh Sec-WebSocket-Key.
     *
     * @param buffer to write into.
     * @param offset at which the request starts.
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        keyRandom.nextBytes(keyBytes);
        key = Base64.getEncoder().encodeToString(keyBytes);

        final StringBuilder head = new StringBuilder(64).append("GET ").append(path).append('?');
        if (!baseQuery.isEmpty())
        {
            head.append(baseQuery).append('&');
        }
        final byte[] requestStart = head.toString().getBytes(StandardCharsets.ISO_8859_1);

        final StringBuilder tail = new StringBuilder(256)
            .append(" HTTP/1.1\r\n")
            .append("Host: ").append(host).append("\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
            .append("Sec-WebSocket-Version: ").append(WebSocketHandshake.VERSION).append("\r\n");
        for (int i = 0; i < extraHeaderNames.size(); i++)
        {
            tail.append(extraHeaderNames.get(i)).append(": ").append(extraHeaderValues.get(i)).append("\r\n");
        }
        tail.append("\r\n");
        final byte[] requestEnd = tail.toString().getBytes(StandardCharsets.ISO_8859_1);

        final byte[] apiKeyName = "api_key=".getBytes(StandardCharsets.US_ASCII);
        final byte[] accessTokenName = "&access_token=".getBytes(StandardCharsets.US_ASCII);
        final int length = requestStart.length + apiKeyName.length + encodedApiKey.length +
            accessTokenName.length + encodedAccessToken.length + requestEnd.length;
        if (offset < 0 || offset > buffer.capacity() - length)
        {
            return INSUFFICIENT_CAPACITY;
        }

        int position = offset;
        buffer.putBytes(position, requestStart);
        position += requestStart.length;
        buffer.putBytes(position, apiKeyName);
        position += apiKeyName.length;
        buffer.putBytes(position, encodedApiKey);
        position += encodedApiKey.length;
        buffer.putBytes(position, accessTokenName);
        position += accessTokenName.length;
        buffer.putBytes(position, encodedAccessToken);
        position += encodedAccessToken.length;
        buffer.putBytes(position, requestEnd);
        position += requestEnd.length;

        return position - offset;
    }

    /**
     * Percent-encode a value for a query component (RFC 3986): unreserved characters
     * {@code A-Z a-z 0-9 - . _ ~} are kept, every other UTF-8 byte becomes {@code %XX}.
     *
     * @param value to encode.
     * @return the encoded value as a string.
     */
    public static String percentEncodeToString(final CharSequence value)
    {
        return new String(percentEncode(value), StandardCharsets.US_ASCII);
    }

    /**
     * Describes the target without any credential.
     *
     * @return a description safe for logs.
     */
    @Override
    public String toString()
    {
        return "HandshakeRequestEncoder{host=" + host + ", path=" + path +
            ", apiKey=" + (encodedApiKey.length > 0 ? "<set>" : "<unset>") +
            ", accessToken=" + (encodedAccessToken.length > 0 ? "<redacted>" : "<unset>") + '}';
    }

    private static byte[] percentEncode(final CharSequence value)
    {
        final byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
        int length = 0;
        for (final byte b : utf8)
        {
            length += isUnreserved(b) ? 1 : 3;
        }

        final byte[] encoded = new byte[length];
        int i = 0;
        for (final byte b : utf8)
        {
            if (isUnreserved(b))
            {
                encoded[i++] = b;
            }
            else
            {
                encoded[i++] = '%';
                encoded[i++] = HEX[(b >> 4) & 0xF];
                encoded[i++] = HEX[b & 0xF];
            }
        }
        Arrays.fill(utf8, (byte)0);
        return encoded;
    }

    private static boolean isUnreserved(final byte b)
    {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
            '-' == b || '.' == b || '_' == b || '~' == b;
    }

    private static String requireHeaderSafe(final String value, final String what)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if ('\r' == c || '\n' == c || 0 == c || c > 0xFF)
            {
                throw new IllegalArgumentException(what + " contains CR, LF, NUL or non-Latin-1 characters");
            }
        }
        return value;
    }
}
