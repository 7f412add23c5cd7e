package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.text.OrderUpdate;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.simulator.script.ConnectionScript;
import io.kiteticker.simulator.script.Malformation;
import io.kiteticker.transport.Transport;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client connection of a {@link KiteSimulator}: its WebSocket session, its subscriptions and the ticks sent on
 * it, observable from any thread, and the {@link ConnectionScript} verbs that script faults on it.
 * <p>
 * This class is the facade other threads use: observers that read the parts' volatile counters, and script verbs
 * applied on the agent thread through {@link SimulatorAgent#invoke(Runnable)}. The agent runs the
 * {@link ServerSession} behind it (TLS and HTTP upgrade, frames in, close handshake, life cycle), which builds
 * and drives the parts, each testable alone:
 * <ul>
 *     <li>{@link SendBuffer}: frames out, their counters and the split-writes fault;</li>
 *     <li>{@link SubscriptionBook}: tokens and modes, the instrument limit and the snapshots owed;</li>
 *     <li>{@link TickProducer}: paced, flood, flood-cached and latency sending;</li>
 *     <li>{@link FaultScript}: stall, paused reading, malformed messages.</li>
 * </ul>
 * Bytes move over the shared {@link Transport} (module {@code kite-transport}, server mode for TLS).
 * <p>
 * Counters are written by the agent thread only and read with volatile semantics: frames, packets and bytes are
 * counted when a whole message has been queued for the socket ({@link #bytesSent()} when the socket accepted the
 * bytes). In {@link SendMode#LATENCY} the send time of packet n (0-based, in the order packets leave on this
 * connection; malformed messages do not take ordinals) is kept in a circular array: {@link #sendNanos(long)}.
 * <p>
 * Subscription rules: see {@link SubscriptionBook}. A subscribe or mode change queues one immediate tick
 * (snapshot) for each token it affects, before the paced ticks, as Kite does.
 */
public final class SimulatedConnection implements ConnectionScript
{
    private final SimulatorAgent agent;
    private final ServerSession session;
    private final long connectionId;
    private final int remotePort;
    private final SendBuffer sendBuffer;
    private final SubscriptionBook book;
    private final TickProducer producer;
    private final FaultScript faults;

    SimulatedConnection(
        final SimulatorAgent agent,
        final SimulatorContext context,
        final MarketModel model,
        final Transport transport,
        final long connectionId,
        final int remotePort,
        final long nowNs)
    {
        this.agent = agent;
        this.session = new ServerSession(agent, context, model, transport, connectionId, nowNs);
        this.connectionId = connectionId;
        this.remotePort = remotePort;
        this.sendBuffer = session.sendBuffer();
        this.book = session.book();
        this.producer = session.producer();
        this.faults = session.faults();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Observability, any thread.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Sequence number of this connection within its simulator, from 1.
     *
     * @return the id.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * The api_key the connection authenticated with.
     *
     * @return the api_key, or null before a successful upgrade.
     */
    public String apiKey()
    {
        return session.apiKey();
    }

    /**
     * The client's TCP port, which a client can match against its own local port.
     *
     * @return remote port.
     */
    public int remotePort()
    {
        return remotePort;
    }

    /**
     * Life-cycle state.
     *
     * @return the state.
     */
    public ConnectionState state()
    {
        return session.state();
    }

    /**
     * Is the WebSocket open (upgraded and not closing)?
     *
     * @return true when {@link ConnectionState#OPEN}.
     */
    public boolean isOpen()
    {
        return ConnectionState.OPEN == session.state();
    }

    /**
     * Is the connection stalled by {@link #stall()}?
     *
     * @return true when stalled.
     */
    public boolean isStalled()
    {
        return faults.isStalled();
    }

    /**
     * Is reading paused by {@link #pauseReading()}?
     *
     * @return true when paused.
     */
    public boolean isReadingPaused()
    {
        return faults.isReadingPaused();
    }

    /**
     * Number of subscribed tokens.
     *
     * @return the count.
     */
    public int subscriptionCount()
    {
        return book.count();
    }

    /**
     * WebSocket data frames queued: tick messages, heartbeats, text messages and malformed messages.
     *
     * @return the count.
     */
    public long framesSent()
    {
        return sendBuffer.framesSent();
    }

    /**
     * Frames in the cached pass of a {@link SendMode#FLOOD_CACHED} connection (0 until one pass was captured).
     *
     * @return frame count, read racily from another thread.
     */
    int cachedFloodFrames()
    {
        return producer.cachedFloodFrames();
    }

    /**
     * Tick packets queued, all modes.
     *
     * @return the count, also the next packet ordinal.
     */
    public long packetsSent()
    {
        return producer.packetsSent();
    }

    /**
     * Bytes the socket accepted (WebSocket bytes, before TLS).
     *
     * @return the count.
     */
    public long bytesSent()
    {
        return sendBuffer.bytesSent();
    }

    /**
     * Bytes received from the client (after TLS), HTTP upgrade included.
     *
     * @return the count.
     */
    public long bytesReceived()
    {
        return session.bytesReceived();
    }

    /**
     * WebSocket data messages received from the client.
     *
     * @return the count.
     */
    public long framesReceived()
    {
        return session.framesReceived();
    }

    /**
     * Socket write calls made.
     *
     * @return the count.
     */
    public long writeCalls()
    {
        return sendBuffer.writeCalls();
    }

    /**
     * Heartbeat messages queued.
     *
     * @return the count.
     */
    public long heartbeatsSent()
    {
        return sendBuffer.heartbeatsSent();
    }

    /**
     * Client text messages that were not valid subscribe, unsubscribe or mode requests (ignored).
     *
     * @return the count.
     */
    public long requestsRejected()
    {
        return session.requestsRejected();
    }

    /**
     * Tokens ignored: past the instrument limit or with an invalid segment.
     *
     * @return the count.
     */
    public long tokensIgnored()
    {
        return book.tokensIgnored();
    }

    /**
     * The status code of the close frame received from the client.
     *
     * @return the code, or -1 if none was received.
     */
    public int closeStatusReceived()
    {
        return session.closeStatusReceived();
    }

    /**
     * The {@link System#nanoTime()} just before the write of a packet, in {@link SendMode#LATENCY}.
     *
     * @param packetOrdinal 0-based position of the packet among the packets sent on this connection.
     * @return the send time, or -1 if not recorded (not LATENCY mode, not sent yet, or overwritten in the ring).
     */
    public long sendNanos(final long packetOrdinal)
    {
        return producer.sendNanos(packetOrdinal);
    }

    /**
     * The token of a packet, in {@link SendMode#LATENCY} (kept beside its send time), so a client can check that it
     * received exactly the packets sent, in order.
     *
     * @param packetOrdinal 0-based position of the packet among the packets sent on this connection.
     * @return the instrument token (unsigned), or -1 if not recorded (not LATENCY mode, not sent yet, or overwritten).
     */
    public long sentToken(final long packetOrdinal)
    {
        return producer.sentToken(packetOrdinal);
    }

    /**
     * Start a market-open burst on this connection: every token subscribed now ticks
     * {@link SimulatorContext#burstTicksPerToken()} times as fast as the socket takes them, then pacing resumes.
     * Returns once the agent thread has started it.
     *
     * @return false when nothing started: the connection is not open, nothing is subscribed, or it floods.
     */
    public boolean startBurst()
    {
        final boolean[] started = new boolean[1];
        agent.invoke(() -> started[0] = isOpen() && producer.startBurst(agent.nowNs()));
        return started[0];
    }

    /**
     * Ordinal of the first packet of the connection's last burst: its packets are
     * [{@code burstStartPacket()}, {@link #burstEndPacket()}) while the subscription did not change during it.
     *
     * @return the ordinal, or -1 before any burst.
     */
    public long burstStartPacket()
    {
        return producer.burstStartPacket();
    }

    /**
     * Ordinal after the last packet of the connection's last burst.
     *
     * @return the ordinal, or -1 before any burst and while one is under way.
     */
    public long burstEndPacket()
    {
        return producer.burstEndPacket();
    }

    /**
     * When the connection's last burst started, on the simulator's nano clock.
     *
     * @return nanoseconds, 0 before any burst.
     */
    public long burstStartNs()
    {
        return producer.burstStartNs();
    }

    /**
     * When the last packet of the connection's last burst was queued, on the simulator's nano clock.
     *
     * @return nanoseconds, 0 until a burst ended.
     */
    public long burstEndNs()
    {
        return producer.burstEndNs();
    }

    /**
     * A snapshot of the subscriptions, taken on the agent thread.
     *
     * @return token to mode, in subscription order.
     */
    public Map<Integer, Mode> subscriptions()
    {
        final Map<Integer, Mode> result = new LinkedHashMap<>();
        agent.invoke(() -> book.copyTo(result));
        return Collections.unmodifiableMap(result);
    }

    /**
     * The mode of one token, from a snapshot.
     *
     * @param instrumentToken to look up.
     * @return its mode, or null if not subscribed.
     */
    public Mode mode(final int instrumentToken)
    {
        return subscriptions().get(instrumentToken);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "SimulatedConnection{id=" + connectionId + ", remotePort=" + remotePort +
            ", state=" + session.state() + ", subscriptions=" + book.count() + ", frames=" + sendBuffer.framesSent() +
            ", packets=" + producer.packetsSent() + '}';
    }

    // ------------------------------------------------------------------------------------------------------------
    // Script verbs, any thread: applied on the agent thread.
    // ------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     */
    @Override
    public void dropAbruptly()
    {
        agent.invoke(() -> session.closeSocket(true));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void closeCleanly(final int statusCode, final String reason)
    {
        agent.invoke(() -> session.startClose(statusCode, reason));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void stall()
    {
        agent.invoke(faults::stall);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resume()
    {
        agent.invoke(() ->
        {
            faults.resume();
            producer.resetPacing(agent.nowNs());
        });
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void pauseReading()
    {
        agent.invoke(faults::pauseReading);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void resumeReading()
    {
        agent.invoke(faults::resumeReading);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendMalformed(final Malformation malformation)
    {
        agent.invoke(() -> faults.queueMalformed(malformation));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void splitNextMessages(final int messageCount, final int chunkBytes)
    {
        if (messageCount < 1 || chunkBytes < 1)
        {
            throw new IllegalArgumentException("messageCount and chunkBytes must be >= 1");
        }
        agent.invoke(() -> faults.splitNextMessages(messageCount, chunkBytes));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendOrder(final String orderJson)
    {
        agent.invoke(() -> session.queueOrder(orderJson));
    }

    /**
     * Send a {@code {"type":"order","data":{…}}} text message from an order holder.
     *
     * @param order to send; copied before this method returns.
     */
    public void sendOrder(final OrderUpdate order)
    {
        final OrderUpdate copy = new OrderUpdate().copyFrom(order);
        agent.invoke(() -> session.queueOrder(copy));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendError(final String message)
    {
        agent.invoke(() -> session.queueError(message));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendText(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        agent.invoke(() -> sendBuffer.queueFrame(WebSocketOpcode.TEXT, new UnsafeBuffer(bytes), 0, bytes.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendBinary(final byte[] payload)
    {
        final byte[] copy = payload.clone();
        agent.invoke(() -> sendBuffer.queueFrame(WebSocketOpcode.BINARY, new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendRawBytes(final byte[] bytes)
    {
        final byte[] copy = bytes.clone();
        agent.invoke(() -> sendBuffer.queueRaw(new UnsafeBuffer(copy), 0, copy.length));
    }

    /**
     * Write everything queued and then these bytes at once, on the simulator thread, and end the TCP connection
     * (FIN) right after them: with the start of a frame, the client reads a partial frame and then the end of the
     * stream, no tick between them.
     *
     * @param bytes to write last; copied before this method returns.
     */
    public void sendRawBytesThenEnd(final byte[] bytes)
    {
        final byte[] copy = bytes.clone();
        agent.invoke(() -> session.writeThenEnd(new UnsafeBuffer(copy), copy.length));
    }

    /**
     * Forget one subscribed token without telling the client, as a server that loses a subscription does: the
     * token stops ticking while the client believes it subscribed. A fault no client can repair by itself; the soak
     * uses it to prove that it detects a lost token.
     *
     * @param index any non-negative number; the token at {@code index % subscriptionCount()} is forgotten.
     * @return the token forgotten, or 0 if nothing was subscribed.
     */
    public int forgetSubscription(final int index)
    {
        final int[] forgotten = new int[1];
        agent.invoke(() ->
        {
            final int count = book.count();
            if (count > 0)
            {
                forgotten[0] = book.token(Math.floorMod(index, count));
                final IntArrayList one = new IntArrayList();
                one.addInt(forgotten[0]);
                book.unsubscribe(one);
            }
        });
        return forgotten[0];
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void sendHeartbeat()
    {
        agent.invoke(sendBuffer::queueHeartbeat);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Agent thread.
    // ------------------------------------------------------------------------------------------------------------

    int doWork(final long nowNs, final long epochSeconds)
    {
        return session.doWork(nowNs, epochSeconds);
    }

    void closeSocket(final boolean abortive)
    {
        session.closeSocket(abortive);
    }
}
