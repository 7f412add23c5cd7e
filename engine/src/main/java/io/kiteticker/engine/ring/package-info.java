/**
 * The Disruptor side of the data path: the preallocated {@link io.kiteticker.engine.ring.TickEvent} and
 * {@link io.kiteticker.engine.ring.TextEvent} slots, the handler interfaces a strategy implements (live and replay
 * alike), and the publishers that claim slots, decode packets straight into them and always publish what they claim
 * (with a {@link io.kiteticker.engine.ring.PacketFilter}, only the packets it accepts).
 */
package io.kiteticker.engine.ring;
