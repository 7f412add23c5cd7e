package io.kiteticker.engine.connection;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.status.EngineStatus;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.SimulatorCertificate;
import io.kiteticker.testing.Tests;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2IntHashMap;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Shared set-up for engine tests that run connection agents against the simulator on loopback: a simulator, a tick
 * ring drained on the test thread through an {@link EventPoller}, a text ring, an error collector, engine status and
 * an {@link AgentScheduler}. Secrets are distinctive strings so tests can prove they never leak.
 */
public final class ConnectionFixture implements AutoCloseable
{
    /**
     * Api key accepted by the simulator in these tests.
     */
    public static final String API_KEY = "apikey-SECRET-4711";

    /**
     * Access token accepted by the simulator in these tests.
     */
    public static final String ACCESS_TOKEN = "token-SECRET-0815-xyz";

    private final KiteSimulator simulator;
    private final EngineStatus status = EngineStatus.inMemory();
    private final RingBuffer<TickEvent> tickRing;
    private final EventPoller<TickEvent> tickPoller;
    private final RingBuffer<TextEvent> textRing;
    private final EventPoller<TextEvent> textPoller;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<ConnectionAgent> agents = new ArrayList<>();
    private final TickCounter tickCounter = new TickCounter();
    private final List<String> texts = new CopyOnWriteArrayList<>(); // written by the text consumer thread
    private final EventPoller.Handler<TextEvent> textHandler = (event, sequence, endOfBatch) ->
    {
        texts.add(event.type() + ":" + event.buffer().getStringWithoutLengthUtf8(0, event.length()));
        return true;
    };
    private AgentScheduler scheduler;

    /**
     * Counts ticks per token and checks tags, allocation-free.
     */
    public static final class TickCounter implements EventPoller.Handler<TickEvent>
    {
        private final Int2IntHashMap countByToken = new Int2IntHashMap(4096, 0.65f, 0, true);
        private final Int2IntHashMap countByConnection = new Int2IntHashMap(64, 0.65f, 0, true);
        private long total;
        private long unknown;
        private long lastSequence = -1;
        private long sequenceGaps;

        @Override
        public boolean onEvent(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            total++;
            if (PacketKind.UNKNOWN == event.kind())
            {
                unknown++;
            }
            if (sequence != lastSequence + 1)
            {
                sequenceGaps++;
            }
            lastSequence = sequence;
            countByToken.put(event.instrumentToken(), countByToken.get(event.instrumentToken()) + 1);
            final int connectionKey = event.apiKeyIndex() * 100 + event.connectionIndex();
            countByConnection.put(connectionKey, countByConnection.get(connectionKey) + 1);
            return true;
        }

        /**
         * @return ticks seen.
         */
        public long total()
        {
            return total;
        }

        /**
         * @return UNKNOWN-kind ticks seen.
         */
        public long unknown()
        {
            return unknown;
        }

        /**
         * @return sequence gaps seen (must stay 0: nothing lost).
         */
        public long sequenceGaps()
        {
            return sequenceGaps;
        }

        /**
         * @param token instrument token.
         * @return ticks seen for it.
         */
        public int count(final int token)
        {
            return countByToken.get(token);
        }

        /**
         * @return distinct tokens seen.
         */
        public int distinctTokens()
        {
            return countByToken.size();
        }

        /**
         * @param apiKeyIndex     tag.
         * @param connectionIndex tag.
         * @return ticks seen with that tag.
         */
        public int countFor(final int apiKeyIndex, final int connectionIndex)
        {
            return countByConnection.get(apiKeyIndex * 100 + connectionIndex);
        }

        /**
         * @return distinct (key, connection) tags seen.
         */
        public int distinctConnections()
        {
            return countByConnection.size();
        }
    }

    /**
     * @param simulatorContext for the simulator; the test credentials are added.
     * @param ringSize         of the tick ring.
     * @param multiProducer    true when several agents share the ring.
     */
    public ConnectionFixture(final SimulatorContext simulatorContext, final int ringSize, final boolean multiProducer)
    {
        simulator = KiteSimulator.launch(simulatorContext.credential(API_KEY, ACCESS_TOKEN));
        tickRing = multiProducer ?
            RingBuffer.createMultiProducer(TickEvent.EVENT_FACTORY, ringSize) :
            RingBuffer.createSingleProducer(TickEvent.EVENT_FACTORY, ringSize);
        tickPoller = tickRing.newPoller();
        tickRing.addGatingSequences(tickPoller.getSequence());
        textRing = RingBuffer.createMultiProducer(TextEvent.EVENT_FACTORY, 64);
        textPoller = textRing.newPoller();
        textRing.addGatingSequences(textPoller.getSequence());
    }

    /**
     * @return a fixture with a plain simulator and a 16K single-producer ring.
     */
    public static ConnectionFixture plain()
    {
        return new ConnectionFixture(new SimulatorContext(), 16 * 1024, false);
    }

    /**
     * @return the simulator.
     */
    public KiteSimulator simulator()
    {
        return simulator;
    }

    /**
     * @return engine status (counters and error log).
     */
    public EngineStatus status()
    {
        return status;
    }

    /**
     * @return the tick ring.
     */
    public RingBuffer<TickEvent> tickRing()
    {
        return tickRing;
    }

