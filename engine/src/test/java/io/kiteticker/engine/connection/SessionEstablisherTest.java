package io.kiteticker.engine.connection;

import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.ws.HandshakeRequestEncoder;
import io.kiteticker.codec.ws.HandshakeResponseEncoder;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.testing.Tests;
import io.kiteticker.transport.Transport;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.kiteticker.engine.connection.SessionEstablisher.CREDENTIALS_REJECTED;
import static io.kiteticker.engine.connection.SessionEstablisher.FAILED;
import static io.kiteticker.engine.connection.SessionEstablisher.PENDING;
import static io.kiteticker.engine.connection.SessionEstablisher.PROGRESS;
import static io.kiteticker.engine.connection.SessionEstablisher.TLS_STARTED;
import static io.kiteticker.engine.connection.SessionEstablisher.UPGRADED;
import static io.kiteticker.engine.connection.SessionEstablisher.UPGRADE_QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

class SessionEstablisherTest
{
    private static final long START_NS = 1_000_000L;

    private final ServerSocketChannel server;
    private final FakeTransport transport = new FakeTransport();
    private final ConnectionCounters counters = ConnectionCounters.standalone(0, 0, "test");
    private final List<Throwable> errors = new ArrayList<>();
    private final UnsafeBuffer responseBuffer = new UnsafeBuffer(new byte[4096]);
    private ConnectionContext context;
    private SocketConnector connector;
    private SenderEndPoint sender;
    private SessionEstablisher establisher;

    SessionEstablisherTest() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void after()
    {
        if (null != connector)
        {
            connector.close();
        }
        CloseHelper.quietClose(server);
    }

    private void establisherFor(final String scheme)
    {
        final int port = ((InetSocketAddress)server.socket().getLocalSocketAddress()).getPort();
        final URI uri = URI.create(scheme + "://127.0.0.1:" + port + "/");
        context = new ConnectionContext()
            .apiKeyIndex(0)
            .connectionIndex(0)
            .apiKeyId("test")
            .apiKey("key")
            .accessToken("token")
            .uri(uri)
            .tickRing(RingBuffer.createSingleProducer(TickEvent.EVENT_FACTORY, 8))
            .counters(counters)
            .conclude();
        connector = new SocketConnector(context);
        sender = new SenderEndPoint(
            transport,
            counters,
            new HandshakeRequestEncoder().uri(uri).apiKey("key").accessToken("token"),
            context.sendBufferLength(),
            ConnectionAgent.MAX_TOKENS_PER_FRAME);
        final ReceiverEndPoint receiver = new ReceiverEndPoint(
            context,
            transport,
            counters,
            new ConnectionErrors(errors::add, counters, "kite-0-0 [test]: "),
            new ControlFrameHandler()
            {
                public void onPing(final DirectBuffer buffer, final int offset, final int length)
                {
                }

                public void onClose(final int code, final int reasonLength)
                {
                }
            },
            new ModeGate());
        establisher = new SessionEstablisher(context, connector, transport, sender, receiver, counters);
    }

    private int connect()
    {
        final int[] step = { establisher.connect(START_NS) };
        Tests.await(() -> PENDING != step[0] || PENDING != (step[0] = establisher.finishConnect(START_NS)),
            "TCP connect");
        return step[0];
    }

    private void deliver(final int length)
    {
        transport.deliver(responseBuffer.byteArray(), 0, length);
    }

    private long timeoutNs()
    {
        return context.connectTimeoutNs();
    }

    @Test
    void shouldQueueTheUpgradeRequestWhenTheTcpConnectCompletes() throws IOException
    {
        establisherFor("ws");

        assertThat(connect()).isEqualTo(UPGRADE_QUEUED);

        assertThat(transport.written()).isEmpty();
        sender.flush();
        assertThat(new String(transport.written(), StandardCharsets.US_ASCII))
            .startsWith("GET /?api_key=key&access_token=token HTTP/1.1\r\n")
            .contains(sender.upgradeKey());
    }

