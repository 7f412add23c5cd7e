/**
 * Non-blocking byte transports over a connected {@code SocketChannel}, shared by the engine (client) and the
 * simulator (server): {@link io.kiteticker.transport.PlainTransport} for {@code ws://} and
 * {@link io.kiteticker.transport.TlsTransport} for {@code wss://}, one {@code SSLEngine} state machine in the style
 * of Chronicle-Network's {@code SslEngineStateMachine} that runs in client or server mode on the engine of whatever
 * {@code SSLContext} it is given (the engine picks Conscrypt or the JDK; the simulator the JDK). Neither blocks;
 * neither allocates once connected, except inside the {@code SSLEngine}.
 */
package io.kiteticker.transport;
