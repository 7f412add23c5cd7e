package io.kiteticker.bench.codec;

import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Decoding Kite packets and messages with {@link TickDecoder} and {@link KiteMessageDecoder}, reading every field the
 * official SDK puts in its {@code Tick} (prices as doubles, quantities and timestamps as longs, depth, change
 * percent), so the numbers compare with {@link KiteconnectPeerBenchmark} per message. Each method returns the sum of
 * what it read, so nothing is dead code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED" })
public class TickDecoderBenchmark
{
    private final TickDecoder tickDecoder = new TickDecoder();
    private final KiteMessageDecoder messageDecoder = new KiteMessageDecoder();
    private UnsafeBuffer quotePacket;
    private UnsafeBuffer fullPacket;
    private UnsafeBuffer quoteMessage;
    private UnsafeBuffer fullMessage;
    private UnsafeBuffer largeFullMessage;

    /**
     * Build the packets and messages.
     */
    @Setup
    public void setup()
    {
        quotePacket = new UnsafeBuffer(BenchMessages.fromHex(BenchMessages.QUOTE_HEX));
        fullPacket = new UnsafeBuffer(BenchMessages.fromHex(BenchMessages.FULL_HEX));
        quoteMessage = new UnsafeBuffer(BenchMessages.singlePacketMessage(BenchMessages.QUOTE_HEX));
        fullMessage = new UnsafeBuffer(BenchMessages.singlePacketMessage(BenchMessages.FULL_HEX));
        largeFullMessage = new UnsafeBuffer(BenchMessages.fullModeMessage(BenchMessages.LARGE_MESSAGE_PACKETS));
    }

    /**
     * Wrap the 44-byte golden quote packet and read every field.
     *
     * @return sum of the fields.
     */
    @Benchmark
    public double decodeQuote()
    {
        return readAll(tickDecoder.wrap(quotePacket, 0, PacketKind.QUOTE_LENGTH));
    }

    /**
     * Wrap the 184-byte golden full packet and read every field including depth.
     *
     * @return sum of the fields.
     */
    @Benchmark
    public double decodeFull()
    {
        return readAll(tickDecoder.wrap(fullPacket, 0, PacketKind.FULL_LENGTH));
    }

    /**
     * Validate and decode a message holding the golden quote packet; the peer's {@code decodeQuoteMessage}.
     *
     * @return sum of the fields.
     */
    @Benchmark
    public double decodeQuoteMessage()
    {
        return decodeMessage(quoteMessage);
    }

    /**
     * Validate and decode a message holding the golden full packet; the peer's {@code decodeFullMessage}.
     *
     * @return sum of the fields.
     */
    @Benchmark
    public double decodeFullMessage()
    {
        return decodeMessage(fullMessage);
    }

    /**
     * Validate and decode a message of 250 full packets; the peer's {@code decodeFullMessage250}.
     *
     * @return sum of the fields.
     */
    @Benchmark
    public double decodeFullMessage250()
    {
        return decodeMessage(largeFullMessage);
    }

    /**
     * Validate and decode a message of 250 full packets reading raw scaled integers only, as the engine copies them
     * into its ring slots (no division into doubles).
     *
     * @return sum of the raw fields.
     */
    @Benchmark
    public long decodeFullMessage250Raw()
    {
        final KiteMessageDecoder decoder = messageDecoder;
        long sum = decoder.wrap(largeFullMessage, 0, largeFullMessage.capacity()).validate();
        while (decoder.hasNext())
        {
            final TickDecoder tick = decoder.next();
            sum += tick.instrumentToken() + tick.kind() + tick.priceDivisor() + tick.lastPrice() +
                tick.lastTradedQuantity() + tick.averageTradedPrice() + tick.volumeTraded() +
                tick.totalBuyQuantity() + tick.totalSellQuantity() + tick.open() + tick.high() + tick.low() +
                tick.close() + tick.exchangeChange() + tick.lastTradeTime() + tick.openInterest() +
                tick.openInterestDayHigh() + tick.openInterestDayLow() + tick.exchangeTimestamp();
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                sum += tick.bidQuantity(level) + tick.bidPrice(level) + tick.bidOrders(level) +
                    tick.askQuantity(level) + tick.askPrice(level) + tick.askOrders(level);
            }
        }

        return sum;
    }

    private double decodeMessage(final UnsafeBuffer message)
    {
        final KiteMessageDecoder decoder = messageDecoder;
        double sum = decoder.wrap(message, 0, message.capacity()).validate();
        while (decoder.hasNext())
        {
            sum += readAll(decoder.next());
        }

        return sum;
    }

    private static double readAll(final TickDecoder tick)
    {
        long longs = tick.instrumentToken() + tick.kind() + (tick.isTradable() ? 1 : 0) +
            tick.lastTradedQuantity() + tick.volumeTraded() + tick.totalBuyQuantity() + tick.totalSellQuantity() +
            tick.lastTradeTime() + tick.openInterest() + tick.openInterestDayHigh() + tick.openInterestDayLow() +
            tick.exchangeTimestamp();
        double doubles = tick.lastPriceAsDouble() + tick.averageTradedPriceAsDouble() + tick.openAsDouble() +
            tick.highAsDouble() + tick.lowAsDouble() + tick.closeAsDouble() + tick.changePercent();
        if (PacketKind.FULL == tick.kind())
        {
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                longs += tick.bidQuantity(level) + tick.bidOrders(level) +
                    tick.askQuantity(level) + tick.askOrders(level);
                doubles += tick.bidPriceAsDouble(level) + tick.askPriceAsDouble(level);
            }
        }

        return longs + doubles;
    }
}
