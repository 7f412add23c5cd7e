package io.kiteticker.codec.ws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kiteticker.codec.FuzzSupport;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;

import java.nio.charset.StandardCharsets;

import static io.kiteticker.codec.FuzzSupport.check;

/**
 * Coverage-guided (jazzer) bytes through the opening handshake decoders: {@link HandshakeResponseDecoder} (client
 * side, the server's {@code 101} or error) and {@link HandshakeRequestDecoder} (server side, the client's upgrade
 * request), each re-run over the bytes received so far as they arrive in chunks, as the engine and the simulator
 * call them. No exception may escape, every result is a known code, every accessor answers afterwards, and the
 * first decided result equals the result over the whole input.
 * <p>
 * Input layout: byte 0 chooses the split ({@link FuzzChunks}), the rest is what the peer sent. The corpus is
 * {@code HandshakeFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (README "Fuzzing").
 */
class HandshakeFuzzTest
{
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final int[] RESPONSE_RESULTS = new int[HandshakeResponseDecoder.HEADER_TOO_LARGE + 1];
    private static final int[] REQUEST_RESULTS = new int[HandshakeRequestDecoder.HEADER_TOO_LARGE + 1];

    private final HandshakeResponseDecoder responseDecoder =
        new HandshakeResponseDecoder(MAX_HEADER_LENGTH).expectedKey(HandshakeTestSupport.RFC_KEY);
    private final HandshakeRequestDecoder requestDecoder = new HandshakeRequestDecoder(MAX_HEADER_LENGTH);
    private final FuzzChunks chunks = new FuzzChunks();
    private final StringBuilder seen = new StringBuilder();
    private UnsafeBuffer receive = new UnsafeBuffer(new byte[8192]);

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenHandshakeResponseFuzzed(final byte[] input)
    {
        final int result = decodeBothWays(input, true);
        check(result >= HandshakeResponseDecoder.OK && result <= HandshakeResponseDecoder.HEADER_TOO_LARGE, "code");
        check(HandshakeResponseDecoder.OK != result || 101 == responseDecoder.statusCode(), "OK is a 101");
        RESPONSE_RESULTS[result]++;
    }

    @FuzzTest(maxDuration = FuzzSupport.MAX_DURATION, maxExecutions = FuzzSupport.MAX_EXECUTIONS)
    void shouldReturnCodeAndNeverThrowWhenHandshakeRequestFuzzed(final byte[] input)
    {
        final int result = decodeBothWays(input, false);
        check(result >= HandshakeRequestDecoder.OK && result <= HandshakeRequestDecoder.HEADER_TOO_LARGE, "code");
        check(HandshakeRequestDecoder.OK != result ||
            ("GET".equals(requestDecoder.method()) && null != requestDecoder.key()), "OK is a GET with a key");
        REQUEST_RESULTS[result]++;
    }

    @AfterAll
    static void printResults()
    {
        FuzzSupport.printCounts("response results (OK, NEED_MORE_DATA, CREDENTIALS_REJECTED, HTTP_ERROR, " +
            "BAD_ACCEPT, MALFORMED, NOT_WEBSOCKET, HEADER_TOO_LARGE)", RESPONSE_RESULTS);
        FuzzSupport.printCounts("request results (OK, NEED_MORE_DATA, MALFORMED, NOT_WEBSOCKET, " +
            "UNSUPPORTED_VERSION, HEADER_TOO_LARGE)", REQUEST_RESULTS);
    }

    private int decodeBothWays(final byte[] input, final boolean response)
    {
        if (input.length < 1)
        {
            return decode(response, 0);
        }
        if (receive.capacity() < input.length)
        {
            receive = new UnsafeBuffer(new byte[2 * input.length]);
        }

        final int needMoreData = response ? HandshakeResponseDecoder.NEED_MORE_DATA :
            HandshakeRequestDecoder.NEED_MORE_DATA;
        chunks.start(input[0] & 0xFF);
        int splitResult = needMoreData;
        int received = 0;
        while (received < input.length - 1)
        {
            final int chunk = chunks.next(input.length - 1 - received);
            receive.putBytes(received, input, 1 + received, chunk);
            received += chunk;
            splitResult = decode(response, received);
            if (needMoreData != splitResult)
            {
                break;
            }
        }

        receive.putBytes(0, input, 1, input.length - 1);
        final int wholeResult = decode(response, input.length - 1);
        if (splitResult != wholeResult)
        {
            throw new AssertionError("decided " + splitResult + " after " + received + " bytes, but " +
                wholeResult + " over all " + (input.length - 1) + ": " +
                new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1));
        }
        return wholeResult;
    }

    private int decode(final boolean response, final int length)
    {
        seen.setLength(0);
        final int result;
        final int headerLength;
        if (response)
        {
            final HandshakeResponseDecoder decoder = responseDecoder;
            result = decoder.decode(receive, 0, length);
            headerLength = decoder.headerLength();
            seen.append(HandshakeResponseDecoder.codeName(result)).append(decoder.statusCode())
                .append(decoder.reasonPhrase()).append(decoder.contentLength()).append(decoder.header("upgrade"))
                .append(decoder.header("sec-websocket-accept")).append(decoder);
        }
        else
        {
            final HandshakeRequestDecoder decoder = requestDecoder;
            result = decoder.decode(receive, 0, length);
            headerLength = decoder.headerLength();
            seen.append(HandshakeRequestDecoder.codeName(result)).append(decoder.method()).append(decoder.path())
                .append(decoder.apiKey()).append(decoder.accessToken()).append(decoder.queryParameter("api_key"))
                .append(decoder.key()).append(decoder.header("host")).append(decoder);
        }
        check(headerLength >= 0 && headerLength <= length, "header length inside the bytes");
        return result;
    }
}
