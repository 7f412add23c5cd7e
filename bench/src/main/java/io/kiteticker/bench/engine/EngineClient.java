package io.kiteticker.bench.engine;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.engine.threading.WaitStrategies;
import io.kiteticker.simulator.KiteSimulator;
import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Our engine as a benchmark client, wired as {@code ConnectionFixture} wires it in the engine's tests: one
 * {@link ConnectionAgent} on a DEDICATED {@link AgentScheduler} thread with a chosen idle strategy, publishing into a
 * single-producer {@link RingBuffer} of {@link TickEvent}, and optionally one Disruptor {@link BatchEventProcessor}
 * on its own thread with a chosen wait strategy. Without a consumer the ring has no gating sequence, so the agent never
 * waits for it and the ring cursor counts the ticks decoded into slots.
 * <p>
 * <b>Inline</b> (wait strategy {@code inline}): the agent runs on a SHARED scheduler with one thread, and the consumer
 * is a second agent on that same thread polling the ring through an {@link EventPoller}, so a tick is read, decoded,
 * published and handled by one thread with no hand-off between threads, as a strategy that drives the engine in
 * INVOKER mode and polls with {@code EngineTickPoller} does.
 */
final class EngineClient implements AutoCloseable
{
    private final String apiKey;
    private final RingBuffer<TickEvent> ring;
    private final AgentScheduler scheduler;
    private final ConnectionAgent agent;
    private final CopyOnWriteArrayList<Throwable> errors = new CopyOnWriteArrayList<>();
    private final EngineStatus status = EngineStatus.inMemory();
    private final boolean isInline;
    private BatchEventProcessor<TickEvent> processor;
    private Thread processorThread;
    private PollingAgent pollingAgent;

    /**
     * The inline consumer: drains the ring on the agent's own thread.
     */
    private static final class PollingAgent implements Agent
    {
        private final EventPoller<TickEvent> poller;
        private final EventPoller.Handler<TickEvent> adapter;

        PollingAgent(final EventPoller<TickEvent> poller, final EventHandler<TickEvent> handler)
        {
            this.poller = poller;
            adapter = (event, sequence, endOfBatch) ->
            {
                handler.onEvent(event, sequence, endOfBatch);
                return true;
            };
        }

        @Override
        public int doWork() throws Exception
        {
            return EventPoller.PollState.PROCESSING == poller.poll(adapter) ? 1 : 0;
        }

        @Override
        public String roleName()
        {
            return "bench-inline-handler";
        }
    }

    /**
     * Create the ring, the agent and its thread; the agent connects at once.
     *
     * @param simulator    to connect to (plain or TLS, by its URI).
     * @param apiKey       a credential the simulator accepts (token from {@link RigSupport#accessToken(String)}).
     * @param ringSize     power of two.
     * @param waitStrategy of the ring, for the consumer; {@code null} for an inline consumer.
     * @param idleAlias    of the agent thread, see {@code IdleStrategies}.
     * @param soRcvBuf     SO_RCVBUF of the socket, 0 for the OS default.
     * @param pin          pin the agent's thread to a free CPU (OpenHFT affinity; unpinned if none is free).
     */
    EngineClient(
        final KiteSimulator simulator,
        final String apiKey,
        final int ringSize,
        final WaitStrategy waitStrategy,
        final String idleAlias,
        final int soRcvBuf,
        final boolean pin)
    {
        this.apiKey = apiKey;
        isInline = null == waitStrategy;
        ring = RingBuffer.createSingleProducer(
            TickEvent.EVENT_FACTORY, ringSize, isInline ? new BusySpinWaitStrategy() : waitStrategy);
        final ConnectionContext context = new ConnectionContext()
            .apiKeyIndex(0)
            .connectionIndex(0)
            .apiKeyId("bench")
            .apiKey(apiKey)
            .accessToken(RigSupport.accessToken(apiKey))
            .uri(simulator.uri())
            .tickRing(ring)
            .reconnectMaxAttempts(1)
            .socketReceiveBufferLength(soRcvBuf)
            .counters(status.newConnectionCounters(0, 0, "bench"))
            .errorHandler(errors::add);
        if (simulator.isTls())
        {
            context.sslContext(RigSupport.clientSslContext(simulator));
        }
        scheduler = new AgentScheduler(
            isInline ? ThreadingMode.SHARED : ThreadingMode.DEDICATED, 1, idleAlias, errors::add, null, "bench",
            pin ? ConnectionContext.AFFINITY_ANY : ConnectionContext.AFFINITY_NONE);
        agent = new ConnectionAgent(context);
        scheduler.add(agent);
    }

