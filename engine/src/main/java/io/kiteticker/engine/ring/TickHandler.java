package io.kiteticker.engine.ring;

/**
 * Callback a strategy implements to receive ticks, live from the ring or replayed from a journal: the same interface
 * and the same {@link TickEvent} slot in both cases.
 * <p>
 * <b>Note:</b> the event is a reused slot: read what you need inside the callback and never keep a reference to it
 * (or to its {@link TickEvent#rawBuffer()}) after returning.
 */
@FunctionalInterface
public interface TickHandler
{
    /**
     * Called for each tick, in ring order.
     *
     * @param event      holding the decoded tick; valid only for the duration of the call.
     * @param sequence   of the slot in the ring (or the replay position).
     * @param endOfBatch true when this is the last event available right now, so I/O can be batched.
     * @throws Exception if the handler fails; the ring's exception handler decides what happens next.
     */
    void onTick(TickEvent event, long sequence, boolean endOfBatch) throws Exception;
}
