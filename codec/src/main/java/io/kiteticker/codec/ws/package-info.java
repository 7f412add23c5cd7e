/**
 * RFC 6455 WebSocket codecs over Agrona buffers: frame decoding and message assembly
 * ({@link io.kiteticker.codec.ws.WebSocketFrameDecoder}), frame encoding with client-side masking
 * ({@link io.kiteticker.codec.ws.WebSocketFrameEncoder}) and the HTTP/1.1 opening handshake for both sides
 * ({@link io.kiteticker.codec.ws.HandshakeRequestEncoder}, {@link io.kiteticker.codec.ws.HandshakeResponseDecoder},
 * {@link io.kiteticker.codec.ws.HandshakeRequestDecoder}, {@link io.kiteticker.codec.ws.HandshakeResponseEncoder}).
 * <p>
 * The frame path allocates nothing and never throws on bad input: every outcome is an int code, and every
 * protocol violation maps to a close status of RFC 6455 §7.4 through
 * {@link io.kiteticker.codec.ws.WebSocketFrameDecoder#closeCodeFor(int)}. The handshake classes run once per
 * connection and may allocate, but they also report bad input as codes and never echo credentials.
 */
package io.kiteticker.codec.ws;
