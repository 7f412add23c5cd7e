package io.kiteticker.simulator;

import io.kiteticker.simulator.market.MarketModel;
import io.kiteticker.transport.PlainTransport;
import io.kiteticker.transport.TlsTransport;
import io.kiteticker.transport.Transport;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The simulator's single agent: drains commands, accepts connections and runs every connection's duty cycle
 * (TLS, upgrade, reads, tick generation, writes) on one thread. It is the {@link SessionHost} of every
 * {@link ServerSession}: the clock, the open connections per api_key and the rejection counters.
 */
final class SimulatorAgent implements Agent, SessionHost
{
    private static final Logger LOGGER = LoggerFactory.getLogger(SimulatorAgent.class);
    private static final int COMMAND_QUEUE_CAPACITY = 1024;
    private static final int COMMAND_DRAIN_LIMIT = 32;
    private static final int ACCEPT_LIMIT = 16;
    private static final long INVOKE_TIMEOUT_MS = 10_000;
    /**
     * TLS handshake tasks run inline on the agent thread: handshakes are control path, and the simulator stays
     * single-threaded and deterministic.
     */
    private static final Executor INLINE_TASKS = Runnable::run;

    private final SimulatorContext context;
    private final MarketModel model;
    private final ServerSocketChannel serverChannel;
    private final SSLContext sslContext;
    private final ManyToOneConcurrentArrayQueue<Runnable> commandQueue =
        new ManyToOneConcurrentArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final Consumer<Runnable> runCommand = Runnable::run;
    private final Object2IntHashMap<String> openByApiKey = new Object2IntHashMap<>(0);
    private final Selector acceptSelector;
    private final Consumer<SelectionKey> onAcceptable = (key) -> acceptable = true;
    private boolean acceptable;

    private SimulatedConnection[] connections = new SimulatedConnection[0];
    private volatile List<SimulatedConnection> connectionsView = Collections.emptyList();
    private volatile Thread agentThread;
    private volatile boolean isClosed;
    private volatile long nowNs;
    private long nextConnectionId = 1;

    private volatile long acceptedConnections;
    private volatile long rejectedCredentials;
    private volatile long rejectedConnectionLimit;
    private volatile long rejectedBadRequests;
    private volatile long connectionErrors;
    private volatile long refusedUpgrades;
    private int refusalStatus;
    private long refuseUntilNs;

