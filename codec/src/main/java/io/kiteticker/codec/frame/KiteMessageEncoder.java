package io.kiteticker.codec.frame;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.kiteticker.codec.frame.KiteMessageDecoder.BYTE_ORDER;
import static io.kiteticker.codec.frame.KiteMessageDecoder.PACKET_COUNT_LENGTH;
import static io.kiteticker.codec.frame.KiteMessageDecoder.PACKET_COUNT_OFFSET;
import static io.kiteticker.codec.frame.KiteMessageDecoder.PACKET_LENGTH_LENGTH;

/**
 * Encoder of one binary Kite WebSocket message: packets are appended one after another, each with its u16 length
 * prefix, and the u16 count at the front is kept up to date. See {@link KiteMessageDecoder} for the layout.
 * <pre>
 *   messageEncoder.wrap(buffer, 0);
 *   messageEncoder.addPacket(PacketKind.QUOTE).instrumentToken(408065).lastPrice(157315);
 *   messageEncoder.addPacket(PacketKind.LTP).instrumentToken(256265).lastPrice(2450000);
 *   send(buffer, 0, messageEncoder.encodedLength());
 * </pre>
 * The caller must size the buffer for the message (at most 2 + 65,535 * (2 + 184) bytes); {@code addPacket} does not
 * check the capacity beyond the buffer's own bounds checks.
 * <p>
 * <b>Note:</b> an encoder belongs to one thread; the {@link TickEncoder} returned by {@link #addPacket(int)} is
 * reused and only valid until the next {@code addPacket} or {@code wrap}.
 */
public final class KiteMessageEncoder
{
    /**
     * Value of the byte of a heartbeat message.
     */
    public static final byte HEARTBEAT_VALUE = 0;

    /**
     * Length of a heartbeat message.
     */
    public static final int HEARTBEAT_LENGTH = 1;

    /**
     * Largest packet count the u16 count field can hold.
     */
    public static final int MAX_PACKET_COUNT = 0xFFFF;

    private final TickEncoder tickEncoder = new TickEncoder();
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;
    private int packetCount;

    /**
     * Start a message at an offset of a buffer, writing a count of 0.
     *
     * @param buffer to write into.
     * @param offset of the first byte of the message.
     * @return this for a fluent API.
     */
    public KiteMessageEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        if (buffer != this.buffer)
        {
            this.buffer = buffer;
        }
        this.offset = offset;
        this.limit = offset + PACKET_COUNT_LENGTH;
        this.packetCount = 0;
        buffer.putShort(offset + PACKET_COUNT_OFFSET, (short)0, BYTE_ORDER);

        return this;
    }

    /**
     * Append a zero-filled packet of a kind and return the reused encoder over its body to fill in.
     *
     * @param kind of packet, one of {@link PacketKind#LTP} to {@link PacketKind#FULL}.
     * @return the reused tick encoder wrapped over the new packet body.
     * @throws IllegalArgumentException if the kind is not known.
     * @throws IllegalStateException    if the message already holds {@link #MAX_PACKET_COUNT} packets.
     */
    public TickEncoder addPacket(final int kind)
    {
        final int packetLength = PacketKind.length(kind);
        if (0 == packetLength)
        {
            throw new IllegalArgumentException("not a known packet kind: " + kind);
        }

        final int bodyOffset = appendLengthPrefix(packetLength);
        tickEncoder.wrap(buffer, bodyOffset, kind);
        limit = bodyOffset + packetLength;

        return tickEncoder;
    }

    /**
     * Append a packet copied from raw bytes, with a length prefix equal to {@code length}. Any length from 0 to
     * 65,535 is accepted, so tests and the simulator can send packets of unknown or invalid lengths.
     *
     * @param src       holding the packet body.
     * @param srcOffset of the body in {@code src}.
     * @param length    of the body in bytes.
     * @return this for a fluent API.
     * @throws IllegalStateException if the message already holds {@link #MAX_PACKET_COUNT} packets.
     */
    public KiteMessageEncoder addPacket(final DirectBuffer src, final int srcOffset, final int length)
    {
        if (length < 0 || length > 0xFFFF)
        {
            throw new IllegalArgumentException("packet length out of u16 range: " + length);
        }

        final int bodyOffset = appendLengthPrefix(length);
        buffer.putBytes(bodyOffset, src, srcOffset, length);
        limit = bodyOffset + length;

        return this;
    }

    /**
     * Append raw bytes without a length prefix and without changing the count: for building malformed messages.
     *
     * @param src       holding the bytes.
     * @param srcOffset of the bytes in {@code src}.
     * @param length    number of bytes.
     * @return this for a fluent API.
     */
    public KiteMessageEncoder appendRaw(final DirectBuffer src, final int srcOffset, final int length)
    {
        buffer.putBytes(limit, src, srcOffset, length);
        limit += length;

        return this;
    }

    /**
     * Overwrite the count field with a value that need not match the packets appended: for building malformed
     * messages. {@link #packetCount()} keeps counting the packets actually appended.
     *
     * @param declaredCount to write, as u16.
     * @return this for a fluent API.
     */
    public KiteMessageEncoder declaredPacketCount(final int declaredCount)
    {
        buffer.putShort(offset + PACKET_COUNT_OFFSET, (short)declaredCount, BYTE_ORDER);

        return this;
    }

    /**
     * Number of packets appended since {@link #wrap(MutableDirectBuffer, int)}.
     *
     * @return number of packets appended.
     */
    public int packetCount()
    {
        return packetCount;
    }

    /**
     * Length of the message so far, from its offset.
     *
     * @return length of the message in bytes.
     */
    public int encodedLength()
    {
        return limit - offset;
    }

    /**
     * The buffer last wrapped.
     *
     * @return the buffer last wrapped.
     */
    public MutableDirectBuffer buffer()
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
     * Write a heartbeat message: one byte of value {@link #HEARTBEAT_VALUE}.
     *
     * @param buffer to write into.
     * @param offset at which to write.
     * @return the length of the heartbeat message, {@link #HEARTBEAT_LENGTH}.
     */
    public static int encodeHeartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, HEARTBEAT_VALUE);

        return HEARTBEAT_LENGTH;
    }

    private int appendLengthPrefix(final int packetLength)
    {
        if (packetCount >= MAX_PACKET_COUNT)
        {
            throw new IllegalStateException("message already holds " + MAX_PACKET_COUNT + " packets");
        }

        buffer.putShort(limit, (short)packetLength, BYTE_ORDER);
        packetCount++;
        buffer.putShort(offset + PACKET_COUNT_OFFSET, (short)packetCount, BYTE_ORDER);

        return limit + PACKET_LENGTH_LENGTH;
    }
}
