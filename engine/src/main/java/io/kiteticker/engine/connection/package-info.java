/**
 * One {@link io.kiteticker.engine.connection.ConnectionAgent} per WebSocket connection: a non-blocking state machine
 * (connect, TLS, WebSocket upgrade, live, back-off) configured by a
 * {@link io.kiteticker.engine.connection.ConnectionContext} and commanded from control threads through a
 * {@link io.kiteticker.engine.connection.ConnectionProxy}.
 */
package io.kiteticker.engine.connection;
