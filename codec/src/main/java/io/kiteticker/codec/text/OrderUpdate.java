package io.kiteticker.codec.text;

import java.util.Arrays;

/**
 * A reusable order update: the {@code data} object of a {@code {"type":"order","data":{…}}} text message, with the
 * fields of an HTTP order postback (KITE_PROTOCOL.md §4.1).
 * <p>
 * Text fields are {@link CharSequence}s backed by reused {@link StringBuilder}s; numbers are {@code long} or
 * {@code double}. Every field may be absent or {@code null} in the JSON: then {@code hasXxx()} is false and the
 * accessor returns an empty sequence or 0. Any status string is kept as sent (no enum), and timestamps are kept as
 * the text sent, so a new status or a null timestamp never fails a decode (fixes P4).
 * <p>
 * The fluent {@code xxx(value)} setters fill an update for {@link TextMessageEncoder} (simulator); a null
 * {@link CharSequence} clears a field.
 * <p>
 * <b>Note:</b> the sequences returned are views that the next decode or {@link #reset()} overwrites; copy them (for
 * example with {@link #copyFrom(OrderUpdate)}) to keep them. An instance belongs to one thread.
 */
public final class OrderUpdate
{
    static final int KIND_STRING = 0;
    static final int KIND_LONG = 1;
    static final int KIND_DOUBLE = 2;
    static final int KIND_RAW = 3;

    static final int USER_ID = 0;
    static final int UNFILLED_QUANTITY = 1;
    static final int APP_ID = 2;
    static final int CHECKSUM = 3;
    static final int PLACED_BY = 4;
    static final int ORDER_ID = 5;
    static final int EXCHANGE_ORDER_ID = 6;
    static final int PARENT_ORDER_ID = 7;
    static final int STATUS = 8;
    static final int STATUS_MESSAGE = 9;
    static final int STATUS_MESSAGE_RAW = 10;
    static final int ORDER_TIMESTAMP = 11;
    static final int EXCHANGE_UPDATE_TIMESTAMP = 12;
    static final int EXCHANGE_TIMESTAMP = 13;
    static final int VARIETY = 14;
    static final int EXCHANGE = 15;
    static final int TRADINGSYMBOL = 16;
    static final int INSTRUMENT_TOKEN = 17;
    static final int ORDER_TYPE = 18;
    static final int TRANSACTION_TYPE = 19;
    static final int VALIDITY = 20;
    static final int PRODUCT = 21;
    static final int QUANTITY = 22;
    static final int DISCLOSED_QUANTITY = 23;
    static final int PRICE = 24;
    static final int TRIGGER_PRICE = 25;
    static final int AVERAGE_PRICE = 26;
    static final int FILLED_QUANTITY = 27;
    static final int PENDING_QUANTITY = 28;
    static final int CANCELLED_QUANTITY = 29;
    static final int MARKET_PROTECTION = 30;
    static final int META = 31;
    static final int TAG = 32;
    static final int GUID = 33;

    static final int FIELD_COUNT = 34;

    static final String[] JSON_NAMES =
    {
        "user_id",
        "unfilled_quantity",
        "app_id",
        "checksum",
        "placed_by",
        "order_id",
        "exchange_order_id",
        "parent_order_id",
        "status",
        "status_message",
        "status_message_raw",
        "order_timestamp",
        "exchange_update_timestamp",
        "exchange_timestamp",
        "variety",
        "exchange",
        "tradingsymbol",
        "instrument_token",
        "order_type",
        "transaction_type",
        "validity",
        "product",
        "quantity",
        "disclosed_quantity",
        "price",
        "trigger_price",
        "average_price",
        "filled_quantity",
        "pending_quantity",
        "cancelled_quantity",
        "market_protection",
        "meta",
        "tag",
        "guid",
    };

    static final int[] KINDS =
    {
        KIND_STRING,
        KIND_LONG,
        KIND_LONG,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_LONG,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_STRING,
        KIND_LONG,
        KIND_LONG,
        KIND_DOUBLE,
        KIND_DOUBLE,
        KIND_DOUBLE,
        KIND_LONG,
        KIND_LONG,
        KIND_LONG,
        KIND_DOUBLE,
        KIND_RAW,
        KIND_STRING,
        KIND_STRING,
    };