    /**
     * @return the tick counter fed by {@link #poll()}.
     */
    public TickCounter ticks()
    {
        return tickCounter;
    }

    /**
     * @return text messages seen as "type:json".
     */
    public List<String> texts()
    {
        return texts;
    }

    /**
     * @return every error reported by any agent.
     */
    public List<Throwable> errors()
    {
        return errors;
    }

    /**
     * A context for a connection to the simulator with fast test timings.
     *
     * @param apiKeyIndex     tag.
     * @param connectionIndex tag.
     * @return an unconcluded context.
     */
    public ConnectionContext context(final int apiKeyIndex, final int connectionIndex)
    {
        return new ConnectionContext()
            .apiKeyIndex(apiKeyIndex)
            .connectionIndex(connectionIndex)
            .apiKeyId("account" + apiKeyIndex)
            .apiKey(API_KEY)
            .accessToken(ACCESS_TOKEN)
            .uri(simulator.uri())
            .tickRing(tickRing)
            .textRing(textRing)
            .reconnectBackoffBaseNs(TimeUnit.MILLISECONDS.toNanos(5))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(100))
            .counters(status.newConnectionCounters(apiKeyIndex, connectionIndex, "account" + apiKeyIndex))
            .errorHandler((throwable) ->
            {
                errors.add(throwable);
                status.errorHandler().onError(throwable);
            });
    }

    /**
     * TLS client context trusting the simulator's certificate.
     *
     * @return the SSL context.
     */
    public SSLContext clientSslContext()
    {
        try
        {
            return SimulatorCertificate.clientSslContext(
                simulator.trustStorePath(), SimulatorContext.TRUST_STORE_PASSWORD_DEFAULT);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Drop a connection abruptly (RST) and wait until the agent has reconnected, resubscribed every token on a new
     * connection and ticks flow again.
     *
     * @param connection the simulator's side of the connection to drop.
     * @param tokenCount tokens the new connection must carry.
     */
    public void dropAndAwaitTicksAgain(final SimulatedConnection connection, final int tokenCount)
    {
        connection.dropAbruptly();
        await(() ->
        {
            final SimulatedConnection next = openConnectionAfter(connection.connectionId());
            return null != next && next.subscriptionCount() == tokenCount;
        }, "reconnect and resubscribe");
        final long ticks = ticks().total();
        await(() -> ticks().total() > ticks + 30, "ticks again over the new connection");
    }

    /**
     * Create the scheduler all agents of this fixture run on.
     *
     * @param mode              threading mode.
     * @param sharedThreadCount threads for SHARED.
     * @return the scheduler.
     */
    public AgentScheduler scheduler(final ThreadingMode mode, final int sharedThreadCount)
    {
        return scheduler(mode, sharedThreadCount, "backoff");
    }

    /**
     * Create the scheduler all agents of this fixture run on, with an idle strategy.
     *
     * @param mode              threading mode.
     * @param sharedThreadCount threads for SHARED.
     * @param idleAlias         idle strategy of every thread.
     * @return the scheduler.
     */
    public AgentScheduler scheduler(final ThreadingMode mode, final int sharedThreadCount, final String idleAlias)
    {
        scheduler = new AgentScheduler(
            mode, sharedThreadCount, idleAlias, status.errorHandler(), status.errorCounter(), "kite-test", -1);
        return scheduler;
    }

    /**
     * Create an agent and run it on the scheduler (DEDICATED by default).
     *
     * @param context of the connection.
     * @return the running agent.
     */
    public ConnectionAgent start(final ConnectionContext context)
    {
        if (null == scheduler)
        {
            scheduler(ThreadingMode.DEDICATED, 1);
        }
        final ConnectionAgent agent = new ConnectionAgent(context);
        agents.add(agent);
        scheduler.add(agent);
        return agent;
    }

    /**
     * Drain the rings on this thread (and drive the agents in INVOKER mode).
     */
    public void poll()
    {
        try
        {
            if (ThreadingMode.INVOKER == scheduler.threadingMode())
            {
                scheduler.invoke();
            }
            tickPoller.poll(tickCounter);
            textPoller.poll(textHandler);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Poll until the condition holds.
     *
     * @param condition to wait for.
     * @param what      describes it.
     */
    public void await(final BooleanSupplier condition, final String what)
    {
        Tests.await(() ->
        {
            poll();
            return condition.getAsBoolean();
        }, Duration.ofSeconds(20), () -> what + "; errors=" + errors);
    }

    /**
     * The open simulator connection with a given api key index's agent, i.e. the only open one whose connection id
     * is greater than the given one.
     *
     * @param afterConnectionId exclusive lower bound.
     * @return the connection, or null.
     */
    public SimulatedConnection openConnectionAfter(final long afterConnectionId)
    {
        for (final SimulatedConnection connection : simulator.openConnections())
        {
            if (connection.connectionId() > afterConnectionId)
            {
                return connection;
            }
        }
        return null;
    }

    /**
     * Close the scheduler (joining threads), then the simulator and the status.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(scheduler, simulator);
        for (final ConnectionAgent agent : agents)
        {
            agent.counters().close();
        }
        status.close();
    }
}
