package io.kiteticker.codec.text;

import com.dslplatform.json.DslJson;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.kiteticker.codec.text.TextMessageDecoder.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderUpdateTest
{
    private final TextMessageDecoder decoder = new TextMessageDecoder();
    private final TextMessageEncoder encoder = new TextMessageEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryKeyOfGoldenPostbackInOrderWhenComparedWithFieldTable() throws IOException
    {
        final byte[] bytes = TextMessageDecoderTest.POSTBACK.getBytes(StandardCharsets.UTF_8);
        final Map<String, Object> postback = new DslJson<>().deserialize(Map.class, bytes, bytes.length);
        final Map<String, Object> data = (Map<String, Object>)postback.get("data");

        final List<String> tableNames = new ArrayList<>();
        for (final OrderField field : OrderField.values())
        {
            tableNames.add(field.jsonName());
        }

        assertThat(tableNames).containsExactlyElementsOf(data.keySet());
        assertThat(OrderField.FIELD_COUNT).isEqualTo(data.size());
    }

    @Test
    void shouldRoundTripEveryFieldThroughParseAccessorsAndAppendToWhenEveryFieldHasValue()
    {
        final String json = postbackWithEveryField();

        assertThat(decode(json)).isEqualTo(ORDER);

        final OrderUpdate order = decoder.order();
        final String text = order.appendTo(new StringBuilder()).toString();
        for (final OrderField field : OrderField.values())
        {
            assertThat(order.has(field)).as(field.jsonName()).isTrue();
            switch (field.type())
            {
                case LONG:
                    assertThat(order.longValue(field)).as(field.jsonName()).isEqualTo(longFor(field));
                    assertThat(text).contains(field.jsonName() + "=" + longFor(field));
                    break;

                case DOUBLE:
                    assertThat(order.doubleValue(field)).as(field.jsonName()).isEqualTo(doubleFor(field));
                    assertThat(text).contains(field.jsonName() + "=" + doubleFor(field));
                    break;

                case RAW_JSON:
                    assertThat(order.text(field)).as(field.jsonName()).hasToString(rawFor(field));
                    assertThat(text).contains(field.jsonName() + "=" + rawFor(field));
                    break;

                default:
                    assertThat(order.text(field)).as(field.jsonName()).hasToString(textFor(field));
                    assertThat(text).contains(field.jsonName() + "=" + textFor(field));
                    break;
            }
        }
        assertThat(text).doesNotContain("=null");

        final OrderUpdate copy = new OrderUpdate().copyFrom(order);
        final int length = encoder.order(buffer, 0, copy);
        assertThat(decoder.decode(buffer, 0, length)).isEqualTo(ORDER);
        assertThat(decoder.order()).hasToString(text);
    }

    @Test
    void shouldReadEachFieldThroughNamedAccessorWhenOneExists() throws ReflectiveOperationException
    {
        assertThat(decode(postbackWithEveryField())).isEqualTo(ORDER);
        final OrderUpdate order = decoder.order();

        final Map<OrderField, Method> accessors = new EnumMap<>(OrderField.class);
        for (final Method method : OrderUpdate.class.getDeclaredMethods())
        {
            if (Modifier.isPublic(method.getModifiers()) && 0 == method.getParameterCount() &&
                method.getReturnType() != StringBuilder.class && method.getReturnType() != OrderUpdate.class &&
                method.getReturnType() != String.class)
            {
                final OrderField field = fieldNamed(method.getName());
                final Object value = method.invoke(order);
                assertThat(String.valueOf(value)).as(method.getName()).isEqualTo(expectedText(field));
                assertThat(accessors.put(field, method)).as(method.getName()).isNull();
            }
        }

        assertThat(accessors).hasSize(OrderField.FIELD_COUNT);
    }

    @Test
    void shouldClearAnyFieldWhenAskedToClear()
    {
        final OrderUpdate order = new OrderUpdate()
            .text(OrderField.STATUS, "OPEN")
            .longValue(OrderField.QUANTITY, 5)
            .doubleValue(OrderField.PRICE, 1.5);

        order.clear(OrderField.STATUS).clear(OrderField.QUANTITY).clear(OrderField.PRICE);

        assertThat(order.has(OrderField.STATUS)).isFalse();
        assertThat(order.status()).isEmpty();
        assertThat(order.has(OrderField.QUANTITY)).isFalse();
        assertThat(order.quantity()).isZero();
        assertThat(order.has(OrderField.PRICE)).isFalse();
        assertThat(order.price()).isZero();
    }

    @Test
    void shouldThrowWhenFieldIsOfAnotherType()
    {
        final OrderUpdate order = new OrderUpdate();

        assertThatThrownBy(() -> order.text(OrderField.PRICE)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("price");
        assertThatThrownBy(() -> order.text(OrderField.QUANTITY, "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.longValue(OrderField.PRICE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.longValue(OrderField.TAG, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.doubleValue(OrderField.QUANTITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> order.doubleValue(OrderField.META, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(order.has(OrderField.QUANTITY)).isFalse();
    }

    private static String postbackWithEveryField()
    {
        final StringBuilder json = new StringBuilder("{\"type\":\"order\",\"data\":{");
        for (final OrderField field : OrderField.values())
        {
            json.append(field.ordinal() > 0 ? "," : "").append('"').append(field.jsonName()).append("\":");
            switch (field.type())
            {
                case LONG:
                    json.append(longFor(field));
                    break;

                case DOUBLE:
                    json.append(doubleFor(field));
                    break;

                case RAW_JSON:
                    json.append(rawFor(field));
                    break;

                default:
                    json.append('"').append(textFor(field).replace("\"", "\\\"")).append('"');
                    break;
            }
        }
        return json.append("}}").toString();
    }

    private static String expectedText(final OrderField field)
    {
        switch (field.type())
        {
            case LONG:
                return String.valueOf(longFor(field));

            case DOUBLE:
                return String.valueOf(doubleFor(field));

            case RAW_JSON:
                return rawFor(field);

            default:
                return textFor(field);
        }
    }

    private static OrderField fieldNamed(final String accessorName)
    {
        for (final OrderField field : OrderField.values())
        {
            if (field.jsonName().replace("_", "").equalsIgnoreCase(accessorName))
            {
                return field;
            }
        }
        throw new AssertionError("no field for accessor " + accessorName);
    }

    private static long longFor(final OrderField field)
    {
        return 1_000L * field.ordinal() + 7;
    }

    private static double doubleFor(final OrderField field)
    {
        return field.ordinal() + 0.25;
    }

    private static String rawFor(final OrderField field)
    {
        return "{\"k\":[" + field.ordinal() + ",null]}";
    }

    private static String textFor(final OrderField field)
    {
        return field.jsonName() + " \"v\" \u20b9" + field.ordinal();
    }

    private int decode(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer.putBytes(0, bytes);
        return decoder.decode(buffer, 0, bytes.length);
    }
}
