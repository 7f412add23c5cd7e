package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kiteticker.codec.ws.Frames.bytes;
import static io.kiteticker.codec.ws.Frames.concat;
import static io.kiteticker.codec.ws.Frames.frame;
import static io.kiteticker.codec.ws.Frames.pattern;
import static io.kiteticker.codec.ws.Frames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFrameDecoderTest
{
    private static final int MASK_KEY = 0x37fa213d;

    private static final byte[] RFC_UNMASKED_HELLO = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    private static final byte[] RFC_MASKED_HELLO =
        bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    private static final byte[] RFC_FRAGMENT_HEL = bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
    private static final byte[] RFC_FRAGMENT_LO = bytes(0x80, 0x02, 0x6c, 0x6f);
    private static final byte[] RFC_UNMASKED_PING = bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    private static final byte[] RFC_MASKED_PONG =
        bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

    private final WebSocketFrameDecoder client = WebSocketFrameDecoder.clientSide(1024 * 1024);
    private final WebSocketFrameDecoder server = WebSocketFrameDecoder.serverSide(1024 * 1024);
    private final RecordingMessageHandler handler = new RecordingMessageHandler();

    // ------------------------------------------------------------------ RFC 6455 §5.7 examples

    @Test
    void shouldDecodeRfcSingleFrameUnmaskedTextWhenClientSide()
    {
        assertThat(decode(client, RFC_UNMASKED_HELLO)).isEqualTo(RFC_UNMASKED_HELLO.length);
        assertThat(handler.events).containsExactly("text:Hello");
    }

    @Test
    void shouldDecodeRfcSingleFrameMaskedTextWhenServerSide()
    {
        assertThat(decode(server, RFC_MASKED_HELLO)).isEqualTo(RFC_MASKED_HELLO.length);
        assertThat(handler.events).containsExactly("text:Hello");
        assertThat(server.maskingKey()).isEqualTo(MASK_KEY);
    }

    @Test
    void shouldDecodeRfcFragmentedUnmaskedTextWhenClientSide()
    {
        final byte[] both = concat(RFC_FRAGMENT_HEL, RFC_FRAGMENT_LO);
        assertThat(decode(client, both)).isEqualTo(both.length);
        assertThat(handler.events).containsExactly("text:Hello");
    }

    @Test
    void shouldDecodeRfcUnmaskedPingWhenClientSide()
    {
        assertThat(decode(client, RFC_UNMASKED_PING)).isEqualTo(RFC_UNMASKED_PING.length);
        assertThat(handler.events).containsExactly("ping:Hello");
    }

    @Test
    void shouldDecodeRfcMaskedPongWhenServerSide()
    {
        assertThat(decode(server, RFC_MASKED_PONG)).isEqualTo(RFC_MASKED_PONG.length);
        assertThat(handler.events).containsExactly("pong:Hello");
    }

    @Test
    void shouldDecodeRfc256ByteBinaryWith16BitLength()
    {
        final byte[] payload = pattern(256);
        final byte[] frame = concat(bytes(0x82, 0x7E, 0x01, 0x00), payload);
        assertThat(decode(client, frame)).isEqualTo(4 + 256);
        assertThat(handler.messages).singleElement().isEqualTo(payload);
        assertThat(client.payloadOffset()).isEqualTo(4);
    }

    @Test
    void shouldDecodeRfc64KiBBinaryWith64BitLength()
    {
        final byte[] payload = pattern(65536);
        final byte[] frame = concat(bytes(0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00), payload);
        assertThat(decode(client, frame)).isEqualTo(10 + 65536);
        assertThat(handler.messages).singleElement().isEqualTo(payload);
        assertThat(handler.opcodes).containsExactly(WebSocketOpcode.BINARY);
    }

    // ------------------------------------------------------------------ framing suite

    @Test
    void shouldDecodeFrameSplitAtEveryByteBoundary()
    {
        final byte[][] clientFrames = {
            RFC_UNMASKED_HELLO,
            RFC_UNMASKED_PING,
            frame(0x82, pattern(300)),
            frame(0x82, pattern(40), false, 0, 64),
            frame(0x82, new byte[0]),
            frame(0x88, concat(bytes(0x03, 0xE8), utf8("done"))),
        };
        final byte[][] serverFrames = {
            RFC_MASKED_HELLO,
            RFC_MASKED_PONG,
            frame(0x82, pattern(300), true, 0x01020304),
            frame(0x82, pattern(41), true, 0xCAFEBABE, 64),
        };
        for (final byte[] frame : clientFrames)
        {
            assertSplitAtEveryBoundary(client, frame, 1);
        }
        for (final byte[] frame : serverFrames)
        {
            assertSplitAtEveryBoundary(server, frame, 1);
        }
        assertSplitAtEveryBoundary(client, frame(0x82, pattern(70_000)), 997);
    }

    private static void assertSplitAtEveryBoundary(
        final WebSocketFrameDecoder decoder, final byte[] frame, final int stride)
    {
        final RecordingMessageHandler recorder = new RecordingMessageHandler();
        final ReceiveBuffer receive = new ReceiveBuffer(frame.length + 16);
        for (int split = 0; split <= frame.length; split = split < 16 ? split + 1 : split + stride)
        {
            decoder.reset();
            recorder.events.clear();
            receive.limit = 0;

            receive.append(frame, 0, split);
            final int first = receive.decode(decoder, recorder);
            if (split < frame.length)
            {
                assertThat(first).as("split %d", split).isEqualTo(0);
                assertThat(recorder.events).isEmpty();
            }
            receive.append(frame, split, frame.length - split);
            receive.decode(decoder, recorder);

            assertThat(receive.limit).as("split %d", split).isZero();
            assertThat(recorder.events).as("split %d", split).hasSize(1);
        }
    }

    @Test
    void shouldDecodeMaskedStreamFedOneByteAtATimeWhenServerSide()
    {
        final byte[] stream = concat(
            RFC_MASKED_HELLO,
            frame(0x01, utf8("Hel"), true, 0x01020304),
            RFC_MASKED_PONG,
            frame(0x80, utf8("lo"), true, 0xA1B2C3D4),
            frame(0x82, pattern(1000), true, 0x7F00FF01),
            frame(0x88, concat(bytes(0x03, 0xE8), utf8("bye")), true, 0x11223344));
        final ReceiveBuffer receive = new ReceiveBuffer(stream.length);

        for (int i = 0; i < stream.length; i++)
        {
            receive.append(stream, i, 1);
            assertThat(receive.decode(server, handler)).isGreaterThanOrEqualTo(0);
        }

        assertThat(handler.events)
            .containsExactly("text:Hello", "pong:Hello", "text:Hello", "binary:1000", "close:1000:bye");
        assertThat(handler.messages.get(2)).isEqualTo(pattern(1000));
        assertThat(receive.limit).isZero();
    }

    @Test
    void shouldDecodeTwoFramesInOneRead()
    {
        final byte[] two = concat(RFC_UNMASKED_HELLO, frame(0x82, pattern(200)));
        assertThat(decode(client, two)).isEqualTo(two.length);
        assertThat(handler.events).containsExactly("text:Hello", "binary:200");
    }

    @Test
    void shouldDecodeFirstFrameWhenSecondIncomplete()
    {
        final byte[] second = frame(0x82, pattern(200));
        final ReceiveBuffer receive = new ReceiveBuffer(1024);
        receive.append(RFC_UNMASKED_HELLO).append(second, 0, 100);

        assertThat(receive.decode(client, handler)).isEqualTo(RFC_UNMASKED_HELLO.length);
        assertThat(handler.events).containsExactly("text:Hello");
        assertThat(receive.limit).isEqualTo(100);
        assertThat(client.pendingFrameLength()).isEqualTo(second.length);

        receive.append(second, 100, second.length - 100);
        assertThat(receive.decode(client, handler)).isEqualTo(second.length);
        assertThat(handler.events).containsExactly("text:Hello", "binary:200");
        assertThat(handler.messages.get(1)).isEqualTo(pattern(200));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldDecode600KBMessageWith64BitLength(final boolean clientSide)
    {
        final byte[] payload = pattern(600_000);
        final byte[] frame = frame(0x82, payload, !clientSide, 0x5A5AA5A5);
        final WebSocketFrameDecoder decoder = clientSide ? client : server;
        assertThat(frame[1] & 0x7F).isEqualTo(127);

        assertThat(decode(decoder, frame)).isEqualTo(frame.length);
        assertThat(handler.messages).singleElement().isEqualTo(payload);
    }

    @Test
    void shouldAcceptNonMinimalLengthForms()
    {
        final byte[] stream = concat(
            frame(0x81, utf8("Hello"), false, 0, 16),
            frame(0x81, utf8("World"), false, 0, 64),
            frame(0x82, pattern(47_616), false, 0, 64));
        assertThat(decode(client, stream)).isEqualTo(stream.length);
        assertThat(handler.events).containsExactly("text:Hello", "text:World", "binary:47616");
    }

    @Test
    void shouldDeliverPingBetweenFragmentsImmediately()
    {
        final byte[] stream = concat(
            frame(0x02, pattern(10)),
            frame(0x89, utf8("hb")),
            frame(0x00, pattern(20)),
            frame(0x8A, utf8("pong")),
            frame(0x80, pattern(5)));
        final ReceiveBuffer receive = new ReceiveBuffer(1024);
        receive.append(stream, 0, stream.length - 3);

        receive.decode(client, handler);
        assertThat(handler.events).containsExactly("ping:hb", "pong:pong");
        assertThat(client.isAssembling()).isTrue();
        assertThat(client.assembledLength()).isEqualTo(30);

        receive.append(stream, stream.length - 3, 3);
        receive.decode(client, handler);
        assertThat(handler.events).containsExactly("ping:hb", "pong:pong", "binary:35");
        assertThat(handler.messages.get(0)).isEqualTo(concat(pattern(10), pattern(20), pattern(5)));
        assertThat(client.isAssembling()).isFalse();
    }

    @Test
    void shouldDeliverSingleFrameMessageAsViewIntoReceiveBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(concat(bytes(9, 9, 9), RFC_UNMASKED_HELLO));
        final int[] seen = new int[2];
        final WebSocketMessageHandler view = new RecordingMessageHandler()
        {
            @Override
            public boolean onMessage(
                final int opcode, final org.agrona.DirectBuffer b, final int offset, final int length)
            {
                assertThat(b).isSameAs(buffer);
                seen[0] = offset;
                seen[1] = length;
                return true;
            }
        };
        assertThat(client.decode(buffer, 3, RFC_UNMASKED_HELLO.length, view)).isEqualTo(RFC_UNMASKED_HELLO.length);
        assertThat(seen).containsExactly(5, 5);
    }

    @Test
    void shouldLeaveRefusedMessageUnconsumedAndOfferItAgainWhenBackPressured()
    {
        final byte[] stream = concat(RFC_UNMASKED_HELLO, frame(0x82, pattern(300)), RFC_UNMASKED_PING);
        final ReceiveBuffer receive = new ReceiveBuffer(1024).append(stream);

        handler.refuseCount = 0;
        final WebSocketMessageHandler refuseSecond = new RecordingMessageHandler()
        {
            int calls;

            @Override
            public boolean onMessage(
                final int opcode, final org.agrona.DirectBuffer b, final int offset, final int length)
            {
                return ++calls != 2 && handler.onMessage(opcode, b, offset, length);
            }

            @Override
            public void onPing(final org.agrona.DirectBuffer b, final int offset, final int length)
            {
                handler.onPing(b, offset, length);
            }
        };

        assertThat(receive.decode(client, refuseSecond)).isEqualTo(RFC_UNMASKED_HELLO.length);
        assertThat(client.isBackPressured()).isTrue();
        assertThat(handler.events).containsExactly("text:Hello");
        assertThat(receive.unconsumed()).isEqualTo(concat(frame(0x82, pattern(300)), RFC_UNMASKED_PING));

        assertThat(receive.decode(client, refuseSecond)).isEqualTo(stream.length - RFC_UNMASKED_HELLO.length);
        assertThat(client.isBackPressured()).isFalse();
        assertThat(handler.events).containsExactly("text:Hello", "binary:300", "ping:Hello");
        assertThat(handler.messages.get(1)).isEqualTo(pattern(300));
    }

    @Test
    void shouldRestoreMaskedBytesWhenBackPressuredOnServerSide()
    {
        final byte[] stream = concat(RFC_MASKED_HELLO, frame(0x82, pattern(301), true, 0x0BADF00D));
        final UnsafeBuffer buffer = new UnsafeBuffer(stream.clone());
        handler.refuseCount = 3;

        for (int i = 0; i < 3; i++)
        {
            assertThat(server.decode(buffer, 0, stream.length, handler)).isZero();
            assertThat(server.isBackPressured()).isTrue();
            assertThat(buffer.byteArray()).isEqualTo(stream);
        }

        assertThat(server.decode(buffer, 0, stream.length, handler)).isEqualTo(stream.length);
        assertThat(handler.events).containsExactly("text:Hello", "binary:301");
        assertThat(handler.messages.get(1)).isEqualTo(pattern(301));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldKeepFragmentStateWhenFinalFragmentBackPressured(final boolean clientSide)
    {
        final boolean masked = !clientSide;
        final WebSocketFrameDecoder decoder = clientSide ? client : server;
        final byte[] head = concat(frame(0x01, utf8("Hel"), masked, 0x01020304), frame(0x89, utf8("p"), masked, 7));
        final byte[] last = frame(0x80, utf8("lo"), masked, 0x0A0B0C0D);
        final ReceiveBuffer receive = new ReceiveBuffer(256).append(head).append(last);
        handler.refuseCount = 2;

        assertThat(receive.decode(decoder, handler)).isEqualTo(head.length);
        assertThat(receive.unconsumed()).isEqualTo(last);
        assertThat(decoder.isAssembling()).isTrue();
        assertThat(decoder.assembledLength()).isEqualTo(3);

        assertThat(receive.decode(decoder, handler)).isZero();
        assertThat(receive.unconsumed()).isEqualTo(last);
        assertThat(decoder.assembledLength()).isEqualTo(3);

        assertThat(receive.decode(decoder, handler)).isEqualTo(last.length);
        assertThat(handler.refusals).isEqualTo(2);
        assertThat(handler.events).containsExactly("ping:p", "text:Hello");
        assertThat(decoder.isAssembling()).isFalse();
    }

    @Test
    void shouldStopAfterCallbackLimit()
    {
        final byte[] stream = concat(RFC_UNMASKED_HELLO, RFC_UNMASKED_PING, RFC_UNMASKED_HELLO);
        final UnsafeBuffer buffer = new UnsafeBuffer(stream);
        assertThat(client.decode(buffer, 0, stream.length, handler, 2))
            .isEqualTo(RFC_UNMASKED_HELLO.length + RFC_UNMASKED_PING.length);
        assertThat(handler.events).containsExactly("text:Hello", "ping:Hello");
    }

    @Test
    void shouldDeliverEmptyMessages()
    {
        final byte[] stream = concat(frame(0x81, new byte[0]), frame(0x02, new byte[0]), frame(0x80, new byte[0]));
        assertThat(decode(client, stream)).isEqualTo(stream.length);
        assertThat(handler.events).containsExactly("text:", "binary:0");
    }

    // ------------------------------------------------------------------ close frames

    @Test
    void shouldReportCloseCodeAndReasonAndStopAfterClose()
    {
        final byte[] close = frame(0x88, concat(bytes(0x03, 0xE9), utf8("going away")));
        final byte[] stream = concat(close, RFC_UNMASKED_HELLO);

        assertThat(decode(client, stream)).isEqualTo(close.length);
        assertThat(client.isCloseReceived()).isTrue();
        assertThat(handler.events).containsExactly("close:1001:going away");
    }

    @Test
    void shouldReportNoStatusReceivedWhenCloseIsEmpty()
    {
        assertThat(decode(client, bytes(0x88, 0x00))).isEqualTo(2);
        assertThat(handler.events).containsExactly("close:1005:");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4000, 4999})
    void shouldAcceptValidCloseCodes(final int code)
    {
        assertThat(decode(client, frame(0x88, bytes(code >>> 8, code)))).isEqualTo(4);
        assertThat(handler.events).containsExactly("close:" + code + ":");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535})
    void shouldRejectInvalidCloseCodes(final int code)
    {
        assertError(client, frame(0x88, bytes(code >>> 8, code)),
            WebSocketFrameDecoder.INVALID_CLOSE_CODE, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectClosePayloadOfOneByte()
    {
        assertError(client, bytes(0x88, 0x01, 0x03),
            WebSocketFrameDecoder.INVALID_CLOSE_PAYLOAD, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectInvalidUtf8InCloseReason()
    {
        assertError(client, frame(0x88, bytes(0x03, 0xE8, 0xC0, 0x80)),
            WebSocketFrameDecoder.INVALID_UTF8, CloseStatus.INVALID_PAYLOAD);
    }

    // ------------------------------------------------------------------ protocol violations

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x20, 0x10})
    void shouldRejectRsvBits(final int rsv)
    {
        assertError(
            client, frame(0x81 | rsv, utf8("x")), WebSocketFrameDecoder.RSV_BITS_SET, CloseStatus.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void shouldRejectUnknownOpcodes(final int opcode)
    {
        assertError(client, frame(0x80 | opcode, utf8("x")),
            WebSocketFrameDecoder.UNKNOWN_OPCODE, CloseStatus.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {WebSocketOpcode.PING, WebSocketOpcode.PONG, WebSocketOpcode.CLOSE})
    void shouldRejectFragmentedControlFrame(final int opcode)
    {
        assertError(client, frame(opcode, utf8("x")),
            WebSocketFrameDecoder.FRAGMENTED_CONTROL_FRAME, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectControlFrameOver125Bytes()
    {
        assertError(client, frame(0x89, pattern(126)),
            WebSocketFrameDecoder.CONTROL_FRAME_TOO_LONG, CloseStatus.PROTOCOL_ERROR);
        assertThat(decode(client, frame(0x89, pattern(125)))).isEqualTo(127);
    }

    @Test
    void shouldRejectMaskedFrameWhenClientSide()
    {
        assertError(client, RFC_MASKED_HELLO, WebSocketFrameDecoder.UNEXPECTED_MASK, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectUnmaskedFrameWhenServerSide()
    {
        assertError(server, RFC_UNMASKED_HELLO, WebSocketFrameDecoder.MISSING_MASK, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectContinuationWithoutStart()
    {
        assertError(client, RFC_FRAGMENT_LO, WebSocketFrameDecoder.UNEXPECTED_CONTINUATION,
            CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectNewDataFrameWhileFragmented()
    {
        assertError(client, concat(RFC_FRAGMENT_HEL, RFC_UNMASKED_HELLO),
            WebSocketFrameDecoder.EXPECTED_CONTINUATION, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectSingleFrameOverMaximumAsSoonAsHeaderArrives()
    {
        final WebSocketFrameDecoder small = WebSocketFrameDecoder.clientSide(1000);
        assertThat(decode(small, frame(0x82, pattern(1000)))).isEqualTo(1004);
        assertError(small, bytes(0x82, 0x7E, 0x03, 0xE9), WebSocketFrameDecoder.MESSAGE_TOO_BIG,
            CloseStatus.MESSAGE_TOO_BIG);
    }

    @Test
    void shouldRejectFragmentedMessageOverMaximum()
    {
        final WebSocketFrameDecoder small = WebSocketFrameDecoder.clientSide(1000);
        assertError(small, concat(frame(0x02, pattern(600)), frame(0x00, pattern(401))),
            WebSocketFrameDecoder.MESSAGE_TOO_BIG, CloseStatus.MESSAGE_TOO_BIG);
        assertThat(handler.events).isEmpty();
    }

    @Test
    void shouldReject64BitLengthWithTopBitSet()
    {
        assertError(client, bytes(0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1),
            WebSocketFrameDecoder.INVALID_LENGTH, CloseStatus.PROTOCOL_ERROR);
    }

    @Test
    void shouldRejectInvalidUtf8InTextMessage()
    {
        assertError(client, frame(0x81, bytes(0x48, 0xED, 0xA0, 0x80)),
            WebSocketFrameDecoder.INVALID_UTF8, CloseStatus.INVALID_PAYLOAD);
        assertError(client, concat(frame(0x01, bytes(0xE2, 0x82)), frame(0x80, bytes(0x28))),
            WebSocketFrameDecoder.INVALID_UTF8, CloseStatus.INVALID_PAYLOAD);
    }

    @Test
    void shouldAcceptUtf8SplitAcrossFragments()
    {
        final byte[] euro = utf8("price \u20AC 12 \uD83D\uDE00");
        final byte[] stream = concat(
            frame(0x01, java.util.Arrays.copyOfRange(euro, 0, 8)),
            frame(0x80, java.util.Arrays.copyOfRange(euro, 8, euro.length)));
        assertThat(decode(client, stream)).isEqualTo(stream.length);
        assertThat(handler.events).containsExactly("text:price \u20AC 12 \uD83D\uDE00");
    }

    @Test
    void shouldSkipUtf8ValidationWhenDisabled()
    {
        final WebSocketFrameDecoder lenient =
            new WebSocketFrameDecoder(true, 1024, false, new UnsafeBuffer(new byte[1024]));
        final byte[] frame = frame(0x81, bytes(0xFF, 0xFE));
        assertThat(lenient.decode(new UnsafeBuffer(frame), 0, frame.length, handler)).isEqualTo(frame.length);
    }

    @Test
    void shouldReportErrorsWithPartialHeaders()
    {
        assertError(client, bytes(0xC1), WebSocketFrameDecoder.RSV_BITS_SET, CloseStatus.PROTOCOL_ERROR);
        assertError(client, bytes(0x09), WebSocketFrameDecoder.FRAGMENTED_CONTROL_FRAME, CloseStatus.PROTOCOL_ERROR);
        assertThat(decode(client, bytes(0x82, 0x7F, 0, 0))).isZero();
        assertThat(client.pendingFrameLength()).isZero();
    }

    @Test
    void shouldDecodeFrameWithoutConsumingIt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(concat(bytes(0, 0), RFC_MASKED_HELLO));
        assertThat(server.decodeFrame(buffer, 2, RFC_MASKED_HELLO.length)).isEqualTo(RFC_MASKED_HELLO.length);
        assertThat(server.opcode()).isEqualTo(WebSocketOpcode.TEXT);
        assertThat(server.isFin()).isTrue();
        assertThat(server.isMasked()).isTrue();
        assertThat(server.payloadOffset()).isEqualTo(8);
        assertThat(server.payloadLength()).isEqualTo(5);
        assertThat(server.frameLength()).isEqualTo(11);
        assertThat(buffer.getByte(8)).isEqualTo((byte)0x7f);
    }

    @Test
    void shouldUnmaskEveryLengthAndAlignment()
    {
        for (int length = 0; length < 40; length++)
        {
            for (int offset = 0; offset < 8; offset++)
            {
                final byte[] plain = pattern(length);
                final byte[] masked = frame(0x82, plain, true, 0x9E3779B9);
                final byte[] payload = java.util.Arrays.copyOfRange(masked, masked.length - length, masked.length);
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + length]);
                buffer.putBytes(offset, payload);
                WebSocketFrameDecoder.applyMask(buffer, offset, length, 0x9E3779B9);
                assertThat(java.util.Arrays.copyOfRange(buffer.byteArray(), offset, offset + length)).isEqualTo(plain);
            }
        }
    }

    @Test
    void shouldMapEveryErrorToCloseCode()
    {
        for (int code = -1; code >= -13; code--)
        {
            final int expected = WebSocketFrameDecoder.MESSAGE_TOO_BIG == code ? 1009 :
                WebSocketFrameDecoder.INVALID_UTF8 == code ? 1007 : 1002;
            assertThat(WebSocketFrameDecoder.closeCodeFor(code)).isEqualTo(expected);
            assertThat(WebSocketFrameDecoder.codeName(code)).isNotEqualTo("UNKNOWN");
        }
    }

    @Test
    void shouldDecodeAgainAfterReset()
    {
        assertThat(decode(client, RFC_FRAGMENT_HEL)).isEqualTo(RFC_FRAGMENT_HEL.length);
        client.reset();
        assertThat(client.isAssembling()).isFalse();
        assertThat(decode(client, RFC_UNMASKED_HELLO)).isEqualTo(RFC_UNMASKED_HELLO.length);
    }

    private int decode(final WebSocketFrameDecoder decoder, final byte[] bytes)
    {
        return decoder.decode(new UnsafeBuffer(bytes.clone()), 0, bytes.length, handler);
    }

    private void assertError(
        final WebSocketFrameDecoder decoder, final byte[] bytes, final int expectedError, final int expectedCloseCode)
    {
        decoder.reset();
        final int result = decode(decoder, bytes);
        assertThat(result).as(WebSocketFrameDecoder.codeName(result)).isEqualTo(expectedError);
        assertThat(WebSocketFrameDecoder.closeCodeFor(result)).isEqualTo(expectedCloseCode);
        decoder.reset();
    }
}
