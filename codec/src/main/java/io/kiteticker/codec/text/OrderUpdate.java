package io.kiteticker.codec.text;

import java.io.IOException;
import java.util.Arrays;

/**
 * A reusable order update: the {@code data} object of a {@code {"type":"order","data":{…}}} text message, with the
 * fields of an HTTP order postback (KITE_PROTOCOL.md §4.1) as listed by the field table {@link OrderField}.
 * <p>
 * Storage is one slot per field, indexed by {@link OrderField#ordinal()}: a reused {@link StringBuilder} for
 * {@link OrderField.Type#TEXT} and {@link OrderField.Type#RAW_JSON} fields, a {@code long} or a {@code double} for
 * numbers, and one presence bit. Every field may be absent or {@code null} in the JSON: then {@link #has(OrderField)}
 * is false and the accessor returns an empty sequence or 0.
 * <p>
 * Read a field with {@link #text(OrderField)}, {@link #longValue(OrderField)} or {@link #doubleValue(OrderField)},
 * or with its named accessor ({@link #status()}, {@link #averagePrice()}, …); fill one for
 * {@link TextMessageEncoder} (simulator) with the fluent {@link #text(OrderField, CharSequence)},
 * {@link #longValue(OrderField, long)} and {@link #doubleValue(OrderField, double)}. Naming a field of another type
 * throws {@link IllegalArgumentException}. The class is long only for the one-line named accessor per field, kept for
 * callers; parse ({@code readValue}), storage, {@link #appendTo(StringBuilder)} and the encoder loop over the table.
 * <p>
 * <b>Note:</b> the sequences returned are views that the next decode or {@link #reset()} overwrites; copy them (for
 * example with {@link #copyFrom(OrderUpdate)}) to keep them. An instance belongs to one thread.
 */
public final class OrderUpdate
{
    private static final int FIELD_COUNT = OrderField.FIELD_COUNT;
    private static final int TEXT_CAPACITY = 32;
    private static final int CHECKSUM_CAPACITY = 64;

    final StringBuilder[] text = new StringBuilder[FIELD_COUNT];
    final long[] longs = new long[FIELD_COUNT];
    final double[] doubles = new double[FIELD_COUNT];
    private long presentMask;

