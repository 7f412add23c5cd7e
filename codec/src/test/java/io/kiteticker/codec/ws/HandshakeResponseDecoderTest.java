package io.kiteticker.codec.ws;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.kiteticker.codec.ws.HandshakeTestSupport.RFC_ACCEPT;
import static io.kiteticker.codec.ws.HandshakeTestSupport.RFC_KEY;
import static io.kiteticker.codec.ws.HandshakeTestSupport.ascii;
import static io.kiteticker.codec.ws.HandshakeTestSupport.switchingProtocols;
import static org.assertj.core.api.Assertions.assertThat;

class HandshakeResponseDecoderTest
{
    private final HandshakeResponseDecoder decoder = new HandshakeResponseDecoder().expectedKey(RFC_KEY);

    @Test
    void shouldAcceptSwitchingProtocolsWithMatchingAccept()
    {
        final String response = switchingProtocols(RFC_ACCEPT);
        assertThat(decode(response)).isEqualTo(HandshakeResponseDecoder.OK);
        assertThat(decoder.statusCode()).isEqualTo(101);
        assertThat(decoder.headerLength()).isEqualTo(response.length());
    }

    @Test
    void shouldAcceptCaseInsensitiveHeadersAndTokenLists()
    {
        final String response = "HTTP/1.1 101 Switching Protocols\r\n" +
            "upgrade:   WebSocket  \r\n" +
            "CONNECTION: keep-alive, UPGRADE\r\n" +
            "sec-websocket-accept:" + RFC_ACCEPT + "\r\n" +
            "Server: test\r\n" +
            "\r\n";
        assertThat(decode(response)).isEqualTo(HandshakeResponseDecoder.OK);
        assertThat(decoder.header("server")).isEqualTo("test");
    }

