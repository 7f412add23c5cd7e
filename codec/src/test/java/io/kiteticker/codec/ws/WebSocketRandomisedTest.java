package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded randomised tests: random and mutated input never makes a decoder throw, every rejection is a code, and
 * valid traffic fed in random chunks with random refusals is delivered exactly.
 */
class WebSocketRandomisedTest
{
    private static final long SEED = 0x6B697465L;
    private static final int FRAME_INPUTS = 1_000_000;
    private static final int HANDSHAKE_INPUTS = 100_000;
    private static final int MAX_MESSAGE_LENGTH = 100_000;
    private static final int[] OPCODES = {0, 1, 2, 8, 9, 10};

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverThrowAndOnlyReturnCodesWhenFrameInputIsRandomOrMutated()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer input = new UnsafeBuffer(new byte[256 * 1024]);
        final WebSocketFrameDecoder client = WebSocketFrameDecoder.clientSide(MAX_MESSAGE_LENGTH);
        final WebSocketFrameDecoder server = WebSocketFrameDecoder.serverSide(MAX_MESSAGE_LENGTH);
        final CountingHandler handler = new CountingHandler(random);
        final int[] errorCounts = new int[14];
        int delivered = 0;

        for (int i = 0; i < FRAME_INPUTS; i++)
        {
            final boolean clientSide = random.nextBoolean();
            final WebSocketFrameDecoder decoder = clientSide ? client : server;
            int length = generateStream(random, input, clientSide);
            length = mutate(random, input, length);

            decoder.reset();
            int offset = 0;
            int available = Math.min(length, 1 + random.nextInt(length + 1));
            int rounds = 0;
            while (rounds++ < 10_000)
            {
                final int result = decoder.decode(input, offset, available - offset, handler);
                if (result < 0)
                {
                    final int closeCode = WebSocketFrameDecoder.closeCodeFor(result);
                    check(result >= -13 && (1002 == closeCode || 1007 == closeCode || 1009 == closeCode), i);
                    errorCounts[-result]++;
                    break;
                }
                check(result <= available - offset, i);
                offset += result;
                if (decoder.isCloseReceived() || (0 == result && !decoder.isBackPressured() && available == length))
                {
                    break;
                }
                if (!decoder.isBackPressured())
                {
                    available = Math.min(length, available + 1 + random.nextInt(length + 1));
                }
            }
            delivered += handler.messages;
            handler.messages = 0;
        }

