package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.WebSocketFrameDecoder;
import io.kiteticker.codec.ws.WebSocketMessageHandler;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandProcessorTest
{
    private static final int MAX_TOKENS_PER_FRAME = 2;
    private static final int SEND_BUFFER_LENGTH = 256;
    private static final int DRAIN_LIMIT = 4;

    private final FakeTransport transport = new FakeTransport();
    private final ConnectionCounters counters = ConnectionCounters.standalone(0, 0, "test");
    private final SenderEndPoint sender = new SenderEndPoint(
        transport,
        counters,
        new HandshakeRequestEncoder().uri(URI.create("ws://127.0.0.1:9000/")).apiKey("key").accessToken("token"),
        SEND_BUFFER_LENGTH,
        MAX_TOKENS_PER_FRAME);
    private final ManyToOneConcurrentArrayQueue<ConnectionCommand> queue = new ManyToOneConcurrentArrayQueue<>(64);
    private final ConnectionProxy proxy = new ConnectionProxy(queue, counters);
    private final FakeConductor conductor = new FakeConductor();
    private final CommandProcessor processor =
        new CommandProcessor(queue, DRAIN_LIMIT, MAX_TOKENS_PER_FRAME, sender, conductor, new ModeGate());

    private final class FakeConductor implements CommandProcessor.Conductor
    {
        private boolean isLive;
        private int closeCommands;

        public boolean isLive()
        {
            return isLive;
        }

        public int flush()
        {
            try
            {
                return sender.flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        public void onCloseCommand()
        {
            closeCommands++;
        }
    }

    /**
     * Collects the payload of every text frame the sender wrote; the JSON requests are the only text frames.
     */
    private static final class TextFrames implements WebSocketMessageHandler
    {
        private final List<String> texts = new ArrayList<>();

        static List<String> of(final byte[] written)
        {
            final TextFrames frames = new TextFrames();
            final int consumed = WebSocketFrameDecoder.serverSide(64 * 1024)
                .decode(new UnsafeBuffer(written), 0, written.length, frames);
            assertThat(consumed).isEqualTo(written.length);
            return frames.texts;
        }

        public boolean onMessage(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            assertThat(opcode).isEqualTo(WebSocketOpcode.TEXT);
            texts.add(buffer.getStringWithoutLengthUtf8(offset, length).replace(" ", ""));
            return true;
        }

        public void onPing(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onPong(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onClose(final int code, final DirectBuffer buffer, final int reasonOffset, final int length)
        {
        }
    }

    private static int[] tokens(final int count, final int firstToken)
    {
        final int[] tokens = new int[count];
        for (int i = 0; i < count; i++)
        {
            tokens[i] = firstToken + i;
        }
        return tokens;
    }

    private List<String> sentRequests()
    {
        return TextFrames.of(transport.written());
    }

    @Test
    void shouldRememberTokensWithoutSendingWhenNotLive()
    {
        assertThat(proxy.subscribe(new int[]{ 11, 12, 13 }, 0, 3, Mode.FULL)).isTrue();

        assertThat(processor.drain()).isEqualTo(1);

        assertThat(processor.subscribedCount()).isEqualTo(3);
        assertThat(processor.modeCode(12)).isEqualTo(Mode.FULL.code());
        assertThat(transport.written()).isEmpty();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void shouldSendSubscribeThenModeFramesSplitAtTheFrameLimitWhenLive()
    {
        conductor.isLive = true;
        proxy.subscribe(new int[]{ 1, 2, 3 }, 0, 3, Mode.QUOTE);

        processor.drain();

        assertThat(sentRequests()).containsExactly(
            "{\"a\":\"subscribe\",\"v\":[1,2]}",
            "{\"a\":\"subscribe\",\"v\":[3]}",
            "{\"a\":\"mode\",\"v\":[\"quote\",[1,2]]}",
            "{\"a\":\"mode\",\"v\":[\"quote\",[3]]}");
        assertThat(counters.get(KiteCounterDescriptor.REQUESTS_SENT)).isEqualTo(4);
    }

    @Test
    void shouldChangeTheModeOfSubscribedTokensOnlyWhenAModeChangeNamesOthers()
    {
        proxy.subscribe(new int[]{ 1, 2 }, 0, 2, Mode.LTP);
        processor.drain();
        conductor.isLive = true;

        proxy.changeMode(new int[]{ 2, 99 }, 0, 2, Mode.FULL);
        proxy.unsubscribe(new int[]{ 1 }, 0, 1);
        processor.drain();

        assertThat(sentRequests()).containsExactly(
            "{\"a\":\"mode\",\"v\":[\"full\",[2]]}",
            "{\"a\":\"unsubscribe\",\"v\":[1]}");
        assertThat(processor.modeCode(2)).isEqualTo(Mode.FULL.code());
        assertThat(processor.modeCode(99)).isZero();
        assertThat(processor.subscribedCount()).isEqualTo(1);
    }

    @Test
    void shouldResumeWithTheRefusedFrameWhenTheSendBufferHasRoomAgain() throws IOException
    {
        conductor.isLive = true;
        transport.writeLimit(0);
        final int[] tokens = tokens(20, 100_000);
        proxy.subscribe(tokens, 0, tokens.length, Mode.LTP);
        proxy.unsubscribe(tokens, 0, 1);

        assertThat(processor.drain()).isEqualTo(1);
        assertThat(queue.size()).isEqualTo(1);
        final int pendingLength = sender.pendingLength();
        assertThat(pendingLength).isPositive();

        transport.writeLimit(Integer.MAX_VALUE);
        assertThat(sender.flush()).isEqualTo(1);
        processor.drain();

        final List<String> requests = sentRequests();
        assertThat(requests).hasSize(2 * tokens.length / MAX_TOKENS_PER_FRAME + 1).doesNotHaveDuplicates();
        assertThat(requests.get(0)).isEqualTo("{\"a\":\"subscribe\",\"v\":[100000,100001]}");
        assertThat(requests.get(requests.size() - 1)).isEqualTo("{\"a\":\"unsubscribe\",\"v\":[100000]}");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void shouldHoldCommandsBackWhileTheResubscriptionIsBeingSent()
    {
        proxy.subscribe(new int[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 9, Mode.LTP);
        processor.drain();
        conductor.isLive = true;
        transport.writeLimit(0);

        processor.onLive();
        assertThat(processor.isResubscribing()).isTrue();
        proxy.subscribe(new int[]{ 10 }, 0, 1, Mode.FULL);
        assertThat(processor.drain()).isZero();

        transport.writeLimit(Integer.MAX_VALUE);
        while (processor.isResubscribing())
        {
            assertThat(processor.resubscribe()).isPositive();
        }
        processor.drain();

        final List<String> requests = sentRequests();
        assertThat(requests).hasSize(5 + 5 + 2);
        assertThat(requests.subList(10, 12)).containsExactly(
            "{\"a\":\"subscribe\",\"v\":[10]}",
            "{\"a\":\"mode\",\"v\":[\"full\",[10]]}");
    }

    @Test
    void shouldForgetThePendingCommandButKeepItsTokensWhenTheSessionEnds()
    {
        conductor.isLive = true;
        transport.writeLimit(0);
        final int[] tokens = tokens(20, 1);
        proxy.subscribe(tokens, 0, tokens.length, Mode.QUOTE);
        processor.drain();

        processor.reset();
        sender.reset();
        transport.writeLimit(Integer.MAX_VALUE);
        processor.onLive();
        while (processor.isResubscribing())
        {
            processor.resubscribe();
        }
        assertThat(processor.drain()).isZero();

        final List<String> requests = sentRequests();
        assertThat(requests).hasSize(2 * tokens.length / MAX_TOKENS_PER_FRAME).doesNotHaveDuplicates();
        assertThat(processor.subscribedCount()).isEqualTo(tokens.length);
    }

    @Test
    void shouldAskTheConductorToCloseWhenACloseCommandArrives()
    {
        proxy.subscribe(new int[]{ 1 }, 0, 1, Mode.LTP);
        processor.drain();
        assertThat(proxy.close()).isTrue();

        processor.drain();

        assertThat(conductor.closeCommands).isEqualTo(1);
        assertThat(proxy.subscribe(new int[]{ 2 }, 0, 1, Mode.LTP)).isFalse();
        assertThat(processor.subscribedCount()).isEqualTo(1);
    }

    @Test
    void shouldSendNothingMoreOfTheResubscriptionWhenCancelled()
    {
        proxy.subscribe(new int[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 0, 9, Mode.FULL);
        processor.drain();
        conductor.isLive = true;
        transport.writeLimit(0);
        processor.onLive();
        final int pendingLength = sender.pendingLength();

        processor.cancelResubscribe();
        transport.writeLimit(Integer.MAX_VALUE);

        assertThat(processor.isResubscribing()).isFalse();
        assertThat(processor.resubscribe()).isZero();
        assertThat(sender.pendingLength()).isEqualTo(pendingLength);
    }

    @Test
    void shouldTakeNoMoreThanTheDrainLimitPerCall()
    {
        for (int i = 0; i < DRAIN_LIMIT + 2; i++)
        {
            proxy.subscribe(new int[]{ i + 1 }, 0, 1, Mode.LTP);
        }

        assertThat(processor.drain()).isEqualTo(DRAIN_LIMIT);
        assertThat(processor.drain()).isEqualTo(2);
        assertThat(processor.subscribedCount()).isEqualTo(DRAIN_LIMIT + 2);
    }
}