    @Test
    void shouldReportCredentialsRejectedWhen403()
    {
        final String response = "HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nforbidden";
        assertThat(decode(response)).isEqualTo(HandshakeResponseDecoder.CREDENTIALS_REJECTED);
        assertThat(decoder.statusCode()).isEqualTo(403);
        assertThat(decoder.contentLength()).isEqualTo(9);
        assertThat(decoder.headerLength()).isEqualTo(response.length() - 9);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 301, 400, 401, 404, 429, 500, 502, 503})
    void shouldReportHttpErrorWithStatusCodeWhenNot101(final int status)
    {
        assertThat(decode("HTTP/1.1 " + status + " Whatever\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.HTTP_ERROR);
        assertThat(decoder.statusCode()).isEqualTo(status);
    }

    @Test
    void shouldReportBadAcceptWhenMismatchedOrMissing()
    {
        assertThat(decode(switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo")))
            .isEqualTo(HandshakeResponseDecoder.BAD_ACCEPT);
        assertThat(decode(switchingProtocols(RFC_ACCEPT.toLowerCase()))).isEqualTo(HandshakeResponseDecoder.BAD_ACCEPT);
        assertThat(decode("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n"))
            .isEqualTo(HandshakeResponseDecoder.BAD_ACCEPT);
        assertThat(decode("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: upgrade\r\n" +
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\nSec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n"))
            .isEqualTo(HandshakeResponseDecoder.BAD_ACCEPT);
    }

    @Test
    void shouldReportNotWebSocketWhenUpgradeOrConnectionMissing()
    {
        assertThat(decode("HTTP/1.1 101 OK\r\nConnection: upgrade\r\nSec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n"))
            .isEqualTo(HandshakeResponseDecoder.NOT_WEBSOCKET);
        assertThat(decode("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n" +
            "Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.NOT_WEBSOCKET);
    }

    @Test
    void shouldReportMalformedResponses()
    {
        assertThat(decode("HTTX")).isEqualTo(HandshakeResponseDecoder.MALFORMED);
        assertThat(decode("HTTP/1.1 1O1 Switching\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.MALFORMED);
        assertThat(decode("HTTP/1.1 101 OK\r\nno colon here\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.MALFORMED);
        assertThat(decode("HTTP/1.1 101 OK\r\n folded: x\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.MALFORMED);
        assertThat(decode("HTTP/1.1 101 OK\r\nA: b\nC: d\r\n\r\n")).isEqualTo(HandshakeResponseDecoder.MALFORMED);
        assertThat(decode("HTTP/1.1 101 OK\r\nUpgrade: websocket\r\nConnection: upgrade\r\n" +
            "Sec-WebSocket-Extensions: permessage-deflate\r\nSec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n\r\n"))
            .isEqualTo(HandshakeResponseDecoder.MALFORMED);
    }

    @Test
    void shouldReportHeaderTooLargeWithoutEnd()
    {
        final HandshakeResponseDecoder small = new HandshakeResponseDecoder(64).expectedKey(RFC_KEY);
        final String response = "HTTP/1.1 101 OK\r\nX: " + "a".repeat(100) + "\r\n\r\n";
        final UnsafeBuffer buffer = ascii(response);
        assertThat(small.decode(buffer, 0, 63)).isEqualTo(HandshakeResponseDecoder.NEED_MORE_DATA);
        assertThat(small.decode(buffer, 0, response.length())).isEqualTo(HandshakeResponseDecoder.HEADER_TOO_LARGE);
        assertThat(decoder.decode(ascii("HTTP/1.1 101 OK\r\nX: " + "a".repeat(20_000)), 0, 20_020))
            .isEqualTo(HandshakeResponseDecoder.HEADER_TOO_LARGE);
    }

    @Test
    void shouldNeedMoreDataWhenResponseSplitAtEveryByte()
    {
        final String response = switchingProtocols(RFC_ACCEPT);
        final UnsafeBuffer buffer = ascii(response);
        for (int length = 0; length < response.length(); length++)
        {
            assertThat(decoder.decode(buffer, 0, length)).as("length %d", length)
                .isEqualTo(HandshakeResponseDecoder.NEED_MORE_DATA);
        }
        assertThat(decoder.decode(buffer, 0, response.length())).isEqualTo(HandshakeResponseDecoder.OK);
    }

    @Test
    void shouldKeepBytesAfterHeaderForFrameDecoder()
    {
        final byte[] header = switchingProtocols(RFC_ACCEPT).getBytes(StandardCharsets.US_ASCII);
        final byte[] frames = Frames.concat(
            Frames.frame(0x82, Frames.pattern(10)), Frames.frame(0x81, Frames.utf8("Hi")));
        final UnsafeBuffer buffer = new UnsafeBuffer(Frames.concat(header, frames));

        assertThat(decoder.decode(buffer, 0, header.length + frames.length)).isEqualTo(HandshakeResponseDecoder.OK);
        assertThat(decoder.headerLength()).isEqualTo(header.length);

        final RecordingMessageHandler handler = new RecordingMessageHandler();
        final int consumed = WebSocketFrameDecoder.clientSide(1024)
            .decode(buffer, decoder.headerLength(), frames.length, handler);
        assertThat(consumed).isEqualTo(frames.length);
        assertThat(handler.events).containsExactly("binary:10", "text:Hi");
    }

    @Test
    void shouldValidateAgainstKeyOfRequestEncoder()
    {
        final HandshakeRequestEncoder request = new HandshakeRequestEncoder().apiKey("k").accessToken("t");
        request.encode(new UnsafeBuffer(new byte[1024]), 0);
        final HandshakeResponseDecoder forRequest = new HandshakeResponseDecoder().expectedKey(request.key());
        final UnsafeBuffer response = new UnsafeBuffer(new byte[1024]);
        final int length = new HandshakeResponseEncoder().encodeSwitchingProtocols(response, 0, request.key());

        assertThat(forRequest.decode(response, 0, length)).isEqualTo(HandshakeResponseDecoder.OK);
        assertThat(decoder.decode(response, 0, length)).isEqualTo(HandshakeResponseDecoder.BAD_ACCEPT);
    }

    private int decode(final String response)
    {
        return decoder.decode(ascii(response), 0, response.length());
    }
}
