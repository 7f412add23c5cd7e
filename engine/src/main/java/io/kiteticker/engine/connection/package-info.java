/**
 * One {@link io.kiteticker.engine.connection.ConnectionAgent} per WebSocket connection, the conductor of a
 * non-blocking state machine (connect, TLS, WebSocket upgrade, live, back-off) configured by a
 * {@link io.kiteticker.engine.connection.ConnectionContext} and commanded from control threads through a
 * {@link io.kiteticker.engine.connection.ConnectionProxy}. Its package-private rooms: {@code SessionEstablisher}
 * (the connect, TLS handshake and upgrade steps, over {@code SocketConnector}, the TCP connect),
 * {@code ReceiverEndPoint} (socket to ring slot), {@code SenderEndPoint} (requests and control frames out, with
 * back-pressure), {@code CommandProcessor} (the proxy's commands applied to {@code TokenModes}, what is subscribed,
 * and sent when LIVE, and the {@code ResubscribePlan}, what to send after a reconnect), {@code ModeGate} (the tokens
 * whose requested mode the server has yet to switch to, whose other modes' packets are dropped) and
 * {@code ReconnectSchedule} (the {@code Backoff} and attempt limit after a failure).
 */
package io.kiteticker.engine.connection;
