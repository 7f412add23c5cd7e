package io.kiteticker.engine.manager;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import io.kiteticker.engine.threading.IdleStrategies;
import io.kiteticker.engine.threading.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Disruptor wiring of a manager: the tick ring and the text ring every connection publishes to, and one
 * {@link BatchEventProcessor} per registered handler, each on its own thread ({@code kite-tick-handler-N},
 * {@code kite-text-handler-N}). A per-key or per-connection tick handler is a view: its processor sees the whole
 * shared ring and passes on only the events of its key (and connection). Every processor gates its ring, so a slow
 * handler fills the ring and the connections stop reading rather than drop ticks. Handler exceptions go to the
 * error handler and the processor carries on with the next event.
 * <p>
 * <b>Note:</b> handlers are added before the first {@link #start()}; {@code start}/{@code stop} are for the control
 * thread (under the manager's lock). {@link #stop()} lets the handlers drain what was published (up to
 * {@link #DRAIN_TIMEOUT_NS}), halts them and joins their threads; a stopped set can be started again.
 */
public final class HandlerRings
{
    /**
     * Longest wait for the handlers to consume what was published before they are halted.
     */
    public static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private final RingBuffer<TickEvent> tickRing;
    private final RingBuffer<TextEvent> textRing;
    private final ExceptionHandler<Object> exceptionHandler;
    private final NanoClock nanoClock;
    private final List<BatchEventProcessor<?>> processors = new ArrayList<>();
    private final List<String> processorNames = new ArrayList<>();
    private final List<RingBuffer<?>> processorRings = new ArrayList<>();
    private Thread[] threads; // control thread only: non-null while started
    private int tickHandlerCount;
    private int textHandlerCount;

    /**
     * The two rings, no handler yet.
     *
     * @param publisherCount connections that publish: more than one makes the rings multi-producer.
     * @param ringSize       slots of the tick ring, a power of two.
     * @param textRingSize   slots of the text ring, a power of two.
     * @param waitStrategies  a wait strategy for each ring's handler threads (called once per ring).
     * @param errorHandler   for handler exceptions.
     * @param nanoClock      for the drain deadline.
     */
    public HandlerRings(
        final int publisherCount,
        final int ringSize,
        final int textRingSize,
        final Supplier<WaitStrategy> waitStrategies,
        final ErrorHandler errorHandler,
        final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        final ProducerType producerType = publisherCount > 1 ? ProducerType.MULTI : ProducerType.SINGLE;
        tickRing = RingBuffer.create(producerType, TickEvent.EVENT_FACTORY, ringSize, waitStrategies.get());
        textRing = RingBuffer.create(producerType, TextEvent.EVENT_FACTORY, textRingSize, waitStrategies.get());
        exceptionHandler = new HandlerExceptionHandler(errorHandler);
    }

    /**
     * The ring of ticks.
     *
     * @return the tick ring.
     */
    public RingBuffer<TickEvent> tickRing()
    {
        return tickRing;
    }

    /**
     * The ring of text messages.
     *
     * @return the text ring.
     */
    public RingBuffer<TextEvent> textRing()
    {
        return textRing;
    }

    /**
     * Add a tick handler on its own processor, optionally a view of one key or one connection.
     *
     * @param handler         to call.
     * @param apiKeyIndex     only events of this key, or -1 for all.
     * @param connectionIndex only events of this connection of the key, or -1 for all.
     */
    public void addTickHandler(final TickHandler handler, final int apiKeyIndex, final int connectionIndex)
    {
        add(tickRing, new TickView(handler, apiKeyIndex, connectionIndex), "kite-tick-handler-" + tickHandlerCount++);
    }

    /**
     * Add a text handler on its own processor.
     *
     * @param handler to call.
     */
    public void addTextHandler(final TextHandler handler)
    {
        add(textRing, (event, sequence, endOfBatch) -> handler.onText(event, sequence, endOfBatch),
            "kite-text-handler-" + textHandlerCount++);
    }

    /**
     * Number of handler processors (and threads, once started).
     *
     * @return the handler count.
     */
    public int handlerCount()
    {
        return processors.size();
    }

    /**
     * Start a thread per handler and wait until every processor runs (a processor halted before its
     * {@code run()} begins would stay halted for good: Disruptor 4's early exit). Nothing when started.
     */
    public void start()
    {
        if (null != threads)
        {
            return;
        }
        final Thread[] newThreads = new Thread[processors.size()];
        threads = newThreads;
        for (int i = 0; i < newThreads.length; i++)
        {
            newThreads[i] = new Thread(processors.get(i), processorNames.get(i));
            newThreads[i].setDaemon(true);
            newThreads[i].start();
        }
        final IdleStrategy idle = IdleStrategies.newControlIdleStrategy();
        for (final BatchEventProcessor<?> processor : processors)
        {
            while (!processor.isRunning())
            {
                idle.idle();
            }
        }
    }

    /**
     * Let every handler drain what was published, halt the processors and join their threads. Nothing when
     * stopped.
     */
    public void stop()
    {
        if (null == threads)
        {
            return;
        }
        drain();
        for (final BatchEventProcessor<?> processor : processors)
        {
            processor.halt();
        }
        for (final Thread thread : threads)
        {
            Threads.joinUninterruptibly(thread);
        }
        threads = null;
    }

    private <T> void add(final RingBuffer<T> ring, final EventHandler<T> handler, final String name)
    {
        final BatchEventProcessor<T> processor =
            new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        processor.setExceptionHandler(exceptionHandler);
        ring.addGatingSequences(processor.getSequence());
        processors.add(processor);
        processorRings.add(ring);
        processorNames.add(name);
    }

    private void drain()
    {
        final long deadlineNs = nanoClock.nanoTime() + DRAIN_TIMEOUT_NS;
        final IdleStrategy idle = IdleStrategies.newControlIdleStrategy();
        for (int i = 0; i < processors.size(); i++)
        {
            final BatchEventProcessor<?> processor = processors.get(i);
            final long target = processorRings.get(i).getCursor();
            while (processor.isRunning() && processor.getSequence().get() < target &&
                nanoClock.nanoTime() - deadlineNs < 0)
            {
                idle.idle();
            }
        }
    }

    private static final class TickView implements EventHandler<TickEvent>
    {
        private final TickHandler handler;
        private final int apiKeyIndex;
        private final int connectionIndex;

        TickView(final TickHandler handler, final int apiKeyIndex, final int connectionIndex)
        {
            this.handler = handler;
            this.apiKeyIndex = apiKeyIndex;
            this.connectionIndex = connectionIndex;
        }

        public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            if ((apiKeyIndex < 0 || event.apiKeyIndex() == apiKeyIndex) &&
                (connectionIndex < 0 || event.connectionIndex() == connectionIndex))
            {
                handler.onTick(event, sequence, endOfBatch);
            }
        }
    }

    private static final class HandlerExceptionHandler implements ExceptionHandler<Object>
    {
        private final ErrorHandler errorHandler;

        HandlerExceptionHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
        }

        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            errorHandler.onError(ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }
}
