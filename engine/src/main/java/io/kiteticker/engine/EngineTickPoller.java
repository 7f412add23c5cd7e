package io.kiteticker.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;

/**
 * Lets a strategy drive tick delivery from its own thread instead of a handler thread: a thin wrapper over the
 * Disruptor's {@link EventPoller} on the manager's tick ring. Obtained from {@link KiteManagerBuilder#tickPoller()}
 * and usable once the manager is built.
 * <pre>
 * final EngineTickPoller poller = builder.tickPoller();
 * final KiteManager manager = builder.build();
 * manager.start();
 * while (running)
 * {
 *     idleStrategy.idle(poller.poll(myTickHandler));
 * }
 * </pre>
 * <p>
 * <b>Note:</b> one thread at a time may poll. The poller's sequence gates the ring: a poller that stops polling
 * eventually fills the ring, and then the connections stop reading (TCP pushes back); no tick is dropped.
 * {@link #poll(TickHandler)} allocates nothing.
 */
public final class EngineTickPoller
{
    private final Adapter adapter = new Adapter();
    private EventPoller<TickEvent> poller;

    EngineTickPoller()
    {
    }

    void bind(final RingBuffer<TickEvent> ring)
    {
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    /**
     * Deliver every tick available now to the handler, on the calling thread.
     *
     * @param handler to call for each tick; the event is a reused slot, valid only during the call.
     * @return the number of ticks delivered (0 when none was available).
     * @throws Exception             what the handler threw; ticks before it count as consumed, the failing one too.
     * @throws IllegalStateException if the manager was not built yet.
     */
    public int poll(final TickHandler handler) throws Exception
    {
        final EventPoller<TickEvent> poller = this.poller;
        if (null == poller)
        {
            throw new IllegalStateException("tick poller is bound when the manager is built: call build() first");
        }
        final Adapter adapter = this.adapter;
        adapter.handler = handler;
        adapter.count = 0;
        try
        {
            poller.poll(adapter);
        }
        finally
        {
            adapter.handler = null;
        }
        return adapter.count;
    }

    /**
     * Sequence of the last tick this poller consumed (-1 before the first).
     *
     * @return the poller's sequence.
     */
    public long sequence()
    {
        final EventPoller<TickEvent> poller = this.poller;
        return null == poller ? -1 : poller.getSequence().get();
    }

    private static final class Adapter implements EventPoller.Handler<TickEvent>
    {
        TickHandler handler;
        int count;

        @Override
        public boolean onEvent(final TickEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            count++;
            handler.onTick(event, sequence, endOfBatch);
            return true;
        }
    }
}
