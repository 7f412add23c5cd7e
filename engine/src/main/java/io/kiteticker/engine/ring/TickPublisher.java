package io.kiteticker.engine.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.PacketKind;

/**
 * Claims ring slots for the packets of one validated Kite message, decodes each packet straight into its slot with
 * {@link TickEvent#decodeFrom} and publishes them, with the Disruptor's two rules kept:
 * <ul>
 *     <li>a claimed slot is always published: {@code publish(lo, hi)} runs in a {@code finally}, and a slot whose
 *     packet could not be decoded is {@link TickEvent#clear cleared} (kind UNKNOWN, raw length 0) before it is
 *     published, so no stale tick from an earlier lap escapes;</li>
 *     <li>a full ring never blocks and never drops: {@link #publish} returns false, remembers how many packets of the
 *     message are already published, and the next call with the same message publishes only the rest.</li>
 * </ul>
 * Claims are batched with {@code tryNext(n)}, at most the ring size at a time; when the whole batch does not fit,
 * whatever capacity is left is used before giving up.
 * <pre>
 *   final int result = messageDecoder.wrap(buffer, offset, length).validate();
 *   if (!publisher.publish(messageDecoder, keyIndex, connectionIndex, receiveNanos))
 *   {
 *       // ring full: keep the message and call again with it later
 *   }
 * </pre>
 * <b>Note:</b> one publisher per producer thread. The statistics of the last call ({@link #publishedCount()},
 * {@link #unknownCount()}, {@link #failure()}) are overwritten by the next call.
 */
public final class TickPublisher
{
    private final RingBuffer<TickEvent> ring;
    private final int ringSize;
    private int resumePacketIndex;
    private int publishedCount;
    private int unknownCount;
    private Throwable failure;

    /**
     * Create a publisher for a ring.
     *
     * @param ring to publish into.
     */
    public TickPublisher(final RingBuffer<TickEvent> ring)
    {
        this.ring = ring;
        this.ringSize = ring.getBufferSize();
    }

    /**
     * The ring published into.
     *
     * @return the ring.
     */
    public RingBuffer<TickEvent> ring()
    {
        return ring;
    }

    /**
     * Publish the packets of a message the decoder has been wrapped over and validated for, skipping those a
     * previous call for the same message already published.
     *
     * @param messageDecoder  wrapped and validated; iterated from its first packet.
     * @param apiKeyIndex     tag for every slot.
     * @param connectionIndex tag for every slot.
     * @param receiveNanos    tag for every slot.
     * @return true when every packet of the message is published; false when the ring is full (call again later with
     * the same message).
     */
    public boolean publish(
        final KiteMessageDecoder messageDecoder,
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos)
    {
        publishedCount = 0;
        unknownCount = 0;
        failure = null;

        final RingBuffer<TickEvent> ring = this.ring;
        final int packetCount = messageDecoder.packetCount();
        int done = resumePacketIndex;
        messageDecoder.reset();
        for (int i = 0; i < done; i++)
        {
            messageDecoder.next();
        }

        while (done < packetCount)
        {
            int claim = Math.min(packetCount - done, ringSize);
            long hi;
            try
            {
                hi = ring.tryNext(claim);
            }
            catch (final InsufficientCapacityException ex)
            {
                hi = -1;
                claim = (int)Math.min(claim, ring.remainingCapacity());
                if (claim > 0)
                {
                    try
                    {
                        hi = ring.tryNext(claim);
                    }
                    catch (final InsufficientCapacityException ex2)
                    {
                        hi = -1;
                    }
                }
            }

            if (hi < 0)
            {
                resumePacketIndex = done;
                return false;
            }

            final long lo = hi - claim + 1;
            long sequence = lo;
            try
            {
                for (; sequence <= hi; sequence++)
                {
                    final TickEvent event = ring.get(sequence);
                    event.decodeFrom(messageDecoder.next(), apiKeyIndex, connectionIndex, receiveNanos);
                    if (PacketKind.UNKNOWN == event.kind())
                    {
                        unknownCount++;
                    }
                }
            }
            catch (final Throwable throwable)
            {
                failure = throwable;
                for (; sequence <= hi; sequence++)
                {
                    ring.get(sequence).clear(apiKeyIndex, connectionIndex, receiveNanos);
                }
            }
            finally
            {
                ring.publish(lo, hi);
            }

            publishedCount += claim;
            done += claim;
            if (null != failure)
            {
                break;
            }
        }

        resumePacketIndex = 0;
        return true;
    }

    /**
     * Forget a partly published message (for example when its connection is lost).
     */
    public void reset()
    {
        resumePacketIndex = 0;
    }

    /**
     * Is a message partly published, waiting for ring capacity.
     *
     * @return true after {@link #publish} returned false.
     */
    public boolean isPartlyPublished()
    {
        return resumePacketIndex > 0;
    }

    /**
     * Slots published by the last call.
     *
     * @return slot count.
     */
    public int publishedCount()
    {
        return publishedCount;
    }

    /**
     * Packets of unknown length published by the last call.
     *
     * @return count of UNKNOWN packets.
     */
    public int unknownCount()
    {
        return unknownCount;
    }

    /**
     * What went wrong decoding a packet in the last call, or {@code null}. After a failure the rest of that claim is
     * published as cleared slots and the rest of the message is skipped; the call still returns true.
     *
     * @return the failure or {@code null}.
     */
    public Throwable failure()
    {
        return failure;
    }
}
