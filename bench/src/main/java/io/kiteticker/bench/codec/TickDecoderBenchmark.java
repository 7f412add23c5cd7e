package io.kiteticker.bench.codec;

import io.kiteticker.bench.KiteForkedBenchmark;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.engine.ring.TickEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Decoding Kite packets and messages with {@link TickDecoder} and {@link KiteMessageDecoder}: the numbers to hold
 * against {@link KiteconnectPeerBenchmark}, which decodes the very same bytes with Zerodha's official SDK.
 * <p>
 * <b>What "decode" means here.</b> The SDK turns a message into {@code Tick} objects whose fields hold every value of
 * the packet (prices divided into doubles, quantities, timestamps, change percent, five levels of depth a side). The
 * fair counterpart is therefore: decode the same message and make <em>every field the SDK exposes</em> available to
 * the strategy. Three forms of "available" are measured, each for the golden quote packet, the golden full packet and a
 * message of 250 full packets:
 * <ul>
 *     <li>{@code *Raw}: wrap the flyweight and read every field as the raw scaled {@code int}/{@code long} the wire
 *     carries (token, kind, divisor, prices, quantities, timestamps, OI, absolute change, 5 + 5 depth levels of
 *     quantity, price and orders): what a strategy reading the flyweight or an engine slot gets;</li>
 *     <li>{@code *IntoSlot}: {@link TickEvent#decodeFrom(TickDecoder, int, int, long)} into a preallocated ring slot
 *     (the flat slot: the packet's bytes copied and the tag set; fields are read on demand): the engine's real hot
 *     path, what the socket thread pays per packet. The slots rotate through 256 of them, as in a ring;</li>
 *     <li>{@code *IntoSlotRead}: as {@code *IntoSlot}, then every field of {@code *Raw} read back from the slot (its
 *     accessors delegate to {@link TickEvent#decoder()}), what producer and strategy pay together;</li>
 *     <li>{@code *Doubles}: as {@code *Raw} but with every price as a {@code double} and the change percent, exactly
 *     (bit for bit) the values the SDK computes: the like-for-like comparison with the SDK's {@code Tick}.</li>
 * </ul>
 * Every value read is handed to a {@link Blackhole} (JMH's compiler blackholes on JDK 17: the value must be computed
 * but costs no store), so nothing is dead code and no artificial dependency chain (such as summing doubles) is added.
 * The {@code *Message*} benchmarks include {@link KiteMessageDecoder#validate()} and the framing, as the SDK's
 * {@code onBinaryMessage} includes its splitting; the packet benchmarks wrap the packet body directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TickDecoderBenchmark extends KiteForkedBenchmark
{
    private static final int SLOTS = 256;
    private static final int SLOT_MASK = SLOTS - 1;

    private final TickDecoder tickDecoder = new TickDecoder();
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private final TickEvent[] slots = new TickEvent[SLOTS];
    private int nextSlot;
    private UnsafeBuffer quotePacket;
    private UnsafeBuffer fullPacket;
    private UnsafeBuffer quoteMessage;
    private UnsafeBuffer fullMessage;
    private UnsafeBuffer largeFullMessage;

    /**
     * Build the packets, the messages (the same bytes as {@link KiteconnectPeerBenchmark}) and the ring slots.
     */
    @Setup
    public void setup()
    {
        quotePacket = new UnsafeBuffer(BenchMessages.fromHex(BenchMessages.QUOTE_HEX));
        fullPacket = new UnsafeBuffer(BenchMessages.fromHex(BenchMessages.FULL_HEX));
        quoteMessage = new UnsafeBuffer(BenchMessages.singlePacketMessage(BenchMessages.QUOTE_HEX));
        fullMessage = new UnsafeBuffer(BenchMessages.singlePacketMessage(BenchMessages.FULL_HEX));
        largeFullMessage = new UnsafeBuffer(BenchMessages.fullModeMessage(BenchMessages.LARGE_MESSAGE_PACKETS));
        for (int i = 0; i < SLOTS; i++)
        {
            slots[i] = TickEvent.EVENT_FACTORY.newInstance();
        }
    }

    /**
     * Wrap the 44-byte golden quote packet and read every field raw.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeQuoteRaw(final Blackhole bh)
    {
        readRaw(tickDecoder.wrap(quotePacket, 0, PacketKind.QUOTE_LENGTH), bh);
    }

    /**
     * Wrap the 44-byte golden quote packet and decode it into a ring slot.
     *
     * @return the slot.
     */
    @Benchmark
    public TickEvent decodeQuoteIntoSlot()
    {
        return intoSlot(tickDecoder.wrap(quotePacket, 0, PacketKind.QUOTE_LENGTH));
    }

    /**
     * Wrap the 44-byte golden quote packet and read every field, prices as doubles.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeQuoteDoubles(final Blackhole bh)
    {
        readDoubles(tickDecoder.wrap(quotePacket, 0, PacketKind.QUOTE_LENGTH), bh);
    }

    /**
     * Wrap the 184-byte golden full packet and read every field raw, depth included.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullRaw(final Blackhole bh)
    {
        readRaw(tickDecoder.wrap(fullPacket, 0, PacketKind.FULL_LENGTH), bh);
    }

    /**
     * Wrap the 184-byte golden full packet and decode it into a ring slot.
     *
     * @return the slot.
     */
    @Benchmark
    public TickEvent decodeFullIntoSlot()
    {
        return intoSlot(tickDecoder.wrap(fullPacket, 0, PacketKind.FULL_LENGTH));
    }

    /**
     * Wrap the 184-byte golden full packet, copy it into a ring slot and read every field raw from the slot.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullIntoSlotRead(final Blackhole bh)
    {
        readRaw(intoSlot(tickDecoder.wrap(fullPacket, 0, PacketKind.FULL_LENGTH)).decoder(), bh);
    }

    /**
     * Wrap the 184-byte golden full packet and read every field, prices as doubles, depth included.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullDoubles(final Blackhole bh)
    {
        readDoubles(tickDecoder.wrap(fullPacket, 0, PacketKind.FULL_LENGTH), bh);
    }

    /**
     * Validate and decode a message holding the golden quote packet, raw fields; the peer's
     * {@code decodeQuoteMessage}.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeQuoteMessageRaw(final Blackhole bh)
    {
        messageRaw(quoteMessage, bh);
    }

    /**
     * Validate and decode a message holding the golden quote packet into a ring slot.
     *
     * @param bh takes the validation result and each slot.
     */
    @Benchmark
    public void decodeQuoteMessageIntoSlot(final Blackhole bh)
    {
        messageIntoSlots(quoteMessage, bh);
    }

    /**
     * Validate and decode a message holding the golden quote packet, prices as doubles.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeQuoteMessageDoubles(final Blackhole bh)
    {
        messageDoubles(quoteMessage, bh);
    }

    /**
     * Validate and decode a message holding the golden full packet, raw fields; the peer's
     * {@code decodeFullMessage}.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullMessageRaw(final Blackhole bh)
    {
        messageRaw(fullMessage, bh);
    }

    /**
     * Validate and decode a message holding the golden full packet into a ring slot.
     *
     * @param bh takes the validation result and each slot.
     */
    @Benchmark
    public void decodeFullMessageIntoSlot(final Blackhole bh)
    {
        messageIntoSlots(fullMessage, bh);
    }

    /**
     * Validate and decode a message holding the golden full packet, prices as doubles.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullMessageDoubles(final Blackhole bh)
    {
        messageDoubles(fullMessage, bh);
    }

    /**
     * Validate and decode a message of 250 full packets, raw fields; the peer's {@code decodeFullMessage250}.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullMessage250Raw(final Blackhole bh)
    {
        messageRaw(largeFullMessage, bh);
    }

    /**
     * Validate and decode a message of 250 full packets into 250 consecutive ring slots.
     *
     * @param bh takes the validation result and each slot.
     */
    @Benchmark
    public void decodeFullMessage250IntoSlot(final Blackhole bh)
    {
        messageIntoSlots(largeFullMessage, bh);
    }

    /**
     * Validate a message of 250 full packets, copy them into 250 consecutive ring slots and read every field raw
     * from each slot.
     *
     * @param bh takes the validation result and every field.
     */
    @Benchmark
    public void decodeFullMessage250IntoSlotRead(final Blackhole bh)
    {
        final KiteMessageDecoder decoder = messageDecoder;
        bh.consume(decoder.wrap(largeFullMessage, 0, largeFullMessage.capacity()).validate());
        while (decoder.hasNext())
        {
            readRaw(intoSlot(decoder.next()).decoder(), bh);
        }
    }

    /**
     * Validate and decode a message of 250 full packets, prices as doubles.
     *
     * @param bh takes every field.
     */
    @Benchmark
    public void decodeFullMessage250Doubles(final Blackhole bh)
    {
        messageDoubles(largeFullMessage, bh);
    }

    private void messageRaw(final UnsafeBuffer message, final Blackhole bh)
    {
        final KiteMessageDecoder decoder = messageDecoder;
        bh.consume(decoder.wrap(message, 0, message.capacity()).validate());
        while (decoder.hasNext())
        {
            readRaw(decoder.next(), bh);
        }
    }

    private void messageIntoSlots(final UnsafeBuffer message, final Blackhole bh)
    {
        final KiteMessageDecoder decoder = messageDecoder;
        bh.consume(decoder.wrap(message, 0, message.capacity()).validate());
        while (decoder.hasNext())
        {
            bh.consume(intoSlot(decoder.next()));
        }
    }

    private void messageDoubles(final UnsafeBuffer message, final Blackhole bh)
    {
        final KiteMessageDecoder decoder = messageDecoder;
        bh.consume(decoder.wrap(message, 0, message.capacity()).validate());
        while (decoder.hasNext())
        {
            readDoubles(decoder.next(), bh);
        }
    }

    private TickEvent intoSlot(final TickDecoder tick)
    {
        final int slot = nextSlot;
        nextSlot = (slot + 1) & SLOT_MASK;
        final TickEvent event = slots[slot];
        event.decodeFrom(tick, 0, 0, slot);

        return event;
    }

    /**
     * Every field the SDK's {@code Tick} exposes, as the raw values: the token, the kind (the SDK's mode), the
     * divisor, prices as scaled ints, quantities and times as longs, the absolute change, and the depth.
     */
    private static void readRaw(final TickDecoder tick, final Blackhole bh)
    {
        bh.consume(tick.instrumentToken());
        bh.consume(tick.kind());
        bh.consume(tick.priceDivisor());
        bh.consume(tick.lastPrice());
        bh.consume(tick.lastTradedQuantity());
        bh.consume(tick.averageTradedPrice());
        bh.consume(tick.volumeTraded());
        bh.consume(tick.totalBuyQuantity());
        bh.consume(tick.totalSellQuantity());
        bh.consume(tick.open());
        bh.consume(tick.high());
        bh.consume(tick.low());
        bh.consume(tick.close());
        bh.consume(tick.change());
        bh.consume(tick.lastTradeTime());
        bh.consume(tick.openInterest());
        bh.consume(tick.openInterestDayHigh());
        bh.consume(tick.openInterestDayLow());
        bh.consume(tick.exchangeTimestamp());
        if (PacketKind.FULL == tick.kind())
        {
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                bh.consume(tick.bidQuantity(level));
                bh.consume(tick.bidPrice(level));
                bh.consume(tick.bidOrders(level));
                bh.consume(tick.askQuantity(level));
                bh.consume(tick.askPrice(level));
                bh.consume(tick.askOrders(level));
            }
        }
    }

    /**
     * Every field the SDK's {@code Tick} exposes, with the SDK's types where they matter: prices and the change
     * percent as the same doubles the SDK computes.
     */
    private static void readDoubles(final TickDecoder tick, final Blackhole bh)
    {
        bh.consume(tick.instrumentToken());
        bh.consume(tick.kind());
        bh.consume(tick.isTradable());
        bh.consume(tick.lastPriceAsDouble());
        bh.consume(tick.lastTradedQuantity());
        bh.consume(tick.averageTradedPriceAsDouble());
        bh.consume(tick.volumeTraded());
        bh.consume(tick.totalBuyQuantity());
        bh.consume(tick.totalSellQuantity());
        bh.consume(tick.openAsDouble());
        bh.consume(tick.highAsDouble());
        bh.consume(tick.lowAsDouble());
        bh.consume(tick.closeAsDouble());
        bh.consume(tick.changePercent());
        bh.consume(tick.lastTradeTime());
        bh.consume(tick.openInterest());
        bh.consume(tick.openInterestDayHigh());
        bh.consume(tick.openInterestDayLow());
        bh.consume(tick.exchangeTimestamp());
        if (PacketKind.FULL == tick.kind())
        {
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                bh.consume(tick.bidQuantity(level));
                bh.consume(tick.bidPriceAsDouble(level));
                bh.consume(tick.bidOrders(level));
                bh.consume(tick.askQuantity(level));
                bh.consume(tick.askPriceAsDouble(level));
                bh.consume(tick.askOrders(level));
            }
        }
    }
}
