/**
 * Kite ticker packet bodies: {@link io.kiteticker.codec.packet.TickDecoder} and
 * {@link io.kiteticker.codec.packet.TickEncoder} flyweights over Agrona buffers, the packet kinds by length
 * ({@link io.kiteticker.codec.packet.PacketKind}) and the segment price scales
 * ({@link io.kiteticker.codec.packet.Segment}). Nothing here allocates on the decode or encode path.
 */
package io.kiteticker.codec.packet;
