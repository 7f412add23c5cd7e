package io.kiteticker.bench.codec;

import io.kiteticker.bench.KiteForkedBenchmark;

import com.neovisionaries.ws.client.WebSocketAdapter;
import com.zerodhatech.models.Tick;
import com.zerodhatech.ticker.KiteTicker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The peer: Zerodha's official Java SDK (kiteconnect 3.5.1) decoding the same message bytes as
 * {@link TickDecoderBenchmark}, through its public API. {@code new KiteTicker("x", "y")} does not connect; the
 * WebSocket adapter's {@code onBinaryMessage(null, bytes)} parses the message into {@link Tick} objects and calls the
 * {@code OnTicks} listener, which keeps the list so the benchmark can return it.
 * <p>
 * <b>What "decode" means here.</b> One call of {@code onBinaryMessage}: the SDK splits the message into per-packet
 * arrays, and for each packet builds a {@code Tick} holding every field (prices divided into doubles, change percent,
 * quantities, {@code Date} timestamps through a {@code Calendar}, and for full packets a {@code HashMap} of two
 * {@code ArrayList}s of five {@code Depth} objects), and hands the list to the listener. After this call every field is
 * available to the strategy, which is what each {@code TickDecoderBenchmark} variant (raw, into a slot, doubles)
 * provides for the same message: compare per message, e.g. {@code decodeFullMessage250} here with
 * {@code decodeFullMessage250Raw}, {@code ...IntoSlot} and {@code ...Doubles} there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KiteconnectPeerBenchmark extends KiteForkedBenchmark
{
    private WebSocketAdapter adapter;
    private ArrayList<Tick> ticks;
    private byte[] quoteMessage;
    private byte[] fullMessage;
    private byte[] largeFullMessage;

    /**
     * Create the SDK ticker (not connected) and the messages.
     *
     * @throws Exception if the SDK fails to decode the messages once as a check.
     */
    @Setup
    public void setup() throws Exception
    {
        final KiteTicker ticker = new KiteTicker("x", "y");
        ticker.setOnTickerArrivalListener((ticks) -> this.ticks = ticks);
        adapter = ticker.getWebsocketAdapter();
        quoteMessage = BenchMessages.singlePacketMessage(BenchMessages.QUOTE_HEX);
        fullMessage = BenchMessages.singlePacketMessage(BenchMessages.FULL_HEX);
        largeFullMessage = BenchMessages.fullModeMessage(BenchMessages.LARGE_MESSAGE_PACKETS);

        adapter.onBinaryMessage(null, largeFullMessage);
        if (null == ticks || BenchMessages.LARGE_MESSAGE_PACKETS != ticks.size())
        {
            throw new IllegalStateException("the SDK did not decode the 250-packet message");
        }
    }

    /**
     * The SDK decodes a message holding the golden quote packet.
     *
     * @return the ticks the SDK delivered.
     * @throws Exception as the SDK's adapter declares.
     */
    @Benchmark
    public ArrayList<Tick> decodeQuoteMessage() throws Exception
    {
        adapter.onBinaryMessage(null, quoteMessage);
        return ticks;
    }

    /**
     * The SDK decodes a message holding the golden full packet.
     *
     * @return the ticks the SDK delivered.
     * @throws Exception as the SDK's adapter declares.
     */
    @Benchmark
    public ArrayList<Tick> decodeFullMessage() throws Exception
    {
        adapter.onBinaryMessage(null, fullMessage);
        return ticks;
    }

    /**
     * The SDK decodes a message of 250 full packets.
     *
     * @return the ticks the SDK delivered.
     * @throws Exception as the SDK's adapter declares.
     */
    @Benchmark
    public ArrayList<Tick> decodeFullMessage250() throws Exception
    {
        adapter.onBinaryMessage(null, largeFullMessage);
        return ticks;
    }
}