    static final NameTable NAMES = new NameTable(JSON_NAMES);

    final StringBuilder[] text = new StringBuilder[FIELD_COUNT];
    final long[] longs = new long[FIELD_COUNT];
    final double[] doubles = new double[FIELD_COUNT];
    long presentMask;

    /**
     * Create an empty update with preallocated text fields.
     */
    public OrderUpdate()
    {
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            if (KIND_STRING == KINDS[i] || KIND_RAW == KINDS[i])
            {
                text[i] = new StringBuilder(CHECKSUM == i ? 64 : 32);
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
     * Kite user id of the account, such as {@code AB1234}. JSON {@code user_id}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence userId()
    {
        return text[USER_ID];
    }

    /**
     * Set {@code user_id}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate userId(final CharSequence value)
    {
        return text(USER_ID, value);
    }

    /**
     * Was {@code user_id} present and not null?
     *
     * @return true if {@code user_id} has a value.
     */
    public boolean hasUserId()
    {
        return isPresent(USER_ID);
    }

    /**
     * Quantity left unfilled. JSON {@code unfilled_quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long unfilledQuantity()
    {
        return longs[UNFILLED_QUANTITY];
    }

    /**
     * Set {@code unfilled_quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate unfilledQuantity(final long value)
    {
        longs[UNFILLED_QUANTITY] = value;
        presentMask |= 1L << UNFILLED_QUANTITY;
        return this;
    }

    /**
     * Was {@code unfilled_quantity} present and not null?
     *
     * @return true if {@code unfilled_quantity} has a value.
     */
    public boolean hasUnfilledQuantity()
    {
        return isPresent(UNFILLED_QUANTITY);
    }

    /**
     * Numeric id of the Kite Connect app the update is for. JSON {@code app_id}.
     *
     * @return the value, 0 if absent or null.
     */
    public long appId()
    {
        return longs[APP_ID];
    }

    /**
     * Set {@code app_id}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate appId(final long value)
    {
        longs[APP_ID] = value;
        presentMask |= 1L << APP_ID;
        return this;
    }

    /**
     * Was {@code app_id} present and not null?
     *
     * @return true if {@code app_id} has a value.
     */
    public boolean hasAppId()
    {
        return isPresent(APP_ID);
    }

    /**
     * Hex SHA-256 of order_id + order_timestamp + api_secret, to verify the update. JSON {@code checksum}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence checksum()
    {
        return text[CHECKSUM];
    }

    /**
     * Set {@code checksum}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate checksum(final CharSequence value)
    {
        return text(CHECKSUM, value);
    }

    /**
     * Was {@code checksum} present and not null?
     *
     * @return true if {@code checksum} has a value.
     */
    public boolean hasChecksum()
    {
        return isPresent(CHECKSUM);
    }

    /**
     * User id of whoever placed the order. JSON {@code placed_by}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence placedBy()
    {
        return text[PLACED_BY];
    }

    /**
     * Set {@code placed_by}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate placedBy(final CharSequence value)
    {
        return text(PLACED_BY, value);
    }

    /**
     * Was {@code placed_by} present and not null?
     *
     * @return true if {@code placed_by} has a value.
     */
    public boolean hasPlacedBy()
    {
        return isPresent(PLACED_BY);
    }

    /**
     * Kite order id. JSON {@code order_id}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence orderId()
    {
        return text[ORDER_ID];
    }

    /**
     * Set {@code order_id}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate orderId(final CharSequence value)
    {
        return text(ORDER_ID, value);
    }

    /**
     * Was {@code order_id} present and not null?
     *
     * @return true if {@code order_id} has a value.
     */
    public boolean hasOrderId()
    {
        return isPresent(ORDER_ID);
    }

    /**
     * Exchange order id; null until the order reaches the exchange. JSON {@code exchange_order_id}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence exchangeOrderId()
    {
        return text[EXCHANGE_ORDER_ID];
    }

    /**
     * Set {@code exchange_order_id}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate exchangeOrderId(final CharSequence value)
    {
        return text(EXCHANGE_ORDER_ID, value);
    }

    /**
     * Was {@code exchange_order_id} present and not null?
     *
     * @return true if {@code exchange_order_id} has a value.
     */
    public boolean hasExchangeOrderId()
    {
        return isPresent(EXCHANGE_ORDER_ID);
    }

    /**
     * Parent order id of a multi-leg order; usually null. JSON {@code parent_order_id}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence parentOrderId()
    {
        return text[PARENT_ORDER_ID];
    }

    /**
     * Set {@code parent_order_id}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate parentOrderId(final CharSequence value)
    {
        return text(PARENT_ORDER_ID, value);
    }

    /**
     * Was {@code parent_order_id} present and not null?
     *
     * @return true if {@code parent_order_id} has a value.
     */
    public boolean hasParentOrderId()
    {
        return isPresent(PARENT_ORDER_ID);
    }

    /**
     * Order status exactly as sent, any string: OPEN, COMPLETE, CANCELLED, REJECTED, TRIGGER PENDING, UPDATE, … JSON {@code status}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence status()
    {
        return text[STATUS];
    }

    /**
     * Set {@code status}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate status(final CharSequence value)
    {
        return text(STATUS, value);
    }

    /**
     * Was {@code status} present and not null?
     *
     * @return true if {@code status} has a value.
     */
    public boolean hasStatus()
    {
        return isPresent(STATUS);
    }

    /**
     * Human-readable status message, such as a rejection reason; often null. JSON {@code status_message}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence statusMessage()
    {
        return text[STATUS_MESSAGE];
    }

    /**
     * Set {@code status_message}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate statusMessage(final CharSequence value)
    {
        return text(STATUS_MESSAGE, value);
    }

    /**
     * Was {@code status_message} present and not null?
     *
     * @return true if {@code status_message} has a value.
     */
    public boolean hasStatusMessage()
    {
        return isPresent(STATUS_MESSAGE);
    }

    /**
     * Raw status message from the OMS or exchange; often null. JSON {@code status_message_raw}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence statusMessageRaw()
    {
        return text[STATUS_MESSAGE_RAW];
    }

    /**
     * Set {@code status_message_raw}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate statusMessageRaw(final CharSequence value)
    {
        return text(STATUS_MESSAGE_RAW, value);
    }

    /**
     * Was {@code status_message_raw} present and not null?
     *
     * @return true if {@code status_message_raw} has a value.
     */
    public boolean hasStatusMessageRaw()
    {
        return isPresent(STATUS_MESSAGE_RAW);
    }

    /**
     * Order timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. JSON {@code order_timestamp}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence orderTimestamp()
    {
        return text[ORDER_TIMESTAMP];
    }

    /**
     * Set {@code order_timestamp}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate orderTimestamp(final CharSequence value)
    {
        return text(ORDER_TIMESTAMP, value);
    }

    /**
     * Was {@code order_timestamp} present and not null?
     *
     * @return true if {@code order_timestamp} has a value.
     */
    public boolean hasOrderTimestamp()
    {
        return isPresent(ORDER_TIMESTAMP);
    }

    /**
     * Exchange update timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. JSON {@code exchange_update_timestamp}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence exchangeUpdateTimestamp()
    {
        return text[EXCHANGE_UPDATE_TIMESTAMP];
    }

    /**
     * Set {@code exchange_update_timestamp}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate exchangeUpdateTimestamp(final CharSequence value)
    {
        return text(EXCHANGE_UPDATE_TIMESTAMP, value);
    }

    /**
     * Was {@code exchange_update_timestamp} present and not null?
     *
     * @return true if {@code exchange_update_timestamp} has a value.
     */
    public boolean hasExchangeUpdateTimestamp()
    {
        return isPresent(EXCHANGE_UPDATE_TIMESTAMP);
    }

    /**
     * Exchange timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. JSON {@code exchange_timestamp}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence exchangeTimestamp()
    {
        return text[EXCHANGE_TIMESTAMP];
    }

    /**
     * Set {@code exchange_timestamp}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate exchangeTimestamp(final CharSequence value)
    {
        return text(EXCHANGE_TIMESTAMP, value);
    }

    /**
     * Was {@code exchange_timestamp} present and not null?
     *
     * @return true if {@code exchange_timestamp} has a value.
     */
    public boolean hasExchangeTimestamp()
    {
        return isPresent(EXCHANGE_TIMESTAMP);
    }

    /**
     * Order variety: regular, amo, co, iceberg, auction, … JSON {@code variety}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence variety()
    {
        return text[VARIETY];
    }

    /**
     * Set {@code variety}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate variety(final CharSequence value)
    {
        return text(VARIETY, value);
    }

    /**
     * Was {@code variety} present and not null?
     *
     * @return true if {@code variety} has a value.
     */
    public boolean hasVariety()
    {
        return isPresent(VARIETY);
    }

    /**
     * Exchange: NSE, BSE, NFO, CDS, BFO, MCX, … JSON {@code exchange}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence exchange()
    {
        return text[EXCHANGE];
    }

    /**
     * Set {@code exchange}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate exchange(final CharSequence value)
    {
        return text(EXCHANGE, value);
    }

    /**
     * Was {@code exchange} present and not null?
     *
     * @return true if {@code exchange} has a value.
     */
    public boolean hasExchange()
    {
        return isPresent(EXCHANGE);
    }

    /**
     * Exchange trading symbol, such as {@code SBIN}. JSON {@code tradingsymbol}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence tradingSymbol()
    {
        return text[TRADINGSYMBOL];
    }

    /**
     * Set {@code tradingsymbol}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate tradingSymbol(final CharSequence value)
    {
        return text(TRADINGSYMBOL, value);
    }

    /**
     * Was {@code tradingsymbol} present and not null?
     *
     * @return true if {@code tradingsymbol} has a value.
     */
    public boolean hasTradingSymbol()
    {
        return isPresent(TRADINGSYMBOL);
    }

    /**
     * Instrument token (uint32). JSON {@code instrument_token}.
     *
     * @return the value, 0 if absent or null.
     */
    public long instrumentToken()
    {
        return longs[INSTRUMENT_TOKEN];
    }

    /**
     * Set {@code instrument_token}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate instrumentToken(final long value)
    {
        longs[INSTRUMENT_TOKEN] = value;
        presentMask |= 1L << INSTRUMENT_TOKEN;
        return this;
    }

    /**
     * Was {@code instrument_token} present and not null?
     *
     * @return true if {@code instrument_token} has a value.
     */
    public boolean hasInstrumentToken()
    {
        return isPresent(INSTRUMENT_TOKEN);
    }

    /**
     * Order type: MARKET, LIMIT, SL, SL-M. JSON {@code order_type}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence orderType()
    {
        return text[ORDER_TYPE];
    }

    /**
     * Set {@code order_type}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate orderType(final CharSequence value)
    {
        return text(ORDER_TYPE, value);
    }

    /**
     * Was {@code order_type} present and not null?
     *
     * @return true if {@code order_type} has a value.
     */
    public boolean hasOrderType()
    {
        return isPresent(ORDER_TYPE);
    }

    /**
     * Transaction type: BUY or SELL. JSON {@code transaction_type}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence transactionType()
    {
        return text[TRANSACTION_TYPE];
    }

    /**
     * Set {@code transaction_type}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate transactionType(final CharSequence value)
    {
        return text(TRANSACTION_TYPE, value);
    }

    /**
     * Was {@code transaction_type} present and not null?
     *
     * @return true if {@code transaction_type} has a value.
     */
    public boolean hasTransactionType()
    {
        return isPresent(TRANSACTION_TYPE);
    }

    /**
     * Validity: DAY, IOC, TTL. JSON {@code validity}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence validity()
    {
        return text[VALIDITY];
    }

    /**
     * Set {@code validity}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate validity(final CharSequence value)
    {
        return text(VALIDITY, value);
    }

    /**
     * Was {@code validity} present and not null?
     *
     * @return true if {@code validity} has a value.
     */
    public boolean hasValidity()
    {
        return isPresent(VALIDITY);
    }

    /**
     * Product: CNC, NRML, MIS, … JSON {@code product}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence product()
    {
        return text[PRODUCT];
    }

    /**
     * Set {@code product}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate product(final CharSequence value)
    {
        return text(PRODUCT, value);
    }

    /**
     * Was {@code product} present and not null?
     *
     * @return true if {@code product} has a value.
     */
    public boolean hasProduct()
    {
        return isPresent(PRODUCT);
    }

    /**
     * Ordered quantity. JSON {@code quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long quantity()
    {
        return longs[QUANTITY];
    }

    /**
     * Set {@code quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate quantity(final long value)
    {
        longs[QUANTITY] = value;
        presentMask |= 1L << QUANTITY;
        return this;
    }

    /**
     * Was {@code quantity} present and not null?
     *
     * @return true if {@code quantity} has a value.
     */
    public boolean hasQuantity()
    {
        return isPresent(QUANTITY);
    }

    /**
     * Disclosed quantity. JSON {@code disclosed_quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long disclosedQuantity()
    {
        return longs[DISCLOSED_QUANTITY];
    }

    /**
     * Set {@code disclosed_quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate disclosedQuantity(final long value)
    {
        longs[DISCLOSED_QUANTITY] = value;
        presentMask |= 1L << DISCLOSED_QUANTITY;
        return this;
    }

    /**
     * Was {@code disclosed_quantity} present and not null?
     *
     * @return true if {@code disclosed_quantity} has a value.
     */
    public boolean hasDisclosedQuantity()
    {
        return isPresent(DISCLOSED_QUANTITY);
    }

    /**
     * Limit price; 0 for market orders. JSON {@code price}.
     *
     * @return the value, 0 if absent or null.
     */
    public double price()
    {
        return doubles[PRICE];
    }

    /**
     * Set {@code price}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate price(final double value)
    {
        doubles[PRICE] = value;
        presentMask |= 1L << PRICE;
        return this;
    }

    /**
     * Was {@code price} present and not null?
     *
     * @return true if {@code price} has a value.
     */
    public boolean hasPrice()
    {
        return isPresent(PRICE);
    }

    /**
     * Trigger price of stop-loss orders. JSON {@code trigger_price}.
     *
     * @return the value, 0 if absent or null.
     */
    public double triggerPrice()
    {
        return doubles[TRIGGER_PRICE];
    }

    /**
     * Set {@code trigger_price}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate triggerPrice(final double value)
    {
        doubles[TRIGGER_PRICE] = value;
        presentMask |= 1L << TRIGGER_PRICE;
        return this;
    }

    /**
     * Was {@code trigger_price} present and not null?
     *
     * @return true if {@code trigger_price} has a value.
     */
    public boolean hasTriggerPrice()
    {
        return isPresent(TRIGGER_PRICE);
    }

    /**
     * Average fill price. JSON {@code average_price}.
     *
     * @return the value, 0 if absent or null.
     */
    public double averagePrice()
    {
        return doubles[AVERAGE_PRICE];
    }

    /**
     * Set {@code average_price}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate averagePrice(final double value)
    {
        doubles[AVERAGE_PRICE] = value;
        presentMask |= 1L << AVERAGE_PRICE;
        return this;
    }

    /**
     * Was {@code average_price} present and not null?
     *
     * @return true if {@code average_price} has a value.
     */
    public boolean hasAveragePrice()
    {
        return isPresent(AVERAGE_PRICE);
    }

    /**
     * Quantity filled so far. JSON {@code filled_quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long filledQuantity()
    {
        return longs[FILLED_QUANTITY];
    }

    /**
     * Set {@code filled_quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate filledQuantity(final long value)
    {
        longs[FILLED_QUANTITY] = value;
        presentMask |= 1L << FILLED_QUANTITY;
        return this;
    }

    /**
     * Was {@code filled_quantity} present and not null?
     *
     * @return true if {@code filled_quantity} has a value.
     */
    public boolean hasFilledQuantity()
    {
        return isPresent(FILLED_QUANTITY);
    }

    /**
     * Quantity pending. JSON {@code pending_quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long pendingQuantity()
    {
        return longs[PENDING_QUANTITY];
    }

    /**
     * Set {@code pending_quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate pendingQuantity(final long value)
    {
        longs[PENDING_QUANTITY] = value;
        presentMask |= 1L << PENDING_QUANTITY;
        return this;
    }

    /**
     * Was {@code pending_quantity} present and not null?
     *
     * @return true if {@code pending_quantity} has a value.
     */
    public boolean hasPendingQuantity()
    {
        return isPresent(PENDING_QUANTITY);
    }

    /**
     * Quantity cancelled. JSON {@code cancelled_quantity}.
     *
     * @return the value, 0 if absent or null.
     */
    public long cancelledQuantity()
    {
        return longs[CANCELLED_QUANTITY];
    }

    /**
     * Set {@code cancelled_quantity}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate cancelledQuantity(final long value)
    {
        longs[CANCELLED_QUANTITY] = value;
        presentMask |= 1L << CANCELLED_QUANTITY;
        return this;
    }

    /**
     * Was {@code cancelled_quantity} present and not null?
     *
     * @return true if {@code cancelled_quantity} has a value.
     */
    public boolean hasCancelledQuantity()
    {
        return isPresent(CANCELLED_QUANTITY);
    }

    /**
     * Market protection (a double, since newer APIs send percentages). JSON {@code market_protection}.
     *
     * @return the value, 0 if absent or null.
     */
    public double marketProtection()
    {
        return doubles[MARKET_PROTECTION];
    }

    /**
     * Set {@code market_protection}.
     *
     * @param value to set.
     * @return this for a fluent API.
     */
    public OrderUpdate marketProtection(final double value)
    {
        doubles[MARKET_PROTECTION] = value;
        presentMask |= 1L << MARKET_PROTECTION;
        return this;
    }

    /**
     * Was {@code market_protection} present and not null?
     *
     * @return true if {@code market_protection} has a value.
     */
    public boolean hasMarketProtection()
    {
        return isPresent(MARKET_PROTECTION);
    }

    /**
     * The {@code meta} value as raw JSON text, such as {@code {}}. JSON {@code meta}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence meta()
    {
        return text[META];
    }

    /**
     * Set {@code meta} as raw JSON text.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate meta(final CharSequence value)
    {
        return text(META, value);
    }

    /**
     * Was {@code meta} present and not null?
     *
     * @return true if {@code meta} has a value.
     */
    public boolean hasMeta()
    {
        return isPresent(META);
    }

    /**
     * Tag set by the app when placing the order; often null. JSON {@code tag}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence tag()
    {
        return text[TAG];
    }

    /**
     * Set {@code tag}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate tag(final CharSequence value)
    {
        return text(TAG, value);
    }

    /**
     * Was {@code tag} present and not null?
     *
     * @return true if {@code tag} has a value.
     */
    public boolean hasTag()
    {
        return isPresent(TAG);
    }

    /**
     * Unique id of this update. JSON {@code guid}.
     *
     * @return the text, empty if absent or null.
     */
    public CharSequence guid()
    {
        return text[GUID];
    }

    /**
     * Set {@code guid}.
     *
     * @param value to copy, or null to clear.
     * @return this for a fluent API.
     */
    public OrderUpdate guid(final CharSequence value)
    {
        return text(GUID, value);
    }

    /**
     * Was {@code guid} present and not null?
     *
     * @return true if {@code guid} has a value.
     */
    public boolean hasGuid()
    {
        return isPresent(GUID);
    }

    /**
     * Append the fields as {@code name=value} pairs (absent and null fields as {@code null}).
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        builder.append("OrderUpdate{");
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            if (i > 0)
            {
                builder.append(", ");
            }
            builder.append(JSON_NAMES[i]).append('=');
            if (!isPresent(i))
            {
                builder.append("null");
            }
            else
            {
                switch (KINDS[i])
                {
                    case KIND_LONG:
                        builder.append(longs[i]);
                        break;

                    case KIND_DOUBLE:
                        builder.append(doubles[i]);
                        break;

                    default:
                        builder.append(text[i]);
                        break;
                }
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

    boolean isPresent(final int field)
    {
        return 0 != (presentMask & (1L << field));
    }

    void present(final int field)
    {
        presentMask |= 1L << field;
    }

    void absent(final int field)
    {
        presentMask &= ~(1L << field);
    }

    private OrderUpdate text(final int field, final CharSequence value)
    {
        final StringBuilder builder = text[field];
        if (builder == value)
        {
            presentMask |= 1L << field;
            return this;
        }
        builder.setLength(0);
        if (null == value)
        {
            presentMask &= ~(1L << field);
        }
        else
        {
            builder.append(value);
            presentMask |= 1L << field;
        }
        return this;
    }
}
