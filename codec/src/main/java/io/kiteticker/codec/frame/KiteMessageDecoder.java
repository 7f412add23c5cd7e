package io.kiteticker.codec.frame;

import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Decoder of one binary Kite WebSocket message (the payload of one binary frame):
 * <pre>
 *   0       u16 BE  N = number of packets
 *   2       u16 BE  L1 = length of packet 1 body
 *   4       L1 bytes of packet 1 body
 *   4 + L1  u16 BE  L2, then L2 bytes … N times
 * </pre>
 * Usage, with no allocation:
 * <pre>
 *   final int result = messageDecoder.wrap(buffer, offset, length).validate();
 *   while (messageDecoder.hasNext())
 *   {
 *       final TickDecoder tick = messageDecoder.next();
 *       // read tick.kind(), tick.instrumentToken(), tick.lastPrice(), …
 *   }
 *   if (result &lt; 0) { count a malformed message }
 * </pre>
 * {@link #validate()} walks the length prefixes once, before any packet is handed out, and returns {@link #OK},
 * {@link #HEARTBEAT} (fewer than 2 bytes: no packets), {@link #TRUNCATED} or {@link #BAD_LENGTH}. On a malformed
 * message {@link #packetCount()} is still the number of complete, well-formed packets before the first problem, so a
 * consumer may keep them (as the Rust crate does) while counting the message as malformed. A packet whose length is
 * at least 4 but not one of the known lengths is not a message error: it is handed out with kind
 * {@link io.kiteticker.codec.packet.PacketKind#UNKNOWN} for the consumer to count.
 * <p>
 * <b>Performance.</b> A message that lies inside its buffer and whose packets all have the same length (every message
 * of a subscription in one mode) is validated with independent loads of its prefixes, at positions known from the
 * first length, instead of a walk in which each prefix's address depends on the length read before it (a chain of
 * dependent L1 misses once a large message no longer fits in L1); {@link #next()} then steps by the stride and
 * wraps the {@link TickDecoder} with {@link TickDecoder#wrapUnchecked(DirectBuffer, int, int)}, the message having
 * been checked against the buffer once. Any other message is walked prefix by prefix with checked reads, as before.
 * <p>
 * <b>Note:</b> a decoder belongs to one thread; the {@link TickDecoder} returned by {@link #next()} is reused and
 * only valid until the next call to {@link #next()} or {@link #wrap(DirectBuffer, int, int)}.
 */
public final class KiteMessageDecoder
{
    /**
     * The message is well formed; {@link #packetCount()} packets follow.
     */
    public static final int OK = 0;

    /**
     * The message is shorter than 2 bytes: a heartbeat, with no packets.
     */
    public static final int HEARTBEAT = 1;

    /**
     * A length prefix or a packet body runs past the end of the message.
     */
    public static final int TRUNCATED = -1;

    /**
     * A packet length is smaller than {@link TickDecoder#INSTRUMENT_TOKEN_LENGTH}, or bytes follow the last packet
     * (including a count of 0 followed by bytes).
     */
    public static final int BAD_LENGTH = -2;

    /**
     * Byte order of the count and length prefixes.
     */
    public static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;

    /**
     * Offset of the packet count.
     */
    public static final int PACKET_COUNT_OFFSET = 0;

    /**
     * Length of the packet count, and the minimum length of a message that is not a heartbeat.
     */
    public static final int PACKET_COUNT_LENGTH = 2;

    /**
     * Length of the length prefix of each packet.
     */
    public static final int PACKET_LENGTH_LENGTH = 2;

    /**
     * Minimum valid packet length: the instrument token.
     */
    public static final int MIN_PACKET_LENGTH = TickDecoder.INSTRUMENT_TOKEN_LENGTH;

    private static final int UINT16_MASK = 0xFFFF;
    private static final boolean SWAP_BYTES = ByteOrder.nativeOrder() != BYTE_ORDER;

    private final TickDecoder tickDecoder = new TickDecoder();
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int packetCount;
    private int packetIndex;
    private int cursor;
    private int stride;

    /**
     * Wrap one message. Nothing is read until {@link #validate()}; until then there are no packets.
     *
     * @param buffer holding the message.
     * @param offset of the first byte of the message.
     * @param length of the message in bytes.
     * @return this for a fluent API.
     */
    public KiteMessageDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (buffer != this.buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.length = length;
        this.packetCount = 0;
        this.packetIndex = 0;
        this.cursor = offset + PACKET_COUNT_LENGTH;
        this.stride = 0;

        return this;
    }

    /**
     * Check the count and every length prefix against the message length, and set {@link #packetCount()} to the
     * number of complete, well-formed packets before the first problem. Must be called before iterating.
     *
     * @return {@link #OK}, {@link #HEARTBEAT}, {@link #TRUNCATED} or {@link #BAD_LENGTH}.
     */
    public int validate()
    {
        packetCount = 0;
        packetIndex = 0;
        stride = 0;
        cursor = offset + PACKET_COUNT_LENGTH;

        final int length = this.length;
        if (length < PACKET_COUNT_LENGTH)
        {
            return HEARTBEAT;
        }

        final DirectBuffer buffer = this.buffer;
        final int offset = this.offset;
        if (offset >= 0 && length <= buffer.capacity() - offset)
        {
            final int count = uniformPacketCount(buffer, offset, length);
            if (count > 0)
            {
                packetCount = count;
                return OK;
            }
        }

        final int declaredCount = buffer.getShort(offset + PACKET_COUNT_OFFSET, BYTE_ORDER) & UINT16_MASK;
        final int end = offset + length;
        int position = offset + PACKET_COUNT_LENGTH;
        int count = 0;
        int result = OK;

        while (count < declaredCount)
        {
            if (end - position < PACKET_LENGTH_LENGTH)
            {
                result = TRUNCATED;
                break;
            }

            final int packetLength = buffer.getShort(position, BYTE_ORDER) & UINT16_MASK;
            if (packetLength < MIN_PACKET_LENGTH)
            {
                result = BAD_LENGTH;
                break;
            }

            position += PACKET_LENGTH_LENGTH;
            if (end - position < packetLength)
            {
                result = TRUNCATED;
                break;
            }

            position += packetLength;
            count++;
        }

        if (OK == result && position != end)
        {
            result = BAD_LENGTH;
        }
        packetCount = count;

        return result;
    }

    /**
     * Number of complete, well-formed packets found by the last {@link #validate()}.
     *
     * @return number of packets that {@link #next()} will hand out.
     */
    public int packetCount()
    {
        return packetCount;
    }

    /**
     * Is there another packet to hand out?
     *
     * @return true if {@link #next()} may be called.
     */
    public boolean hasNext()
    {
        return packetIndex < packetCount;
    }

    /**
     * Wrap the reused {@link TickDecoder} over the next packet body.
     *
     * @return the reused tick decoder, wrapped over the next packet.
     * @throws IllegalStateException if {@link #hasNext()} is false.
     */
    public TickDecoder next()
    {
        if (packetIndex >= packetCount)
        {
            throw new IllegalStateException("no more packets: " + packetCount);
        }

        final int position = cursor;
        packetIndex++;
        final int stride = this.stride;
        if (0 != stride)
        {
            cursor = position + stride;
            return tickDecoder.wrapUnchecked(buffer, position + PACKET_LENGTH_LENGTH, stride - PACKET_LENGTH_LENGTH);
        }

        final int packetLength = buffer.getShort(position, BYTE_ORDER) & UINT16_MASK;
        final int bodyOffset = position + PACKET_LENGTH_LENGTH;
        cursor = bodyOffset + packetLength;

        return tickDecoder.wrap(buffer, bodyOffset, packetLength);
    }

    /**
     * Start iterating the validated packets again from the first.
     *
     * @return this for a fluent API.
     */
    public KiteMessageDecoder reset()
    {
        packetIndex = 0;
        cursor = offset + PACKET_COUNT_LENGTH;

        return this;
    }

    /**
     * The fast path of {@link #validate()} for the common message whose packets all have the same length (every
     * message of a subscription in one mode): the message, already checked to lie inside the buffer, is exactly
     * {@code count * (2 + L)} bytes after the count, and every length prefix equals the first, {@code L >= 4}. The
     * prefixes then sit at known positions, so they are compared with independent loads (no walk from one prefix to the
     * next through the lengths just read) and {@link #next()} steps by the stride without reading them again.
     *
     * @return the packet count when the message is uniform and well formed, else 0 for the general walk.
     */
    private int uniformPacketCount(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < PACKET_COUNT_LENGTH + PACKET_LENGTH_LENGTH)
        {
            return 0;
        }

        final byte[] byteArray = buffer.byteArray();
        final long address = buffer.addressOffset() + offset;
        final int declaredCount = uint16(byteArray, address + PACKET_COUNT_OFFSET);
        final int firstRaw = rawShort(byteArray, address + PACKET_COUNT_LENGTH);
        final int firstLength = SWAP_BYTES ? Character.reverseBytes((char)firstRaw) : (char)firstRaw;
        final int stride = PACKET_LENGTH_LENGTH + firstLength;
        if (firstLength < MIN_PACKET_LENGTH || (long)declaredCount * stride != length - PACKET_COUNT_LENGTH)
        {
            return 0;
        }

        final long first = address + PACKET_COUNT_LENGTH;
        int mismatch = 0;
        if (null != byteArray)
        {
            for (int i = 1; i < declaredCount; i++)
            {
                mismatch |= UnsafeApi.getShort(byteArray, first + (long)i * stride) ^ firstRaw;
            }
        }
        else
        {
            for (int i = 1; i < declaredCount; i++)
            {
                mismatch |= UnsafeApi.getShort(null, first + (long)i * stride) ^ firstRaw;
            }
        }

        if (0 != mismatch)
        {
            return 0;
        }
        this.stride = stride;

        return declaredCount;
    }

    private static short rawShort(final byte[] byteArray, final long address)
    {
        return null != byteArray ? UnsafeApi.getShort(byteArray, address) : UnsafeApi.getShort(null, address);
    }

    private static int uint16(final byte[] byteArray, final long address)
    {
        final char value = null != byteArray ? UnsafeApi.getChar(byteArray, address) : UnsafeApi.getChar(null, address);

        return SWAP_BYTES ? Character.reverseBytes(value) : value;
    }

    /**
     * The buffer last wrapped.
     *
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Offset of the message in {@link #buffer()}.
     *
     * @return offset of the message.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Length of the message.
     *
     * @return length of the message in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * Read the declared packet count of a message without wrapping it; the caller must ensure the message is at
     * least {@link #PACKET_COUNT_LENGTH} bytes long.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @return the declared (unvalidated) packet count.
     */
    public static int declaredPacketCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + PACKET_COUNT_OFFSET, BYTE_ORDER) & UINT16_MASK;
    }

    /**
     * Is a message of this length a heartbeat?
     *
     * @param length of the message in bytes.
     * @return true if the message is shorter than {@link #PACKET_COUNT_LENGTH}.
     */
    public static boolean isHeartbeat(final int length)
    {
        return length < PACKET_COUNT_LENGTH;
    }
}
