package io.kiteticker.bench.codec;

import io.kiteticker.bench.KiteForkedBenchmark;

import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * RFC 6455 framing cost with {@link WebSocketFrameDecoder} and {@link WebSocketFrameEncoder}:
 * <ul>
 *     <li>client-side decode of one binary frame carrying a 250-packet full-mode Kite message (46,502 bytes), with
 *     the minimal 16-bit length and with a (non-minimal) 64-bit length, zero-copy, so the cost is header parsing and
 *     the handler call;</li>
 *     <li>client-side decode of a small text frame (an order-update-sized JSON, UTF-8 validated);</li>
 *     <li>server-side decode of the same 46.5 KB message masked, which unmasks it in place eight bytes at a time;</li>
 *     <li>client-side masked encode of a subscribe request, copying and in place.</li>
 * </ul>
 * Each method returns a value derived from the work so nothing is dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WebSocketFrameBenchmark extends KiteForkedBenchmark
{
    private static final String SMALL_TEXT =
        "{\"type\":\"order\",\"data\":{\"order_id\":\"220303000308932\",\"status\":\"COMPLETE\"," +
        "\"tradingsymbol\":\"SBIN\",\"quantity\":1,\"average_price\":470}}";
    private static final String SUBSCRIBE = "{\"a\":\"subscribe\",\"v\":[408065,884737,256265]}";

    private final WebSocketFrameDecoder clientDecoder = WebSocketFrameDecoder.clientSide(1024 * 1024);
    private final WebSocketFrameDecoder serverDecoder = WebSocketFrameDecoder.serverSide(1024 * 1024);
    private final WebSocketFrameEncoder clientEncoder = new WebSocketFrameEncoder(true);
    private final SumHandler handler = new SumHandler();

    private UnsafeBuffer binary16Frame;
    private UnsafeBuffer binary64Frame;
    private UnsafeBuffer maskedBinaryFrame;
    private UnsafeBuffer smallTextFrame;
    private UnsafeBuffer subscribePayload;
    private UnsafeBuffer out;
    private int binary16Length;
    private int binary64Length;
    private int maskedBinaryLength;
    private int smallTextLength;

    /**
     * Build the frames.
     */
    @Setup
    public void setup()
    {
        final byte[] message = BenchMessages.fullModeMessage(BenchMessages.LARGE_MESSAGE_PACKETS);
        final UnsafeBuffer payload = new UnsafeBuffer(message);
        final WebSocketFrameEncoder serverEncoder = WebSocketFrameEncoder.serverSide();

        binary16Frame = new UnsafeBuffer(new byte[message.length + 16]);
        binary16Length = serverEncoder.encodeBinary(binary16Frame, 0, payload, 0, message.length);
        check(binary16Frame.getByte(1) == 126, "16-bit length form expected");

        binary64Frame = new UnsafeBuffer(new byte[message.length + 16]);
        binary64Frame.putByte(0, (byte)0x82);
        binary64Frame.putByte(1, (byte)127);
        binary64Frame.putLong(2, message.length, ByteOrder.BIG_ENDIAN);
        binary64Frame.putBytes(10, message);
        binary64Length = 10 + message.length;

        maskedBinaryFrame = new UnsafeBuffer(new byte[message.length + 16]);
        maskedBinaryLength = clientEncoder.encodeBinary(maskedBinaryFrame, 0, payload, 0, message.length);

        final byte[] text = SMALL_TEXT.getBytes(StandardCharsets.UTF_8);
        smallTextFrame = new UnsafeBuffer(new byte[text.length + 16]);
        smallTextLength = serverEncoder.encodeText(smallTextFrame, 0, new UnsafeBuffer(text), 0, text.length);

        subscribePayload = new UnsafeBuffer(SUBSCRIBE.getBytes(StandardCharsets.US_ASCII));
        out = new UnsafeBuffer(new byte[4096]);

        check(decodeBinary16() == binary16Length, "binary16 decode");
        check(decodeBinary64() == binary64Length, "binary64 decode");
        check(decodeSmallText() == smallTextLength, "text decode");
        check(decodeMaskedBinaryServerSide() == maskedBinaryLength, "masked decode");
    }

    /**
     * Client-side decode of a 46.5 KB binary message with a 16-bit length.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int decodeBinary16()
    {
        return clientDecoder.decode(binary16Frame, 0, binary16Length, handler);
    }

    /**
     * Client-side decode of a 46.5 KB binary message with a 64-bit length.
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int decodeBinary64()
    {
        return clientDecoder.decode(binary64Frame, 0, binary64Length, handler);
    }

    /**
     * Client-side decode of a 46.5 KB binary message with a 16-bit length and Agrona bounds checks disabled.
     *
     * @return bytes consumed.
     */
    @Benchmark
        public int decodeBinary16NoBoundsChecks()
    {
        return clientDecoder.decode(binary16Frame, 0, binary16Length, handler);
    }

    /**
     * Client-side decode of a small text frame (UTF-8 validated).
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int decodeSmallText()
    {
        return clientDecoder.decode(smallTextFrame, 0, smallTextLength, handler);
    }

    /**
     * Server-side decode of the 46.5 KB message masked: unmasks 46.5 KB in place (the buffer alternates between
     * masked and unmasked bytes from call to call, which costs the same).
     *
     * @return bytes consumed.
     */
    @Benchmark
    public int decodeMaskedBinaryServerSide()
    {
        return serverDecoder.decode(maskedBinaryFrame, 0, maskedBinaryLength, handler);
    }

    /**
     * Client-side masked encode of a subscribe request, copying the payload.
     *
     * @return frame length.
     */
    @Benchmark
    public int encodeMaskedSubscribe()
    {
        return clientEncoder.encodeText(out, 0, subscribePayload, 0, subscribePayload.capacity());
    }

    /**
     * Client-side masked encode in place: the JSON already sits after a reserved header gap.
     *
     * @return frame start offset plus payload length.
     */
    @Benchmark
    public int encodeMaskedSubscribeInPlace()
    {
        final int payloadOffset = WebSocketFrameEncoder.maxFrameHeaderLength();
        out.putBytes(payloadOffset, subscribePayload, 0, subscribePayload.capacity());
        return clientEncoder.encodeHeaderBefore(
            out, payloadOffset, subscribePayload.capacity(), WebSocketOpcode.TEXT, true) + subscribePayload.capacity();
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("benchmark setup failed: " + what);
        }
    }

    /**
     * Consumes every message by summing lengths and a byte of each payload.
     */
    static final class SumHandler implements WebSocketMessageHandler
    {
        long sum;

        @Override
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            sum += length + buffer.getByte(offset);
            return true;
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            sum += length;
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            sum += length;
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int offset, final int length)
        {
            sum += code;
        }
    }
}
