package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.script.Malformation;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The scripted faults of one {@link SimulatedConnection}, applied on the agent thread: a stall (no reads of the
 * schedule, no ticks, no writes), paused reading, malformed messages and split writes
 * ({@link io.kiteticker.simulator.script.ConnectionScript}). Drops and clean closes are the session's own life cycle.
 * The flags are volatile so that other threads can observe them.
 */
final class FaultScript
{
    /**
     * Token of the malformed messages when nothing is subscribed: NIFTY 50.
     */
    static final int DEFAULT_TOKEN = 256265;
    private static final int SCRATCH_LENGTH = 4096;
    private static final int UNKNOWN_PACKET_OFFSET = 1024;
    private static final int UNKNOWN_PACKET_LENGTH = 50;
    private static final byte[] INVALID_JSON =
        "{\"type\":\"order\",\"data\":{\"order_id\":".getBytes(StandardCharsets.US_ASCII);

    private final SendBuffer sendBuffer;
    private final SubscriptionBook book;
    private final KiteMessageEncoder messageEncoder = new KiteMessageEncoder();
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH_LENGTH));

    private volatile boolean stalled;
    private volatile boolean readingPaused;

    FaultScript(final SendBuffer sendBuffer, final SubscriptionBook book)
    {
        this.sendBuffer = sendBuffer;
        this.book = book;
    }

    boolean isStalled()
    {
        return stalled;
    }

    boolean isReadingPaused()
    {
        return readingPaused;
    }

    void stall()
    {
        stalled = true;
    }

    void resume()
    {
        stalled = false;
    }

    void pauseReading()
    {
        readingPaused = true;
    }

    void resumeReading()
    {
        readingPaused = false;
    }

    /**
     * Write the next messages in small chunks.
     *
     * @param messageCount messages to split, at least 1.
     * @param chunkBytes   bytes per socket write, at least 1.
     */
    void splitNextMessages(final int messageCount, final int chunkBytes)
    {
        sendBuffer.splitNextMessages(messageCount, chunkBytes);
    }

    /**
     * Queue one malformed message; it counts as a frame but takes no packet ordinal.
     *
     * @param malformation what is wrong with it.
     */
    void queueMalformed(final Malformation malformation)
    {
        final int token = book.size() > 0 ? book.token(0) : DEFAULT_TOKEN;
        final UnsafeBuffer scratch = scratchBuffer;
        switch (malformation)
        {
            case BAD_WEBSOCKET_HEADER:
            {
                scratch.putByte(0, (byte)0xF3); // FIN, reserved bits set, opcode 3 (reserved)
                scratch.putByte(1, (byte)0x00);
                sendBuffer.queueRaw(scratch, 0, 2);
                sendBuffer.countRawFrame();
                break;
            }

            case TRUNCATED_KITE_MESSAGE:
            {
                messageEncoder.wrap(scratch, 0).addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(100);
                messageEncoder.declaredPacketCount(3);
                sendBuffer.queueFrame(WebSocketOpcode.BINARY, scratch, 0, messageEncoder.encodedLength());
                break;
            }

            case UNKNOWN_PACKET_LENGTH:
            {
                scratch.setMemory(UNKNOWN_PACKET_OFFSET, UNKNOWN_PACKET_LENGTH, (byte)0);
                scratch.putInt(UNKNOWN_PACKET_OFFSET, token, ByteOrder.BIG_ENDIAN);
                messageEncoder.wrap(scratch, 0).addPacket(scratch, UNKNOWN_PACKET_OFFSET, UNKNOWN_PACKET_LENGTH);
                messageEncoder.addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(100);
                sendBuffer.queueFrame(WebSocketOpcode.BINARY, scratch, 0, messageEncoder.encodedLength());
                break;
            }

            case INVALID_JSON_TEXT:
            {
                scratch.putBytes(0, INVALID_JSON);
                sendBuffer.queueFrame(WebSocketOpcode.TEXT, scratch, 0, INVALID_JSON.length);
                break;
            }

            default:
                throw new IllegalArgumentException(String.valueOf(malformation));
        }
    }
}
