package io.kiteticker.engine.ring;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.frame.KiteMessageDecoder;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.ErrorHandler;

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
 * whatever capacity is left ({@code remainingCapacity()}) is claimed before giving up. A refused claim is a return
 * code of {@link #tryClaim}, not an exception flow.
 * <p>
 * The publisher keeps its own books, so its caller reads nothing back from it: PACKETS (slots published),
 * UNKNOWN_PACKET_LENGTH and MALFORMED_PACKETS (packets of no known length, published as UNKNOWN), RING_FULL (once per
 * refused call), and a packet that fails to decode counts MALFORMED_PACKETS and goes to the decode error handler.
 * <p>
 * <b>Filtered.</b> {@link #publish(KiteMessageDecoder, int, int, long, PacketFilter)} asks a {@link PacketFilter}
 * about each packet before its slot is claimed and drops the refused ones (MODE_MISMATCH_DROPPED); it claims one slot
 * per accepted packet, so it is for the moments a filter is needed (a connection's {@code ModeGate} after a
 * (re)subscription), not for the steady flood, which takes the batched path above.
 * <pre>
 *   final int result = messageDecoder.wrap(buffer, offset, length).validate();
 *   if (!publisher.publish(messageDecoder, keyIndex, connectionIndex, receiveNanos))
 *   {
 *       // ring full: keep the message and call again with it later
 *   }
 * </pre>
 * <b>Note:</b> one publisher per producer thread.
 */
public final class TickPublisher
{
    private static final long NO_CLAIM = -1;

    private final RingBuffer<TickEvent> ring;
    private final int ringSize;
    private final ConnectionCounters counters;
    private final ErrorHandler decodeErrorHandler;
    private int resumePacketIndex;

    /**
     * Create a publisher for a ring.
     *
     * @param ring               to publish into.
     * @param counters           to count packets, unknown lengths, malformed packets and ring-full refusals in.
     * @param decodeErrorHandler to receive what went wrong when a packet fails to decode (cold path).
     */
    public TickPublisher(
        final RingBuffer<TickEvent> ring, final ConnectionCounters counters, final ErrorHandler decodeErrorHandler)
    {
        this.ring = ring;
        this.ringSize = ring.getBufferSize();
        this.counters = counters;
        this.decodeErrorHandler = decodeErrorHandler;
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
     * previous call for the same message already published. After a packet fails to decode, the rest of that claim
     * is published as cleared slots, the rest of the message is skipped, and the call still returns true.
     *
     * @param messageDecoder  wrapped and validated; iterated from its first packet.
     * @param apiKeyIndex     tag for every slot.
     * @param connectionIndex tag for every slot.
     * @param receiveNanos    tag for every slot.
     * @return true when the message is done with; false when the ring is full (RING_FULL counted; call again later
     * with the same message).
     */
    public boolean publish(
        final KiteMessageDecoder messageDecoder,
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos)
    {
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
            long hi = tryClaim(claim);
            if (NO_CLAIM == hi)
            {
                claim = (int)Math.min(claim, ring.remainingCapacity());
                hi = claim > 0 ? tryClaim(claim) : NO_CLAIM;
            }

            if (NO_CLAIM == hi)
            {
                resumePacketIndex = done;
                counters.increment(KiteCounterDescriptor.RING_FULL);
                return false;
            }

            final boolean isDecoded = decodeInto(messageDecoder, hi - claim + 1, hi, apiKeyIndex, connectionIndex,
                receiveNanos);
            done += claim;
            if (!isDecoded)
            {
                break;
            }
        }

        resumePacketIndex = 0;
        return true;
    }

    /**
     * Publish the packets of a message the filter accepts, in order, dropping the others before a slot is claimed
     * (MODE_MISMATCH_DROPPED counted once per dropped packet); a previous call's published or dropped packets of the
     * same message are skipped. A packet that fails to decode leaves a cleared slot and ends the message, as
     * {@link #publish(KiteMessageDecoder, int, int, long)}.
     *
     * @param messageDecoder  wrapped and validated; iterated from its first packet.
     * @param apiKeyIndex     tag for every slot.
     * @param connectionIndex tag for every slot.
     * @param receiveNanos    tag for every slot.
     * @param filter          asked about each packet of known kind (a packet of unknown kind is published as such).
     * @return true when the message is done with; false when the ring is full (RING_FULL counted; call again later
     * with the same message).
     */
    public boolean publish(
        final KiteMessageDecoder messageDecoder,
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos,
        final PacketFilter filter)
    {
        final int packetCount = messageDecoder.packetCount();
        int done = resumePacketIndex;
        messageDecoder.reset();
        for (int i = 0; i < done; i++)
        {
            messageDecoder.next();
        }

        int dropped = 0;
        boolean isDone = true;
        while (done < packetCount)
        {
            final TickDecoder packet = messageDecoder.next();
            final int kind = packet.kind();
            if (!filter.accept(PacketKind.isKnown(kind) ? packet.instrumentToken() : 0, kind))
            {
                dropped++;
                done++;
                continue;
            }

            final long sequence = tryClaim(1);
            if (NO_CLAIM == sequence)
            {
                counters.increment(KiteCounterDescriptor.RING_FULL);
                isDone = false;
                break;
            }

            done++;
            if (!decodeOne(packet, sequence, apiKeyIndex, connectionIndex, receiveNanos))
            {
                break;
            }
        }

        if (dropped > 0)
        {
            counters.add(KiteCounterDescriptor.MODE_MISMATCH_DROPPED, dropped);
        }
        resumePacketIndex = isDone ? 0 : done;
        return isDone;
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
     * @return true after {@link #publish} returned false having published some of the message.
     */
    public boolean isPartlyPublished()
    {
        return resumePacketIndex > 0;
    }

    private long tryClaim(final int count)
    {
        try
        {
            return ring.tryNext(count);
        }
        catch (final InsufficientCapacityException ex)
        {
            return NO_CLAIM;
        }
    }

    private boolean decodeInto(
        final KiteMessageDecoder messageDecoder,
        final long lo,
        final long hi,
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos)
    {
        final RingBuffer<TickEvent> ring = this.ring;
        int unknownCount = 0;
        Throwable failure = null;
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

        final ConnectionCounters counters = this.counters;
        counters.add(KiteCounterDescriptor.PACKETS, hi - lo + 1);
        if (unknownCount > 0)
        {
            counters.add(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH, unknownCount);
            counters.add(KiteCounterDescriptor.MALFORMED_PACKETS, unknownCount);
        }
        if (null != failure)
        {
            onDecodeFailure(failure);
            return false;
        }

        return true;
    }

    private boolean decodeOne(
        final TickDecoder packet,
        final long sequence,
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos)
    {
        final TickEvent event = ring.get(sequence);
        Throwable failure = null;
        try
        {
            event.decodeFrom(packet, apiKeyIndex, connectionIndex, receiveNanos);
        }
        catch (final Throwable throwable)
        {
            failure = throwable;
            event.clear(apiKeyIndex, connectionIndex, receiveNanos);
        }
        finally
        {
            ring.publish(sequence);
        }

        counters.increment(KiteCounterDescriptor.PACKETS);
        if (null != failure)
        {
            onDecodeFailure(failure);
            return false;
        }
        if (PacketKind.UNKNOWN == event.kind())
        {
            counters.increment(KiteCounterDescriptor.UNKNOWN_PACKET_LENGTH);
            counters.increment(KiteCounterDescriptor.MALFORMED_PACKETS);
        }
        return true;
    }

    private void onDecodeFailure(final Throwable throwable)
    {
        if (throwable instanceof VirtualMachineError)
        {
            throw (VirtualMachineError)throwable;
        }
        counters.increment(KiteCounterDescriptor.MALFORMED_PACKETS);
        decodeErrorHandler.onError(throwable);
    }
}
