package io.kiteticker.codec.ws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kiteticker.codec.FuzzSupport;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;

import static io.kiteticker.codec.FuzzSupport.check;

/**
 * Coverage-guided (jazzer) byte streams through {@link WebSocketFrameDecoder}, client side and server side, fed
 * as a receive loop would feed them: in chunks, compacting the unconsumed tail, with the handler refusing
 * messages now and then. No exception may escape, every rejection is a known code with a protocol close code, the
 * callbacks stay inside their buffer and limits, and the same stream decoded in one piece gives the same
 * callbacks and the same end.
 * <p>
 * Input layout: byte 0 chooses the split ({@link FuzzChunks}; bit 7 also refuses every message once and limits
 * each call to one callback), the rest is the stream. The corpus is {@code WebSocketFrameFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes (README "Fuzzing").
 */
class WebSocketFrameFuzzTest
{
    private static final int MAX_MESSAGE_LENGTH = 2048;
    private static final int END_CLEAN = 0;
    private static final int END_PARTIAL = 14;
    private static final int END_CLOSE = 15;
    private static final int ENDS = 16;
    private static final int[] CLIENT_ENDS = new int[ENDS];
    private static final int[] SERVER_ENDS = new int[ENDS];

    private final WebSocketFrameDecoder client = WebSocketFrameDecoder.clientSide(MAX_MESSAGE_LENGTH);
    private final WebSocketFrameDecoder server = WebSocketFrameDecoder.serverSide(MAX_MESSAGE_LENGTH);
    private final DigestHandler handler = new DigestHandler();
    private final FuzzChunks chunks = new FuzzChunks();
    private UnsafeBuffer receive = new UnsafeBuffer(new byte[8192]);

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenClientSideFramesFuzzed(final byte[] input)
    {
        decodeBothWays(client, input, CLIENT_ENDS);
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenServerSideFramesFuzzed(final byte[] input)
    {
        decodeBothWays(server, input, SERVER_ENDS);
    }

    @AfterAll
    static void printEnds()
    {
        FuzzSupport.printCounts("client side ends (clean, errors -1..-13, partial frame left, close)", CLIENT_ENDS);
        FuzzSupport.printCounts("server side ends (clean, errors -1..-13, partial frame left, close)", SERVER_ENDS);
    }

    private void decodeBothWays(final WebSocketFrameDecoder decoder, final byte[] input, final int[] ends)
    {
        if (input.length < 1)
        {
            return;
        }
        final int control = input[0] & 0xFF;
        if (receive.capacity() < input.length)
        {
            receive = new UnsafeBuffer(new byte[2 * input.length]);
        }

        final int splitEnd = decode(decoder, input, control);
        final long splitDigest = handler.digest;
        final int wholeEnd = decode(decoder, input, 0);
        if (splitEnd != wholeEnd || splitDigest != handler.digest)
        {
            throw new AssertionError("split decode ended " + splitEnd + " whole decode " + wholeEnd +
                (splitDigest != handler.digest ? ", callbacks differ" : "") + " for " + BitUtil.toHex(input));
        }
        ends[splitEnd]++;
    }

    private int decode(final WebSocketFrameDecoder decoder, final byte[] input, final int control)
    {
        decoder.reset();
        handler.reset(0 != (control & 0x80));
        final int callbackLimit = 0 != (control & 0x80) ? 1 : Integer.MAX_VALUE;
        chunks.start(control);
        int fed = 1;
        int limit = 0;
        final int maxRounds = 3 * input.length + 8;
        for (int round = 0; round < maxRounds; round++)
        {
            if (fed < input.length)
            {
                final int chunk = chunks.next(input.length - fed);
                receive.putBytes(limit, input, fed, chunk);
                fed += chunk;
                limit += chunk;
            }

            final int result = decoder.decode(receive, 0, limit, handler, callbackLimit);
            if (result < 0)
            {
                final int closeCode = WebSocketFrameDecoder.closeCodeFor(result);
                check(result >= WebSocketFrameDecoder.INVALID_UTF8, "known error code");
                check(CloseStatus.PROTOCOL_ERROR == closeCode || CloseStatus.INVALID_PAYLOAD == closeCode ||
                    CloseStatus.MESSAGE_TOO_BIG == closeCode, "protocol close code");
                check(null != WebSocketFrameDecoder.codeName(result), "code name");
                return -result;
            }
            check(result <= limit, "consumed at most the range");
            if (result > 0)
            {
                receive.putBytes(0, receive, result, limit - result);
                limit -= result;
            }
            if (decoder.isCloseReceived())
            {
                return END_CLOSE;
            }
            if (fed >= input.length && 0 == result && !decoder.isBackPressured())
            {
                return 0 == limit && !decoder.isAssembling() ? END_CLEAN : END_PARTIAL;
            }
        }
        throw new AssertionError("no progress after " + maxRounds + " rounds");
    }

    /**
     * Checks each callback's range and limits and folds it into a digest; refuses each message once when asked.
     */
    private static final class DigestHandler implements WebSocketMessageHandler
    {
        private long digest;
        private boolean refuseOnce;
        private boolean refused;

        void reset(final boolean refuseOnce)
        {
            digest = 1;
            this.refuseOnce = refuseOnce;
            refused = false;
        }

        @Override
        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            check(WebSocketOpcode.TEXT == opcode || WebSocketOpcode.BINARY == opcode, "data opcode");
            check(length <= MAX_MESSAGE_LENGTH, "message length limit");
            if (refuseOnce && !refused)
            {
                refused = true;
                return false;
            }
            refused = false;
            fold(opcode, buffer, offset, length);
            return true;
        }

        @Override
        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
            check(length <= WebSocketFrameDecoder.MAX_CONTROL_PAYLOAD_LENGTH, "ping length");
            fold(WebSocketOpcode.PING, buffer, offset, length);
        }

        @Override
        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
            check(length <= WebSocketFrameDecoder.MAX_CONTROL_PAYLOAD_LENGTH, "pong length");
            fold(WebSocketOpcode.PONG, buffer, offset, length);
        }

        @Override
        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int reasonLength)
        {
            check(reasonLength <= WebSocketFrameDecoder.MAX_CONTROL_PAYLOAD_LENGTH - 2, "close reason length");
            fold(WebSocketOpcode.CLOSE + 31 * code, buffer, reasonOffset, reasonLength);
        }

        private void fold(final int kind, final DirectBuffer buffer, final int offset, final int length)
        {
            check(offset >= 0 && length >= 0 && offset + length <= buffer.capacity(), "payload inside its buffer");
            long hash = digest * 31 + kind;
            hash = hash * 31 + length;
            for (int i = 0; i < length; i++)
            {
                hash = hash * 31 + buffer.getByte(offset + i);
            }
            digest = hash;
        }
    }
}
