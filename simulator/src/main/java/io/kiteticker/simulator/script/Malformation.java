package io.kiteticker.simulator.script;

/**
 * Kinds of malformed data a connection can be told to send with {@link ConnectionScript#sendMalformed}.
 * Malformed messages count as frames sent but not as packets sent (they do not take packet ordinals). Packets in
 * them carry the connection's first subscribed token, or 256265 (NIFTY 50) when nothing is subscribed.
 */
public enum Malformation
{
    /**
     * A WebSocket frame header with all three RSV bits set and the reserved opcode 0x3 ({@code F3 00}): a client
     * must fail the connection (RFC 6455 §5.2).
     */
    BAD_WEBSOCKET_HEADER,

    /**
     * A binary message whose count says 3 packets but which holds one 8-byte LTP packet: validates as TRUNCATED.
     */
    TRUNCATED_KITE_MESSAGE,

    /**
     * A binary message of 2 packets: a 50-byte packet (a length no SDK knows; it starts with a real token) then a
     * valid 8-byte LTP packet. It validates as OK; the first packet's kind is UNKNOWN.
     */
    UNKNOWN_PACKET_LENGTH,

    /**
     * A text message that is not valid JSON: {@code {"type":"order","data":{"order_id":}.
     */
    INVALID_JSON_TEXT
}
