package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Base64;
import java.util.Random;

import static io.kiteticker.codec.ws.HandshakeTestSupport.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeRequestEncoderTest
{
    private static final String TOKEN = "s3cr3t+T0k/en=&?%x y\u00e9";

    private final UnsafeBuffer out = new UnsafeBuffer(new byte[4096]);

    @Test
    void shouldComputeRfcAcceptKey()
    {
        assertThat(WebSocketHandshake.acceptKey(HandshakeTestSupport.RFC_KEY))
            .isEqualTo(HandshakeTestSupport.RFC_ACCEPT);
        assertThat(WebSocketHandshake.isValidKey(HandshakeTestSupport.RFC_KEY)).isTrue();
        assertThat(WebSocketHandshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ")).isFalse();
        assertThat(WebSocketHandshake.isValidKey("!!!!!!!!!!!!!!!!!!!!!!==")).isFalse();
    }

    @Test
    void shouldEncodeKiteUpgradeRequest()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder(new Random(7))
            .uri(URI.create("wss://ws.kite.trade"))
            .apiKey("kitefront")
            .accessToken("abc123")
            .header("X-Kite-Version", "3");

        final int length = encoder.encode(out, 10);
        final String key = encoder.key();
        assertThat(Base64.getDecoder().decode(key)).hasSize(16);
        assertThat(string(out, 10, length)).isEqualTo(
            "GET /?api_key=kitefront&access_token=abc123 HTTP/1.1\r\n" +
            "Host: ws.kite.trade\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + key + "\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "X-Kite-Version: 3\r\n" +
            "\r\n");
    }

    @Test
    void shouldPercentEncodeSpecialCharactersInKeyAndToken()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder()
            .uri(URI.create("ws://127.0.0.1:8080/ticker?x=1"))
            .apiKey("a b&c")
            .accessToken(TOKEN);

        final String request = string(out, 0, encoder.encode(out, 0));
        assertThat(request).startsWith(
            "GET /ticker?x=1&api_key=a%20b%26c&access_token=s3cr3t%2BT0k%2Fen%3D%26%3F%25x%20y%C3%A9 HTTP/1.1\r\n" +
            "Host: 127.0.0.1:8080\r\n");
        assertThat(HandshakeRequestEncoder.percentEncodeToString("AZaz09-._~")).isEqualTo("AZaz09-._~");
    }

    @Test
    void shouldOmitDefaultPortFromHost()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder().uri(URI.create("ws://example.com:80"));
        assertThat(encoder.host()).isEqualTo("example.com");
        assertThat(encoder.path()).isEqualTo("/");
        assertThat(new HandshakeRequestEncoder().uri(URI.create("wss://[::1]:9443/x")).host()).isEqualTo("[::1]:9443");
    }

    @Test
    void shouldUseFreshKeyForEveryEncode()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder();
        encoder.encode(out, 0);
        final String first = encoder.key();
        encoder.encode(out, 0);
        assertThat(encoder.key()).isNotEqualTo(first);
    }

    @Test
    void shouldReturnInsufficientCapacityWhenRequestDoesNotFit()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder().apiKey("k").accessToken("t");
        assertThat(encoder.encode(new UnsafeBuffer(new byte[64]), 0))
            .isEqualTo(HandshakeRequestEncoder.INSUFFICIENT_CAPACITY);
    }

    @Test
    void shouldNeverShowAccessTokenInToStringOrExceptions()
    {
        final HandshakeRequestEncoder encoder = new HandshakeRequestEncoder().apiKey("key").accessToken(TOKEN);
        assertThat(encoder.toString()).doesNotContain("s3cr3t").contains("<redacted>");

        assertThatThrownBy(() -> encoder.header("X-Token", "s3cr3t\r\nInjected: 1"))
            .isInstanceOf(IllegalArgumentException.class)
            .satisfies(ex -> assertThat(String.valueOf(ex.getMessage())).doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> encoder.uri(URI.create("http2://h/?access_token=s3cr3t")))
            .isInstanceOf(IllegalArgumentException.class)
            .satisfies(ex -> assertThat(String.valueOf(ex.getMessage())).doesNotContain("s3cr3t"));

        encoder.encode(out, 0);
        encoder.clearCredentials();
        assertThat(encoder.toString()).contains("accessToken=<unset>");
    }
}
