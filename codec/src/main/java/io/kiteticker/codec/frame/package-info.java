/**
 * One binary Kite WebSocket message: a u16 packet count followed by u16 length-prefixed packet bodies, all
 * big-endian. {@link io.kiteticker.codec.frame.KiteMessageDecoder} validates and iterates a message with one
 * reused {@link io.kiteticker.codec.packet.TickDecoder}; {@link io.kiteticker.codec.frame.KiteMessageEncoder}
 * builds one (and the 1-byte heartbeat).
 */
package io.kiteticker.codec.frame;
