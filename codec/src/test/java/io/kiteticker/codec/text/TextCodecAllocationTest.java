package io.kiteticker.codec.text;

import io.kiteticker.codec.Mode;
import io.kiteticker.testing.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TextCodecAllocationTest
{
    private static final int WARMUP = 100_000;
    private static final int ITERATIONS = 1_000_000;
    private static final int SHORT_ITERATIONS = 100_000;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private final int[] tokens = new int[100];
    private int sink;

    TextCodecAllocationTest()
    {
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = (int)(0 == (i & 1) ? 408065 + 256L * i : 4_294_000_001L + i);
        }
    }

    @Test
    void shouldNotAllocateWhenEncodingSubscribeOfHundredTokens()
    {
        final SubscriptionRequestEncoder encoder = new SubscriptionRequestEncoder();

        final long bytes = AllocationMeter.measure(WARMUP, ITERATIONS,
            () -> sink += encoder.subscribe(buffer, 0, tokens, 0, tokens.length));

        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenEncodingModeOfHundredTokens()
    {
        final SubscriptionRequestEncoder encoder = new SubscriptionRequestEncoder();

        final long bytes = AllocationMeter.measure(WARMUP, SHORT_ITERATIONS,
            () -> sink += encoder.mode(buffer, 0, Mode.FULL, tokens, 0, tokens.length));

        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenDecodingSubscriptionRequest()
    {
        final SubscriptionRequestDecoder decoder = new SubscriptionRequestDecoder();
        final int length = new SubscriptionRequestEncoder().mode(buffer, 0, Mode.QUOTE, tokens, 0, tokens.length);

        final long bytes = AllocationMeter.measure(WARMUP, SHORT_ITERATIONS,
            () -> sink += decoder.decode(buffer, 0, length) + decoder.tokens().size());

        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(SubscriptionRequestDecoder.OK);
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenDecodingError()
    {
        final TextMessageDecoder decoder = new TextMessageDecoder();
        final int length = put("{\"type\":\"error\",\"data\":\"Invalid \\\"access_token\\\" \\u20b9\"}");

        final long bytes = AllocationMeter.measure(WARMUP, ITERATIONS,
            () -> sink += decoder.decode(buffer, 0, length) + decoder.errorMessage().length());

        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(TextMessageDecoder.ERROR);
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenDecodingOrder()
    {
        final TextMessageDecoder decoder = new TextMessageDecoder();
        final int length = put(TextMessageDecoderTest.POSTBACK);

        final long bytes = AllocationMeter.measure(WARMUP, ITERATIONS,
            () -> sink += decoder.decode(buffer, 0, length) + decoder.order().status().length());

        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(TextMessageDecoder.ORDER);
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenDecodingOrderWithDataBeforeType()
    {
        final TextMessageDecoder decoder = new TextMessageDecoder();
        final int length = put("{\"data\":{\"status\":\"OPEN\",\"quantity\":5,\"price\":470.05},\"type\":\"order\"}");

        final long bytes = AllocationMeter.measure(WARMUP, SHORT_ITERATIONS,
            () -> sink += decoder.decode(buffer, 0, length));

        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(TextMessageDecoder.ORDER);
        assertThat(bytes).isZero();
    }

    @Test
    void shouldNotAllocateWhenEncodingOrderAndError()
    {
        final TextMessageDecoder decoder = new TextMessageDecoder();
        decoder.decode(buffer, 0, put(TextMessageDecoderTest.POSTBACK));
        final OrderUpdate order = new OrderUpdate().copyFrom(decoder.order());
        final TextMessageEncoder encoder = new TextMessageEncoder();
        final String message = "Invalid \"access_token\" \u20b9";

        final long bytes = AllocationMeter.measure(WARMUP, SHORT_ITERATIONS,
            () -> sink += encoder.order(buffer, 0, order) + encoder.error(buffer, 4096, message));

        assertThat(bytes).isZero();
    }

    private int put(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(0, bytes);
        return bytes.length;
    }
}
