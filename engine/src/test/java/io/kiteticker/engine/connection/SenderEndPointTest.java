package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SenderEndPointTest
{
    private static final int SMALL_BUFFER_LENGTH = 512;

    private final FakeTransport transport = new FakeTransport();
    private final ConnectionCounters counters = ConnectionCounters.standalone(0, 0, "test");
    private final HandshakeRequestEncoder handshakeEncoder = new HandshakeRequestEncoder()
        .uri(URI.create("ws://127.0.0.1:9000/")).apiKey("key").accessToken("token");
    private final SenderEndPoint sender = new SenderEndPoint(
        transport, counters, handshakeEncoder, SMALL_BUFFER_LENGTH, ConnectionAgent.MAX_TOKENS_PER_FRAME);
    private final int[] tokens = new int[20];

    SenderEndPointTest()
    {
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = 100_000 + i;
        }
    }

    private List<String> writtenFrames()
    {
        final byte[] bytes = transport.written();
        final List<String> frames = new ArrayList<>();
        final WebSocketFrameDecoder decoder = WebSocketFrameDecoder.serverSide(1024 * 1024);
        final int consumed = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, new WebSocketMessageHandler()
        {
            public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
            {
                frames.add((WebSocketOpcode.TEXT == opcode ? "text " : "binary ") +
                    buffer.getStringWithoutLengthUtf8(offset, length));
                return true;
            }

            public void onPing(final DirectBuffer buffer, final int offset, final int length)
            {
                frames.add("ping " + length);
            }

            public void onPong(final DirectBuffer buffer, final int offset, final int length)
            {
                frames.add("pong " + buffer.getStringWithoutLengthUtf8(offset, length));
            }

            public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int length)
            {
                frames.add("close " + code);
            }
        });
        assertThat(consumed).isEqualTo(bytes.length);
        return frames;
    }

    @Test
    void shouldRefuseAFrameTheBufferCannotTakeAndAcceptItAfterAFlush() throws IOException
    {
        int accepted = 0;
        while (sender.sendSubscribe(tokens, 0, tokens.length))
        {
            accepted++;
        }
        final int pending = sender.pendingLength();

        assertThat(accepted).isPositive();
        assertThat(sender.sendMode(Mode.FULL, tokens, 0, tokens.length)).isFalse();
        assertThat(sender.pendingLength()).isEqualTo(pending);
        assertThat(counters.get(KiteCounterDescriptor.REQUESTS_SENT)).isEqualTo(accepted);

        final int unwritten = 10;
        transport.writeLimit(pending - unwritten);
        assertThat(sender.flush()).isEqualTo(1);
        assertThat(sender.pendingLength()).isEqualTo(unwritten);
        assertThat(sender.sendMode(Mode.FULL, tokens, 0, tokens.length)).isTrue();

        transport.writeLimit(Integer.MAX_VALUE);
        sender.flush();
        assertThat(sender.pendingLength()).isZero();
        final List<String> frames = writtenFrames();
        assertThat(frames).hasSize(accepted + 1);
        assertThat(frames.get(0)).startsWith("text {\"a\":\"subscribe\"").contains("100019");
        assertThat(frames.get(accepted)).startsWith("text {\"a\":\"mode\"").contains("full");
        assertThat(counters.get(KiteCounterDescriptor.BYTES_WRITTEN)).isEqualTo(transport.written().length);
    }

    @Test
    void shouldEncodeControlFramesAndUnsubscribe() throws IOException
    {
        final UnsafeBuffer pingData = new UnsafeBuffer("hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(sender.sendPing()).isTrue();
        assertThat(sender.sendPong(pingData, 0, pingData.capacity())).isTrue();
        assertThat(sender.sendUnsubscribe(tokens, 2, 1)).isTrue();
        assertThat(sender.sendClose(CloseStatus.NORMAL)).isTrue();
        sender.flush();

        assertThat(writtenFrames()).containsExactly(
            "ping " + SenderEndPoint.PING_PAYLOAD_LENGTH,
            "pong hello",
            "text {\"a\":\"unsubscribe\",\"v\":[100002]}",
            "close " + CloseStatus.NORMAL);
    }

    @Test
    void shouldQueueTheUpgradeRequestAndDropEverythingOnReset() throws IOException
    {
        assertThat(sender.sendUpgrade()).isTrue();
        assertThat(sender.upgradeKey()).isEqualTo(handshakeEncoder.key());
        assertThat(sender.pendingLength()).isPositive();

        sender.reset();
        sender.flush();

        assertThat(sender.pendingLength()).isZero();
        assertThat(transport.written()).isEmpty();
    }

    @Test
    void shouldPassAWriteFailureToTheCaller()
    {
        assertThat(sender.sendPing()).isTrue();
        transport.failWrites();

        assertThatThrownBy(sender::flush).isInstanceOf(IOException.class);
    }
}
