package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Incremental, allocation-free RFC 6455 frame decoder and message assembler for one connection, client or server
 * side.
 * <p>
 * The caller reads the socket into one receive buffer, calls {@link #decode} with the range of unconsumed bytes,
 * advances its read position by the returned count and compacts the unconsumed tail to the front of the buffer
 * before the next read (Artio's {@code moveRemainingDataToBufferStart}). Nothing is ever remembered about a
 * partial frame: its header is parsed again from the buffer on the next call, so the caller may move the bytes
 * freely between calls. Only the fragmentation state (an unfinished fragmented message in the assembly buffer)
 * lives in the decoder.
 *
 * <h2>Decode contract</h2>
 * <pre>
 *   final int result = decoder.decode(buffer, offset, length, handler);
 *   result &gt;= 0 : bytes consumed from offset, 0..length; the bytes after them are a partial frame (need more
 *                  data), or a message the handler refused ({@link #isBackPressured()} is true), or frames after a
 *                  close frame ({@link #isCloseReceived()} is true). Keep them and call again.
 *   result &lt;  0 : a protocol violation, one of the error codes below; fail the connection with
 *                  {@link #closeCodeFor(int) closeCodeFor(result)}. Callbacks made before the error stand.
 * </pre>
 * Each call delivers as many complete frames as the range holds, in order, up to the message limit:
 * <ul>
 *     <li>A single-frame TEXT or BINARY message is delivered zero-copy as a view into the receive buffer.</li>
 *     <li>Fragments of a message are copied into a preallocated assembly buffer of the maximum message size and
 *     consumed as they arrive; the completed message is delivered from the assembly buffer.</li>
 *     <li>PING, PONG and CLOSE are delivered immediately, also between the fragments of a message. Decoding stops
 *     after a CLOSE.</li>
 *     <li>Masked payloads (server side) are unmasked in place, eight bytes at a time.</li>
 * </ul>
 *
 * <h2>Back-pressure</h2>
 * When {@link WebSocketMessageHandler#onMessage} returns false the decoder stops <em>before</em> the frame that
 * completes the message: that frame is not counted in the returned bytes, its payload is re-masked if it had been
 * unmasked (so the buffer holds exactly the received bytes again), and the fragmentation state is left as it was
 * before the frame. The next call with the same bytes offers the same message again. Fragments that precede the
 * final one have already been consumed into the assembly buffer and are not offered twice.
 *
 * <h2>Checks</h2>
 * RSV bits set (no extension is negotiated), unknown opcodes, fragmented control frames, control frames over 125
 * bytes, masked frames on the client side, unmasked frames on the server side, 64-bit lengths with the top bit set,
 * messages (single frame or assembled) longer than the maximum, continuation without a start, a new data frame
 * while a message is fragmented, close payloads of one byte, invalid close codes (RFC 6455 §7.4) and, if enabled,
 * invalid UTF-8 in text messages and close reasons. Lengths need not use the minimal form. Errors are reported as
 * soon as the bytes that show them have arrived.
 * <p>
 * <b>Note:</b> the range passed to {@code decode} must lie inside the buffer, and the receive buffer must be able to
 * hold {@link WebSocketFrameEncoder#maxFrameHeaderLength()} plus the maximum message length, or a maximum-size frame
 * can never complete ({@link #pendingFrameLength()} tells how much a partial frame needs). After an error the
 * decoder must be {@link #reset()} before it serves another connection. Not thread-safe: one decoder per connection.
 * <p>
 * <b>Why one long class.</b> Header parsing, the RFC 6455 checks, fragment assembly and the back-pressure rewind
 * share the state of the frame being decoded, in one loop that reads each header once; the fourteen result codes
 * with their names and close codes are part of the decode contract, and a third of the lines are its Javadoc.
 * Masking ({@link #applyMask}) is the one piece that could leave, as it is shared with the encoder.
 */
public final class WebSocketFrameDecoder
{
    /**
     * {@link #decodeFrame} needs more bytes to hold a complete frame.
     */
    public static final int NEED_MORE_DATA = 0;

    /**
     * One of RSV1-3 is set but no extension was negotiated.
     */
    public static final int RSV_BITS_SET = -1;

    /**
     * Reserved opcode (3-7, 0xB-0xF).
     */
    public static final int UNKNOWN_OPCODE = -2;

    /**
     * Control frame without FIN.
     */
    public static final int FRAGMENTED_CONTROL_FRAME = -3;

    /**
     * Control frame with a payload over 125 bytes.
     */
    public static final int CONTROL_FRAME_TOO_LONG = -4;

    /**
     * Masked frame received by a client (servers must not mask).
     */
    public static final int UNEXPECTED_MASK = -5;

    /**
     * Unmasked frame received by a server (clients must mask).
     */
    public static final int MISSING_MASK = -6;

    /**
     * CONTINUATION frame with no fragmented message in progress.
     */
    public static final int UNEXPECTED_CONTINUATION = -7;

    /**
     * TEXT or BINARY frame while a fragmented message is in progress.
     */
    public static final int EXPECTED_CONTINUATION = -8;

    /**
     * Message (single frame or the sum of its fragments) longer than the configured maximum.
     */
    public static final int MESSAGE_TOO_BIG = -9;

    /**
     * 64-bit payload length with the most significant bit set.
     */
    public static final int INVALID_LENGTH = -10;

    /**
     * Close frame with a one-byte payload.
     */
    public static final int INVALID_CLOSE_PAYLOAD = -11;

    /**
     * Close frame with a status code that may not appear on the wire.
     */
    public static final int INVALID_CLOSE_CODE = -12;

    /**
     * Text message or close reason that is not well-formed UTF-8.
     */
    public static final int INVALID_UTF8 = -13;

    /**
     * Default maximum message length: 1 MiB, well above a full Kite message of 3000 full packets (~560 KB).
     */
    public static final int MAX_MESSAGE_LENGTH_DEFAULT = 1024 * 1024;

    /**
     * Largest control frame payload (RFC 6455 §5.5).
     */
    public static final int MAX_CONTROL_PAYLOAD_LENGTH = 125;

    private static final int FIN_BIT = 0x80;
    private static final int RSV_BITS = 0x70;
    private static final int OPCODE_BITS = 0x0F;
    private static final int MASK_BIT = 0x80;
    private static final int LENGTH_BITS = 0x7F;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;
    private static final int NO_FRAGMENT = -1;

    private final boolean clientSide;
    private final boolean validateUtf8;
    private final int maxMessageLength;
    private final MutableDirectBuffer assemblyBuffer;

    private int opcode;
    private boolean fin;
    private boolean masked;
    private int maskingKey;
    private int payloadOffset;
    private int payloadLength;
    private int frameLength;
    private int pendingFrameLength;

    private int fragmentOpcode = NO_FRAGMENT;
    private int assembledLength;
    private boolean backPressured;
    private boolean closeReceived;

    /**
     * A decoder with the default maximum message length and UTF-8 validation of text messages.
     *
     * @param clientSide true for a client (rejects masked frames), false for a server (rejects unmasked frames).
     */
    public WebSocketFrameDecoder(final boolean clientSide)
    {
        this(clientSide, MAX_MESSAGE_LENGTH_DEFAULT);
    }

    /**
     * A decoder with UTF-8 validation of text messages and a heap assembly buffer of the maximum message length.
     *
     * @param clientSide       true for a client (rejects masked frames), false for a server (rejects unmasked).
     * @param maxMessageLength largest message payload accepted, in bytes; larger ones fail with
     *                         {@link #MESSAGE_TOO_BIG}.
     */
    public WebSocketFrameDecoder(final boolean clientSide, final int maxMessageLength)
    {
        this(clientSide, maxMessageLength, true, new UnsafeBuffer(new byte[maxMessageLength]));
    }

    /**
     * A fully configured decoder.
     *
     * @param clientSide       true for a client (rejects masked frames), false for a server (rejects unmasked).
     * @param maxMessageLength largest message payload accepted, in bytes; larger ones fail with
     *                         {@link #MESSAGE_TOO_BIG}.
     * @param validateUtf8     true to check text messages and close reasons ({@link #INVALID_UTF8}, close 1007).
     * @param assemblyBuffer   for fragmented messages, at least {@code maxMessageLength} bytes, owned by this decoder.
     * @throws IllegalArgumentException if the length is negative, above {@code Integer.MAX_VALUE - 14} or the buffer
     *                                  is too small (a configuration error, never bad input).
     */
    public WebSocketFrameDecoder(
        final boolean clientSide,
        final int maxMessageLength,
        final boolean validateUtf8,
        final MutableDirectBuffer assemblyBuffer)
    {
        if (maxMessageLength < 0 ||
            maxMessageLength > Integer.MAX_VALUE - WebSocketFrameEncoder.MAX_FRAME_HEADER_LENGTH ||
            assemblyBuffer.capacity() < maxMessageLength)
        {
            throw new IllegalArgumentException(
                "maxMessageLength must be >= 0 and fit the assembly buffer: " + maxMessageLength);
        }

        this.clientSide = clientSide;
        this.maxMessageLength = maxMessageLength;
        this.validateUtf8 = validateUtf8;
        this.assemblyBuffer = assemblyBuffer;
    }

    /**
     * A client-side decoder: rejects masked frames.
     *
     * @param maxMessageLength largest message payload accepted, in bytes.
     * @return a new decoder.
     */
    public static WebSocketFrameDecoder clientSide(final int maxMessageLength)
    {
        return new WebSocketFrameDecoder(true, maxMessageLength);
    }

    /**
     * A server-side decoder: rejects unmasked frames and unmasks in place.
     *
     * @param maxMessageLength largest message payload accepted, in bytes.
     * @return a new decoder.
     */
    public static WebSocketFrameDecoder serverSide(final int maxMessageLength)
    {
        return new WebSocketFrameDecoder(false, maxMessageLength);
    }

    /**
     * Is this a client-side decoder?
     *
     * @return true on the client side, false on the server side.
     */
    public boolean isClientSide()
    {
        return clientSide;
    }

    /**
     * Largest message payload accepted.
     *
     * @return the maximum message length in bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * Forget any partial fragmented message and flags, to serve a new connection.
     *
     * @return this for a fluent API.
     */
    public WebSocketFrameDecoder reset()
    {
        fragmentOpcode = NO_FRAGMENT;
        assembledLength = 0;
        backPressured = false;
        closeReceived = false;
        pendingFrameLength = 0;
        return this;
    }

    /**
     * Decode and deliver every complete frame in the range, without a limit on the number of callbacks.
     *
     * @param buffer  receive buffer; masked payloads are unmasked in place.
     * @param offset  of the first unconsumed byte.
     * @param length  of unconsumed bytes from the offset.
     * @param handler to receive messages and control frames.
     * @return bytes consumed (&gt;= 0) or a negative error code; see the class Javadoc.
     */
    public int decode(
        final MutableDirectBuffer buffer, final int offset, final int length, final WebSocketMessageHandler handler)
    {
        return decode(buffer, offset, length, handler, Integer.MAX_VALUE);
    }

    /**
     * Decode and deliver complete frames in the range, stopping after {@code callbackLimit} handler callbacks
     * (messages and control frames), at a partial frame, at a refused message or after a close frame.
     *
     * @param buffer        receive buffer; masked payloads are unmasked in place.
     * @param offset        of the first unconsumed byte.
     * @param length        of unconsumed bytes from the offset.
     * @param handler       to receive messages and control frames.
     * @param callbackLimit most handler callbacks to make in this call, &gt; 0.
     * @return bytes consumed (&gt;= 0) or a negative error code; see the class Javadoc.
     */
    public int decode(
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final WebSocketMessageHandler handler,
        final int callbackLimit)
    {
        backPressured = false;
        closeReceived = false;
        int position = offset;
        final int end = offset + length;
        int callbacks = 0;

        while (callbacks < callbackLimit)
        {
            final int result = decodeFrame(buffer, position, end - position);
            if (result <= 0)
            {
                if (result < 0)
                {
                    return result;
                }
                break;
            }

            final int opcode = this.opcode;
            final int payloadOffset = this.payloadOffset;
            final int payloadLength = this.payloadLength;

            if (masked)
            {
                applyMask(buffer, payloadOffset, payloadLength, maskingKey);
            }

            if (opcode >= WebSocketOpcode.CLOSE)
            {
                if (WebSocketOpcode.PING == opcode)
                {
                    handler.onPing(buffer, payloadOffset, payloadLength);
                }
                else if (WebSocketOpcode.PONG == opcode)
                {
                    handler.onPong(buffer, payloadOffset, payloadLength);
                }
                else
                {
                    final int closeResult = onCloseFrame(buffer, payloadOffset, payloadLength, handler);
                    if (closeResult < 0)
                    {
                        return closeResult;
                    }
                    position += result;
                    closeReceived = true;
                    break;
                }
                position += result;
                callbacks++;
            }
            else if (WebSocketOpcode.CONTINUATION == opcode)
            {
                if (NO_FRAGMENT == fragmentOpcode)
                {
                    return UNEXPECTED_CONTINUATION;
                }
                if (payloadLength > maxMessageLength - assembledLength)
                {
                    return MESSAGE_TOO_BIG;
                }

                assemblyBuffer.putBytes(assembledLength, buffer, payloadOffset, payloadLength);
                if (!fin)
                {
                    assembledLength += payloadLength;
                    position += result;
                    continue;
                }

                final int messageLength = assembledLength + payloadLength;
                if (validateUtf8 && WebSocketOpcode.TEXT == fragmentOpcode &&
                    !Utf8Validator.isValid(assemblyBuffer, 0, messageLength))
                {
                    return INVALID_UTF8;
                }
                if (!handler.onMessage(fragmentOpcode, assemblyBuffer, 0, messageLength))
                {
                    refuse(buffer, payloadOffset, payloadLength);
                    break;
                }
                fragmentOpcode = NO_FRAGMENT;
                assembledLength = 0;
                position += result;
                callbacks++;
            }
            else
            {
                if (NO_FRAGMENT != fragmentOpcode)
                {
                    return EXPECTED_CONTINUATION;
                }

                if (!fin)
                {
                    assemblyBuffer.putBytes(0, buffer, payloadOffset, payloadLength);
                    fragmentOpcode = opcode;
                    assembledLength = payloadLength;
                    position += result;
                    continue;
                }

                if (validateUtf8 && WebSocketOpcode.TEXT == opcode &&
                    !Utf8Validator.isValid(buffer, payloadOffset, payloadLength))
                {
                    return INVALID_UTF8;
                }
                if (!handler.onMessage(opcode, buffer, payloadOffset, payloadLength))
                {
                    refuse(buffer, payloadOffset, payloadLength);
                    break;
                }
                position += result;
                callbacks++;
            }
        }

        return position - offset;
    }

    /**
     * Parse and validate one frame at the offset without consuming it, unmasking it or touching the fragmentation
     * state. On success the accessors ({@link #opcode()}, {@link #isFin()}, {@link #payloadOffset()}, ...) describe
     * the frame. Checks the per-frame rules (RSV, opcode, control frame rules, mask side, length top bit, maximum
     * message length for data frames) but not the fragmentation sequence, close payloads or UTF-8, which
     * {@link #decode} adds.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte of the frame.
     * @param length of the bytes available from the offset.
     * @return the whole frame length (&gt; 0), {@link #NEED_MORE_DATA} or a negative error code.
     */
    public int decodeFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        pendingFrameLength = 0;
        if (length < 1)
        {
            return NEED_MORE_DATA;
        }

        final int b0 = buffer.getByte(offset) & 0xFF;
        if (0 != (b0 & RSV_BITS))
        {
            return RSV_BITS_SET;
        }

        final int opcode = b0 & OPCODE_BITS;
        if (!WebSocketOpcode.isKnown(opcode))
        {
            return UNKNOWN_OPCODE;
        }

        final boolean fin = 0 != (b0 & FIN_BIT);
        final boolean isControl = opcode >= WebSocketOpcode.CLOSE;
        if (isControl && !fin)
        {
            return FRAGMENTED_CONTROL_FRAME;
        }

        if (length < 2)
        {
            return NEED_MORE_DATA;
        }

        final int b1 = buffer.getByte(offset + 1) & 0xFF;
        final boolean masked = 0 != (b1 & MASK_BIT);
        if (masked == clientSide)
        {
            return clientSide ? UNEXPECTED_MASK : MISSING_MASK;
        }

        final int length7 = b1 & LENGTH_BITS;
        int headerLength = 2;
        final long payloadLength;
        if (length7 < LENGTH_16)
        {
            payloadLength = length7;
        }
        else if (isControl)
        {
            return CONTROL_FRAME_TOO_LONG;
        }
        else if (LENGTH_16 == length7)
        {
            if (length < 4)
            {
                return NEED_MORE_DATA;
            }
            payloadLength = buffer.getShort(offset + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            headerLength = 4;
        }
        else
        {
            if (length < 10)
            {
                return NEED_MORE_DATA;
            }
            payloadLength = buffer.getLong(offset + 2, ByteOrder.BIG_ENDIAN);
            if (payloadLength < 0)
            {
                return INVALID_LENGTH;
            }
            headerLength = 10;
        }

        if (!isControl && payloadLength > maxMessageLength)
        {
            return MESSAGE_TOO_BIG;
        }

        if (masked)
        {
            headerLength += 4;
        }

        final int frameLength = headerLength + (int)payloadLength;
        if (length < frameLength)
        {
            pendingFrameLength = frameLength;
            return NEED_MORE_DATA;
        }

        this.opcode = opcode;
        this.fin = fin;
        this.masked = masked;
        this.maskingKey = masked ? buffer.getInt(offset + headerLength - 4, ByteOrder.BIG_ENDIAN) : 0;
        this.payloadOffset = offset + headerLength;
        this.payloadLength = (int)payloadLength;
        this.frameLength = frameLength;

        return frameLength;
    }

    /**
     * Opcode of the last frame parsed.
     *
     * @return a {@link WebSocketOpcode} value.
     */
    public int opcode()
    {
        return opcode;
    }

    /**
     * FIN bit of the last frame parsed.
     *
     * @return true if it was the final fragment of its message.
     */
    public boolean isFin()
    {
        return fin;
    }

    /**
     * Was the last frame parsed masked?
     *
     * @return true if a masking key was present.
     */
    public boolean isMasked()
    {
        return masked;
    }

    /**
     * Masking key of the last frame parsed, big-endian as on the wire (first key byte in the top eight bits).
     *
     * @return the key, 0 if unmasked.
     */
    public int maskingKey()
    {
        return maskingKey;
    }

    /**
     * Offset of the payload of the last frame parsed, in the buffer it was parsed from.
     *
     * @return the payload offset.
     */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /**
     * Payload length of the last frame parsed.
     *
     * @return the payload length in bytes.
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * Whole length (header and payload) of the last frame parsed.
     *
     * @return the frame length in bytes.
     */
    public int frameLength()
    {
        return frameLength;
    }

    /**
     * After {@link #NEED_MORE_DATA}: the whole length of the partial frame if its header was complete, so the
     * caller can check that its buffer will hold it; 0 if the header itself was incomplete.
     *
     * @return bytes the partial frame needs in total, or 0.
     */
    public int pendingFrameLength()
    {
        return pendingFrameLength;
    }

    /**
     * Did the last {@link #decode} stop because the handler refused a message?
     *
     * @return true if a message is waiting to be offered again.
     */
    public boolean isBackPressured()
    {
        return backPressured;
    }

    /**
     * Did the last {@link #decode} deliver a close frame (and stop after it)?
     *
     * @return true if a close frame was delivered by the last call.
     */
    public boolean isCloseReceived()
    {
        return closeReceived;
    }

    /**
     * Is a fragmented message being assembled?
     *
     * @return true between the first and the final fragment of a message.
     */
    public boolean isAssembling()
    {
        return NO_FRAGMENT != fragmentOpcode;
    }

    /**
     * Bytes of the fragmented message assembled so far.
     *
     * @return the assembled length, 0 when not assembling.
     */
    public int assembledLength()
    {
        return assembledLength;
    }

    /**
     * The close status to send when failing the connection for an error code of this decoder (RFC 6455 §7.4):
     * {@link CloseStatus#MESSAGE_TOO_BIG} for {@link #MESSAGE_TOO_BIG}, {@link CloseStatus#INVALID_PAYLOAD} for
     * {@link #INVALID_UTF8}, {@link CloseStatus#PROTOCOL_ERROR} for every other error, {@link CloseStatus#NORMAL}
     * for a non-negative result.
     *
     * @param errorCode returned by {@link #decode} or {@link #decodeFrame}.
     * @return the close status code.
     */
    public static int closeCodeFor(final int errorCode)
    {
        if (errorCode >= 0)
        {
            return CloseStatus.NORMAL;
        }
        switch (errorCode)
        {
            case MESSAGE_TOO_BIG:
                return CloseStatus.MESSAGE_TOO_BIG;
            case INVALID_UTF8:
                return CloseStatus.INVALID_PAYLOAD;
            default:
                return CloseStatus.PROTOCOL_ERROR;
        }
    }

    /**
     * Name of a result code for logs and counters, a constant string (no allocation).
     *
     * @param code returned by {@link #decode} or {@link #decodeFrame}.
     * @return the constant's name, "OK" for a positive value.
     */
    public static String codeName(final int code)
    {
        switch (code)
        {
            case NEED_MORE_DATA:
                return "NEED_MORE_DATA";
            case RSV_BITS_SET:
                return "RSV_BITS_SET";
            case UNKNOWN_OPCODE:
                return "UNKNOWN_OPCODE";
            case FRAGMENTED_CONTROL_FRAME:
                return "FRAGMENTED_CONTROL_FRAME";
            case CONTROL_FRAME_TOO_LONG:
                return "CONTROL_FRAME_TOO_LONG";
            case UNEXPECTED_MASK:
                return "UNEXPECTED_MASK";
            case MISSING_MASK:
                return "MISSING_MASK";
            case UNEXPECTED_CONTINUATION:
                return "UNEXPECTED_CONTINUATION";
            case EXPECTED_CONTINUATION:
                return "EXPECTED_CONTINUATION";
            case MESSAGE_TOO_BIG:
                return "MESSAGE_TOO_BIG";
            case INVALID_LENGTH:
                return "INVALID_LENGTH";
            case INVALID_CLOSE_PAYLOAD:
                return "INVALID_CLOSE_PAYLOAD";
            case INVALID_CLOSE_CODE:
                return "INVALID_CLOSE_CODE";
            case INVALID_UTF8:
                return "INVALID_UTF8";
            default:
                return code > 0 ? "OK" : "UNKNOWN";
        }
    }

    /**
     * XOR a payload in place with a masking key (RFC 6455 §5.3), eight bytes at a time. Masking and unmasking are
     * the same operation, so applying it twice restores the bytes.
     *
     * @param buffer     holding the payload.
     * @param offset     of the first payload byte (mask byte 0 applies to it).
     * @param length     of the payload.
     * @param maskingKey big-endian masking key as on the wire.
     */
    public static void applyMask(
        final MutableDirectBuffer buffer, final int offset, final int length, final int maskingKey)
    {
        final long mask = nativeMask(maskingKey);
        final int end = offset + length;
        int i = offset;
        for (final int limit = end - 7; i < limit; i += 8)
        {
            buffer.putLong(i, buffer.getLong(i) ^ mask);
        }
        for (; i < end; i++)
        {
            buffer.putByte(i, (byte)(buffer.getByte(i) ^ (maskingKey >>> (24 - (((i - offset) & 3) << 3)))));
        }
    }

    /**
     * The masking key repeated twice as a long in native byte order, so that XOR with a native-order
     * {@code getLong} masks eight payload bytes whose first byte takes key byte 0.
     */
    static long nativeMask(final int maskingKey)
    {
        final long bigEndian = ((long)maskingKey << 32) | (maskingKey & 0xFFFF_FFFFL);
        return ByteOrder.BIG_ENDIAN == ByteOrder.nativeOrder() ? bigEndian : Long.reverseBytes(bigEndian);
    }

    private int onCloseFrame(
        final MutableDirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final WebSocketMessageHandler handler)
    {
        if (0 == payloadLength)
        {
            handler.onClose(CloseStatus.NO_STATUS_RECEIVED, buffer, payloadOffset, 0);
            return 0;
        }
        if (1 == payloadLength)
        {
            return INVALID_CLOSE_PAYLOAD;
        }

        final int code = buffer.getShort(payloadOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        if (!CloseStatus.isValidOnWire(code))
        {
            return INVALID_CLOSE_CODE;
        }
        if (validateUtf8 && !Utf8Validator.isValid(buffer, payloadOffset + 2, payloadLength - 2))
        {
            return INVALID_UTF8;
        }

        handler.onClose(code, buffer, payloadOffset + 2, payloadLength - 2);
        return 0;
    }

    private void refuse(final MutableDirectBuffer buffer, final int payloadOffset, final int payloadLength)
    {
        if (masked)
        {
            applyMask(buffer, payloadOffset, payloadLength, maskingKey);
        }
        backPressured = true;
    }
}
