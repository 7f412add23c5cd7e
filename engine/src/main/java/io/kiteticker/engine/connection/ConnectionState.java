package io.kiteticker.engine.connection;

/**
 * States of a {@link ConnectionAgent}. The ordinal is published in the connection's STATE counter, so the order of
 * constants is stable: append new states at the end.
 * <pre>
 *   IDLE ─► CONNECTING ─► [TLS_HANDSHAKE] ─► WS_UPGRADE ─► LIVE
 *              ▲   │              │               │   │      │
 *              │   └──────────────┴───────┬───────┘   │      │ silence, read error, EOF, server close
 *              │                          ▼           ▼      ▼
 *              └──────────────────── BACKOFF    CREDENTIALS_REJECTED (terminal unless retry is enabled)
 *   any ─► CLOSING (close frame sent) ─► CLOSED (terminal; also when the attempt limit is reached)
 * </pre>
 */
public enum ConnectionState
{
    /**
     * Created, not yet run.
     */
    IDLE,

    /**
     * Non-blocking TCP connect in progress.
     */
    CONNECTING,

    /**
     * TLS handshake in progress (wss:// only).
     */
    TLS_HANDSHAKE,

    /**
     * WebSocket upgrade request sent, waiting for the 101 response.
     */
    WS_UPGRADE,

    /**
     * Upgraded: subscriptions are sent and ticks flow into the ring.
     */
    LIVE,

    /**
     * Down: waiting for the back-off deadline before the next connect attempt.
     */
    BACKOFF,

    /**
     * The server refused the upgrade with 403: api key or access token rejected. Not retried by default.
     */
    CREDENTIALS_REJECTED,

    /**
     * Closing: WebSocket close frame sent, waiting briefly for the server's close before closing the socket.
     */
    CLOSING,

    /**
     * Closed for good: the socket is closed and the agent does nothing more.
     */
    CLOSED;

    private static final ConnectionState[] VALUES = values();

    /**
     * Look a state up by its ordinal, as published in the STATE counter.
     *
     * @param ordinal of the state.
     * @return the state, or {@code null} when out of range.
     */
    public static ConnectionState fromOrdinal(final int ordinal)
    {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }
}
