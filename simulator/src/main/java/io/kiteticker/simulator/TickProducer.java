package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.frame.KiteMessageEncoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickEncoder;
import io.kiteticker.codec.ws.WebSocketOpcode;
import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.transport.Transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ticks of one {@link SimulatedConnection}: binary Kite messages of up to {@code maxPacketsPerMessage} packets,
 * encoded in place in the {@link SendBuffer} from the {@link MarketModel} for the tokens of the
 * {@link SubscriptionBook} (snapshots first, then round-robin), at the pace of the {@link SendMode}:
 * <ul>
 *     <li>{@link SendMode#PACED}: a credit of {@code min(ticksPerSecond, ticksPerSecondPerToken * tokens)} per
 *     second, bursts capped at 50 ms worth; snapshots do not use credit.</li>
 *     <li>{@link SendMode#LATENCY}: paced, each message written to the socket at once and the send time of every
 *     packet kept in a circular array ({@link #sendNanos(long)}).</li>
 *     <li>{@link SendMode#FLOOD}: as many messages as the send buffer takes, up to 64 per duty cycle.</li>
 *     <li>{@link SendMode#FLOOD_CACHED}: flood, with the frames of one pass captured once and then copied
 *     ({@link FloodCache}).</li>
 * </ul>
 * <b>Market-open burst</b> (PACED and LATENCY, {@link #startBurst(long)}): every subscribed token ticks
 * {@code burstTicksPerToken} times, round-robin, in full messages as fast as the socket takes them (in LATENCY a
 * message is queued only once the previous one was wholly written, so its send time stays the time of its write),
 * then pacing resumes with no credit saved up. The burst's packets are the consecutive ordinals
 * [{@link #burstStartPacket()}, {@link #burstEndPacket()}) as long as the subscription does not change meanwhile
 * (snapshots owed go first and do not count). With {@code burstAtTokens} set, a connection starts one burst by
 * itself {@code burstDelayNs} after it first holds that many tokens.
 * <p>
 * Agent thread only, except the counters, readable from any thread. Allocates nothing per message.
 */
final class TickProducer
{
    private static final int LTP_CODE = Mode.LTP.code();
    private static final int FULL_CODE = Mode.FULL.code();

    private static final int FLOOD_MESSAGES_PER_CYCLE = 64;
    private static final int TEXT_RESERVE = 4096;
    private static final double PACED_BURST_SECONDS = 0.05;
    private static final double NANOS_TO_SECONDS = 1e-9;

    private final SubscriptionBook book;
    private final MarketModel model;
    private final SendBuffer sendBuffer;
    private final Transport transport;
    private final SendMode sendMode;
    private final double ticksPerSecond;
    private final double ticksPerSecondPerToken;
    private final int maxPacketsPerMessage;
    private final int maxMessageFrameLength;
    private final KiteMessageEncoder messageEncoder = new KiteMessageEncoder();
    private final FloodCache floodCache = new FloodCache();
    private final AtomicLongArray sendNanos;
    private final AtomicIntegerArray sendTokens;
    private final int sendNanosMask;
    private final int burstTicksPerToken;
    private final int burstAtTokens;
    private final long burstDelayNs;
    private double credit;
    private long lastPacingNs;
    private long epochSeconds;
    private long burstRemaining;
    private long burstArmedNs;
    private boolean isAutoBurstDone;

    private volatile long packetsSent;
    private volatile long burstStartPacket = -1;
    private volatile long burstEndPacket = -1;
    private volatile long burstStartNs;
    private volatile long burstEndNs;

    TickProducer(
        final SimulatorContext context,
        final SubscriptionBook book,
        final MarketModel model,
        final SendBuffer sendBuffer,
        final Transport transport,
        final long nowNs)
    {
        this.book = book;
        this.model = model;
        this.sendBuffer = sendBuffer;
        this.transport = transport;
        this.sendMode = context.sendMode();
        this.ticksPerSecond = context.ticksPerSecond();
        this.ticksPerSecondPerToken = context.ticksPerSecondPerToken();
        this.maxPacketsPerMessage = context.maxPacketsPerMessage();
        this.maxMessageFrameLength =
            SendBuffer.FRAME_HEADER_RESERVE + 2 + maxPacketsPerMessage * (2 + PacketKind.MAX_LENGTH);
        this.lastPacingNs = nowNs;
        this.burstTicksPerToken = context.burstTicksPerToken();
        this.burstAtTokens = context.burstAtTokens();
        this.burstDelayNs = context.burstDelayNs();
        if (SendMode.LATENCY == sendMode)
        {
            this.sendNanos = new AtomicLongArray(context.sendNanosCapacity());
            this.sendTokens = new AtomicIntegerArray(context.sendNanosCapacity());
            this.sendNanosMask = context.sendNanosCapacity() - 1;
        }
        else
        {
            this.sendNanos = null;
            this.sendTokens = null;
            this.sendNanosMask = 0;
        }
    }

    /**
     * Tick packets queued, all modes.
     *
     * @return the count, also the next packet ordinal.
     */
    long packetsSent()
    {
        return packetsSent;
    }

    /**
     * Frames in the cached pass of a {@link SendMode#FLOOD_CACHED} connection.
     *
     * @return frame count (0 until one pass was captured), read racily from another thread.
     */
    int cachedFloodFrames()
    {
        return floodCache.isComplete() ? floodCache.frameCount() : 0;
    }

    /**
     * The send time of a packet in {@link SendMode#LATENCY}.
     *
     * @param packetOrdinal 0-based position of the packet among the packets sent on this connection.
     * @return the {@link System#nanoTime()} just before its write, or -1 if not recorded.
     */
    long sendNanos(final long packetOrdinal)
    {
        if (null == sendNanos || packetOrdinal < 0)
        {
            return -1;
        }
        final long sent = packetsSent;
        if (packetOrdinal >= sent)
        {
            return -1;
        }
        final long value = sendNanos.get((int)(packetOrdinal & sendNanosMask));
        return packetsSent - packetOrdinal > sendNanos.length() ? -1 : value;
    }

    /**
     * The token of a packet in {@link SendMode#LATENCY}.
     *
     * @param packetOrdinal 0-based position of the packet among the packets sent on this connection.
     * @return the instrument token (unsigned), or -1 if not recorded.
     */
    long sentToken(final long packetOrdinal)
    {
        if (null == sendTokens || packetOrdinal < 0 || packetOrdinal >= packetsSent)
        {
            return -1;
        }
        final int token = sendTokens.get((int)(packetOrdinal & sendNanosMask));
        return packetsSent - packetOrdinal > sendTokens.length() ? -1 : Integer.toUnsignedLong(token);
    }

    /**
     * Ordinal of the first packet of the last burst.
     *
     * @return the ordinal, or -1 before any burst.
     */
    long burstStartPacket()
    {
        return burstStartPacket;
    }

    /**
     * Ordinal after the last packet of the last burst.
     *
     * @return the ordinal, or -1 before any burst and while one is under way.
     */
    long burstEndPacket()
    {
        return burstEndPacket;
    }

    /**
     * When the last burst started, on the agent's clock.
     *
     * @return nanoseconds, 0 before any burst.
     */
    long burstStartNs()
    {
        return burstStartNs;
    }

    /**
     * When the last packet of the last burst was queued, on the agent's clock.
     *
     * @return nanoseconds, 0 before any burst ended.
     */
    long burstEndNs()
    {
        return burstEndNs;
    }

    /**
     * Is a burst under way.
     *
     * @return true from {@link #startBurst(long)} until its last packet is queued.
     */
    boolean isBursting()
    {
        return burstRemaining > 0;
    }

    /**
     * Start a market-open burst: {@code burstTicksPerToken} ticks for every token subscribed now, as fast as the
     * socket takes them, before pacing resumes. A burst under way is replaced by the new one.
     *
     * @param nowNs of the agent's clock.
     * @return false (nothing started) in a flood mode or with nothing subscribed.
     */
    boolean startBurst(final long nowNs)
    {
        if (SendMode.FLOOD == sendMode || SendMode.FLOOD_CACHED == sendMode || 0 == book.size())
        {
            return false;
        }
        burstRemaining = (long)burstTicksPerToken * book.size();
        burstStartNs = nowNs;
        burstEndPacket = -1;
        burstStartPacket = packetsSent;
        return true;
    }

    /**
     * The subscriptions changed: a cached flood pass no longer matches them.
     */
    void onSubscriptionsChanged()
    {
        floodCache.invalidate();
    }

    /**
     * Start pacing afresh, with no credit saved up (after a stall, or the upgrade).
     *
     * @param nowNs of the agent's clock.
     */
    void resetPacing(final long nowNs)
    {
        lastPacingNs = nowNs;
        credit = 0;
    }

    /**
     * Queue what is due now.
     *
     * @param nowNs        of the agent's clock.
     * @param epochSeconds wall clock, for the model.
     * @return messages queued.
     */
    int produce(final long nowNs, final long epochSeconds)
    {
        this.epochSeconds = epochSeconds;
        if (book.size() > 0)
        {
            if (SendMode.FLOOD == sendMode || SendMode.FLOOD_CACHED == sendMode)
            {
                return flood();
            }
            if (burstAtTokens > 0 && !isAutoBurstDone)
            {
                armAutoBurst(nowNs);
            }
            return burstRemaining > 0 ? burst(nowNs) : paced(nowNs);
        }
        if (book.hasSnapshots())
        {
            book.clearSnapshots();
        }
        return 0;
    }

    /**
     * Queue the snapshots owed now, as far as the send buffer has room (the rest go out with the next messages).
     *
     * @param epochSeconds wall clock, for the model.
     * @return messages queued.
     */
    int queueSnapshots(final long epochSeconds)
    {
        this.epochSeconds = epochSeconds;
        final SubscriptionBook book = this.book;
        int messages = 0;
        while (book.hasSnapshots() && sendBuffer.ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            if (0 == queueTickMessage(Math.min(book.snapshotCount(), maxPacketsPerMessage)))
            {
                break;
            }
            messages++;
        }
        return messages;
    }

    private int flood()
    {
        int messages = 0;
        while (messages < FLOOD_MESSAGES_PER_CYCLE && sendBuffer.ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            if (SendMode.FLOOD_CACHED == sendMode && !book.hasSnapshots() && !sendBuffer.isSplitting())
            {
                queueCachedFlood();
            }
            else
            {
                queueTickMessage(maxPacketsPerMessage);
            }
            messages++;
        }
        return messages;
    }

    private void queueCachedFlood()
    {
        final SendBuffer sendBuffer = this.sendBuffer;
        final int frameOffset = sendBuffer.writePosition();
        if (floodCache.isComplete())
        {
            sendBuffer.advance(floodCache.nextFrameLength());
            final int packets = floodCache.copyNextFrame(sendBuffer.buffer(), frameOffset);
            sendBuffer.onFrameQueued();
            onTicksQueued(packets);
            return;
        }

        if (!floodCache.isCapturing())
        {
            floodCache.startCapture(book.size());
        }
        final int packets = queueTickMessage(maxPacketsPerMessage);
        floodCache.capture(sendBuffer.buffer(), frameOffset, sendBuffer.writePosition() - frameOffset, packets);
    }

    private void armAutoBurst(final long nowNs)
    {
        if (book.size() < burstAtTokens)
        {
            return;
        }
        if (0 == burstArmedNs)
        {
            burstArmedNs = nowNs | 1;
        }
        else if (nowNs - burstArmedNs >= burstDelayNs)
        {
            isAutoBurstDone = true;
            startBurst(nowNs);
        }
    }

    private int burst(final long nowNs)
    {
        final SendBuffer sendBuffer = this.sendBuffer;
        final boolean isLatency = SendMode.LATENCY == sendMode;
        int messages = 0;
        while (burstRemaining > 0 && messages < FLOOD_MESSAGES_PER_CYCLE &&
            sendBuffer.ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            if (isLatency && (!sendBuffer.isEmpty() || transport.hasPendingWrite()))
            {
                break; // the socket has not taken the last message yet: its next send time would not be its write's
            }
            final int snapshotsBefore = book.snapshotCount();
            final int sent = queueTickMessage((int)Math.min(burstRemaining + snapshotsBefore, maxPacketsPerMessage));
            if (0 == sent)
            {
                break;
            }
            burstRemaining -= sent - (snapshotsBefore - book.snapshotCount());
            messages++;
            if (isLatency)
            {
                flush();
            }
        }
        if (burstRemaining <= 0)
        {
            burstRemaining = 0;
            burstEndNs = nowNs;
            burstEndPacket = packetsSent;
            resetPacing(nowNs);
        }
        return messages;
    }

    private void flush()
    {
        try
        {
            sendBuffer.flush(transport);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private int paced(final long nowNs)
    {
        final double rate = Math.min(ticksPerSecond, ticksPerSecondPerToken * book.size());
        final long elapsedNs = nowNs - lastPacingNs;
        lastPacingNs = nowNs;
        credit = Math.min(credit + rate * elapsedNs * NANOS_TO_SECONDS, Math.max(1.0, rate * PACED_BURST_SECONDS));

        int due = (int)credit + book.snapshotCount();
        int messages = 0;
        while (due > 0 && sendBuffer.ensureRoom(maxMessageFrameLength + TEXT_RESERVE))
        {
            final int snapshotsBefore = book.snapshotCount();
            final int sent = queueTickMessage(Math.min(due, maxPacketsPerMessage));
            if (0 == sent)
            {
                break;
            }
            final int snapshotsSent = snapshotsBefore - book.snapshotCount();
            credit -= (sent - snapshotsSent);
            due -= sent;
            messages++;
            if (SendMode.LATENCY == sendMode)
            {
                flush();
            }
        }
        if (credit < 0)
        {
            credit = 0;
        }
        return messages;
    }

    /**
     * Encode one binary message of up to {@code packetLimit} ticks: snapshots first, then round-robin.
     */
    private int queueTickMessage(final int packetLimit)
    {
        final SendBuffer sendBuffer = this.sendBuffer;
        final SubscriptionBook book = this.book;
        final int frameOffset = sendBuffer.writePosition();
        final int payloadOffset = SendBuffer.payloadOffset(frameOffset);
        final KiteMessageEncoder encoder = messageEncoder.wrap(sendBuffer.buffer(), payloadOffset);
        final AtomicIntegerArray sendTokens = this.sendTokens;
        final long firstOrdinal = packetsSent;
        int packets = 0;
        while (packets < packetLimit && book.size() > 0)
        {
            final int slot = book.nextSlot();
            if (-1 == slot)
            {
                continue;
            }
            encodeTick(encoder, book, slot);
            if (null != sendTokens)
            {
                sendTokens.lazySet((int)((firstOrdinal + packets) & sendNanosMask), book.token(slot));
            }
            packets++;
        }
        if (0 == packets)
        {
            return 0;
        }

        sendBuffer.finishFrame(frameOffset, payloadOffset, encoder.encodedLength(), WebSocketOpcode.BINARY);
        onTicksQueued(packets);
        return packets;
    }

    private void onTicksQueued(final int packets)
    {
        final long firstOrdinal = packetsSent;
        if (null != sendNanos)
        {
            final long sendTimeNs = System.nanoTime();
            for (int i = 0; i < packets; i++)
            {
                sendNanos.lazySet((int)((firstOrdinal + i) & sendNanosMask), sendTimeNs);
            }
        }
        packetsSent = firstOrdinal + packets;
    }

    private void encodeTick(final KiteMessageEncoder encoder, final SubscriptionBook book, final int slot)
    {
        final MarketModel model = this.model;
        final int i = book.modelIndex(slot);
        model.step(i, epochSeconds);
        final int modeCode = book.modeCode(slot);
        final int token = book.token(slot);

        if (LTP_CODE == modeCode)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(token).lastPrice(model.lastPrice(i));
        }
        else if (model.isIndex(i))
        {
            final TickEncoder tick = encoder
                .addPacket(FULL_CODE == modeCode ? PacketKind.INDEX_FULL : PacketKind.INDEX_QUOTE)
                .instrumentToken(token)
                .lastPrice(model.lastPrice(i))
                .high(model.high(i))
                .low(model.low(i))
                .open(model.open(i))
                .close(model.close(i))
                .exchangeChange(model.change(i));
            if (FULL_CODE == modeCode)
            {
                tick.exchangeTimestamp(model.exchangeSeconds(i));
            }
        }
        else
        {
            final TickEncoder tick = encoder.addPacket(FULL_CODE == modeCode ? PacketKind.FULL : PacketKind.QUOTE)
                .instrumentToken(token)
                .lastPrice(model.lastPrice(i))
                .lastTradedQuantity(model.lastQuantity(i))
                .averageTradedPrice(model.averagePrice(i))
                .volumeTraded(model.volume(i))
                .totalBuyQuantity(model.totalBuyQuantity(i))
                .totalSellQuantity(model.totalSellQuantity(i))
                .open(model.open(i))
                .high(model.high(i))
                .low(model.low(i))
                .close(model.close(i));
            if (FULL_CODE == modeCode)
            {
                tick.lastTradeTime(model.lastTradeSeconds(i))
                    .openInterest(model.openInterest(i))
                    .openInterestDayHigh(model.openInterestDayHigh(i))
                    .openInterestDayLow(model.openInterestDayLow(i))
                    .exchangeTimestamp(model.exchangeSeconds(i));
                model.computeDepth(i);
                for (int level = 0; level < MarketModel.DEPTH_LEVELS; level++)
                {
                    tick.bid(level, model.bidQuantity(level), model.bidPrice(level), model.bidOrders(level));
                    tick.ask(level, model.askQuantity(level), model.askPrice(level), model.askOrders(level));
                }
            }
        }
    }
}
