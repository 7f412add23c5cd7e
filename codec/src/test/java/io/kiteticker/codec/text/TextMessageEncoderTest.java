package io.kiteticker.codec.text;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static io.kiteticker.codec.text.TextMessageDecoder.ERROR;
import static io.kiteticker.codec.text.TextMessageDecoder.MESSAGE;
import static io.kiteticker.codec.text.TextMessageDecoder.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

class TextMessageEncoderTest
{
    private final TextMessageEncoder encoder = new TextMessageEncoder();
    private final TextMessageDecoder decoder = new TextMessageDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);

    @Test
    void shouldEncodeErrorWithEscapes()
    {
        final int length = encoder.error(buffer, 0, "bad \"token\"\n\\ \u0001 caf\u00e9 \uD83D\uDE00");

        assertThat(buffer.getStringWithoutLengthUtf8(0, length))
            .isEqualTo("{\"type\":\"error\",\"data\":\"bad \\\"token\\\"\\n\\\\ \\u0001 caf\u00e9 \uD83D\uDE00\"}");
        assertThat(length).isLessThanOrEqualTo(
            TextMessageEncoder.maxErrorLength("bad \"token\"\n\\ \u0001 caf\u00e9 \uD83D\uDE00"));
    }

    @Test
    void shouldRoundTripErrorThroughDecoder()
    {
        final String message = "Invalid \"api_key\" or access_token\t\u20b9 \uD83D\uDE00";

        final int length = encoder.error(buffer, 7, message);

        assertThat(decoder.decode(buffer, 7, length)).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString(message);
    }

    @Test
    void shouldEncodeNullErrorAsJsonNull()
    {
        final int length = encoder.error(buffer, 0, null);

        assertThat(buffer.getStringWithoutLengthUtf8(0, length)).isEqualTo("{\"type\":\"error\",\"data\":null}");
    }

    @Test
    void shouldEncodeOtherMessageWithRawData()
    {
        final String data = "{\"text\":\"Market closes early\",\"n\":[1,2]}";

        final int length = encoder.message(buffer, 0, "message", data);

        assertThat(buffer.getStringWithoutLengthUtf8(0, length))
            .isEqualTo("{\"type\":\"message\",\"data\":" + data + "}");
        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(MESSAGE);
        assertThat(decoder.typeName()).hasToString("message");
        assertThat(decoder.appendData(new StringBuilder())).hasToString(data);
        assertThat(length).isLessThanOrEqualTo(TextMessageEncoder.maxMessageLength("message", data));
    }

    @Test
    void shouldRoundTripPostbackOrder()
    {
        assertThat(decoder.decode(bytes(TextMessageDecoderTest.POSTBACK), 0,
            bytes(TextMessageDecoderTest.POSTBACK).length)).isEqualTo(ORDER);
        final OrderUpdate original = new OrderUpdate().copyFrom(decoder.order());

        final int length = encoder.order(buffer, 0, original);

        final String json = buffer.getStringWithoutLengthUtf8(0, length);
        assertThat(json).startsWith("{\"type\":\"order\",\"data\":{\"user_id\":\"AB1234\",\"unfilled_quantity\":0,");
        assertThat(json).contains("\"parent_order_id\":null", "\"average_price\":470.05", "\"meta\":{}",
            "\"tag\":null", "\"instrument_token\":779521", "\"status\":\"COMPLETE\"");
        assertThat(length).isLessThanOrEqualTo(TextMessageEncoder.maxOrderLength(original));
        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(ORDER);
        assertThat(decoder.order()).hasToString(original.toString());
    }

    @Test
    void shouldRoundTripOrderBuiltWithSetters()
    {
        final OrderUpdate order = new OrderUpdate()
            .text(OrderField.USER_ID, "XY9876")
            .longValue(OrderField.APP_ID, 98_765L)
            .text(OrderField.ORDER_ID, "250101000000001")
            .text(OrderField.STATUS, "TRIGGER PENDING")
            .text(OrderField.STATUS_MESSAGE, "Trigger \"pending\"")
            .text(OrderField.ORDER_TIMESTAMP, "2025-01-01 09:15:00")
            .text(OrderField.EXCHANGE, "NFO")
            .text(OrderField.TRADINGSYMBOL, "NIFTY25JAN24000CE")
            .longValue(OrderField.INSTRUMENT_TOKEN, 4_294_967_295L)
            .text(OrderField.ORDER_TYPE, "SL")
            .text(OrderField.TRANSACTION_TYPE, "SELL")
            .longValue(OrderField.QUANTITY, 75)
            .doubleValue(OrderField.PRICE, 123.45)
            .doubleValue(OrderField.TRIGGER_PRICE, -0.05)
            .doubleValue(OrderField.AVERAGE_PRICE, 0.1 + 0.2)
            .doubleValue(OrderField.MARKET_PROTECTION, 2.5)
            .text(OrderField.META, "{\"iceberg\":{\"legs\":2}}")
            .text(OrderField.TAG, "t\u00e9");

        final int length = encoder.order(buffer, 3, order);

        assertThat(decoder.decode(buffer, 3, length)).isEqualTo(ORDER);
        final OrderUpdate decoded = decoder.order();
        assertThat(decoded).hasToString(order.toString());
        assertThat(decoded.price()).isEqualTo(123.45);
        assertThat(decoded.triggerPrice()).isEqualTo(-0.05);
        assertThat(decoded.averagePrice()).isEqualTo(0.1 + 0.2);
        assertThat(decoded.has(OrderField.EXCHANGE_TIMESTAMP)).isFalse();
        assertThat(decoded.has(OrderField.STATUS)).isTrue();
    }

    @Test
    void shouldClearFieldWhenSetToNull()
    {
        final OrderUpdate order = new OrderUpdate().text(OrderField.TAG, "x").text(OrderField.TAG, null);

        assertThat(order.has(OrderField.TAG)).isFalse();
        assertThat(order.tag()).isEmpty();
    }

    @Test
    void shouldWriteDoublesThatReadBackExactly()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++)
        {
            final double value;
            switch (i % 5)
            {
                case 0:
                    value = random.nextInt(10_000_000) / 100.0;
                    break;
                case 1:
                    value = -random.nextInt(10_000_000) / 10_000.0;
                    break;
                case 2:
                    value = random.nextInt(100_000) * 0.05;
                    break;
                case 3:
                    value = random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
                    break;
                default:
                    value = random.nextInt(1_000_000_000) / 1e7;
                    break;
            }
            final int length = JsonOutput.putDouble(buffer, 0, value);
            final String text = buffer.getStringWithoutLengthAscii(0, length);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value == 0.0 ? 0.0 : value);
            assertThat(text).doesNotEndWith(".");
        }
    }

    @Test
    void shouldWriteSpecialDoubles()
    {
        assertThat(doubleText(0.0)).isEqualTo("0");
        assertThat(doubleText(-0.0)).isEqualTo("0");
        assertThat(doubleText(470.0)).isEqualTo("470");
        assertThat(doubleText(-1.5)).isEqualTo("-1.5");
        assertThat(doubleText(0.05)).isEqualTo("0.05");
        assertThat(doubleText(1e-12)).isEqualTo("0.000000000001");
        assertThat(doubleText(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(doubleText(4252.650000000001)).isEqualTo("4252.650000000001");
        assertThat(doubleText(1e20)).isEqualTo("1.0E20");
        assertThat(Double.parseDouble(doubleText(-1.5e-300))).isEqualTo(-1.5e-300);
        assertThat(doubleText(Double.NaN)).isEqualTo("null");
        assertThat(doubleText(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    private String doubleText(final double value)
    {
        return buffer.getStringWithoutLengthAscii(0, JsonOutput.putDouble(buffer, 0, value));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
