/**
 * Byte transports under a connection agent: {@link io.kiteticker.engine.transport.PlainTransport} over a
 * non-blocking {@code SocketChannel} and {@link io.kiteticker.engine.transport.TlsTransport}, an {@code SSLEngine}
 * state machine in the style of Chronicle-Network's {@code SslEngineStateMachine}, on the engine of a
 * {@link io.kiteticker.engine.transport.TlsProvider} (Conscrypt by default when its native library loads, else the
 * JDK's). Neither blocks; neither allocates once connected, except inside the {@code SSLEngine}.
 */
package io.kiteticker.engine.transport;
