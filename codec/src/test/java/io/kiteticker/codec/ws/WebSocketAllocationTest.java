package io.kiteticker.codec.ws;

import io.kiteticker.testing.AllocationMeter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.kiteticker.codec.ws.Frames.concat;
import static io.kiteticker.codec.ws.Frames.frame;
import static io.kiteticker.codec.ws.Frames.pattern;
import static io.kiteticker.codec.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame path allocates nothing in steady state: decode (both sides, fragmented, back-pressured) and encode.
 */
class WebSocketAllocationTest
{
    private static final int WARMUP = 200_000;
    private static final int ITERATIONS = 1_000_000;

    private final SinkHandler handler = new SinkHandler();

    @Test
    void shouldNotAllocateWhenDecodingFrames()
    {
        final WebSocketFrameDecoder client = WebSocketFrameDecoder.clientSide(64 * 1024);
        final WebSocketFrameDecoder server = WebSocketFrameDecoder.serverSide(64 * 1024);
        final byte[] clientStream = concat(
            frame(0x82, pattern(1860)),
            frame(0x81, utf8("{\"type\":\"order\",\"data\":{\"status\":\"COMPLETE\"}}")),
            frame(0x02, pattern(100)),
            frame(0x89, utf8("hb")),
            frame(0x80, pattern(50)),
            frame(0x82, pattern(1)));
        final byte[] serverStream = concat(
            frame(0x81, utf8("{\"a\":\"subscribe\",\"v\":[408065,884737]}"), true, 0x12345678),
            frame(0x82, pattern(333), true, 0x0BADF00D),
            frame(0x89, utf8("ping"), true, 0x7F7F7F7F));
        final UnsafeBuffer clientBuffer = new UnsafeBuffer(clientStream);
        final UnsafeBuffer serverBuffer = new UnsafeBuffer(serverStream);
        final UnsafeBuffer partial = new UnsafeBuffer(frame(0x82, pattern(70_000)));

        final Runnable task = () ->
        {
            handler.refuse = 0;
            int consumed = client.decode(clientBuffer, 0, clientStream.length, handler);
            handler.refuse = 1;
            consumed += client.decode(clientBuffer, 0, clientStream.length, handler);
            handler.refuse = 0;
            consumed += server.decode(serverBuffer, 0, serverStream.length, handler);
            // the masked buffer is unmasked in place; masking again restores it for the next iteration
            reMask(serverBuffer);
            consumed += client.decode(partial, 0, 5000, handler);
            handler.consumed += consumed;
        };

        final long bytes = AllocationMeter.measure(WARMUP, ITERATIONS, task);
        assertThat(handler.messages).isGreaterThan(ITERATIONS);
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenEncodingFrames()
    {
        final WebSocketFrameEncoder client = new WebSocketFrameEncoder(true, 7L);
        final WebSocketFrameEncoder server = WebSocketFrameEncoder.serverSide();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[128 * 1024]);
        final UnsafeBuffer payload = new UnsafeBuffer(pattern(70_000));
        final String reason = "normal closure";
        final long[] total = new long[1];

        final Runnable task = () ->
        {
            int length = client.encodeText(out, 0, payload, 0, 40);
            length += client.encodeBinary(out, 0, payload, 0, 500);
            length += client.encodePong(out, 0, payload, 0, 2);
            length += client.encodeClose(out, 0, CloseStatus.NORMAL, reason);
            length += client.encodeHeaderBefore(out, 14, 60, WebSocketOpcode.TEXT, true);
            length += server.encodeBinary(out, 0, payload, 0, 1000);
            length += server.encodePing(out, 0, payload, 0, 10);
            total[0] += length;
        };

        final long bytes = AllocationMeter.measure(WARMUP, ITERATIONS, task);
        assertThat(total[0]).isPositive();
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenEncodingAndDecodingLargeMessages()
    {
        final WebSocketFrameEncoder encoder = WebSocketFrameEncoder.serverSide();
        final WebSocketFrameDecoder decoder = WebSocketFrameDecoder.clientSide(1024 * 1024);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[128 * 1024]);
        final UnsafeBuffer payload = new UnsafeBuffer(pattern(100_000));

        final Runnable task = () ->
        {
            final int length = encoder.encodeBinary(out, 0, payload, 0, 100_000);
            handler.consumed += decoder.decode(out, 0, length, handler);
        };

        // few, heavy iterations: C2 may still be installing code during a first pass on a loaded machine, so the
        // first measurement only warms up (including the measuring loop itself) and the second is asserted
        AllocationMeter.measure(20_000, 10_000, task);
        final long bytes = AllocationMeter.measure(0, 20_000, task);
        assertThat(bytes).isZero();
    }

    private static void reMask(final UnsafeBuffer serverBuffer)
    {
        int offset = 0;
        while (offset < serverBuffer.capacity())
        {
            final int length = serverBuffer.getByte(offset + 1) & 0x7F;
            final int headerLength = length < 126 ? 6 : 8;
            final int payloadLength = length < 126 ? length : serverBuffer.getShort(offset + 2,
                java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int key = serverBuffer.getInt(offset + headerLength - 4, java.nio.ByteOrder.BIG_ENDIAN);
            WebSocketFrameDecoder.applyMask(serverBuffer, offset + headerLength, payloadLength, key);
            offset += headerLength + payloadLength;
        }
    }

    private static final class SinkHandler implements WebSocketMessageHandler
    {
        int refuse;
        long messages;
        long bytes;
        long consumed;

        @Override
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            if (refuse > 0)
            {
                refuse--;
                return false;
            }
            messages++;
            bytes += length;
            return true;
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            bytes += length;
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            bytes += length;
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int offset, final int length)
        {
            bytes += code;
        }
    }
}
