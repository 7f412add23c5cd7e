package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static io.kiteticker.codec.ws.Frames.bytes;
import static io.kiteticker.codec.ws.Frames.concat;
import static io.kiteticker.codec.ws.Frames.frame;
import static io.kiteticker.codec.ws.Frames.pattern;
import static io.kiteticker.codec.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFrameEncoderTest
{
    private static final int RFC_KEY = 0x37fa213d;

    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024 * 1024]);
    private final WebSocketFrameEncoder server = WebSocketFrameEncoder.serverSide();
    private final WebSocketFrameEncoder client = new WebSocketFrameEncoder(true, 42L);

    // ------------------------------------------------------------------ RFC 6455 §5.7 examples

    @Test
    void shouldEncodeRfcSingleFrameUnmaskedText()
    {
        final int length = server.encodeText(out, 0, new UnsafeBuffer(utf8("Hello")), 0, 5);
        assertThat(written(0, length)).isEqualTo(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
    }

    @Test
    void shouldEncodeRfcSingleFrameMaskedText()
    {
        final int length = WebSocketFrameEncoder.encodeFrame(
            out, 0, WebSocketOpcode.TEXT, true, new UnsafeBuffer(utf8("Hello")), 0, 5, true, RFC_KEY);
        assertThat(written(0, length))
            .isEqualTo(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    }

    @Test
    void shouldEncodeRfcFragmentedUnmaskedText()
    {
        final UnsafeBuffer hello = new UnsafeBuffer(utf8("Hello"));
        final int first = server.encodeFrame(out, 0, WebSocketOpcode.TEXT, false, hello, 0, 3);
        final int second = server.encodeFrame(out, first, WebSocketOpcode.CONTINUATION, true, hello, 3, 2);
        assertThat(written(0, first + second))
            .isEqualTo(bytes(0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f));
    }

    @Test
    void shouldEncodeRfcUnmaskedPingAndMaskedPong()
    {
        final UnsafeBuffer hello = new UnsafeBuffer(utf8("Hello"));
        final int ping = server.encodePing(out, 0, hello, 0, 5);
        assertThat(written(0, ping)).isEqualTo(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));

        final int pong = WebSocketFrameEncoder.encodeFrame(
            out, 0, WebSocketOpcode.PONG, true, hello, 0, 5, true, RFC_KEY);
        assertThat(written(0, pong))
            .isEqualTo(bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
    }

    @Test
    void shouldEncodeRfc256ByteAnd64KiBBinaryHeaders()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(pattern(65536));
        final int small = server.encodeBinary(out, 0, payload, 0, 256);
        assertThat(small).isEqualTo(260);
        assertThat(written(0, 4)).isEqualTo(bytes(0x82, 0x7E, 0x01, 0x00));
        assertThat(written(4, 256)).isEqualTo(Arrays.copyOf(pattern(65536), 256));

        final int large = server.encodeBinary(out, 0, payload, 0, 65536);
        assertThat(large).isEqualTo(65546);
        assertThat(written(0, 10)).isEqualTo(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00));
        assertThat(written(10, 65536)).isEqualTo(pattern(65536));
    }

    // ------------------------------------------------------------------ round trips

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 125, 126, 127, 65535, 65536, 600_000})
    void shouldRoundTripClientMaskedBinaryThroughServerDecoder(final int length)
    {
        final byte[] payload = pattern(length);
        final int frameLength = client.encodeBinary(out, 3, new UnsafeBuffer(payload), 0, length);
        assertThat(frameLength).isEqualTo(client.frameLength(length));
        assertThat(out.getByte(4) & 0x80).isEqualTo(0x80);

        final RecordingMessageHandler handler = new RecordingMessageHandler();
        final int consumed = WebSocketFrameDecoder.serverSide(1024 * 1024).decode(out, 3, frameLength, handler);
        assertThat(consumed).isEqualTo(frameLength);
        assertThat(handler.messages).singleElement().isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 125, 126, 65535, 65536, 560_000})
    void shouldRoundTripServerBinaryThroughClientDecoder(final int length)
    {
        final byte[] payload = pattern(length);
        final int frameLength = server.encodeBinary(out, 0, new UnsafeBuffer(payload), 0, length);
        assertThat(frameLength).isEqualTo(WebSocketFrameEncoder.headerLength(length, false) + length);

        final RecordingMessageHandler handler = new RecordingMessageHandler();
        assertThat(WebSocketFrameDecoder.clientSide(1024 * 1024).decode(out, 0, frameLength, handler))
            .isEqualTo(frameLength);
        assertThat(handler.messages).singleElement().isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldEncodeHeaderBeforePayloadInPlace(final boolean clientSide)
    {
        final WebSocketFrameEncoder encoder = clientSide ? client : server;
        final String json = "{\"a\":\"subscribe\",\"v\":[408065,884737]}";
        final int payloadOffset = 100 + WebSocketFrameEncoder.maxFrameHeaderLength();
        final int payloadLength = out.putStringWithoutLengthAscii(payloadOffset, json);

        final int frameOffset = encoder.encodeHeaderBefore(
            out, payloadOffset, payloadLength, WebSocketOpcode.TEXT, true);
        assertThat(frameOffset).isEqualTo(payloadOffset - encoder.headerLength(payloadLength));

        final RecordingMessageHandler handler = new RecordingMessageHandler();
        final WebSocketFrameDecoder decoder = new WebSocketFrameDecoder(!clientSide, 1024);
        assertThat(decoder.decode(out, frameOffset, payloadOffset + payloadLength - frameOffset, handler))
            .isEqualTo(payloadOffset + payloadLength - frameOffset);
        assertThat(handler.events).containsExactly("text:" + json);
    }

    @Test
    void shouldEncodeCloseWithCodeAndReason()
    {
        final int length = server.encodeClose(out, 0, CloseStatus.GOING_AWAY, "bye");
        assertThat(written(0, length)).isEqualTo(concat(bytes(0x88, 0x05, 0x03, 0xE9), utf8("bye")));

        final int masked = client.encodeClose(out, 0, CloseStatus.NORMAL, new UnsafeBuffer(utf8("done")), 0, 4);
        final RecordingMessageHandler handler = new RecordingMessageHandler();
        assertThat(WebSocketFrameDecoder.serverSide(1024).decode(out, 0, masked, handler)).isEqualTo(masked);
        assertThat(handler.events).containsExactly("close:1000:done");

        final int codeOnly = server.encodeClose(out, 0, CloseStatus.PROTOCOL_ERROR);
        assertThat(written(0, codeOnly)).isEqualTo(bytes(0x88, 0x02, 0x03, 0xEA));
    }

    @Test
    void shouldEncodeEmptyCloseForNoStatusReceived()
    {
        assertThat(written(0, server.encodeClose(out, 0, CloseStatus.NO_STATUS_RECEIVED))).isEqualTo(bytes(0x88, 0));
        assertThat(written(0, server.encodeClose(out, 0, CloseStatus.NO_STATUS_RECEIVED, "x")))
            .isEqualTo(bytes(0x88, 0));
    }

    @Test
    void shouldReturnInsufficientCapacityWhenFrameDoesNotFit()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[20]);
        final UnsafeBuffer payload = new UnsafeBuffer(pattern(100));
        assertThat(server.encodeBinary(small, 0, payload, 0, 18)).isEqualTo(20);
        assertThat(server.encodeBinary(small, 0, payload, 0, 19))
            .isEqualTo(WebSocketFrameEncoder.INSUFFICIENT_CAPACITY);
        assertThat(client.encodeBinary(small, 1, payload, 0, 14))
            .isEqualTo(WebSocketFrameEncoder.INSUFFICIENT_CAPACITY);
        assertThat(server.encodeClose(small, 0, 1000, "0123456789012345678"))
            .isEqualTo(WebSocketFrameEncoder.INSUFFICIENT_CAPACITY);
        assertThat(server.encodeHeaderBefore(small, 1, 5, WebSocketOpcode.BINARY, true))
            .isEqualTo(WebSocketFrameEncoder.INSUFFICIENT_CAPACITY);
    }

    @Test
    void shouldRejectInvalidFrames()
    {
        final UnsafeBuffer payload = new UnsafeBuffer(pattern(200));
        assertThat(server.encodePing(out, 0, payload, 0, 126)).isEqualTo(WebSocketFrameEncoder.INVALID_FRAME);
        assertThat(server.encodeFrame(out, 0, WebSocketOpcode.PONG, false, payload, 0, 1))
            .isEqualTo(WebSocketFrameEncoder.INVALID_FRAME);
        assertThat(server.encodeFrame(out, 0, 3, true, payload, 0, 1)).isEqualTo(WebSocketFrameEncoder.INVALID_FRAME);
        assertThat(server.encodeClose(out, 0, 1000, payload, 0, 124)).isEqualTo(WebSocketFrameEncoder.INVALID_FRAME);
        assertThat(server.encodeBinary(out, 0, payload, 0, -1)).isEqualTo(WebSocketFrameEncoder.INVALID_FRAME);
    }

    @Test
    void shouldUseFreshMaskingKeyForEveryClientFrame()
    {
        final Set<Integer> keys = new HashSet<>();
        final UnsafeBuffer payload = new UnsafeBuffer(utf8("Hello"));
        for (int i = 0; i < 1000; i++)
        {
            client.encodeText(out, 0, payload, 0, 5);
            keys.add(out.getInt(2));
        }
        assertThat(keys).hasSizeGreaterThan(990);
        assertThat(new WebSocketFrameEncoder(true).nextMaskingKey())
            .isNotEqualTo(new WebSocketFrameEncoder(true).nextMaskingKey());
    }

    @Test
    void shouldReportHeaderLengths()
    {
        assertThat(WebSocketFrameEncoder.maxFrameHeaderLength()).isEqualTo(14);
        assertThat(WebSocketFrameEncoder.headerLength(125, false)).isEqualTo(2);
        assertThat(WebSocketFrameEncoder.headerLength(126, false)).isEqualTo(4);
        assertThat(WebSocketFrameEncoder.headerLength(65535, true)).isEqualTo(8);
        assertThat(WebSocketFrameEncoder.headerLength(65536, true)).isEqualTo(14);
        assertThat(server.headerLength(65536)).isEqualTo(10);
    }

    @Test
    void shouldMatchIndependentlyBuiltMaskedFrames()
    {
        for (int length = 0; length < 300; length += 7)
        {
            final byte[] payload = pattern(length);
            final int written = WebSocketFrameEncoder.encodeFrame(
                out, 0, WebSocketOpcode.BINARY, true, new UnsafeBuffer(payload), 0, length, true, 0xDEADBEEF);
            assertThat(written(0, written)).isEqualTo(frame(0x82, payload, true, 0xDEADBEEF));
        }
    }

    private byte[] written(final int offset, final int length)
    {
        assertThat(length).isGreaterThanOrEqualTo(0);
        final byte[] bytes = new byte[length];
        out.getBytes(offset, bytes);
        return bytes;
    }
}
