package io.kiteticker.codec.text;

/**
 * The field table of an order update: one constant per field of an HTTP order postback (KITE_PROTOCOL.md §4.1), in
 * postback order, each with its JSON name and {@link Type}. The table alone drives how {@link TextMessageDecoder}
 * parses an order, how {@link OrderUpdate} stores it and prints it ({@link OrderUpdate#appendTo(StringBuilder)}), and
 * how {@link TextMessageEncoder} writes it: adding a field is one line here (a named accessor on {@link OrderUpdate}
 * is optional; {@link OrderUpdate#text(OrderField)} and its siblings reach every field).
 * <p>
 * Timestamps are {@link Type#TEXT} and kept as sent ({@code yyyy-MM-dd HH:mm:ss}, IST, or null), and so is any
 * status string, so a new status or a null timestamp never fails a decode (fixes P4).
 */
public enum OrderField
{
    /** Kite user id of the account, such as {@code AB1234}. */
    USER_ID("user_id", Type.TEXT),
    /** Quantity left unfilled. */
    UNFILLED_QUANTITY("unfilled_quantity", Type.LONG),
    /** Numeric id of the Kite Connect app the update is for. */
    APP_ID("app_id", Type.LONG),
    /** Hex SHA-256 of order_id + order_timestamp + api_secret, to verify the update. */
    CHECKSUM("checksum", Type.TEXT),
    /** User id of whoever placed the order. */
    PLACED_BY("placed_by", Type.TEXT),
    /** Kite order id. */
    ORDER_ID("order_id", Type.TEXT),
    /** Exchange order id; null until the order reaches the exchange. */
    EXCHANGE_ORDER_ID("exchange_order_id", Type.TEXT),
    /** Parent order id of a multi-leg order; usually null. */
    PARENT_ORDER_ID("parent_order_id", Type.TEXT),
    /** Order status exactly as sent, any string: OPEN, COMPLETE, CANCELLED, REJECTED, TRIGGER PENDING, … */
    STATUS("status", Type.TEXT),
    /** Human-readable status message, such as a rejection reason; often null. */
    STATUS_MESSAGE("status_message", Type.TEXT),
    /** Raw status message from the OMS or exchange; often null. */
    STATUS_MESSAGE_RAW("status_message_raw", Type.TEXT),
    /** Order timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. */
    ORDER_TIMESTAMP("order_timestamp", Type.TEXT),
    /** Exchange update timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. */
    EXCHANGE_UPDATE_TIMESTAMP("exchange_update_timestamp", Type.TEXT),
    /** Exchange timestamp as sent ({@code yyyy-MM-dd HH:mm:ss}, IST); may be null. */
    EXCHANGE_TIMESTAMP("exchange_timestamp", Type.TEXT),
    /** Order variety: regular, amo, co, iceberg, auction, … */
    VARIETY("variety", Type.TEXT),
    /** Exchange: NSE, BSE, NFO, CDS, BFO, MCX, … */
    EXCHANGE("exchange", Type.TEXT),
    /** Exchange trading symbol, such as {@code SBIN}. */
    TRADINGSYMBOL("tradingsymbol", Type.TEXT),
    /** Instrument token (uint32). */
    INSTRUMENT_TOKEN("instrument_token", Type.LONG),
    /** Order type: MARKET, LIMIT, SL, SL-M. */
    ORDER_TYPE("order_type", Type.TEXT),
    /** Transaction type: BUY or SELL. */
    TRANSACTION_TYPE("transaction_type", Type.TEXT),
    /** Validity: DAY, IOC, TTL. */
    VALIDITY("validity", Type.TEXT),
    /** Product: CNC, NRML, MIS, … */
    PRODUCT("product", Type.TEXT),
    /** Ordered quantity. */
    QUANTITY("quantity", Type.LONG),
    /** Disclosed quantity. */
    DISCLOSED_QUANTITY("disclosed_quantity", Type.LONG),
    /** Limit price; 0 for market orders. */
    PRICE("price", Type.DOUBLE),
    /** Trigger price of stop-loss orders. */
    TRIGGER_PRICE("trigger_price", Type.DOUBLE),
    /** Average fill price. */
    AVERAGE_PRICE("average_price", Type.DOUBLE),
    /** Quantity filled so far. */
    FILLED_QUANTITY("filled_quantity", Type.LONG),
    /** Quantity pending. */
    PENDING_QUANTITY("pending_quantity", Type.LONG),
    /** Quantity cancelled. */
    CANCELLED_QUANTITY("cancelled_quantity", Type.LONG),
    /** Market protection (a double, since newer APIs send percentages). */
    MARKET_PROTECTION("market_protection", Type.DOUBLE),
    /** The {@code meta} value as raw JSON text, such as {@code {}}. */
    META("meta", Type.RAW_JSON),
    /** Tag set by the app when placing the order; often null. */
    TAG("tag", Type.TEXT),
    /** Unique id of this update. */
    GUID("guid", Type.TEXT);

    /**
     * How a field is parsed, stored and written.
     */
    public enum Type
    {
        /** A JSON string, unescaped into text; any other JSON value is kept as its raw JSON text. */
        TEXT,
        /** A JSON number read as {@code long} (a fraction is truncated); anything else reads as absent. */
        LONG,
        /** A JSON number read as {@code double}; anything else reads as absent. */
        DOUBLE,
        /** Any JSON value but null, kept as its raw JSON text and written back as is. */
        RAW_JSON;

        boolean isText()
        {
            return TEXT == this || RAW_JSON == this;
        }
    }

    /**
     * Number of fields; presence is one bit per field in a {@code long}, so at most 64.
     */
    public static final int FIELD_COUNT;

    static final OrderField[] FIELDS = values();
    static final NameTable NAMES;

    static
    {
        FIELD_COUNT = FIELDS.length;
        if (FIELD_COUNT > Long.SIZE)
        {
            throw new IllegalStateException("more than 64 order fields: widen OrderUpdate.presentMask");
        }
        final String[] names = new String[FIELD_COUNT];
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            names[i] = FIELDS[i].jsonName;
        }
        NAMES = new NameTable(names);
    }

    private final String jsonName;
    private final Type type;

    OrderField(final String jsonName, final Type type)
    {
        this.jsonName = jsonName;
        this.type = type;
    }

    /**
     * Name of the field in the postback JSON, such as {@code user_id}.
     *
     * @return the JSON name.
     */
    public String jsonName()
    {
        return jsonName;
    }

    /**
     * How the field is parsed, stored and written.
     *
     * @return the type.
     */
    public Type type()
    {
        return type;
    }
}
