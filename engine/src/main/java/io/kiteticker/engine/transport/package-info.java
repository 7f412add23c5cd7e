/**
 * Byte transports under a connection agent: {@link io.kiteticker.engine.transport.PlainTransport} over a
 * non-blocking {@code SocketChannel} and {@link io.kiteticker.engine.transport.TlsTransport}, an {@code SSLEngine}
 * state machine in the style of Chronicle-Network's {@code SslEngineStateMachine}. Neither blocks nor allocates once
 * connected.
 */
package io.kiteticker.engine.transport;