    /**
     * Create an empty update with preallocated text fields.
     */
    public OrderUpdate()
    {
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            final OrderField field = OrderField.FIELDS[i];
            if (field.type().isText())
            {
                text[i] = new StringBuilder(OrderField.CHECKSUM == field ? CHECKSUM_CAPACITY : TEXT_CAPACITY);
            }
        }
    }

    /**
     * Clear every field to absent.
     *
     * @return this for a fluent API.
     */
    public OrderUpdate reset()
    {
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            final StringBuilder builder = text[i];
            if (null != builder)
            {
                builder.setLength(0);
            }
        }
        Arrays.fill(longs, 0L);
        Arrays.fill(doubles, 0.0);
        presentMask = 0;
        return this;
    }

    /**
     * Copy every field of another update into this one, reusing this one's builders.
     *
     * @param other to copy.
     * @return this for a fluent API.
     */
    public OrderUpdate copyFrom(final OrderUpdate other)
    {
        if (this == other)
        {
            return this;
        }
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            final StringBuilder builder = text[i];
            if (null != builder)
            {
                builder.setLength(0);
                builder.append(other.text[i]);
            }
        }
        System.arraycopy(other.longs, 0, longs, 0, FIELD_COUNT);
        System.arraycopy(other.doubles, 0, doubles, 0, FIELD_COUNT);
        presentMask = other.presentMask;
        return this;
    }

    /**
     * Was the field present and not null?
     *
     * @param field to test.
     * @return true if the field has a value.
     */
    public boolean has(final OrderField field)
    {
        return isPresent(field.ordinal());
    }

    /**
     * The text of a {@link OrderField.Type#TEXT} or {@link OrderField.Type#RAW_JSON} field.
     *
     * @param field to read.
     * @return the text, empty if absent or null; a view overwritten by the next decode.
     * @throws IllegalArgumentException if the field is a number.
     */
    public CharSequence text(final OrderField field)
    {
        return textBuilder(field);
    }

    /**
     * Set a {@link OrderField.Type#TEXT} or {@link OrderField.Type#RAW_JSON} field (raw JSON is written as is).
     *
     * @param field to set.
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the field is a number.
     */
    public OrderUpdate text(final OrderField field, final CharSequence value)
    {
        final StringBuilder builder = textBuilder(field);
        final int index = field.ordinal();
        if (builder == value)
        {
            present(index);
            return this;
        }
        builder.setLength(0);
        if (null == value)
        {
            absent(index);
        }
        else
        {
            builder.append(value);
            present(index);
        }
        return this;
    }

    /**
     * The value of a {@link OrderField.Type#LONG} field.
     *
     * @param field to read.
     * @return the value, 0 if absent or null.
     * @throws IllegalArgumentException if the field is not a {@code long}.
     */
    public long longValue(final OrderField field)
    {
        return longs[index(field, OrderField.Type.LONG)];
    }

    /**
     * Set a {@link OrderField.Type#LONG} field.
     *
     * @param field to set.
     * @param value to set.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the field is not a {@code long}.
     */
    public OrderUpdate longValue(final OrderField field, final long value)
    {
        final int index = index(field, OrderField.Type.LONG);
        longs[index] = value;
        present(index);
        return this;
    }

    /**
     * The value of a {@link OrderField.Type#DOUBLE} field.
     *
     * @param field to read.
     * @return the value, 0 if absent or null.
     * @throws IllegalArgumentException if the field is not a {@code double}.
     */
    public double doubleValue(final OrderField field)
    {
        return doubles[index(field, OrderField.Type.DOUBLE)];
    }

    /**
     * Set a {@link OrderField.Type#DOUBLE} field.
     *
     * @param field to set.
     * @param value to set.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if the field is not a {@code double}.
     */
    public OrderUpdate doubleValue(final OrderField field, final double value)
    {
        final int index = index(field, OrderField.Type.DOUBLE);
        doubles[index] = value;
        present(index);
        return this;
    }

    /**
     * Make a field absent (written as {@code null}), whatever its type.
     *
     * @param field to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate clear(final OrderField field)
    {
        final int index = field.ordinal();
        final StringBuilder builder = text[index];
        if (null != builder)
        {
            builder.setLength(0);
        }
        longs[index] = 0;
        doubles[index] = 0;
        absent(index);
        return this;
    }

    /**
     * @return {@link OrderField#USER_ID}, empty if absent or null.
     */
    public CharSequence userId()
    {
        return text(OrderField.USER_ID);
    }

    /**
     * @return {@link OrderField#UNFILLED_QUANTITY}, 0 if absent or null.
     */
    public long unfilledQuantity()
    {
        return longValue(OrderField.UNFILLED_QUANTITY);
    }

    /**
     * @return {@link OrderField#APP_ID}, 0 if absent or null.
     */
    public long appId()
    {
        return longValue(OrderField.APP_ID);
    }

    /**
     * @return {@link OrderField#CHECKSUM}, empty if absent or null.
     */
    public CharSequence checksum()
    {
        return text(OrderField.CHECKSUM);
    }

    /**
     * @return {@link OrderField#PLACED_BY}, empty if absent or null.
     */
    public CharSequence placedBy()
    {
        return text(OrderField.PLACED_BY);
    }

    /**
     * @return {@link OrderField#ORDER_ID}, empty if absent or null.
     */
    public CharSequence orderId()
    {
        return text(OrderField.ORDER_ID);
    }

    /**
     * @return {@link OrderField#EXCHANGE_ORDER_ID}, empty if absent or null.
     */
    public CharSequence exchangeOrderId()
    {
        return text(OrderField.EXCHANGE_ORDER_ID);
    }

    /**
     * @return {@link OrderField#PARENT_ORDER_ID}, empty if absent or null.
     */
    public CharSequence parentOrderId()
    {
        return text(OrderField.PARENT_ORDER_ID);
    }

    /**
     * @return {@link OrderField#STATUS}, empty if absent or null.
     */
    public CharSequence status()
    {
        return text(OrderField.STATUS);
    }

    /**
     * @return {@link OrderField#STATUS_MESSAGE}, empty if absent or null.
     */
    public CharSequence statusMessage()
    {
        return text(OrderField.STATUS_MESSAGE);
    }

    /**
     * @return {@link OrderField#STATUS_MESSAGE_RAW}, empty if absent or null.
     */
    public CharSequence statusMessageRaw()
    {
        return text(OrderField.STATUS_MESSAGE_RAW);
    }

    /**
     * @return {@link OrderField#ORDER_TIMESTAMP}, empty if absent or null.
     */
    public CharSequence orderTimestamp()
    {
        return text(OrderField.ORDER_TIMESTAMP);
    }

    /**
     * @return {@link OrderField#EXCHANGE_UPDATE_TIMESTAMP}, empty if absent or null.
     */
    public CharSequence exchangeUpdateTimestamp()
    {
        return text(OrderField.EXCHANGE_UPDATE_TIMESTAMP);
    }

    /**
     * @return {@link OrderField#EXCHANGE_TIMESTAMP}, empty if absent or null.
     */
    public CharSequence exchangeTimestamp()
    {
        return text(OrderField.EXCHANGE_TIMESTAMP);
    }

    /**
     * @return {@link OrderField#VARIETY}, empty if absent or null.
     */
    public CharSequence variety()
    {
        return text(OrderField.VARIETY);
    }

    /**
     * @return {@link OrderField#EXCHANGE}, empty if absent or null.
     */
    public CharSequence exchange()
    {
        return text(OrderField.EXCHANGE);
    }

    /**
     * @return {@link OrderField#TRADINGSYMBOL}, empty if absent or null.
     */
    public CharSequence tradingSymbol()
    {
        return text(OrderField.TRADINGSYMBOL);
    }

    /**
     * @return {@link OrderField#INSTRUMENT_TOKEN}, 0 if absent or null.
     */
    public long instrumentToken()
    {
        return longValue(OrderField.INSTRUMENT_TOKEN);
    }

    /**
     * @return {@link OrderField#ORDER_TYPE}, empty if absent or null.
     */
    public CharSequence orderType()
    {
        return text(OrderField.ORDER_TYPE);
    }

    /**
     * @return {@link OrderField#TRANSACTION_TYPE}, empty if absent or null.
     */
    public CharSequence transactionType()
    {
        return text(OrderField.TRANSACTION_TYPE);
    }

    /**
     * @return {@link OrderField#VALIDITY}, empty if absent or null.
     */
    public CharSequence validity()
    {
        return text(OrderField.VALIDITY);
    }

    /**
     * @return {@link OrderField#PRODUCT}, empty if absent or null.
     */
    public CharSequence product()
    {
        return text(OrderField.PRODUCT);
    }

    /**
     * @return {@link OrderField#QUANTITY}, 0 if absent or null.
     */
    public long quantity()
    {
        return longValue(OrderField.QUANTITY);
    }

    /**
     * @return {@link OrderField#DISCLOSED_QUANTITY}, 0 if absent or null.
     */
    public long disclosedQuantity()
    {
        return longValue(OrderField.DISCLOSED_QUANTITY);
    }

    /**
     * @return {@link OrderField#PRICE}, 0 if absent or null.
     */
    public double price()
    {
        return doubleValue(OrderField.PRICE);
    }

    /**
     * @return {@link OrderField#TRIGGER_PRICE}, 0 if absent or null.
     */
    public double triggerPrice()
    {
        return doubleValue(OrderField.TRIGGER_PRICE);
    }

    /**
     * @return {@link OrderField#AVERAGE_PRICE}, 0 if absent or null.
     */
    public double averagePrice()
    {
        return doubleValue(OrderField.AVERAGE_PRICE);
    }

    /**
     * @return {@link OrderField#FILLED_QUANTITY}, 0 if absent or null.
     */
    public long filledQuantity()
    {
        return longValue(OrderField.FILLED_QUANTITY);
    }

    /**
     * @return {@link OrderField#PENDING_QUANTITY}, 0 if absent or null.
     */
    public long pendingQuantity()
    {
        return longValue(OrderField.PENDING_QUANTITY);
    }

    /**
     * @return {@link OrderField#CANCELLED_QUANTITY}, 0 if absent or null.
     */
    public long cancelledQuantity()
    {
        return longValue(OrderField.CANCELLED_QUANTITY);
    }

    /**
     * @return {@link OrderField#MARKET_PROTECTION}, 0 if absent or null.
     */
    public double marketProtection()
    {
        return doubleValue(OrderField.MARKET_PROTECTION);
    }

    /**
     * @return {@link OrderField#META}, empty if absent or null.
     */
    public CharSequence meta()
    {
        return text(OrderField.META);
    }

    /**
     * @return {@link OrderField#TAG}, empty if absent or null.
     */
    public CharSequence tag()
    {
        return text(OrderField.TAG);
    }

    /**
     * @return {@link OrderField#GUID}, empty if absent or null.
     */
    public CharSequence guid()
    {
        return text(OrderField.GUID);
    }

    /**
     * Append the fields as {@code name=value} pairs in table order (absent and null fields as {@code null}).
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        builder.append("OrderUpdate{");
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            final OrderField field = OrderField.FIELDS[i];
            if (i > 0)
            {
                builder.append(", ");
            }
            builder.append(field.jsonName()).append('=');
            if (!isPresent(i))
            {
                builder.append("null");
            }
            else if (OrderField.Type.LONG == field.type())
            {
                builder.append(longs[i]);
            }
            else if (OrderField.Type.DOUBLE == field.type())
            {
                builder.append(doubles[i]);
            }
            else
            {
                builder.append(text[i]);
            }
        }
        return builder.append('}');
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return appendTo(new StringBuilder(512)).toString();
    }

    /**
     * Read the value of one field whose first byte is {@code scanner.last()}, by the field's type; the token after
     * the value is not read. A null, or a non-number for a number field, makes the field absent.
     *
     * @param scanner positioned just after the first byte of the value.
     * @param index   of the field in {@link OrderField#FIELDS}.
     * @throws IOException if the JSON is invalid.
     */
    void readValue(final JsonScanner scanner, final int index) throws IOException
    {
        final byte first = scanner.last();
        final OrderField.Type type = OrderField.FIELDS[index].type();
        if (OrderField.Type.LONG == type || OrderField.Type.DOUBLE == type)
        {
            if ('-' == first || (first >= '0' && first <= '9'))
            {
                if (OrderField.Type.LONG == type)
                {
                    longs[index] = scanner.readLong();
                }
                else
                {
                    doubles[index] = scanner.readDouble();
                }
                present(index);
                return;
            }
            longs[index] = 0;
            doubles[index] = 0;
            absent(index);
            scanner.skipValue(1);
            return;
        }

        final StringBuilder builder = text[index];
        builder.setLength(0);
        if ('n' == first)
        {
            scanner.readLiteral();
            absent(index);
        }
        else if ('"' == first && OrderField.Type.TEXT == type)
        {
            scanner.readString(builder);
            present(index);
        }
        else
        {
            final int start = scanner.position() - 1;
            scanner.skipValue(1);
            scanner.appendUtf8(start, scanner.valueEnd(), builder);
            present(index);
        }
    }

    boolean isPresent(final int index)
    {
        return 0 != (presentMask & (1L << index));
    }

    private void present(final int index)
    {
        presentMask |= 1L << index;
    }

    private void absent(final int index)
    {
        presentMask &= ~(1L << index);
    }

    private StringBuilder textBuilder(final OrderField field)
    {
        final StringBuilder builder = text[field.ordinal()];
        if (null == builder)
        {
            throw wrongType(field, "TEXT or RAW_JSON");
        }
        return builder;
    }

    private static int index(final OrderField field, final OrderField.Type type)
    {
        if (type != field.type())
        {
            throw wrongType(field, type.name());
        }
        return field.ordinal();
    }

    private static IllegalArgumentException wrongType(final OrderField field, final String wanted)
    {
        return new IllegalArgumentException(field.jsonName() + " is " + field.type() + ", not " + wanted);
    }
}
