package io.kiteticker.bench.codec;

import io.kiteticker.bench.KiteForkedBenchmark;

import io.kiteticker.codec.text.SubscriptionRequestDecoder;
import io.kiteticker.codec.text.SubscriptionRequestEncoder;
import io.kiteticker.codec.text.TextMessageDecoder;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The JSON text codecs: subscribe requests of 100 and 3000 tokens encoded into a preallocated buffer, the
 * 100-token request decoded as the simulator does, and an order postback (every KITE_PROTOCOL.md §4.1 field, as one
 * line the way the ticker sends it) and an error message decoded by {@link TextMessageDecoder} with dsl-json. Each
 * method returns what it produced so nothing is dead code; run with {@code -prof gc} to see the allocation per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TextCodecBenchmark extends KiteForkedBenchmark
{
    /**
     * An order update as the ticker sends it, modelled on kiteconnect-mocks postback.json.
     */
    public static final String ORDER_JSON = "{\"type\":\"order\",\"data\":{\"user_id\":\"AB1234\"," +
        "\"unfilled_quantity\":0,\"app_id\":1234," +
        "\"checksum\":\"2011845d9348bd6795151bf4258102a03431e3bb12a79c0df73fcb4b7fde4b5d\",\"placed_by\":\"AB1234\"," +
        "\"order_id\":\"220303000308932\",\"exchange_order_id\":\"1000000001482421\",\"parent_order_id\":null," +
        "\"status\":\"COMPLETE\",\"status_message\":null,\"status_message_raw\":null," +
        "\"order_timestamp\":\"2022-03-03 09:24:25\",\"exchange_update_timestamp\":\"2022-03-03 09:24:25\"," +
        "\"exchange_timestamp\":\"2022-03-03 09:24:25\",\"variety\":\"regular\",\"exchange\":\"NSE\"," +
        "\"tradingsymbol\":\"SBIN\",\"instrument_token\":779521,\"order_type\":\"MARKET\"," +
        "\"transaction_type\":\"BUY\"," +
        "\"validity\":\"DAY\",\"product\":\"CNC\",\"quantity\":1,\"disclosed_quantity\":0,\"price\":0," +
        "\"trigger_price\":0,\"average_price\":470.05,\"filled_quantity\":1,\"pending_quantity\":0," +
        "\"cancelled_quantity\":0,\"market_protection\":0,\"meta\":{},\"tag\":null,\"guid\":\"84055XpTGBzGq1hl\"}}";

    /**
     * An error message with an escaped quote.
     */
    public static final String ERROR_JSON = "{\"type\":\"error\",\"data\":\"Invalid \\\"access_token\\\" or api_key\"}";

    private final SubscriptionRequestEncoder requestEncoder = new SubscriptionRequestEncoder();
    private final SubscriptionRequestDecoder requestDecoder = new SubscriptionRequestDecoder();
    private final TextMessageDecoder textDecoder = new TextMessageDecoder();
    private final UnsafeBuffer encodeBuffer =
        new UnsafeBuffer(new byte[SubscriptionRequestEncoder.maxEncodedLength(3000)]);
    private final int[] tokens = new int[3000];
    private UnsafeBuffer request100;
    private int request100Length;
    private UnsafeBuffer order;
    private UnsafeBuffer error;

    /**
     * Build the tokens and messages.
     */
    @Setup
    public void setup()
    {
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = 408065 + 256 * i;
        }
        request100 = new UnsafeBuffer(new byte[SubscriptionRequestEncoder.maxEncodedLength(100)]);
        request100Length = requestEncoder.subscribe(request100, 0, tokens, 0, 100);
        order = new UnsafeBuffer(ORDER_JSON.getBytes(StandardCharsets.UTF_8));
        error = new UnsafeBuffer(ERROR_JSON.getBytes(StandardCharsets.UTF_8));
        if (TextMessageDecoder.ORDER != textDecoder.decode(order, 0, order.capacity()) ||
            TextMessageDecoder.ERROR != textDecoder.decode(error, 0, error.capacity()) ||
            SubscriptionRequestDecoder.OK != requestDecoder.decode(request100, 0, request100Length))
        {
            throw new IllegalStateException("benchmark messages do not decode");
        }
    }

    /**
     * Encode {@code {"a":"subscribe","v":[…]}} with 100 tokens.
     *
     * @return the encoded length.
     */
    @Benchmark
    public int encodeSubscribe100()
    {
        return requestEncoder.subscribe(encodeBuffer, 0, tokens, 0, 100);
    }

    /**
     * Encode {@code {"a":"subscribe","v":[…]}} with 3000 tokens (about 27 KB).
     *
     * @return the encoded length.
     */
    @Benchmark
    public int encodeSubscribe3000()
    {
        return requestEncoder.subscribe(encodeBuffer, 0, tokens, 0, 3000);
    }

    /**
     * Decode a 100-token subscribe request (simulator side).
     *
     * @return the result code plus the token count.
     */
    @Benchmark
    public int decodeSubscribe100()
    {
        return requestDecoder.decode(request100, 0, request100Length) + requestDecoder.tokens().size();
    }

    /**
     * Decode an order postback with every field.
     *
     * @return the type code plus values read from the order.
     */
    @Benchmark
    public double decodeOrder()
    {
        final int type = textDecoder.decode(order, 0, order.capacity());
        return type + textDecoder.order().averagePrice() + textDecoder.order().status().length();
    }

    /**
     * Decode an error message.
     *
     * @return the type code plus the length of the error text.
     */
    @Benchmark
    public int decodeError()
    {
        return textDecoder.decode(error, 0, error.capacity()) + textDecoder.errorMessage().length();
    }
}
