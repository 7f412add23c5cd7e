package io.kiteticker.engine;

import com.lmax.disruptor.WaitStrategy;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionContext;
import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.manager.Credentials;
import io.kiteticker.engine.manager.HandlerRings;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.threading.AgentScheduler;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.engine.threading.WaitStrategies;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * The settings of a {@link KiteManager}, concluded once from a {@link KiteManagerBuilder} by
 * {@link KiteManagerBuilder#build()} (as Aeron's {@code MediaDriver.Context.conclude()}): validated as a whole,
 * defaults filled in, handler key ids resolved to indices, every list copied. Immutable, so the manager keeps this
 * and nothing of the builder: changing the builder after {@code build()} changes nothing in the manager.
 * <p>
 * It also turns the settings into the per-connection {@link ConnectionContext} and the {@link AgentScheduler} of a
 * run, so the manager holds no setting of its own.
 */
final class ManagerContext
{
    /**
     * A tick handler and the events it sees: one key (or -1 for every key) and one connection of it (or -1).
     *
     * @param handler         to call.
     * @param apiKeyIndex     key whose events it sees, or -1.
     * @param connectionIndex connection whose events it sees, or -1.
     */
    record TickView(TickHandler handler, int apiKeyIndex, int connectionIndex)
    {
    }

    private final Credentials credentials;
    private final int connectionsPerApiKey;
    private final int maxSymbolsPerConnection;
    private final Duration connectionTimeout;
    private final Duration credentialsRejectedGrace;
    private final DistributionStrategy distributionStrategy;
    private final Mode defaultMode;
    private final Duration livenessTimeout;
    private final Duration healthCheckInterval;
    private final Duration reconnectBackoffBase;
    private final Duration reconnectBackoffMax;
    private final int maxReconnectAttempts;
    private final URI uri;
    private final SSLContext sslContext;
    private final int ringSize;
    private final int textRingSize;
    private final Supplier<WaitStrategy> waitStrategies;
    private final ThreadingMode threadingMode;
    private final int sharedThreadCount;
    private final String idleStrategy;
    private final boolean pinThreads;
    private final ErrorHandler errorHandler;
    private final Path statusFile;
    private final NanoClock nanoClock;
    private final EpochClock epochClock;
    private final List<TickView> tickViews;
    private final List<TextHandler> textHandlers;
    private final List<EngineTickPoller> tickPollers;
    private final List<HealthListener> healthListeners;
    private final List<ConnectionEventListener> connectionEventListeners;

    /**
     * Copy the builder's settings, which {@link KiteManagerBuilder#build()} has validated.
     *
     * @param builder     to copy from; not referenced afterwards.
     * @param credentials of the builder's keys.
     * @param tickViews   the builder's tick handlers with their key ids resolved.
     */
    ManagerContext(final KiteManagerBuilder builder, final Credentials credentials, final List<TickView> tickViews)
    {
        this.credentials = credentials;
        connectionsPerApiKey = builder.maxConnectionsPerApi;
        maxSymbolsPerConnection = builder.maxSymbolsPerConnection;
        connectionTimeout = builder.connectionTimeout;
        credentialsRejectedGrace = builder.credentialsRejectedGrace;
        distributionStrategy = builder.distributionStrategy;
        defaultMode = builder.defaultMode;
        livenessTimeout = builder.livenessTimeout;
        healthCheckInterval = builder.healthCheckInterval;
        reconnectBackoffBase = builder.reconnectBackoffBase;
        reconnectBackoffMax = builder.reconnectBackoffMax;
        maxReconnectAttempts = builder.maxReconnectAttempts;
        uri = builder.uri;
        sslContext = builder.sslContext;
        ringSize = builder.ringSize;
        textRingSize = builder.textRingSize;
        waitStrategies = builder.waitStrategies;
        threadingMode = builder.threadingMode;
        sharedThreadCount = builder.sharedThreadCount;
        idleStrategy = builder.idleStrategy;
        pinThreads = builder.pinThreads;
        errorHandler = builder.errorHandler;
        statusFile = builder.statusFile;
        nanoClock = builder.nanoClock;
        epochClock = builder.epochClock;
        this.tickViews = List.copyOf(tickViews);
        textHandlers = List.copyOf(builder.textHandlers);
        tickPollers = List.copyOf(builder.tickPollers);
        healthListeners = List.copyOf(builder.healthListeners);
        connectionEventListeners = List.copyOf(builder.connectionEventListeners);
    }

    Credentials credentials()
    {
        return credentials;
    }

    int connectionsPerApiKey()
    {
        return connectionsPerApiKey;
    }

    int slotCount()
    {
        return credentials.count() * connectionsPerApiKey;
    }

    int maxSymbolsPerConnection()
    {
        return maxSymbolsPerConnection;
    }

    Duration connectionTimeout()
    {
        return connectionTimeout;
    }

    Duration credentialsRejectedGrace()
    {
        return credentialsRejectedGrace;
    }

    DistributionStrategy distributionStrategy()
    {
        return distributionStrategy;
    }

    Mode defaultMode()
    {
        return defaultMode;
    }

    Duration healthCheckInterval()
    {
        return healthCheckInterval;
    }

    URI uri()
    {
        return uri;
    }

    ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * The manager's error handler: the status handler (count, record once per distinct stack trace) and then the
     * user's, if one was set, whose own failure is swallowed.
     *
     * @param statusHandler of the engine status.
     * @return the handler for connections, handlers and the health monitor.
     */
    ErrorHandler errorHandler(final ErrorHandler statusHandler)
    {
        final ErrorHandler userHandler = errorHandler;
        if (null == userHandler)
        {
            return statusHandler;
        }
        return (throwable) ->
        {
            statusHandler.onError(throwable);
            try
            {
                userHandler.onError(throwable);
            }
            catch (final Throwable ignore)
            {
                // the user's handler must not throw; nothing more can be done with its failure
            }
        };
    }

    /**
     * The status file.
     *
     * @return the file, or {@code null} for counters in memory.
     */
    Path statusFile()
    {
        return statusFile;
    }

    NanoClock nanoClock()
    {
        return nanoClock;
    }

    List<TickView> tickViews()
    {
        return tickViews;
    }

    List<EngineTickPoller> tickPollers()
    {
        return tickPollers;
    }

    List<HealthListener> healthListeners()
    {
        return healthListeners;
    }

    List<ConnectionEventListener> connectionEventListeners()
    {
        return connectionEventListeners;
    }

    /**
     * The wait strategy of one ring: from the builder's supplier (a shared instance only if the user gave one), or
     * a new default one per ring.
     *
     * @return the strategy.
     */
    WaitStrategy newWaitStrategy()
    {
        return null != waitStrategies ? waitStrategies.get() :
            WaitStrategies.newWaitStrategy(WaitStrategies.DEFAULT_ALIAS);
    }

    /**
     * The rings and handler processors these settings describe (handlers added, pollers bound).
     *
     * @param errorHandler for handler exceptions.
     * @return the new rings.
     */
    HandlerRings newHandlerRings(final ErrorHandler errorHandler)
    {
        final HandlerRings rings = new HandlerRings(
            slotCount(), ringSize, textRingSize, this::newWaitStrategy, errorHandler, nanoClock);
        for (final TickView view : tickViews)
        {
            rings.addTickHandler(view.handler(), view.apiKeyIndex(), view.connectionIndex());
        }
        for (final TextHandler textHandler : textHandlers)
        {
            rings.addTextHandler(textHandler);
        }
        for (final EngineTickPoller poller : tickPollers)
        {
            poller.bind(rings.tickRing());
        }
        return rings;
    }

    /**
     * The concluded context of one connection.
     *
     * @param slot         {@code apiKeyIndex * connectionsPerApiKey + connectionIndex}.
     * @param rings        to publish to.
     * @param errorHandler for unexpected errors.
     * @param counters     of the slot.
     * @param listener     of state changes.
     * @return the concluded connection context.
     */
    ConnectionContext connectionContext(
        final int slot,
        final HandlerRings rings,
        final ErrorHandler errorHandler,
        final ConnectionCounters counters,
        final ConnectionListener listener)
    {
        final int k = slot / connectionsPerApiKey;
        final ConnectionContext context = new ConnectionContext()
            .apiKeyIndex(k)
            .connectionIndex(slot % connectionsPerApiKey)
            .apiKeyId(credentials.id(k))
            .apiKey(credentials.apiKey(k))
            .accessToken(credentials.accessToken(k))
            .uri(uri)
            .connectTimeoutNs(connectionTimeout.toNanos())
            .credentialsRejectedGraceNs(credentialsRejectedGrace.toNanos())
            .livenessTimeoutNs(livenessTimeout.toNanos())
            .pingIntervalNs(pingIntervalNs(livenessTimeout))
            .reconnectBackoffBaseNs(reconnectBackoffBase.toNanos())
            .reconnectBackoffMaxNs(reconnectBackoffMax.toNanos())
            .reconnectMaxAttempts(maxReconnectAttempts)
            .tickRing(rings.tickRing())
            .textRing(rings.textRing())
            .nanoClock(nanoClock)
            .epochClock(epochClock)
            .errorHandler(errorHandler)
            .counters(counters)
            .listener(listener);
        if (null != sslContext)
        {
            context.sslContext(sslContext);
        }
        return context.conclude();
    }

    /**
     * The ping interval for a liveness timeout: the connection default, or half the timeout when that is shorter,
     * so a server that answers pings but sends no heartbeat is heard from at least twice per timeout and a single
     * lost pong does not end the connection.
     *
     * @param livenessTimeout of the connections.
     * @return the ping interval in nanoseconds, positive.
     */
    static long pingIntervalNs(final Duration livenessTimeout)
    {
        return Math.max(1, Math.min(
            TimeUnit.MILLISECONDS.toNanos(ConnectionContext.PING_INTERVAL_MS_DEFAULT), livenessTimeout.toNanos() / 2));
    }

    /**
     * A new scheduler for one run of the connections.
     *
     * @param errorHandler for errors escaping a duty cycle.
     * @param errorCounter counting them.
     * @return the scheduler.
     */
    AgentScheduler newScheduler(final ErrorHandler errorHandler, final AtomicCounter errorCounter)
    {
        return new AgentScheduler(
            threadingMode,
            sharedThreadCount,
            idleStrategy,
            errorHandler,
            errorCounter,
            "kite",
            pinThreads ? ConnectionContext.AFFINITY_ANY : ConnectionContext.AFFINITY_NONE);
    }
}
