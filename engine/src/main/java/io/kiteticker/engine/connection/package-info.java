/**
 * One {@link io.kiteticker.engine.connection.ConnectionAgent} per WebSocket connection, the conductor of a
 * non-blocking state machine (connect, TLS, WebSocket upgrade, live, back-off) configured by a
 * {@link io.kiteticker.engine.connection.ConnectionContext} and commanded from control threads through a
 * {@link io.kiteticker.engine.connection.ConnectionProxy}. Its package-private rooms: {@code ReceiverEndPoint}
 * (socket to ring slot), {@code SenderEndPoint} (requests and control frames out, with back-pressure),
 * {@code TokenModes} (what is subscribed), {@code ResubscribePlan} (what to send after a reconnect) and
 * {@code SocketConnector} (the TCP connect).
 */
package io.kiteticker.engine.connection;