        assertThat(delivered).isGreaterThan(FRAME_INPUTS / 10);
        for (int code = 1; code <= 13; code++)
        {
            assertThat(errorCounts[code]).as(WebSocketFrameDecoder.codeName(-code)).isGreaterThan(0);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverValidTrafficExactlyWhenFedInRandomChunksWithRefusals()
    {
        final SplittableRandom random = new SplittableRandom(SEED + 1);
        final UnsafeBuffer wire = new UnsafeBuffer(new byte[1024 * 1024]);
        final UnsafeBuffer payloads = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
        for (int i = 0; i < MAX_MESSAGE_LENGTH; i++)
        {
            payloads.putByte(i, (byte)(i * 131 + (i >>> 8)));
        }

        final WebSocketFrameDecoder clientDecoder = WebSocketFrameDecoder.clientSide(MAX_MESSAGE_LENGTH);
        final WebSocketFrameDecoder serverDecoder = WebSocketFrameDecoder.serverSide(MAX_MESSAGE_LENGTH);
        final ReceiveBuffer receive = new ReceiveBuffer(wire.capacity());
        for (int iteration = 0; iteration < 5_000; iteration++)
        {
            final boolean clientSide = random.nextBoolean();
            final WebSocketFrameEncoder encoder = new WebSocketFrameEncoder(!clientSide, random.nextLong());
            final List<String> expected = new ArrayList<>();
            int wireLength = 0;
            final int messageCount = 1 + random.nextInt(6);
            for (int m = 0; m < messageCount; m++)
            {
                final int length = random.nextInt(10) == 0 ? random.nextInt(70_000) : random.nextInt(300);
                final int start = random.nextInt(MAX_MESSAGE_LENGTH - length + 1);
                final int fragments = random.nextInt(4) == 0 ? 2 + random.nextInt(4) : 1;
                int written = 0;
                for (int f = 0; f < fragments; f++)
                {
                    final boolean last = f == fragments - 1;
                    final int fragmentLength = last ? length - written : random.nextInt(length - written + 1);
                    final int opcode = 0 == f ? WebSocketOpcode.BINARY : WebSocketOpcode.CONTINUATION;
                    wireLength += encoder.encodeFrame(
                        wire, wireLength, opcode, last, payloads, start + written, fragmentLength);
                    written += fragmentLength;
                    if (last)
                    {
                        expected.add("binary:" + length + ":" + hash(payloads, start, length));
                    }
                    if (random.nextInt(3) == 0)
                    {
                        final int pingLength = random.nextInt(126);
                        wireLength += encoder.encodePing(wire, wireLength, payloads, 0, pingLength);
                        expected.add("ping:" + pingLength);
                    }
                }
            }

            final List<String> actual = new ArrayList<>();
            final WebSocketFrameDecoder decoder = (clientSide ? clientDecoder : serverDecoder).reset();
            final WebSocketMessageHandler handler = new WebSocketMessageHandler()
            {
                @Override
                public boolean onMessage(
                    final int opcode, final DirectBuffer buffer, final int offset, final int length)
                {
                    if (random.nextInt(4) == 0)
                    {
                        return false;
                    }
                    assertThat(opcode).isEqualTo(WebSocketOpcode.BINARY);
                    actual.add("binary:" + length + ":" + hash(buffer, offset, length));
                    return true;
                }

                @Override
                public void onPing(final DirectBuffer buffer, final int offset, final int length)
                {
                    actual.add("ping:" + length);
                }

                @Override
                public void onPong(final DirectBuffer buffer, final int offset, final int length)
                {
                }

                @Override
                public void onClose(final int code, final DirectBuffer buffer, final int offset, final int length)
                {
                }
            };

            receive.limit = 0;
            final byte[] wireBytes = new byte[wireLength];
            wire.getBytes(0, wireBytes);
            int sent = 0;
            int guard = 0;
            while ((sent < wireLength || receive.limit > 0) && guard++ < 100_000)
            {
                final int chunk = Math.min(wireLength - sent, 1 + random.nextInt(2000));
                receive.append(wireBytes, sent, chunk);
                sent += chunk;
                assertThat(receive.decode(decoder, handler)).isGreaterThanOrEqualTo(0);
            }

            assertThat(actual).as("iteration %d", iteration).isEqualTo(expected);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverThrowAndOnlyReturnCodesWhenHandshakeInputIsRandomOrMutated()
    {
        final SplittableRandom random = new SplittableRandom(SEED + 2);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32 * 1024]);
        final HandshakeRequestEncoder requestEncoder = new HandshakeRequestEncoder()
            .apiKey("kite key").accessToken("tok+en/=").header("X-Kite-Version", "3");
        final int requestLength = requestEncoder.encode(buffer, 0);
        final byte[] request = new byte[requestLength];
        buffer.getBytes(0, request);
        final HandshakeResponseEncoder responseEncoder = new HandshakeResponseEncoder();
        final byte[][] responses = {
            bytes(buffer, responseEncoder.encodeSwitchingProtocols(buffer, 0, requestEncoder.key())),
            bytes(buffer, responseEncoder.encodeForbidden(buffer, 0, "forbidden")),
            bytes(buffer, responseEncoder.encodeError(buffer, 0, 500, "oops")),
        };

        final HandshakeRequestDecoder requestDecoder = new HandshakeRequestDecoder();
        final HandshakeResponseDecoder responseDecoder =
            new HandshakeResponseDecoder().expectedKey(requestEncoder.key());
        final int[] requestCodes = new int[6];
        final int[] responseCodes = new int[8];

        for (int i = 0; i < HANDSHAKE_INPUTS; i++)
        {
            final byte[] base = random.nextBoolean() ? request : responses[random.nextInt(responses.length)];
            buffer.putBytes(0, base);
            int length = base.length;
            if (random.nextInt(8) != 0)
            {
                length = mutateText(random, buffer, length);
            }

            final int requestResult = requestDecoder.decode(buffer, 0, length);
            check(requestResult >= 0 && requestResult <= 5, i);
            requestCodes[requestResult]++;
            if (HandshakeRequestDecoder.OK == requestResult)
            {
                check(requestDecoder.headerLength() >= 1 && requestDecoder.headerLength() <= length, i);
                check(!requestDecoder.toString().contains("tok"), i);
            }

            final int responseResult = responseDecoder.decode(buffer, 0, length);
            check(responseResult >= 0 && responseResult <= 7, i);
            responseCodes[responseResult]++;
            if (HandshakeResponseDecoder.OK == responseResult)
            {
                check(responseDecoder.headerLength() >= 1 && responseDecoder.headerLength() <= length, i);
            }
        }

        assertThat(requestCodes[HandshakeRequestDecoder.OK]).isGreaterThan(0);
        assertThat(requestCodes[HandshakeRequestDecoder.MALFORMED]).isGreaterThan(0);
        assertThat(requestCodes[HandshakeRequestDecoder.NEED_MORE_DATA]).isGreaterThan(0);
        assertThat(responseCodes[HandshakeResponseDecoder.OK]).isGreaterThan(0);
        assertThat(responseCodes[HandshakeResponseDecoder.CREDENTIALS_REJECTED]).isGreaterThan(0);
        assertThat(responseCodes[HandshakeResponseDecoder.HTTP_ERROR]).isGreaterThan(0);
        assertThat(responseCodes[HandshakeResponseDecoder.BAD_ACCEPT]).isGreaterThan(0);
        assertThat(responseCodes[HandshakeResponseDecoder.MALFORMED]).isGreaterThan(0);
    }

    private static int generateStream(
        final SplittableRandom random, final UnsafeBuffer buffer, final boolean clientSide)
    {
        if (random.nextInt(16) == 0)
        {
            final int length = random.nextInt(64);
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(i, (byte)random.nextInt(256));
            }
            return length;
        }

        int position = 0;
        final int frames = 1 + random.nextInt(4);
        for (int f = 0; f < frames; f++)
        {
            final int opcode = random.nextInt(20) == 0 ? random.nextInt(16) : OPCODES[random.nextInt(OPCODES.length)];
            final boolean control = opcode >= 8;
            final boolean fin = control ? random.nextInt(20) != 0 : random.nextInt(3) != 0;
            final int rsv = random.nextInt(30) == 0 ? (1 + random.nextInt(7)) << 4 : 0;
            final boolean masked = random.nextInt(30) == 0 ? clientSide : !clientSide;

            int payloadLength;
            if (control)
            {
                payloadLength = random.nextInt(40) == 0 ? 126 + random.nextInt(10) : random.nextInt(126);
            }
            else
            {
                final int kind = random.nextInt(100);
                payloadLength = kind < 90 ? random.nextInt(200) :
                    kind < 99 || random.nextInt(10) != 0 ? 126 + random.nextInt(2000) :
                    random.nextInt(MAX_MESSAGE_LENGTH + 2000);
            }
            final int lengthForm = payloadLength < 126 ? (random.nextInt(20) == 0 ? 1 + random.nextInt(2) : 0) :
                payloadLength <= 0xFFFF ? (random.nextInt(10) == 0 ? 2 : 1) : 2;

            if (8 == opcode && random.nextBoolean() && payloadLength >= 2)
            {
                payloadLength = Math.min(payloadLength, 125);
            }

            buffer.putByte(position++, (byte)((fin ? 0x80 : 0) | rsv | opcode));
            final int maskBit = masked ? 0x80 : 0;
            if (0 == lengthForm)
            {
                buffer.putByte(position++, (byte)(maskBit | payloadLength));
            }
            else if (1 == lengthForm)
            {
                buffer.putByte(position++, (byte)(maskBit | 126));
                buffer.putShort(position, (short)payloadLength, ByteOrder.BIG_ENDIAN);
                position += 2;
            }
            else
            {
                buffer.putByte(position++, (byte)(maskBit | 127));
                final long length64 = random.nextInt(50) == 0 ? random.nextLong() : payloadLength;
                buffer.putLong(position, length64, ByteOrder.BIG_ENDIAN);
                position += 8;
            }
            final int key = random.nextInt();
            if (masked)
            {
                buffer.putInt(position, key, ByteOrder.BIG_ENDIAN);
                position += 4;
            }
            if (position + payloadLength > buffer.capacity() - 64)
            {
                break;
            }
            final int payloadStart = position;
            if (8 == opcode && payloadLength >= 2)
            {
                final int code = random.nextBoolean() ? 1000 + random.nextInt(16) : random.nextInt(6000);
                buffer.putShort(position, (short)code, ByteOrder.BIG_ENDIAN);
                position += 2;
            }
            final boolean ascii = random.nextInt(10) != 0;
            for (int i = position - payloadStart; i < payloadLength; i++)
            {
                buffer.putByte(position++, (byte)(ascii ? 'a' + (i % 26) : random.nextInt(256)));
            }
            if (masked)
            {
                WebSocketFrameDecoder.applyMask(buffer, payloadStart, payloadLength, key);
            }
        }
        return position;
    }

