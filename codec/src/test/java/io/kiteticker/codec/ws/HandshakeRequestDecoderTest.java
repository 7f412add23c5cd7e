package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static io.kiteticker.codec.ws.HandshakeTestSupport.RFC_ACCEPT;
import static io.kiteticker.codec.ws.HandshakeTestSupport.RFC_KEY;
import static io.kiteticker.codec.ws.HandshakeTestSupport.ascii;
import static io.kiteticker.codec.ws.HandshakeTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;

class HandshakeRequestDecoderTest
{
    private static final String TOKEN = "s3cr3t+T0k/en=&?%x y\u00e9";

    private final HandshakeRequestDecoder decoder = new HandshakeRequestDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    @Test
    void shouldRoundTripClientEncoderRequest()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder()
            .uri(URI.create("ws://127.0.0.1:9000/ws"))
            .apiKey("api key&1")
            .accessToken(TOKEN)
            .header("X-Kite-Version", "3");
        final int length = encoder.encode(buffer, 0);

        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(HandshakeRequestDecoder.OK);
        assertThat(decoder.method()).isEqualTo("GET");
        assertThat(decoder.path()).isEqualTo("/ws");
        assertThat(decoder.apiKey()).isEqualTo("api key&1");
        assertThat(decoder.accessToken()).isEqualTo(TOKEN);
        assertThat(decoder.key()).isEqualTo(encoder.key());
        assertThat(decoder.header("x-kite-version")).isEqualTo("3");
        assertThat(decoder.header("Host")).isEqualTo("127.0.0.1:9000");
        assertThat(decoder.headerLength()).isEqualTo(length);
        assertThat(decoder.toString()).doesNotContain("s3cr3t").doesNotContain("T0k");
    }

    @Test
    void shouldDecodeRfcRequestAndAnswerWithRfcAccept()
    {
        final String request = "GET /chat HTTP/1.1\r\n" +
            "Host: server.example.com\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + RFC_KEY + "\r\n" +
            "Origin: http://example.com\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "\r\n";
        assertThat(decode(request)).isEqualTo(HandshakeRequestDecoder.OK);
        assertThat(decoder.apiKey()).isNull();

        final int length = new HandshakeResponseEncoder().encodeSwitchingProtocols(buffer, 0, decoder.key());
        assertThat(string(buffer, 0, length)).isEqualTo(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n" +
            "\r\n");
    }

    @Test
    void shouldNeedMoreDataWhenRequestSplitAtEveryByte()
    {
        final int length = new HandshakeRequestEncoder().apiKey("k").accessToken("t").encode(buffer, 0);
        for (int i = 0; i < length; i++)
        {
            assertThat(decoder.decode(buffer, 0, i)).as("length %d", i)
                .isEqualTo(HandshakeRequestDecoder.NEED_MORE_DATA);
        }
        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(HandshakeRequestDecoder.OK);
    }

    @Test
    void shouldRejectNonWebSocketAndMalformedRequests()
    {
        final String valid = "Host: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + RFC_KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";

        assertThat(decode("POST / HTTP/1.1\r\n" + valid)).isEqualTo(HandshakeRequestDecoder.NOT_WEBSOCKET);
        assertThat(decode("GET / HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(HandshakeRequestDecoder.NOT_WEBSOCKET);
        assertThat(decode("GET / HTTP/1.1\r\n" + valid.replace("Version: 13", "Version: 8")))
            .isEqualTo(HandshakeRequestDecoder.UNSUPPORTED_VERSION);
        assertThat(decode("GET / HTTP/1.1\r\n" + valid.replace(RFC_KEY, "short")))
            .isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("GET / HTTP/1.1\r\n" + valid.replace("Host: h\r\n", "")))
            .isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("GET / HTTP/1.0\r\n" + valid)).isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("GET noslash HTTP/1.1\r\n" + valid)).isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("GET /?access_token=%zz HTTP/1.1\r\n" + valid)).isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("get / HTTP/1.1\r\n")).isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("\u0016\u0003\u0001")).isEqualTo(HandshakeRequestDecoder.MALFORMED);
        assertThat(decode("GET /?a=1&&b&c=%41+%42 HTTP/1.1\r\n" + valid)).isEqualTo(HandshakeRequestDecoder.OK);
        assertThat(decoder.queryParameter("a")).isEqualTo("1");
        assertThat(decoder.queryParameter("b")).isEqualTo("");
        assertThat(decoder.queryParameter("c")).isEqualTo("A B");
    }

    @Test
    void shouldReportHeaderTooLarge()
    {
        final String request = "GET / HTTP/1.1\r\nX: " + "a".repeat(20_000);
        assertThat(decode(request)).isEqualTo(HandshakeRequestDecoder.HEADER_TOO_LARGE);
    }

    @Test
    void shouldEncodeErrorResponsesParsedByClientDecoder()
    {
        final HandshakeResponseEncoder encoder = new HandshakeResponseEncoder().header("Server", "kite-simulator");
        final HandshakeResponseDecoder client = new HandshakeResponseDecoder().expectedKey(RFC_KEY);

        int length = encoder.encodeForbidden(buffer, 0, "invalid access token");
        assertThat(client.decode(buffer, 0, length)).isEqualTo(HandshakeResponseDecoder.CREDENTIALS_REJECTED);
        assertThat(client.contentLength()).isEqualTo("invalid access token".length());
        assertThat(string(buffer, client.headerLength(), client.contentLength())).isEqualTo("invalid access token");
        assertThat(client.header("server")).isEqualTo("kite-simulator");
        assertThat(client.reasonPhrase()).isEqualTo("Forbidden");

        length = encoder.encodeTooManyRequests(buffer, 0, "slow down");
        assertThat(client.decode(buffer, 0, length)).isEqualTo(HandshakeResponseDecoder.HTTP_ERROR);
        assertThat(client.statusCode()).isEqualTo(429);

        length = encoder.encodeBadRequest(buffer, 0, "");
        assertThat(client.decode(buffer, 0, length)).isEqualTo(HandshakeResponseDecoder.HTTP_ERROR);
        assertThat(client.statusCode()).isEqualTo(400);
        assertThat(client.contentLength()).isZero();

        length = encoder.encodeError(buffer, 0, 426, "upgrade");
        assertThat(client.decode(buffer, 0, length)).isEqualTo(HandshakeResponseDecoder.HTTP_ERROR);
        assertThat(client.header("Sec-WebSocket-Version")).isEqualTo("13");

        assertThat(encoder.encodeError(new UnsafeBuffer(new byte[10]), 0, 500, "x"))
            .isEqualTo(HandshakeResponseEncoder.INSUFFICIENT_CAPACITY);
    }

    private int decode(final String request)
    {
        return decoder.decode(ascii(request), 0, request.length());
    }
}
