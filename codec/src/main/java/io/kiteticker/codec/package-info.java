/**
 * Allocation-free codecs for the Kite Connect v3 ticker: {@link io.kiteticker.codec.Mode} and the system properties
 * ({@link io.kiteticker.codec.CodecConfiguration}) here, binary packets in {@code codec.packet}, binary messages in
 * {@code codec.frame}, JSON text messages in {@code codec.text} and RFC 6455 WebSocket framing and handshakes in
 * {@code codec.ws}.
 */
package io.kiteticker.codec;
