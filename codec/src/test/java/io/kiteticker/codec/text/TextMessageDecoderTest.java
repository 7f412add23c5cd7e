package io.kiteticker.codec.text;

import io.kiteticker.testing.GoldenVectors;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.kiteticker.codec.text.TextMessageDecoder.ERROR;
import static io.kiteticker.codec.text.TextMessageDecoder.MALFORMED;
import static io.kiteticker.codec.text.TextMessageDecoder.MESSAGE;
import static io.kiteticker.codec.text.TextMessageDecoder.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

class TextMessageDecoderTest
{
    static final String POSTBACK = GoldenVectors.resourceText("postback_order.json");

    private final TextMessageDecoder decoder = new TextMessageDecoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256 * 1024]);

    @Test
    void shouldDecodeEveryPostbackFieldWhenOrderUpdate()
    {
        assertThat(decode(POSTBACK)).isEqualTo(ORDER);
        assertThat(decoder.typeName()).hasToString("order");

        final OrderUpdate order = decoder.order();
        assertThat(order.userId()).hasToString("AB1234");
        assertThat(order.unfilledQuantity()).isEqualTo(0L);
        assertThat(order.has(OrderField.UNFILLED_QUANTITY)).isTrue();
        assertThat(order.appId()).isEqualTo(1234L);
        assertThat(order.checksum()).hasToString("2011845d9348bd6795151bf4258102a03431e3bb12a79c0df73fcb4b7fde4b5d");
        assertThat(order.placedBy()).hasToString("AB1234");
        assertThat(order.orderId()).hasToString("220303000308932");
        assertThat(order.exchangeOrderId()).hasToString("1000000001482421");
        assertThat(order.has(OrderField.PARENT_ORDER_ID)).isFalse();
        assertThat(order.parentOrderId()).isEmpty();
        assertThat(order.status()).hasToString("COMPLETE");
        assertThat(order.has(OrderField.STATUS_MESSAGE)).isFalse();
        assertThat(order.has(OrderField.STATUS_MESSAGE_RAW)).isFalse();
        assertThat(order.orderTimestamp()).hasToString("2022-03-03 09:24:25");
        assertThat(order.exchangeUpdateTimestamp()).hasToString("2022-03-03 09:24:25");
        assertThat(order.exchangeTimestamp()).hasToString("2022-03-03 09:24:25");
        assertThat(order.variety()).hasToString("regular");
        assertThat(order.exchange()).hasToString("NSE");
        assertThat(order.tradingSymbol()).hasToString("SBIN");
        assertThat(order.instrumentToken()).isEqualTo(779521L);
        assertThat(order.orderType()).hasToString("MARKET");
        assertThat(order.transactionType()).hasToString("BUY");
        assertThat(order.validity()).hasToString("DAY");
        assertThat(order.product()).hasToString("CNC");
        assertThat(order.quantity()).isEqualTo(1L);
        assertThat(order.disclosedQuantity()).isEqualTo(0L);
        assertThat(order.price()).isEqualTo(0.0);
        assertThat(order.has(OrderField.PRICE)).isTrue();
        assertThat(order.triggerPrice()).isEqualTo(0.0);
        assertThat(order.averagePrice()).isEqualTo(470.05);
        assertThat(order.filledQuantity()).isEqualTo(1L);
        assertThat(order.pendingQuantity()).isEqualTo(0L);
        assertThat(order.cancelledQuantity()).isEqualTo(0L);
        assertThat(order.marketProtection()).isEqualTo(0.0);
        assertThat(order.meta()).hasToString("{}");
        assertThat(order.has(OrderField.TAG)).isFalse();
        assertThat(order.tag()).isEmpty();
        assertThat(order.guid()).hasToString("84055XpTGBzGq1hl");
        assertThat(decoder.hasData()).isTrue();
    }

    @Test
    void shouldKeepAnyStatusStringWhenOpenOrTriggerPending()
    {
        assertThat(decode(POSTBACK.replace("\"COMPLETE\"", "\"OPEN\""))).isEqualTo(ORDER);
        assertThat(decoder.order().status()).hasToString("OPEN");

        assertThat(decode(POSTBACK.replace("\"COMPLETE\"", "\"TRIGGER PENDING\""))).isEqualTo(ORDER);
        assertThat(decoder.order().status()).hasToString("TRIGGER PENDING");

        assertThat(decode(POSTBACK.replace("\"COMPLETE\"", "\"AMO REQ RECEIVED\""))).isEqualTo(ORDER);
        assertThat(decoder.order().status()).hasToString("AMO REQ RECEIVED");
    }

    @Test
    void shouldAcceptNullTimestampsAndNullTag()
    {
        final String json = POSTBACK
            .replace("\"exchange_update_timestamp\": \"2022-03-03 09:24:25\"", "\"exchange_update_timestamp\": null")
            .replace("\"exchange_timestamp\": \"2022-03-03 09:24:25\"", "\"exchange_timestamp\": null")
            .replace("\"order_timestamp\": \"2022-03-03 09:24:25\"", "\"order_timestamp\": null");

        assertThat(decode(json)).isEqualTo(ORDER);

        final OrderUpdate order = decoder.order();
        assertThat(order.has(OrderField.ORDER_TIMESTAMP)).isFalse();
        assertThat(order.has(OrderField.EXCHANGE_UPDATE_TIMESTAMP)).isFalse();
        assertThat(order.has(OrderField.EXCHANGE_TIMESTAMP)).isFalse();
        assertThat(order.exchangeTimestamp()).isEmpty();
        assertThat(order.has(OrderField.TAG)).isFalse();
        assertThat(order.tradingSymbol()).hasToString("SBIN");
    }

    @Test
    void shouldAcceptNullForEveryFieldWhenOrderUpdate()
    {
        final StringBuilder json = new StringBuilder("{\"type\":\"order\",\"data\":{");
        for (final OrderField field : OrderField.values())
        {
            json.append(field.ordinal() > 0 ? "," : "").append('"').append(field.jsonName()).append("\":null");
        }
        json.append("}}");

        assertThat(decode(json.toString())).isEqualTo(ORDER);
        for (final OrderField field : OrderField.values())
        {
            assertThat(decoder.order().has(field)).as(field.jsonName()).isFalse();
        }
    }

    @Test
    void shouldDecodeTagStatusMessageAndNegativeOrFractionalNumbers()
    {
        final String json = "{\"type\":\"order\",\"data\":{\"tag\":\"algo\\\"1\",\"status\":\"REJECTED\"," +
            "\"status_message\":\"RMS:Margin Exceeds \\u20b9 1\",\"price\":-1.25,\"trigger_price\":1e2," +
            "\"quantity\":2.0,\"instrument_token\":4294967295,\"meta\":{\"iceberg\":{\"leg\":1}},\"tags\":[\"a\",1]}}";

        assertThat(decode(json)).isEqualTo(ORDER);

        final OrderUpdate order = decoder.order();
        assertThat(order.tag()).hasToString("algo\"1");
        assertThat(order.status()).hasToString("REJECTED");
        assertThat(order.statusMessage()).hasToString("RMS:Margin Exceeds \u20b9 1");
        assertThat(order.price()).isEqualTo(-1.25);
        assertThat(order.triggerPrice()).isEqualTo(100.0);
        assertThat(order.quantity()).isEqualTo(2L);
        assertThat(order.instrumentToken()).isEqualTo(4_294_967_295L);
        assertThat(order.meta()).hasToString("{\"iceberg\":{\"leg\":1}}");
        assertThat(order.has(OrderField.USER_ID)).isFalse();
    }

    @Test
    void shouldKeepNonStringValuesAsJsonTextWhenTextFieldExpected()
    {
        assertThat(decode("{\"type\":\"order\",\"data\":{\"order_id\":220303000308932,\"tag\":[\"x\"]}}"))
            .isEqualTo(ORDER);
        assertThat(decoder.order().orderId()).hasToString("220303000308932");
        assertThat(decoder.order().tag()).hasToString("[\"x\"]");
    }

    @Test
    void shouldDecodeOrderWhenDataBeforeType()
    {
        final String json = "{\"data\":{\"order_id\":\"1\",\"status\":\"OPEN\",\"quantity\":5},\"type\":\"order\"}";

        assertThat(decode(json)).isEqualTo(ORDER);
        assertThat(decoder.order().orderId()).hasToString("1");
        assertThat(decoder.order().status()).hasToString("OPEN");
        assertThat(decoder.order().quantity()).isEqualTo(5L);
    }

    @Test
    void shouldDecodeEmptyOrderObject()
    {
        assertThat(decode("{\"type\":\"order\",\"data\":{}}")).isEqualTo(ORDER);
        assertThat(decoder.order().has(OrderField.STATUS)).isFalse();
    }

    @Test
    void shouldResetOrderBetweenDecodes()
    {
        decode(POSTBACK);
        assertThat(decode("{\"type\":\"order\",\"data\":{\"status\":\"OPEN\"}}")).isEqualTo(ORDER);
        assertThat(decoder.order().has(OrderField.TRADINGSYMBOL)).isFalse();
        assertThat(decoder.order().quantity()).isZero();
    }

    @Test
    void shouldReturnErrorTextWithoutQuotes()
    {
        assertThat(decode("{\"type\":\"error\",\"data\":\"Invalid access token\"}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("Invalid access token");
        assertThat(decoder.typeName()).hasToString("error");
    }

    @Test
    void shouldUnescapeErrorText()
    {
        assertThat(decode("{\"type\":\"error\",\"data\":\"say \\\"hi\\\"\\n\\\\ \\u00e9 caf\u00e9\"}"))
            .isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("say \"hi\"\n\\ \u00e9 caf\u00e9");
    }

    @Test
    void shouldReturnJsonTextWhenErrorDataNotString()
    {
        assertThat(decode("{\"type\":\"error\",\"data\": {\"code\": 403, \"msg\":\"x\"} }")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("{\"code\": 403, \"msg\":\"x\"}");

        assertThat(decode("{\"type\":\"error\",\"data\":42}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("42");

        assertThat(decode("{\"type\":\"error\",\"data\":null}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("null");

        assertThat(decode("{\"type\":\"error\"}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).isEmpty();
    }

    @Test
    void shouldDecodeErrorWhenDataBeforeType()
    {
        assertThat(decode("{\"data\":\"Token expired\",\"type\":\"error\"}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("Token expired");
    }

    @Test
    void shouldReturnMessageWithRawDataWhenOtherType()
    {
        final String json = "{\"type\":\"message\",\"data\": {\"text\":\"Market closes early\",\"n\":[1,2]} }";
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(11, bytes);

        assertThat(decoder.decode(buffer, 11, bytes.length)).isEqualTo(MESSAGE);
        assertThat(decoder.typeName()).hasToString("message");
        assertThat(buffer.getStringWithoutLengthUtf8(decoder.dataOffset(), decoder.dataLength()))
            .isEqualTo("{\"text\":\"Market closes early\",\"n\":[1,2]}");
        assertThat(decoder.appendData(new StringBuilder()))
            .hasToString("{\"text\":\"Market closes early\",\"n\":[1,2]}");
    }

    @Test
    void shouldReturnMessageForAlertWithStringData()
    {
        assertThat(decode("{\"type\":\"alert\",\"data\":\"GTT triggered\"}")).isEqualTo(MESSAGE);
        assertThat(decoder.typeName()).hasToString("alert");
        assertThat(decoder.appendData(new StringBuilder())).hasToString("\"GTT triggered\"");
    }

    @Test
    void shouldReportNoDataWhenAbsent()
    {
        assertThat(decode("{\"type\":\"message\"}")).isEqualTo(MESSAGE);
        assertThat(decoder.hasData()).isFalse();
        assertThat(decoder.dataOffset()).isEqualTo(-1);
        assertThat(decoder.dataLength()).isZero();
    }

    @Test
    void shouldDecodeFromByteArrayWithOffset()
    {
        final byte[] bytes = "..{\"type\":\"error\",\"data\":\"x\"}..".getBytes(StandardCharsets.UTF_8);

        assertThat(decoder.decode(bytes, 2, bytes.length - 4)).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString("x");
        assertThat(decoder.dataOffset()).isEqualTo(2 + "{\"type\":\"error\",\"data\":".length());
    }

    @Test
    void shouldDecodeLargeMessageBeyondInitialCapacity()
    {
        final String text = "x".repeat(100_000);

        assertThat(decode("{\"type\":\"error\",\"data\":\"" + text + "\"}")).isEqualTo(ERROR);
        assertThat(decoder.errorMessage()).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "null",
        "\"order\"",
        "[{\"type\":\"order\"}]",
        "{",
        "}",
        "{}",
        "{\"data\":\"x\"}",
        "{\"type\":null,\"data\":\"x\"}",
        "{\"type\":1,\"data\":\"x\"}",
        "{\"type\":\"error\",\"data\":\"x\"",
        "{\"type\":\"error\",\"data\":\"x}",
        "{\"type\":\"error\",\"data\":\"x\"}}",
        "{\"type\":\"error\",\"data\":\"x\"} trailing",
        "{\"type\":\"error\" \"data\":\"x\"}",
        "{\"type\":\"error\",\"data\":x}",
        "{\"type\":\"error\",\"data\":\"x\",}",
        "{\"type\":\"error\",\"data\":\"\\q\"}",
        "{\"type\":\"error\",\"data\":\"\\u12\"}",
        "{type:\"error\",\"data\":\"x\"}",
        "{\"type\":\"message\",\"data\":[1,2}",
        "{\"type\":\"message\",\"data\":{\"a\":}}",
        "{\"type\":\"message\",\"data\":01}",
        "{\"type\":\"message\",\"data\":1.}",
        "{\"type\":\"message\",\"data\":tru}",
        "{\"type\":\"order\"}",
        "{\"type\":\"order\",\"data\":null}",
        "{\"type\":\"order\",\"data\":\"x\"}",
        "{\"type\":\"order\",\"data\":[]}",
        "{\"type\":\"order\",\"data\":{\"quantity\":1x}}",
        "{\"type\":\"order\",\"data\":{\"quantity\":-}}",
        "{\"type\":\"order\",\"data\":{\"price\":1.2.3}}",
        "{\"type\":\"order\",\"data\":{\"status\":\"OPEN\"",
        "{\"type\":\"order\",\"data\":{\"status\":\"OPEN\",}}",
        "{\"type\":\"order\",\"data\":{\"status\" \"OPEN\"}}",
        "{\"type\":\"order\",\"data\":{\"status\":OPEN}}",
        "{\"data\":{\"status\":\"OPEN\"},\"type\":\"order\",}",
    })
    void shouldReportMalformedWhenJsonInvalidOrTypeMissing(final String json)
    {
        assertThat(decode(json)).isEqualTo(MALFORMED);
        assertThat(decoder.type()).isEqualTo(MALFORMED);
    }

    @Test
    void shouldReportMalformedWhenNestingTooDeep()
    {
        assertThat(decode("{\"type\":\"message\",\"data\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}"))
            .isEqualTo(MALFORMED);
        assertThat(decode("{\"type\":\"message\",\"data\":" + "[".repeat(60) + "]".repeat(60) + "}"))
            .isEqualTo(MESSAGE);
    }

    @Test
    void shouldReportMalformedWhenLongerThanMaximumOrOutsideBuffer()
    {
        final TextMessageDecoder small = new TextMessageDecoder(16);
        final byte[] bytes = "{\"type\":\"error\",\"data\":\"x\"}".getBytes(StandardCharsets.US_ASCII);

        assertThat(small.decode(bytes, 0, bytes.length)).isEqualTo(MALFORMED);
        assertThat(decoder.decode(new UnsafeBuffer(new byte[8]), 4, 8)).isEqualTo(MALFORMED);
        assertThat(decoder.decode(bytes, 0, -1)).isEqualTo(MALFORMED);
    }

    @Test
    void shouldNameTypeCodes()
    {
        assertThat(TextMessageDecoder.typeCodeName(ORDER)).isEqualTo("order");
        assertThat(TextMessageDecoder.typeCodeName(ERROR)).isEqualTo("error");
        assertThat(TextMessageDecoder.typeCodeName(MESSAGE)).isEqualTo("message");
        assertThat(TextMessageDecoder.typeCodeName(MALFORMED)).isEqualTo("malformed");
    }

    @Test
    void shouldAppendOrderFields()
    {
        decode(POSTBACK);

        final String text = decoder.order().appendTo(new StringBuilder()).toString();

        assertThat(text).startsWith("OrderUpdate{user_id=AB1234, unfilled_quantity=0, app_id=1234");
        assertThat(text).contains("status=COMPLETE", "tradingsymbol=SBIN", "average_price=470.05", "tag=null");
        assertThat(decoder.order().toString()).isEqualTo(text);
    }

    private int decode(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(0, bytes);
        return decoder.decode(buffer, 0, bytes.length);
    }
}
