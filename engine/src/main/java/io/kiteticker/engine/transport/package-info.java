/**
 * The engine's choice of TLS provider: {@link io.kiteticker.engine.transport.TlsProvider} builds the
 * {@code SSLContext} (Conscrypt by default when its native library loads, else the JDK's) that the shared
 * {@link io.kiteticker.transport.TlsTransport} of module {@code kite-transport} creates its client-mode
 * {@code SSLEngine}s from. The transports themselves live in {@code io.kiteticker.transport}, shared with the
 * simulator.
 */
package io.kiteticker.engine.transport;
