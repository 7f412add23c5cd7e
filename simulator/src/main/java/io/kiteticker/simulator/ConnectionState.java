package io.kiteticker.simulator;

/**
 * Life cycle of a {@link SimulatedConnection}.
 */
public enum ConnectionState
{
    /**
     * TCP accepted; TLS handshake (on wss) and the HTTP upgrade request are in progress.
     */
    HANDSHAKING,

    /**
     * Upgraded: WebSocket frames flow and ticks are sent for the subscriptions.
     */
    OPEN,

    /**
     * A close frame has been sent or received; waiting for the peer's close frame or the close timeout.
     */
    CLOSING,

    /**
     * The socket is closed.
     */
    CLOSED
}