    SimulatorAgent(
        final SimulatorContext context,
        final ServerSocketChannel serverChannel,
        final SSLContext sslContext)
    {
        this.context = context;
        this.model = new MarketModel(context.seed(), context.universe());
        this.serverChannel = serverChannel;
        this.sslContext = sslContext;
        this.nowNs = context.nanoClock().nanoTime();
        try
        {
            this.acceptSelector = Selector.open();
            serverChannel.register(acceptSelector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        agentThread = Thread.currentThread();
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        final long nowNs = context.nanoClock().nanoTime();
        this.nowNs = nowNs;
        final long epochSeconds = context.epochClock().time() / 1000;

        int workCount = commandQueue.drain(runCommand, COMMAND_DRAIN_LIMIT);
        workCount += pollAccept(nowNs);

        final SimulatedConnection[] connections = this.connections;
        boolean anyClosed = false;
        for (final SimulatedConnection connection : connections)
        {
            workCount += connection.doWork(nowNs, epochSeconds);
            anyClosed |= ConnectionState.CLOSED == connection.state();
        }
        if (anyClosed)
        {
            removeClosed();
        }

        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        isClosed = true;
        for (final SimulatedConnection connection : connections)
        {
            connection.closeSocket(false);
        }
        connections = new SimulatedConnection[0];
        connectionsView = Collections.emptyList();
        try
        {
            acceptSelector.close();
            serverChannel.close();
        }
        catch (final IOException ex)
        {
            LOGGER.debug("closing server socket", ex);
        }
        Runnable command;
        while (null != (command = commandQueue.poll()))
        {
            LOGGER.debug("command dropped at close: {}", command);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "kite-simulator";
    }

    List<SimulatedConnection> connections()
    {
        return connectionsView;
    }

    /**
     * {@inheritDoc}
     */
    public long nowNs()
    {
        return nowNs;
    }

    long acceptedConnections()
    {
        return acceptedConnections;
    }

    long rejectedCredentials()
    {
        return rejectedCredentials;
    }

    long rejectedConnectionLimit()
    {
        return rejectedConnectionLimit;
    }

    long rejectedBadRequests()
    {
        return rejectedBadRequests;
    }

    long connectionErrors()
    {
        return connectionErrors;
    }

    /**
     * Run a task on the agent thread and wait for it; runs it directly when called on the agent thread.
     *
     * @param task to run.
     */
    void invoke(final Runnable task)
    {
        if (Thread.currentThread() == agentThread)
        {
            task.run();
            return;
        }
        if (isClosed)
        {
            throw new IllegalStateException("simulator is closed");
        }
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final Runnable command = () ->
        {
            try
            {
                task.run();
                done.complete(null);
            }
            catch (final Throwable ex)
            {
                done.completeExceptionally(ex);
            }
        };
        if (!commandQueue.offer(command))
        {
            throw new IllegalStateException("simulator command queue full");
        }
        try
        {
            done.get(INVOKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the simulator", ex);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException)
            {
                throw (RuntimeException)cause;
            }
            throw new IllegalStateException(cause);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("simulator did not run the command within " + INVOKE_TIMEOUT_MS + " ms");
        }
    }

    long refusedUpgrades()
    {
        return refusedUpgrades;
    }

    /**
     * Refuse every upgrade with a status until a deadline; agent thread.
     *
     * @param httpStatus  to answer with, or 0 to stop refusing.
     * @param untilNs     deadline on the simulator's clock.
     */
    void refuseUpgrades(final int httpStatus, final long untilNs)
    {
        refusalStatus = httpStatus;
        refuseUntilNs = untilNs;
    }

    /**
     * {@inheritDoc}
     */
    public int upgradeRefusalStatus()
    {
        if (0 != refusalStatus && nowNs - refuseUntilNs >= 0)
        {
            refusalStatus = 0;
        }
        return refusalStatus;
    }

    /**
     * {@inheritDoc}
     */
    public void onRefusedUpgrade()
    {
        refusedUpgrades++;
    }

    /**
     * {@inheritDoc}
     */
    public boolean tryAcquireConnectionSlot(final String apiKey)
    {
        final int open = openByApiKey.getValue(apiKey);
        final int current = open == openByApiKey.missingValue() ? 0 : open;
        if (current >= context.maxConnectionsPerApiKey())
        {
            return false;
        }
        openByApiKey.put(apiKey, current + 1);
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionClosed(final String apiKey)
    {
        final int open = openByApiKey.getValue(apiKey);
        if (open != openByApiKey.missingValue())
        {
            if (open <= 1)
            {
                openByApiKey.removeKey(apiKey);
            }
            else
            {
                openByApiKey.put(apiKey, open - 1);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionError(final long connectionId, final Exception ex)
    {
        connectionErrors++;
        LOGGER.debug("connection {} failed: {}", connectionId, ex.toString());
    }

    /**
     * {@inheritDoc}
     */
    public void onRejectedCredentials()
    {
        rejectedCredentials++;
    }

    /**
     * {@inheritDoc}
     */
    public void onRejectedConnectionLimit()
    {
        rejectedConnectionLimit++;
    }

    /**
     * {@inheritDoc}
     */
    public void onRejectedBadRequest()
    {
        rejectedBadRequests++;
    }

    /**
     * Accept only when the selector reports a pending connection: a non-blocking {@code accept()} that finds
     * nothing still allocates in the JDK, and this runs every duty cycle.
     */
    private int pollAccept(final long nowNs)
    {
        acceptable = false;
        try
        {
            acceptSelector.selectNow(onAcceptable);
        }
        catch (final IOException ex)
        {
            LOGGER.warn("accept selector failed", ex);
            return 0;
        }
        return acceptable ? accept(nowNs) : 0;
    }

    private int accept(final long nowNs)
    {
        int accepted = 0;
        while (accepted < ACCEPT_LIMIT)
        {
            final SocketChannel channel;
            try
            {
                channel = serverChannel.accept();
            }
            catch (final IOException ex)
            {
                LOGGER.warn("accept failed", ex);
                break;
            }
            if (null == channel)
            {
                break;
            }
            accepted++;
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (context.socketSendBufferBytes() > 0)
                {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, context.socketSendBufferBytes());
                }
                final int remotePort = ((InetSocketAddress)channel.getRemoteAddress()).getPort();
                final Transport transport = null != sslContext ?
                    TlsTransport.server(sslContext, INLINE_TASKS) : new PlainTransport();
                transport.init(channel);
                final SimulatedConnection connection = new SimulatedConnection(
                    this, context, model, transport, nextConnectionId++, remotePort, nowNs);
                addConnection(connection);
                acceptedConnections++;
            }
            catch (final IOException | RuntimeException ex)
            {
                LOGGER.debug("accepted socket failed at set-up: {}", ex.toString());
                try
                {
                    channel.close();
                }
                catch (final IOException ignore)
                {
                    // Already failing.
                }
            }
        }
        return accepted;
    }

    private void addConnection(final SimulatedConnection connection)
    {
        final SimulatedConnection[] grown = Arrays.copyOf(connections, connections.length + 1);
        grown[connections.length] = connection;
        connections = grown;
        connectionsView = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(grown)));
    }

    private void removeClosed()
    {
        final ArrayList<SimulatedConnection> open = new ArrayList<>(connections.length);
        for (final SimulatedConnection connection : connections)
        {
            if (ConnectionState.CLOSED != connection.state())
            {
                open.add(connection);
            }
        }
        connections = open.toArray(new SimulatedConnection[0]);
        connectionsView = Collections.unmodifiableList(open);
    }
}