    private static int mutate(final SplittableRandom random, final UnsafeBuffer buffer, final int length)
    {
        final int kind = random.nextInt(4);
        if (0 == kind || 0 == length)
        {
            return length;
        }
        if (1 == kind)
        {
            final int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++)
            {
                final int index = random.nextInt(Math.min(length, 32));
                buffer.putByte(index, (byte)(buffer.getByte(index) ^ (1 << random.nextInt(8))));
            }
            return length;
        }
        if (2 == kind)
        {
            return random.nextInt(length);
        }
        final int index = random.nextInt(length);
        buffer.putByte(index, (byte)random.nextInt(256));
        return length;
    }

    private static int mutateText(final SplittableRandom random, final UnsafeBuffer buffer, final int length)
    {
        final byte[] specials = {'\r', '\n', ':', ' ', ',', 0, (byte)0xFF, '%', '=', '&', '?', '/', '1', 'A'};
        final int kind = random.nextInt(5);
        if (0 == kind)
        {
            return random.nextInt(length + 1);
        }
        if (1 == kind)
        {
            final int newLength = random.nextInt(200);
            for (int i = 0; i < newLength; i++)
            {
                buffer.putByte(i, random.nextBoolean() ? specials[random.nextInt(specials.length)] :
                    (byte)random.nextInt(256));
            }
            return newLength;
        }
        if (2 == kind)
        {
            final int index = random.nextInt(length);
            final int insert = 1 + random.nextInt(4);
            final byte[] tail = new byte[length - index];
            buffer.getBytes(index, tail);
            for (int i = 0; i < insert; i++)
            {
                buffer.putByte(index + i, specials[random.nextInt(specials.length)]);
            }
            buffer.putBytes(index + insert, tail);
            return length + insert;
        }
        final int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++)
        {
            final int index = random.nextInt(length);
            buffer.putByte(index, 3 == kind ? specials[random.nextInt(specials.length)] : (byte)random.nextInt(256));
        }
        return length;
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static void check(final boolean condition, final int input)
    {
        if (!condition)
        {
            throw new AssertionError("invariant broken at input " + input + " (seed " + SEED + ")");
        }
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return Arrays.hashCode(bytes);
    }

    private static final class CountingHandler implements WebSocketMessageHandler
    {
        private final SplittableRandom random;
        int messages;

        CountingHandler(final SplittableRandom random)
        {
            this.random = random;
        }

        @Override
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            check((opcode == WebSocketOpcode.TEXT || opcode == WebSocketOpcode.BINARY) &&
                length >= 0 && length <= MAX_MESSAGE_LENGTH, -1);
            if (random.nextInt(10) == 0)
            {
                return false;
            }
            messages++;
            return true;
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int offset, final int length)
        {
            check(CloseStatus.isValidOnWire(code) || CloseStatus.NO_STATUS_RECEIVED == code, -1);
            messages++;
        }
    }
}