    @Test
    void shouldReportProgressThenUpgradedWhenTheResponseArrivesInParts()
    {
        establisherFor("ws");
        connect();
        final int length = new HandshakeResponseEncoder()
            .encodeSwitchingProtocols(responseBuffer, 0, sender.upgradeKey());

        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(PENDING);
        transport.deliver(responseBuffer.byteArray(), 0, 20);
        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(PROGRESS);
        transport.deliver(responseBuffer.byteArray(), 20, length - 20);
        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(UPGRADED);
    }

    @Test
    void shouldReportCredentialsRejectedWhenTheServerAnswers403()
    {
        establisherFor("ws");
        connect();
        deliver(new HandshakeResponseEncoder().encodeForbidden(responseBuffer, 0, "invalid token"));

        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(CREDENTIALS_REJECTED);
    }

    @Test
    void shouldFailNamingTheStatusWhenTheServerRefusesTheUpgradeOtherwise()
    {
        establisherFor("ws");
        connect();
        deliver(new HandshakeResponseEncoder().encodeError(responseBuffer, 0, 503, "busy"));

        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).startsWith("WebSocket upgrade refused").endsWith("(HTTP 503)");
        assertThat(establisher.failureCause()).isNull();
    }

    @Test
    void shouldFailWhenTheUpgradeResponseDoesNotArriveBeforeTheDeadline()
    {
        establisherFor("ws");
        connect();

        assertThat(establisher.pollUpgrade(START_NS + timeoutNs() - 1)).isEqualTo(PENDING);
        assertThat(establisher.pollUpgrade(START_NS + timeoutNs())).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).isEqualTo("WebSocket upgrade timed out");
    }

    @Test
    void shouldFailWhenTheStreamEndsDuringTheUpgrade()
    {
        establisherFor("ws");
        connect();
        transport.endOfStream();

        assertThat(establisher.pollUpgrade(START_NS)).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).isEqualTo("end of stream during WebSocket upgrade");
    }

    @Test
    void shouldQueueTheUpgradeOnlyOnceTheTlsHandshakeCompletesWhenTheUriIsWss()
    {
        establisherFor("wss");
        transport.handshakeResult(Transport.HANDSHAKE_IN_PROGRESS);

        assertThat(connect()).isEqualTo(TLS_STARTED);
        assertThat(establisher.pollTlsHandshake(START_NS)).isEqualTo(PENDING);
        assertThat(sender.pendingLength()).isZero();

        transport.handshakeResult(Transport.HANDSHAKE_COMPLETE);
        assertThat(establisher.pollTlsHandshake(START_NS)).isEqualTo(UPGRADE_QUEUED);
        assertThat(sender.pendingLength()).isPositive();
        assertThat(counters.get(KiteCounterDescriptor.TLS_ERRORS)).isZero();
    }

    @Test
    void shouldCountATlsErrorWhenTheHandshakeFailsOrTimesOut()
    {
        establisherFor("wss");
        transport.handshakeResult(Transport.HANDSHAKE_IN_PROGRESS);
        connect();

        assertThat(establisher.pollTlsHandshake(START_NS + timeoutNs())).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).isEqualTo("TLS handshake timed out");

        transport.failHandshake();
        assertThat(establisher.pollTlsHandshake(START_NS)).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).isEqualTo("TLS handshake failed");
        assertThat(establisher.failureCause()).isInstanceOf(IOException.class);
        assertThat(counters.get(KiteCounterDescriptor.TLS_ERRORS)).isEqualTo(2);
    }

    @Test
    void shouldFailWithTheCauseWhenNothingListens()
    {
        establisherFor("ws");
        CloseHelper.quietClose(server);

        assertThat(connect()).isEqualTo(FAILED);
        assertThat(establisher.failureReason()).isEqualTo("connect failed");
        assertThat(establisher.failureCause()).isInstanceOf(IOException.class);
    }
}
