package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Allocation-free RFC 6455 frame encoder into a caller's preallocated buffer, client side (masked) or server side
 * (unmasked). Always writes the minimal length form: 7-bit up to 125 bytes, 16-bit up to 65535, 64-bit above.
 * <p>
 * Two ways to encode:
 * <ul>
 *     <li>Copying: {@link #encodeBinary}, {@link #encodeText}, {@link #encodePing}, {@link #encodePong},
 *     {@link #encodeClose} and {@link #encodeFrame} write the header and then the payload from a source buffer,
 *     masking while copying on the client side. Source and destination ranges must not overlap.</li>
 *     <li>In place (zero copy): write the payload at {@code offset + maxFrameHeaderLength()}, then call
 *     {@link #encodeHeaderBefore}, which puts the header immediately before the payload, masks the payload in
 *     place on the client side and returns where the frame starts:
 * <pre>
 *   final int payloadOffset = offset + WebSocketFrameEncoder.maxFrameHeaderLength();
 *   final int payloadLength = jsonEncoder.encode(buffer, payloadOffset);
 *   final int frameOffset = encoder.encodeHeaderBefore(buffer, payloadOffset, payloadLength, TEXT, true);
 *   // send buffer[frameOffset, payloadOffset + payloadLength)
 * </pre></li>
 * </ul>
 *
 * <h2>Masking keys</h2>
 * Each client frame gets a fresh 32-bit key from an xorshift64* generator seeded once from {@link SecureRandom},
 * rather than a {@code SecureRandom} call per frame (which locks and can block). This is acceptable because the
 * mask exists to stop a hostile script that chooses the payload from making the bytes on the wire look like
 * another protocol to a caching intermediary (RFC 6455 §10.3); here the payloads are produced by our own code, not
 * chosen by an attacker, and the secure seed keeps the key sequence unpredictable to anyone who has not seen it
 * (on {@code wss://} nobody on the path sees it at all).
 * <p>
 * <b>Note:</b> methods return the bytes written, or {@link #INSUFFICIENT_CAPACITY} when the frame does not fit the
 * buffer (nothing useful was written; retry once the buffer has drained), or {@link #INVALID_FRAME} for an
 * unknown opcode, a negative length, a fragmented control frame or a control payload over 125 bytes. Not
 * thread-safe: one encoder per connection.
 */
public final class WebSocketFrameEncoder
{
    /**
     * The frame does not fit between the offset and the buffer's capacity.
     */
    public static final int INSUFFICIENT_CAPACITY = -1;

    /**
     * Unknown opcode, negative length, fragmented control frame or control payload over 125 bytes.
     */
    public static final int INVALID_FRAME = -2;

    /**
     * Longest frame header: 2 bytes, 8 bytes of 64-bit length and 4 bytes of masking key.
     */
    public static final int MAX_FRAME_HEADER_LENGTH = 14;

    /**
     * Longest close reason: 125 bytes of control payload less 2 bytes of status code.
     */
    public static final int MAX_CLOSE_REASON_LENGTH = 123;

    private static final long XORSHIFT_MULTIPLIER = 0x2545F4914F6CDD1DL;
    private static final long SEED_IF_ZERO = 0x9E3779B97F4A7C15L;

    private final boolean clientSide;
    private long maskState;

    /**
     * An encoder whose client-side masking keys come from a generator seeded once from {@link SecureRandom}.
     *
     * @param clientSide true to mask every frame (client), false to send unmasked frames (server).
     */
    public WebSocketFrameEncoder(final boolean clientSide)
    {
        this(clientSide, new SecureRandom().nextLong());
    }

    /**
     * An encoder with a given masking key seed, for reproducible tests.
     *
     * @param clientSide true to mask every frame (client), false to send unmasked frames (server).
     * @param maskSeed   seed of the masking key generator; 0 is replaced by a fixed non-zero constant.
     */
    public WebSocketFrameEncoder(final boolean clientSide, final long maskSeed)
    {
        this.clientSide = clientSide;
        this.maskState = 0 == maskSeed ? SEED_IF_ZERO : maskSeed;
    }

    /**
     * A client-side encoder (masking, securely seeded).
     *
     * @return a new encoder.
     */
    public static WebSocketFrameEncoder clientSide()
    {
        return new WebSocketFrameEncoder(true);
    }

    /**
     * A server-side encoder (no masking).
     *
     * @return a new encoder.
     */
    public static WebSocketFrameEncoder serverSide()
    {
        return new WebSocketFrameEncoder(false, SEED_IF_ZERO);
    }

    /**
     * Is this a client-side (masking) encoder?
     *
     * @return true on the client side.
     */
    public boolean isClientSide()
    {
        return clientSide;
    }

    /**
     * Longest frame header this codec writes or reads.
     *
     * @return {@link #MAX_FRAME_HEADER_LENGTH}, 14.
     */
    public static int maxFrameHeaderLength()
    {
        return MAX_FRAME_HEADER_LENGTH;
    }

    /**
     * Header length for a payload in the minimal length form.
     *
     * @param payloadLength of the frame, &gt;= 0.
     * @param masked        true if a masking key follows the length.
     * @return 2, 4 or 10 bytes, plus 4 if masked.
     */
    public static int headerLength(final int payloadLength, final boolean masked)
    {
        final int lengthBytes = payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? lengthBytes + 4 : lengthBytes;
    }

    /**
     * Header length this encoder writes for a payload (masked on the client side).
     *
     * @param payloadLength of the frame, &gt;= 0.
     * @return the header length in bytes.
     */
    public int headerLength(final int payloadLength)
    {
        return headerLength(payloadLength, clientSide);
    }

    /**
     * Whole frame length this encoder writes for a payload.
     *
     * @param payloadLength of the frame, &gt;= 0.
     * @return header plus payload length in bytes.
     */
    public int frameLength(final int payloadLength)
    {
        return headerLength(payloadLength, clientSide) + payloadLength;
    }

    /**
     * Encode a final BINARY frame.
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param payload       source of the payload.
     * @param payloadOffset of the payload in the source.
     * @param payloadLength of the payload.
     * @return bytes written, or a negative code.
     */
    public int encodeBinary(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        return encodeFrame(buffer, offset, WebSocketOpcode.BINARY, true, payload, payloadOffset, payloadLength);
    }

    /**
     * Encode a final TEXT frame; the payload must be UTF-8 (not checked).
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param payload       source of the payload.
     * @param payloadOffset of the payload in the source.
     * @param payloadLength of the payload.
     * @return bytes written, or a negative code.
     */
    public int encodeText(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        return encodeFrame(buffer, offset, WebSocketOpcode.TEXT, true, payload, payloadOffset, payloadLength);
    }

    /**
     * Encode a PING frame.
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param payload       source of the application data.
     * @param payloadOffset of the data in the source.
     * @param payloadLength of the data, 0 to 125.
     * @return bytes written, or a negative code.
     */
    public int encodePing(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        return encodeFrame(buffer, offset, WebSocketOpcode.PING, true, payload, payloadOffset, payloadLength);
    }

    /**
     * Encode a PONG frame, normally echoing the application data of a received ping.
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param payload       source of the application data.
     * @param payloadOffset of the data in the source.
     * @param payloadLength of the data, 0 to 125.
     * @return bytes written, or a negative code.
     */
    public int encodePong(
        final MutableDirectBuffer buffer,
        final int offset,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        return encodeFrame(buffer, offset, WebSocketOpcode.PONG, true, payload, payloadOffset, payloadLength);
    }

    /**
     * Encode a CLOSE frame with a status code and no reason. {@link CloseStatus#NO_STATUS_RECEIVED} (1005) encodes
     * an empty close frame, as that code may not appear on the wire.
     *
     * @param buffer     to write the frame into.
     * @param offset     at which the frame starts.
     * @param statusCode to send.
     * @return bytes written, or a negative code.
     */
    public int encodeClose(final MutableDirectBuffer buffer, final int offset, final int statusCode)
    {
        return encodeClose(buffer, offset, statusCode, null, 0, 0);
    }

    /**
     * Encode a CLOSE frame with a status code and an ASCII reason, written without allocation.
     *
     * @param buffer      to write the frame into.
     * @param offset      at which the frame starts.
     * @param statusCode  to send.
     * @param asciiReason up to 123 ASCII characters.
     * @return bytes written, or a negative code.
     */
    public int encodeClose(
        final MutableDirectBuffer buffer, final int offset, final int statusCode, final CharSequence asciiReason)
    {
        final int reasonLength = CloseStatus.NO_STATUS_RECEIVED == statusCode ? 0 : asciiReason.length();
        return encodeCloseFrame(buffer, offset, statusCode, asciiReason, null, 0, reasonLength);
    }

    /**
     * Encode a CLOSE frame with a status code and a UTF-8 reason from a buffer.
     * {@link CloseStatus#NO_STATUS_RECEIVED} (1005) encodes an empty close frame and ignores the reason.
     *
     * @param buffer       to write the frame into.
     * @param offset       at which the frame starts.
     * @param statusCode   to send.
     * @param reason       source of the UTF-8 reason, may be null when the length is 0.
     * @param reasonOffset of the reason in the source.
     * @param reasonLength of the reason, 0 to 123 bytes.
     * @return bytes written, or a negative code.
     */
    public int encodeClose(
        final MutableDirectBuffer buffer,
        final int offset,
        final int statusCode,
        final DirectBuffer reason,
        final int reasonOffset,
        final int reasonLength)
    {
        return encodeCloseFrame(buffer, offset, statusCode, null, reason, reasonOffset, reasonLength);
    }

    /**
     * Encode any frame, copying the payload (masking it on the client side with the next key).
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param opcode        a {@link WebSocketOpcode}.
     * @param fin           true for the final (or only) fragment of a message; control frames must be final.
     * @param payload       source of the payload, may be null when the length is 0.
     * @param payloadOffset of the payload in the source.
     * @param payloadLength of the payload.
     * @return bytes written, or a negative code.
     */
    public int encodeFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final int opcode,
        final boolean fin,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        if (clientSide)
        {
            return encodeFrame(
                buffer, offset, opcode, fin, payload, payloadOffset, payloadLength, true, nextMaskingKey());
        }

        return encodeFrame(buffer, offset, opcode, fin, payload, payloadOffset, payloadLength, false, 0);
    }

    /**
     * Encode any frame with an explicit masking choice and key (tests, RFC examples, proxies).
     *
     * @param buffer        to write the frame into.
     * @param offset        at which the frame starts.
     * @param opcode        a {@link WebSocketOpcode}.
     * @param fin           true for the final (or only) fragment of a message; control frames must be final.
     * @param payload       source of the payload, may be null when the length is 0.
     * @param payloadOffset of the payload in the source.
     * @param payloadLength of the payload.
     * @param masked        true to write a masking key and mask the payload.
     * @param maskingKey    big-endian key as it appears on the wire, used if masked.
     * @return bytes written, or a negative code.
     */
    public static int encodeFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final int opcode,
        final boolean fin,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength,
        final boolean masked,
        final int maskingKey)
    {
        if (!isValidFrame(opcode, fin, payloadLength))
        {
            return INVALID_FRAME;
        }
        final int headerLength = headerLength(payloadLength, masked);
        if (offset < 0 || offset > buffer.capacity() - headerLength - payloadLength)
        {
            return INSUFFICIENT_CAPACITY;
        }

        putHeader(buffer, offset, opcode, fin, payloadLength, masked, maskingKey);
        final int dstOffset = offset + headerLength;
        if (payloadLength > 0)
        {
            if (masked)
            {
                copyMasked(payload, payloadOffset, buffer, dstOffset, payloadLength, maskingKey);
            }
            else
            {
                buffer.putBytes(dstOffset, payload, payloadOffset, payloadLength);
            }
        }

        return headerLength + payloadLength;
    }

    /**
     * Zero-copy encoding: put the header of a frame immediately before a payload already written into the buffer
     * and, on the client side, mask the payload in place with the next key. Leave
     * {@link #maxFrameHeaderLength()} bytes free before the payload to be safe for any length.
     *
     * @param buffer        holding the payload.
     * @param payloadOffset of the payload.
     * @param payloadLength of the payload.
     * @param opcode        a {@link WebSocketOpcode}.
     * @param fin           true for the final (or only) fragment of a message.
     * @return the offset at which the frame starts ({@code payloadOffset - headerLength(payloadLength)}), or a
     * negative code ({@link #INSUFFICIENT_CAPACITY} if the header does not fit before the payload).
     */
    public int encodeHeaderBefore(
        final MutableDirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final int opcode,
        final boolean fin)
    {
        if (!isValidFrame(opcode, fin, payloadLength))
        {
            return INVALID_FRAME;
        }
        final int headerLength = headerLength(payloadLength, clientSide);
        final int frameOffset = payloadOffset - headerLength;
        if (frameOffset < 0 || payloadOffset > buffer.capacity() - payloadLength)
        {
            return INSUFFICIENT_CAPACITY;
        }

        if (clientSide)
        {
            final int maskingKey = nextMaskingKey();
            putHeader(buffer, frameOffset, opcode, fin, payloadLength, true, maskingKey);
            WebSocketFrameDecoder.applyMask(buffer, payloadOffset, payloadLength, maskingKey);
        }
        else
        {
            putHeader(buffer, frameOffset, opcode, fin, payloadLength, false, 0);
        }

        return frameOffset;
    }

    /**
     * Next masking key from the xorshift64* generator (also used by every masked encode of this encoder).
     *
     * @return a 32-bit masking key.
     */
    public int nextMaskingKey()
    {
        long x = maskState;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        maskState = x;
        return (int)((x * XORSHIFT_MULTIPLIER) >>> 32);
    }

    /**
     * Encode a CLOSE frame whose reason is either ASCII chars (when {@code asciiReason} is not null) or bytes from a
     * buffer; {@link CloseStatus#NO_STATUS_RECEIVED} encodes an empty close frame and ignores the reason.
     */
    private int encodeCloseFrame(
        final MutableDirectBuffer buffer,
        final int offset,
        final int statusCode,
        final CharSequence asciiReason,
        final DirectBuffer reason,
        final int reasonOffset,
        final int reasonLength)
    {
        if (CloseStatus.NO_STATUS_RECEIVED == statusCode)
        {
            return encodeFrame(buffer, offset, WebSocketOpcode.CLOSE, true, null, 0, 0);
        }
        if (reasonLength < 0 || reasonLength > MAX_CLOSE_REASON_LENGTH)
        {
            return INVALID_FRAME;
        }
        final int payloadLength = 2 + reasonLength;
        final int headerLength = headerLength(payloadLength, clientSide);
        if (offset < 0 || offset > buffer.capacity() - headerLength - payloadLength)
        {
            return INSUFFICIENT_CAPACITY;
        }

        final int payloadOffset = offset + headerLength;
        buffer.putShort(payloadOffset, (short)statusCode, ByteOrder.BIG_ENDIAN);
        if (null != asciiReason)
        {
            buffer.putStringWithoutLengthAscii(payloadOffset + 2, asciiReason);
        }
        else if (reasonLength > 0)
        {
            buffer.putBytes(payloadOffset + 2, reason, reasonOffset, reasonLength);
        }
        final int start = encodeHeaderBefore(buffer, payloadOffset, payloadLength, WebSocketOpcode.CLOSE, true);

        return start < 0 ? start : headerLength + payloadLength;
    }

    private static boolean isValidFrame(final int opcode, final boolean fin, final int payloadLength)
    {
        if (payloadLength < 0 || !WebSocketOpcode.isKnown(opcode))
        {
            return false;
        }

        return !WebSocketOpcode.isControl(opcode) ||
            (fin && payloadLength <= WebSocketFrameDecoder.MAX_CONTROL_PAYLOAD_LENGTH);
    }

    private static void putHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final int opcode,
        final boolean fin,
        final int payloadLength,
        final boolean masked,
        final int maskingKey)
    {
        buffer.putByte(offset, (byte)(fin ? 0x80 | opcode : opcode));
        final int maskBit = masked ? 0x80 : 0;
        int position = offset + 2;
        if (payloadLength < 126)
        {
            buffer.putByte(offset + 1, (byte)(maskBit | payloadLength));
        }
        else if (payloadLength <= 0xFFFF)
        {
            buffer.putByte(offset + 1, (byte)(maskBit | 126));
            buffer.putShort(position, (short)payloadLength, ByteOrder.BIG_ENDIAN);
            position += 2;
        }
        else
        {
            buffer.putByte(offset + 1, (byte)(maskBit | 127));
            buffer.putLong(position, payloadLength, ByteOrder.BIG_ENDIAN);
            position += 8;
        }

        if (masked)
        {
            buffer.putInt(position, maskingKey, ByteOrder.BIG_ENDIAN);
        }
    }

    private static void copyMasked(
        final DirectBuffer src,
        final int srcOffset,
        final MutableDirectBuffer dst,
        final int dstOffset,
        final int length,
        final int maskingKey)
    {
        final long mask = WebSocketFrameDecoder.nativeMask(maskingKey);
        int i = 0;
        for (final int limit = length - 7; i < limit; i += 8)
        {
            dst.putLong(dstOffset + i, src.getLong(srcOffset + i) ^ mask);
        }
        for (; i < length; i++)
        {
            dst.putByte(dstOffset + i, (byte)(src.getByte(srcOffset + i) ^ (maskingKey >>> (24 - ((i & 3) << 3)))));
        }
    }
}
