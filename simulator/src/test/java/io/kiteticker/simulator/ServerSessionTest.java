package io.kiteticker.simulator;

import io.kiteticker.codec.ws.CloseStatus;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.HandshakeResponseDecoder;
import io.kiteticker.codec.ws.WebSocketFrameEncoder;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.market.Universe;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSessionTest
{
    private static final long START_NS = 1_000_000_000L;
    private static final long EPOCH_SECONDS = 1_700_000_000L;
    private static final long CONNECTION_ID = 7;
    private static final URI URI_BASE = URI.create("ws://127.0.0.1:9999/");

    private final FakeHost host = new FakeHost();
    private final RecordingTransport transport = new RecordingTransport();
    private final SimulatorContext context = new SimulatorContext();
    private final ServerSession session =
        new ServerSession(host, context, new MarketModel(1, Universe.standard(10)), transport, CONNECTION_ID, START_NS);
    private final WebSocketFrameEncoder clientEncoder = WebSocketFrameEncoder.clientSide();
    private final UnsafeBuffer clientBuffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final HandshakeResponseDecoder response = new HandshakeResponseDecoder();

    @Test
    void shouldAnswer403AndCloseWhenAccessTokenIsWrong()
    {
        sendUpgrade(SimulatorContext.API_KEY_DEFAULT, "not-the-token");
        session.doWork(START_NS, EPOCH_SECONDS);

        assertThat(decodeResponse()).isEqualTo(HandshakeResponseDecoder.CREDENTIALS_REJECTED);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(host.rejectedCredentials).isEqualTo(1);
        assertThat(host.slotsAcquired).as("no slot asked for bad credentials").isZero();
        assertThat(session.state()).as("closed once the answer is flushed").isEqualTo(ConnectionState.CLOSED);
        assertThat(transport.isClosed()).isTrue();
        assertThat(transport.isAborted()).isFalse();
        assertThat(session.apiKey()).isNull();
        assertThat(host.closedApiKeys).as("no slot to give back").isEmpty();
    }

    @Test
    void shouldAnswerTheLimitStatusWhenTheApiKeyHasItsConnectionsOpen()
    {
        host.isSlotFree = false;
        sendUpgrade(SimulatorContext.API_KEY_DEFAULT, SimulatorContext.ACCESS_TOKEN_DEFAULT);
        session.doWork(START_NS, EPOCH_SECONDS);

        decodeResponse();
        assertThat(response.statusCode()).isEqualTo(SimulatorContext.CONNECTION_LIMIT_HTTP_STATUS_DEFAULT)
            .isEqualTo(429);
        assertThat(host.rejectedConnectionLimit).isEqualTo(1);
        assertThat(host.rejectedCredentials).isZero();
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(host.closedApiKeys).isEmpty();
    }

    @Test
    void shouldAnswer400WhenTheUpgradeRequestIsNotWebSocket()
    {
        final byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        transport.receive(request, 0, request.length);
        session.doWork(START_NS, EPOCH_SECONDS);

        decodeResponse();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(host.rejectedBadRequests).isEqualTo(1);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void shouldOpenAndTakeSubscriptionsWhenTheUpgradeIsValid()
    {
        final int headerLength = open();
        assertThat(session.apiKey()).isEqualTo(SimulatorContext.API_KEY_DEFAULT);
        assertThat(host.slotsAcquired).isEqualTo(1);

        final int[] tokens = Universe.standard(10).tokens(2);
        sendText("{\"a\":\"subscribe\",\"v\":[" + tokens[0] + "," + tokens[1] + "]}");
        sendText("{\"a\":\"dance\"}");
        session.doWork(START_NS + 1, EPOCH_SECONDS);

        assertThat(session.framesReceived()).isEqualTo(2);
        assertThat(session.requestsRejected()).isEqualTo(1);
        assertThat(session.book().count()).isEqualTo(2);
        assertThat(session.producer().packetsSent()).as("one snapshot per token").isEqualTo(2);
        assertThat(transport.framesFrom(headerLength, new int[1]))
            .allMatch((frame) -> WebSocketOpcode.BINARY == frame.opcode()).isNotEmpty();
    }

    @Test
    void shouldEchoTheCloseAndGiveTheSlotBackWhenTheClientCloses()
    {
        final int headerLength = open();
        final int length = clientEncoder.encodeClose(clientBuffer, 0, CloseStatus.GOING_AWAY, "bye");
        sendClient(length);
        session.doWork(START_NS + 1, EPOCH_SECONDS);

        assertThat(session.closeStatusReceived()).isEqualTo(CloseStatus.GOING_AWAY);
        final List<RecordingTransport.Frame> frames = transport.framesFrom(headerLength, new int[1]);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(WebSocketOpcode.CLOSE);
        assertThat(closeCode(frames.get(0))).as("the close code echoed").isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(transport.isClosed()).isTrue();
        assertThat(host.closedApiKeys).containsExactly(SimulatorContext.API_KEY_DEFAULT);
    }

    @Test
    void shouldWaitForThePeersCloseUntilTheTimeoutWhenTheServerCloses()
    {
        final int headerLength = open();
        session.startClose(CloseStatus.NORMAL, "done");
        session.doWork(START_NS + 1, EPOCH_SECONDS);

        final List<RecordingTransport.Frame> frames = transport.framesFrom(headerLength, new int[1]);
        assertThat(frames).hasSize(1);
        assertThat(closeCode(frames.get(0))).isEqualTo(CloseStatus.NORMAL);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSING);

        final long deadlineNs = host.nowNs + context.closeTimeoutNs();
        session.doWork(deadlineNs, EPOCH_SECONDS);
        assertThat(session.state()).as("still waiting at the deadline").isEqualTo(ConnectionState.CLOSING);
        session.doWork(deadlineNs + 1, EPOCH_SECONDS);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(transport.isClosed()).isTrue();
        assertThat(host.closedApiKeys).containsExactly(SimulatorContext.API_KEY_DEFAULT);
    }

    @Test
    void shouldCloseWithoutAnErrorWhenTheClientAnswersTheServersClose()
    {
        final int headerLength = open();
        session.startClose(CloseStatus.NORMAL, "done");
        session.doWork(START_NS + 1, EPOCH_SECONDS);
        sendClient(clientEncoder.encodeClose(clientBuffer, 0, CloseStatus.NORMAL));
        session.doWork(START_NS + 2, EPOCH_SECONDS);

        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(transport.framesFrom(headerLength, new int[1])).as("one close frame only").hasSize(1);
        assertThat(host.errors).isZero();
    }

    @Test
    void shouldAbortWhenTheUpgradeDoesNotArriveInTime()
    {
        session.doWork(START_NS + context.handshakeTimeoutNs() + 1, EPOCH_SECONDS);

        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(transport.isAborted()).isTrue();
    }

    @Test
    void shouldAnswerPingWithPongWhenOpen()
    {
        final int headerLength = open();
        final byte[] payload = {1, 2, 3};
        sendClient(clientEncoder.encodePing(clientBuffer, 0, new UnsafeBuffer(payload), 0, payload.length));
        session.doWork(START_NS + 1, EPOCH_SECONDS);

        final List<RecordingTransport.Frame> frames = transport.framesFrom(headerLength, new int[1]);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(WebSocketOpcode.PONG);
        assertThat(frames.get(0).payload()).containsExactly(payload);
        assertThat(session.framesReceived()).as("control frames are not data messages").isZero();
    }

    /**
     * Upgrade with the default credentials.
     *
     * @return the length of the 101 response, where the frames start.
     */
    private int open()
    {
        sendUpgrade(SimulatorContext.API_KEY_DEFAULT, SimulatorContext.ACCESS_TOKEN_DEFAULT);
        session.doWork(START_NS, EPOCH_SECONDS);
        assertThat(decodeResponse()).isEqualTo(HandshakeResponseDecoder.OK);
        assertThat(response.statusCode()).isEqualTo(101);
        assertThat(session.state()).isEqualTo(ConnectionState.OPEN);
        return response.headerLength();
    }

    private void sendUpgrade(final String apiKey, final String accessToken)
    {
        final HandshakeRequestEncoder request =
            new HandshakeRequestEncoder().uri(URI_BASE).apiKey(apiKey).accessToken(accessToken);
        sendClient(request.encode(clientBuffer, 0));
        response.expectedKey(request.key());
    }

    private void sendText(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        sendClient(clientEncoder.encodeText(clientBuffer, 0, new UnsafeBuffer(bytes), 0, bytes.length));
    }

    private void sendClient(final int length)
    {
        assertThat(length).isPositive();
        transport.receive(clientBuffer.byteArray(), 0, length);
    }

    private int decodeResponse()
    {
        final UnsafeBuffer written = transport.writtenBuffer();
        return response.decode(written, 0, transport.writtenLength());
    }

    private static int closeCode(final RecordingTransport.Frame frame)
    {
        return ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
    }

    /**
     * The agent's side of the session, counted, with a clock the test sets and a limit it can reach.
     */
    private static final class FakeHost implements SessionHost
    {
        final List<String> closedApiKeys = new ArrayList<>();
        long nowNs = START_NS + TimeUnit.MILLISECONDS.toNanos(1);
        boolean isSlotFree = true;
        int slotsAcquired;
        int rejectedCredentials;
        int rejectedConnectionLimit;
        int rejectedBadRequests;
        int errors;
        int refusalStatus;
        int refusedUpgrades;

        public long nowNs()
        {
            return nowNs;
        }

        public int upgradeRefusalStatus()
        {
            return refusalStatus;
        }

        public void onRefusedUpgrade()
        {
            refusedUpgrades++;
        }

        public boolean tryAcquireConnectionSlot(final String apiKey)
        {
            if (isSlotFree)
            {
                slotsAcquired++;
            }
            return isSlotFree;
        }

        public void onRejectedCredentials()
        {
            rejectedCredentials++;
        }

        public void onRejectedConnectionLimit()
        {
            rejectedConnectionLimit++;
        }

        public void onRejectedBadRequest()
        {
            rejectedBadRequests++;
        }

        public void onSessionClosed(final String apiKey)
        {
            closedApiKeys.add(apiKey);
        }

        public void onSessionError(final long connectionId, final Exception ex)
        {
            errors++;
        }
    }
}
