package io.kiteticker.simulator;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An independent Kite client for tests: the JDK's own {@link java.net.http.WebSocket}, with the codec's
 * {@link KiteMessageDecoder} over every binary message it receives.
 */
final class KiteTestClient implements WebSocket.Listener, AutoCloseable
{
    /**
     * Visits each packet of each valid binary message, on the client's listener thread.
     */
    interface PacketVisitor
    {
        void onPacket(TickDecoder packet, long receiveNanos);
    }

    private static final HttpClient PLAIN_CLIENT = HttpClient.newHttpClient();

    final AtomicLong binaryMessages = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong packets = new AtomicLong();
    final AtomicLong invalidMessages = new AtomicLong();
    final AtomicLong pongs = new AtomicLong();
    final AtomicLong binaryParts = new AtomicLong();
    final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<byte[]> recordedMessages = new ConcurrentLinkedQueue<>();
    final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();

    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private final UnsafeBuffer assemblyBuffer = new UnsafeBuffer(new byte[4 * 1024 * 1024]);
    private final StringBuilder textAssembly = new StringBuilder();
    private final boolean record;
    private volatile PacketVisitor visitor;
    private int assembledLength;
    private WebSocket webSocket;

    private KiteTestClient(final boolean record)
    {
        this.record = record;
    }

    static KiteTestClient connect(final URI uri) throws Exception
    {
        return connect(uri, null, false);
    }

    static KiteTestClient connect(final URI uri, final SSLContext sslContext, final boolean record) throws Exception
    {
        final KiteTestClient client = new KiteTestClient(record);
        final HttpClient httpClient = null == sslContext ? PLAIN_CLIENT :
            HttpClient.newBuilder().sslContext(sslContext).connectTimeout(Duration.ofSeconds(10)).build();
        client.webSocket = httpClient.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, client)
            .get(20, TimeUnit.SECONDS);
        return client;
    }

    static CompletableFuture<WebSocket> connectAsync(final URI uri, final SSLContext sslContext)
    {
        final HttpClient httpClient = null == sslContext ? PLAIN_CLIENT :
            HttpClient.newBuilder().sslContext(sslContext).build();
        return httpClient.newWebSocketBuilder().buildAsync(uri, new KiteTestClient(false));
    }

    KiteTestClient visitor(final PacketVisitor visitor)
    {
        this.visitor = visitor;
        return this;
    }

    WebSocket webSocket()
    {
        return webSocket;
    }

    void send(final String json) throws Exception
    {
        webSocket.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    void subscribe(final int... tokens) throws Exception
    {
        send("{\"a\":\"subscribe\",\"v\":" + list(tokens) + "}");
    }

    void unsubscribe(final int... tokens) throws Exception
    {
        send("{\"a\":\"unsubscribe\",\"v\":" + list(tokens) + "}");
    }

    void mode(final String mode, final int... tokens) throws Exception
    {
        send("{\"a\":\"mode\",\"v\":[\"" + mode + "\"," + list(tokens) + "]}");
    }

    List<byte[]> recorded()
    {
        return new ArrayList<>(recordedMessages);
    }

    boolean isClosedOrFailed()
    {
        return closeStatus.isDone() || error.isDone();
    }

    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(1);
    }

    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        binaryParts.incrementAndGet();
        final int length = data.remaining();
        assemblyBuffer.putBytes(assembledLength, data, data.position(), length);
        assembledLength += length;
        if (last)
        {
            onMessage(assembledLength);
            assembledLength = 0;
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        textAssembly.append(data);
        if (last)
        {
            texts.add(textAssembly.toString());
            textAssembly.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
    {
        pongs.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeReason.complete(reason);
        closeStatus.complete(statusCode);
        return null;
    }

    public void onError(final WebSocket webSocket, final Throwable error)
    {
        this.error.complete(error);
    }

    public void close()
    {
        if (null != webSocket)
        {
            webSocket.abort();
        }
    }

    private void onMessage(final int length)
    {
        final long receiveNanos = System.nanoTime();
        binaryMessages.incrementAndGet();
        if (record)
        {
            final byte[] copy = new byte[length];
            assemblyBuffer.getBytes(0, copy);
            recordedMessages.add(copy);
        }
        final int result = messageDecoder.wrap(assemblyBuffer, 0, length).validate();
        if (KiteMessageDecoder.HEARTBEAT == result)
        {
            heartbeats.incrementAndGet();
            return;
        }
        if (KiteMessageDecoder.OK != result)
        {
            invalidMessages.incrementAndGet();
            return;
        }
        final PacketVisitor visitor = this.visitor;
        int count = 0;
        while (messageDecoder.hasNext())
        {
            final TickDecoder packet = messageDecoder.next();
            count++;
            if (null != visitor)
            {
                visitor.onPacket(packet, receiveNanos);
            }
        }
        packets.addAndGet(count);
    }

    private static String list(final int... tokens)
    {
        final StringBuilder builder = new StringBuilder(tokens.length * 10).append('[');
        for (int i = 0; i < tokens.length; i++)
        {
            if (i > 0)
            {
                builder.append(',');
            }
            builder.append(tokens[i]);
        }
        return builder.append(']').toString();
    }
}