    /**
     * A Disruptor wait strategy by name.
     *
     * @param name busy-spin, yielding, sleeping, blocking, or inline (the handler on the agent's thread).
     * @return a new wait strategy, {@code null} for inline.
     */
    static WaitStrategy waitStrategy(final String name)
    {
        return "inline".equalsIgnoreCase(name) ? null : WaitStrategies.newWaitStrategy(name);
    }

    /**
     * Wait until the connection is LIVE.
     *
     * @param timeoutMs how long to wait.
     */
    void awaitLive(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (ConnectionState.LIVE != agent.state())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("engine connection not LIVE: " + agent.state() + " errors=" + errors);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /**
     * Start one consumer on its own thread, gating the ring.
     *
     * @param handler    the consumer.
     * @param threadName of its thread.
     */
    void startConsumer(final EventHandler<TickEvent> handler, final String threadName)
    {
        if (isInline)
        {
            final EventPoller<TickEvent> poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            pollingAgent = new PollingAgent(poller, handler);
            scheduler.add(pollingAgent);
            return;
        }
        processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        ring.addGatingSequences(processor.getSequence());
        processorThread = new Thread(processor, threadName);
        processorThread.setDaemon(true);
        processorThread.start();
    }

    /**
     * Subscribe through the agent's command queue.
     *
     * @param tokens to subscribe.
     * @param mode   for all of them.
     */
    void subscribe(final int[] tokens, final Mode mode)
    {
        if (!agent.proxy().subscribe(tokens, 0, tokens.length, mode))
        {
            throw new IllegalStateException("command queue full");
        }
    }

    /**
     * Unsubscribe through the agent's command queue.
     *
     * @param tokens to unsubscribe.
     */
    void unsubscribe(final int[] tokens)
    {
        if (!agent.proxy().unsubscribe(tokens, 0, tokens.length))
        {
            throw new IllegalStateException("command queue full");
        }
    }

    /**
     * @return ticks published into the ring so far.
     */
    long published()
    {
        return ring.getCursor() + 1;
    }

    /**
     * @return ticks the consumer has finished with, or {@link #published()} without a consumer.
     */
    long consumed()
    {
        if (null != pollingAgent)
        {
            return pollingAgent.poller.getSequence().get() + 1;
        }
        return null == processor ? published() : processor.getSequence().get() + 1;
    }

    /**
     * @param descriptor counter.
     * @return its value for this connection.
     */
    long counter(final KiteCounterDescriptor descriptor)
    {
        return agent.counters().get(descriptor);
    }

    /**
     * @return errors reported by the agent.
     */
    CopyOnWriteArrayList<Throwable> errors()
    {
        return errors;
    }

    /**
     * @return the api key this client authenticates with.
     */
    String apiKey()
    {
        return apiKey;
    }

    /**
     * Stop the consumer (joining its thread, so what it recorded is visible to the caller), then the agent.
     */
    @Override
    public void close()
    {
        haltConsumer();
        CloseHelper.quietClose(scheduler);
        agent.counters().close();
        status.close();
    }

    /**
     * Halt the consumer and join its thread.
     */
    void haltConsumer()
    {
        if (null != pollingAgent)
        {
            scheduler.remove(pollingAgent);
        }
        if (null != processor)
        {
            processor.halt();
            try
            {
                processorThread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
