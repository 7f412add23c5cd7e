package io.kiteticker.codec.ws;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server side of the opening handshake (the simulator): writes {@code 101 Switching Protocols} with the computed
 * Sec-WebSocket-Accept, or an error response ({@code 400 Bad Request}, {@code 403 Forbidden} as Kite answers bad
 * credentials, {@code 426 Upgrade Required}, {@code 429 Too Many Requests}, ...) with a short text body and
 * {@code Connection: close}. Not a hot path: it allocates. Not thread-safe.
 */
public final class HandshakeResponseEncoder
{
    /**
     * The response does not fit between the offset and the buffer's capacity; nothing useful was written.
     */
    public static final int INSUFFICIENT_CAPACITY = -1;

    private final List<String> extraHeaderNames = new ArrayList<>();
    private final List<String> extraHeaderValues = new ArrayList<>();

    /**
     * Add a header to every response written from now on, for example {@code Server: kite-simulator}.
     *
     * @param name  of the header, an HTTP token.
     * @param value of the header, without CR or LF.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the name is not a token or the value holds CR or LF.
     */
    public HandshakeResponseEncoder header(final String name, final String value)
    {
        for (int i = 0; i < name.length(); i++)
        {
            if (!HttpHeaderBlock.isTokenChar(name.charAt(i)))
            {
                throw new IllegalArgumentException("header name is not an HTTP token");
            }
        }
        if (name.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("empty header name or CR/LF in header value");
        }
        extraHeaderNames.add(name);
        extraHeaderValues.add(value);
        return this;
    }

    /**
     * Remove the extra headers.
     *
     * @return this for a fluent API.
     */
    public HandshakeResponseEncoder clearHeaders()
    {
        extraHeaderNames.clear();
        extraHeaderValues.clear();
        return this;
    }

    /**
     * Write {@code HTTP/1.1 101 Switching Protocols} accepting the client's key.
     *
     * @param buffer          to write into.
     * @param offset          at which the response starts.
     * @param secWebSocketKey from the request ({@link HandshakeRequestDecoder#key()}).
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encodeSwitchingProtocols(
        final MutableDirectBuffer buffer, final int offset, final CharSequence secWebSocketKey)
    {
        final StringBuilder response = new StringBuilder(160)
            .append("HTTP/1.1 101 Switching Protocols\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Accept: ").append(WebSocketHandshake.acceptKey(secWebSocketKey)).append("\r\n");
        appendExtraHeaders(response);
        response.append("\r\n");

        return put(buffer, offset, response.toString().getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /**
     * Write an error response with a {@code text/plain} body and {@code Connection: close}. A 426 also carries
     * {@code Sec-WebSocket-Version: 13}.
     *
     * @param buffer     to write into.
     * @param offset     at which the response starts.
     * @param statusCode of the response, for example 400, 403, 426, 429, 500, 503.
     * @param body       short text, may be empty.
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encodeError(
        final MutableDirectBuffer buffer, final int offset, final int statusCode, final CharSequence body)
    {
        final byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
        final StringBuilder response = new StringBuilder(160)
            .append("HTTP/1.1 ").append(statusCode).append(' ').append(reasonPhrase(statusCode)).append("\r\n")
            .append("Content-Type: text/plain; charset=utf-8\r\n")
            .append("Content-Length: ").append(bodyBytes.length).append("\r\n")
            .append("Connection: close\r\n");
        if (426 == statusCode)
        {
            response.append("Sec-WebSocket-Version: ").append(WebSocketHandshake.VERSION).append("\r\n");
        }
        appendExtraHeaders(response);
        response.append("\r\n");

        return put(buffer, offset, response.toString().getBytes(StandardCharsets.ISO_8859_1), bodyBytes);
    }

    /**
     * Write {@code 403 Forbidden}, Kite's answer to an invalid api_key or access_token.
     *
     * @param buffer to write into.
     * @param offset at which the response starts.
     * @param body   short text, may be empty.
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encodeForbidden(final MutableDirectBuffer buffer, final int offset, final CharSequence body)
    {
        return encodeError(buffer, offset, 403, body);
    }

    /**
     * Write {@code 400 Bad Request}.
     *
     * @param buffer to write into.
     * @param offset at which the response starts.
     * @param body   short text, may be empty.
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encodeBadRequest(final MutableDirectBuffer buffer, final int offset, final CharSequence body)
    {
        return encodeError(buffer, offset, 400, body);
    }

    /**
     * Write {@code 429 Too Many Requests}.
     *
     * @param buffer to write into.
     * @param offset at which the response starts.
     * @param body   short text, may be empty.
     * @return bytes written, or {@link #INSUFFICIENT_CAPACITY}.
     */
    public int encodeTooManyRequests(final MutableDirectBuffer buffer, final int offset, final CharSequence body)
    {
        return encodeError(buffer, offset, 429, body);
    }

    /**
     * Standard reason phrase of a status code.
     *
     * @param statusCode HTTP status code.
     * @return the reason phrase, "Error" for codes not listed.
     */
    public static String reasonPhrase(final int statusCode)
    {
        switch (statusCode)
        {
            case 101:
                return "Switching Protocols";
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 426:
                return "Upgrade Required";
            case 429:
                return "Too Many Requests";
            case 431:
                return "Request Header Fields Too Large";
            case 500:
                return "Internal Server Error";
            case 502:
                return "Bad Gateway";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return "Error";
        }
    }

    private void appendExtraHeaders(final StringBuilder response)
    {
        for (int i = 0; i < extraHeaderNames.size(); i++)
        {
            response.append(extraHeaderNames.get(i)).append(": ").append(extraHeaderValues.get(i)).append("\r\n");
        }
    }

    private static int put(final MutableDirectBuffer buffer, final int offset, final byte[] head, final byte[] body)
    {
        final int length = head.length + (null == body ? 0 : body.length);
        if (offset < 0 || offset > buffer.capacity() - length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        buffer.putBytes(offset, head);
        if (null != body)
        {
            buffer.putBytes(offset + head.length, body);
        }
        return length;
    }
}
