package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Package-private HTTP/1.1 header block helpers for the handshake decoders: locating the end of the header,
 * splitting lines and collecting fields by lower-case name. Never throws on bad input.
 */
final class HttpHeaderBlock
{
    static final int NOT_FOUND = -1;

    /**
     * {@link #read} result: no end of header yet; more bytes are needed.
     */
    static final int INCOMPLETE = 0;

    /**
     * {@link #read} result: no end of header within the maximum header length.
     */
    static final int TOO_LARGE = -2;

    /**
     * {@link #read} result: a line of the header is not well formed.
     */
    static final int MALFORMED = -3;

    private final Map<String, String> fields = new HashMap<>();
    private String startLine;
    private final Set<String> duplicates = new HashSet<>();

    /**
     * Offset just after the first CRLFCRLF at or after the offset, as a length from the offset.
     *
     * @param buffer holding the bytes.
     * @param offset of the start of the message.
     * @param length available.
     * @return the header length including the blank line, or {@link #NOT_FOUND}.
     */
    static int headerLength(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        for (int i = offset + 3; i < end; i++)
        {
            if ('\n' == buffer.getByte(i) && '\r' == buffer.getByte(i - 1) &&
                '\n' == buffer.getByte(i - 2) && '\r' == buffer.getByte(i - 3))
            {
                return i + 1 - offset;
            }
        }
        return NOT_FOUND;
    }

    /**
     * Find the end of a header received so far, within a maximum length, and parse it.
     *
     * @param buffer          holding the bytes.
     * @param offset          of the start line.
     * @param length          available.
     * @param maxHeaderLength largest header accepted, including the blank line.
     * @return the header length including the blank line, or {@link #INCOMPLETE}, {@link #TOO_LARGE} or
     * {@link #MALFORMED}.
     */
    int read(final DirectBuffer buffer, final int offset, final int length, final int maxHeaderLength)
    {
        final int found = headerLength(buffer, offset, Math.min(length, maxHeaderLength));
        if (NOT_FOUND == found)
        {
            return length >= maxHeaderLength ? TOO_LARGE : INCOMPLETE;
        }
        return parse(buffer, offset, found) ? found : MALFORMED;
    }

    /**
     * Parse a complete header block; the start line is kept apart.
     *
     * @param buffer       holding the bytes.
     * @param offset       of the start line.
     * @param headerLength including the final blank line.
     * @return true if every line is well formed.
     */
    boolean parse(final DirectBuffer buffer, final int offset, final int headerLength)
    {
        fields.clear();
        startLine = null;
        duplicates.clear();

        final byte[] bytes = new byte[headerLength];
        buffer.getBytes(offset, bytes);
        final String block = new String(bytes, StandardCharsets.ISO_8859_1);
        final int blockEnd = headerLength - 4;

        int lineStart = 0;
        boolean first = true;
        while (lineStart <= blockEnd)
        {
            int lineEnd = block.indexOf("\r\n", lineStart);
            if (lineEnd < 0 || lineEnd > blockEnd)
            {
                lineEnd = blockEnd;
            }
            final String line = block.substring(lineStart, lineEnd);
            lineStart = lineEnd + 2;

            if (!isCleanLine(line))
            {
                return false;
            }
            if (first)
            {
                startLine = line;
                first = false;
                continue;
            }
            if (!addField(line))
            {
                return false;
            }
        }

        return null != startLine;
    }

    String startLine()
    {
        return startLine;
    }

    String field(final String lowerCaseName)
    {
        return fields.get(lowerCaseName);
    }

    Map<String, String> fields()
    {
        return fields;
    }

    boolean hasDuplicate(final String lowerCaseName)
    {
        return duplicates.contains(lowerCaseName);
    }

    /**
     * Do the fields ask for a WebSocket upgrade: {@code Upgrade} holds {@code websocket} and {@code Connection}
     * holds {@code upgrade} (case-insensitive token lists)?
     *
     * @return true if both tokens are present.
     */
    boolean isWebSocketUpgrade()
    {
        return containsToken(fields.get("upgrade"), "websocket") && containsToken(fields.get("connection"), "upgrade");
    }

    /**
     * Does a comma-separated field value contain the token, ignoring case and optional white space?
     *
     * @param value          the field value, may be null.
     * @param lowerCaseToken to look for.
     * @return true if one of the list elements equals the token.
     */
    static boolean containsToken(final String value, final String lowerCaseToken)
    {
        if (null == value)
        {
            return false;
        }
        int start = 0;
        final int length = value.length();
        while (start <= length)
        {
            int comma = value.indexOf(',', start);
            if (comma < 0)
            {
                comma = length;
            }
            if (value.substring(start, comma).trim().equalsIgnoreCase(lowerCaseToken))
            {
                return true;
            }
            start = comma + 1;
        }
        return false;
    }

    private boolean addField(final String line)
    {
        final int colon = line.indexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        for (int i = 0; i < colon; i++)
        {
            if (!isTokenChar(line.charAt(i)))
            {
                return false;
            }
        }

        final String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
        final String value = trimOws(line.substring(colon + 1));
        final String previous = fields.get(name);
        if (null == previous)
        {
            fields.put(name, value);
        }
        else
        {
            duplicates.add(name);
            fields.put(name, previous + ", " + value);
        }
        return true;
    }

    private static boolean isCleanLine(final String line)
    {
        for (int i = 0, length = line.length(); i < length; i++)
        {
            final char c = line.charAt(i);
            if ('\r' == c || '\n' == c || 0 == c)
            {
                return false;
            }
        }
        return true;
    }

    static String trimOws(final String value)
    {
        int start = 0;
        int end = value.length();
        while (start < end && (' ' == value.charAt(start) || '\t' == value.charAt(start)))
        {
            start++;
        }
        while (end > start && (' ' == value.charAt(end - 1) || '\t' == value.charAt(end - 1)))
        {
            end--;
        }
        return value.substring(start, end);
    }

    static boolean isTokenChar(final char c)
    {
        if (c > 0x20 && c < 0x7F)
        {
            return "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
        return false;
    }

    /**
     * Do the first bytes available match the start of the expected prefix?
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length available.
     * @param prefix expected, ASCII.
     * @return false as soon as one available byte differs.
     */
    static boolean matchesPrefix(final DirectBuffer buffer, final int offset, final int length, final String prefix)
    {
        final int n = Math.min(length, prefix.length());
        for (int i = 0; i < n; i++)
        {
            if (buffer.getByte(offset + i) != (byte)prefix.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
