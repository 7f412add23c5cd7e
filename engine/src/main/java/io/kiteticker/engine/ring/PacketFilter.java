package io.kiteticker.engine.ring;

/**
 * Decides, before a ring slot is claimed, whether a packet goes to the strategy: {@link TickPublisher#publish(
 * io.kiteticker.codec.frame.KiteMessageDecoder, int, int, long, PacketFilter)} drops a packet it refuses and counts it
 * (MODE_MISMATCH_DROPPED).
 * <p>
 * <b>Note:</b> called on the publishing thread for each packet of a message while the filter is in use; must not
 * allocate. It may be asked again about a packet it accepted when a full ring made the publisher stop before that
 * packet, so accepting must stay true for the same packet.
 */
public interface PacketFilter
{
    /**
     * Should this packet be published.
     *
     * @param instrumentToken of the packet (0 for a packet of unknown kind).
     * @param kind            of the packet, a {@link io.kiteticker.codec.packet.PacketKind} constant.
     * @return true to publish it, false to drop it.
     */
    boolean accept(int instrumentToken, int kind);
}
