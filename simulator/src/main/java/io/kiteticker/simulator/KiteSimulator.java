package io.kiteticker.simulator;

import io.kiteticker.simulator.market.Universe;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Kite-compatible ticker server on loopback, plain ({@code ws://}) or TLS ({@code wss://}), that behaves like
 * {@code wss://ws.kite.trade} as KITE_PROTOCOL.md describes it:
 * <ul>
 *     <li>the upgrade request carries {@code api_key} and {@code access_token} in its query; an unknown key or a
 *     wrong token gets {@code HTTP/1.1 403 Forbidden} ({@link #rejectedCredentials()});</li>
 *     <li>{@code subscribe}/{@code unsubscribe}/{@code mode} text requests; quote mode after a plain subscribe;</li>
 *     <li>ticks in each token's mode (LTP 8 B, quote 44 B, full 184 B, index 28/32 B), many packets per binary
 *     message, from a deterministic {@link io.kiteticker.simulator.market.MarketModel};</li>
 *     <li>a one-byte heartbeat message when nothing else was sent for a second; pong for ping; the closing
 *     handshake;</li>
 *     <li>the limits and responses documented on {@link SimulatorContext}.</li>
 * </ul>
 * One agent thread does all the work ({@link AgentRunner} with the context's idle strategy); other threads reach it
 * through {@link SimulatedConnection}'s verbs, which go through a command queue.
 * <pre>
 *   try (KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext().tls(true)))
 *   {
 *       final URI uri = simulator.uri(SimulatorContext.API_KEY_DEFAULT, SimulatorContext.ACCESS_TOKEN_DEFAULT);
 *       ...
 *   }
 * </pre>
 */
public final class KiteSimulator implements AutoCloseable
{
    private static final Logger LOGGER = LoggerFactory.getLogger(KiteSimulator.class);
    private static final long POLL_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimulatorContext context;
    private final SimulatorAgent agent;
    private final AgentRunner runner;
    private final int port;
    private final SimulatorCertificate certificate;
    private final Path temporaryDirectory;
    private volatile boolean isClosed;

    private KiteSimulator(
        final SimulatorContext context,
        final ServerSocketChannel serverChannel,
        final SimulatorCertificate certificate,
        final SSLContext sslContext,
        final Path temporaryDirectory) throws IOException
    {
        this.context = context;
        this.certificate = certificate;
        this.temporaryDirectory = temporaryDirectory;
        this.port = ((InetSocketAddress)serverChannel.getLocalAddress()).getPort();
        this.agent = new SimulatorAgent(context, serverChannel, sslContext);
        final ErrorHandler errorHandler = (throwable) -> LOGGER.warn("simulator agent error", throwable);
        this.runner = new AgentRunner(context.idleStrategySupplier().get(), errorHandler, null, agent);
        AgentRunner.startOnThread(runner, (runnable) ->
        {
            final Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Bind the server socket, generate the certificate (for TLS) and start the agent thread. The simulator accepts
     * connections when this returns.
     *
     * @param context configuration; concluded here.
     * @return the running simulator.
     * @throws UncheckedIOException  if the port cannot be bound or the certificate files written.
     * @throws IllegalStateException if TLS cannot be set up.
     */
    public static KiteSimulator launch(final SimulatorContext context)
    {
        context.conclude();
        Path temporaryDirectory = null;
        SimulatorCertificate certificate = null;
        SSLContext sslContext = null;
        ServerSocketChannel serverChannel = null;
        try
        {
            if (context.tls())
            {
                Path directory = context.certificateDirectory();
                if (null == directory)
                {
                    temporaryDirectory = Files.createTempDirectory("kite-simulator-");
                    directory = temporaryDirectory;
                }
                certificate = SimulatorCertificate.generate(directory, context.trustStorePassword());
                sslContext = certificate.serverSslContext();
            }
            serverChannel = ServerSocketChannel.open();
            serverChannel.bind(new InetSocketAddress(context.bindAddress(), context.port()), 128);
            serverChannel.configureBlocking(false);
            return new KiteSimulator(context, serverChannel, certificate, sslContext, temporaryDirectory);
        }
        catch (final IOException ex)
        {
            closeQuietly(serverChannel);
            deleteDirectory(temporaryDirectory);
            throw new UncheckedIOException(ex);
        }
        catch (final GeneralSecurityException ex)
        {
            closeQuietly(serverChannel);
            deleteDirectory(temporaryDirectory);
            throw new IllegalStateException("cannot set up TLS", ex);
        }
    }

    /**
     * The configuration.
     *
     * @return the concluded context.
     */
    public SimulatorContext context()
    {
        return context;
    }

    /**
     * The bound port.
     *
     * @return the port (the ephemeral one when the context asked for 0).
     */
    public int port()
    {
        return port;
    }

    /**
     * Is this a {@code wss://} server?
     *
     * @return true with TLS.
     */
    public boolean isTls()
    {
        return null != certificate;
    }

    /**
     * The base URI: {@code ws://127.0.0.1:PORT} or {@code wss://127.0.0.1:PORT}.
     *
     * @return the URI without credentials.
     */
    public URI uri()
    {
        return URI.create((isTls() ? "wss://" : "ws://") + context.bindAddress() + ":" + port);
    }

    /**
     * The URI a Kite client connects to, with percent-encoded credentials in the query, as Kite's:
     * {@code ws://127.0.0.1:PORT/?api_key=K&access_token=T}.
     *
     * @param apiKey      to send.
     * @param accessToken to send.
     * @return the URI.
     */
    public URI uri(final String apiKey, final String accessToken)
    {
        return URI.create(uri() + "/?api_key=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8) +
            "&access_token=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
    }

    /**
     * The URI with the first configured credential ({@code kite-sim-key}/{@code kite-sim-token} by default).
     *
     * @return the URI.
     */
    public URI authenticatedUri()
    {
        final Map.Entry<String, String> credential = context.credentials().entrySet().iterator().next();
        return uri(credential.getKey(), credential.getValue());
    }

    /**
     * The generated certificate.
     *
     * @return the certificate, or null without TLS.
     */
    public SimulatorCertificate certificate()
    {
        return certificate;
    }

    /**
     * The exported PKCS12 trust store that holds exactly this server's certificate.
     *
     * @return its path, or null without TLS.
     */
    public Path trustStorePath()
    {
        return null == certificate ? null : certificate.trustStorePath();
    }

    /**
     * The exported PEM certificate.
     *
     * @return its path, or null without TLS.
     */
    public Path pemPath()
    {
        return null == certificate ? null : certificate.pemPath();
    }

    /**
     * The instrument universe.
     *
     * @return the universe.
     */
    public Universe universe()
    {
        return context.universe();
    }

    /**
     * The connections not yet closed (handshaking, open or closing), oldest first.
     *
     * @return an immutable snapshot.
     */
    public List<SimulatedConnection> connections()
    {
        return agent.connections();
    }

    /**
     * The open (upgraded) connections.
     *
     * @return a new list.
     */
    public List<SimulatedConnection> openConnections()
    {
        final List<SimulatedConnection> open = new ArrayList<>();
        for (final SimulatedConnection connection : agent.connections())
        {
            if (connection.isOpen())
            {
                open.add(connection);
            }
        }
        return open;
    }

    /**
     * Wait, polling, until at least {@code count} connections are open.
     *
     * @param count   open connections to wait for.
     * @param timeout how long to wait.
     * @return the open connections.
     * @throws IllegalStateException on timeout.
     */
    public List<SimulatedConnection> awaitOpenConnections(final int count, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final List<SimulatedConnection> open = openConnections();
            if (open.size() >= count)
            {
                return open;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException(
                    "timed out waiting for " + count + " open connections, have " + open.size());
            }
            LockSupport.parkNanos(POLL_PARK_NS);
        }
    }

    /**
     * Wait, polling, for the open connection from a client's local port.
     *
     * @param remotePort the client's local port.
     * @param timeout    how long to wait.
     * @return the connection.
     * @throws IllegalStateException on timeout.
     */
    public SimulatedConnection awaitConnection(final int remotePort, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            for (final SimulatedConnection connection : agent.connections())
            {
                if (connection.remotePort() == remotePort && connection.isOpen())
                {
                    return connection;
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("timed out waiting for the connection from port " + remotePort);
            }
            LockSupport.parkNanos(POLL_PARK_NS);
        }
    }

    /**
     * TCP connections accepted.
     *
     * @return the count.
     */
    public long acceptedConnections()
    {
        return agent.acceptedConnections();
    }

    /**
     * Start a market-open burst on every open connection in one step of the simulator thread (so all of them start
     * within one duty cycle): each subscribed token ticks {@link SimulatorContext#burstTicksPerToken()} times as fast
     * as the sockets take them, then each connection goes back to its paced cadence. See
     * {@link SimulatedConnection#startBurst()}.
     *
     * @return the connections that started one.
     */
    public List<SimulatedConnection> startBurst()
    {
        final List<SimulatedConnection> started = new ArrayList<>();
        agent.invoke(() ->
        {
            for (final SimulatedConnection connection : agent.connections())
            {
                if (connection.startBurst())
                {
                    started.add(connection);
                }
            }
        });
        return started;
    }

    /**
     * Refuse an api_key from now on, as Kite does when a day's access token is invalidated during a session: every
     * later upgrade with it gets {@code HTTP 403} (counted in {@link #rejectedCredentials()}). Connections already
     * open stay open; drop them (e.g. {@link SimulatedConnection#dropAbruptly()}) to make the client reconnect into
     * the refusal. Returns once the simulator thread has applied it.
     *
     * @param apiKey to refuse.
     * @return true if the key was accepted until now.
     */
    public boolean revokeCredential(final String apiKey)
    {
        final boolean[] revoked = new boolean[1];
        agent.invoke(() -> revoked[0] = context.revokeCredential(apiKey));
        return revoked[0];
    }

    /**
     * Accept again an api_key refused by {@link #revokeCredential(String)}, with the access token it had: the inverse
     * of the revocation, for a server that refuses a key with 403 for a while (Kite does so transiently at times).
     * Upgrades after it succeed again. Returns once the simulator thread has applied it.
     *
     * @param apiKey revoked before.
     * @return true if the key was refused until now.
     */
    public boolean acceptCredential(final String apiKey)
    {
        final boolean[] accepted = new boolean[1];
        agent.invoke(() -> accepted[0] = context.acceptCredential(apiKey));
        return accepted[0];
    }

    /**
     * Refuse every upgrade with an HTTP status for a while, as a server that is down or overloaded answers
     * ({@code 503 Service Unavailable}, {@code 502}, … or {@code 403} for every key). Open connections stay open;
     * drop one to make its client reconnect into the refusal. Counted in {@link #refusedUpgrades()}. Returns once
     * the simulator thread has applied it; a later call replaces the window.
     *
     * @param httpStatus 400 to 599, the status of the refusals.
     * @param duration   how long from now; zero ends a refusal early.
     */
    public void refuseUpgrades(final int httpStatus, final Duration duration)
    {
        if (httpStatus < 400 || httpStatus > 599)
        {
            throw new IllegalArgumentException("httpStatus must be 400 to 599 but was " + httpStatus);
        }
        final long durationNs = duration.toNanos();
        agent.invoke(() -> agent.refuseUpgrades(durationNs > 0 ? httpStatus : 0, agent.nowNs() + durationNs));
    }

    /**
     * Upgrades refused by {@link #refuseUpgrades(int, Duration)}.
     *
     * @return the count.
     */
    public long refusedUpgrades()
    {
        return agent.refusedUpgrades();
    }

    /**
     * Upgrades refused for any reason: credentials, connection limit, a bad request or a refusal window.
     *
     * @return the count.
     */
    public long rejectedHandshakes()
    {
        return agent.rejectedCredentials() + agent.rejectedConnectionLimit() + agent.rejectedBadRequests() +
            agent.refusedUpgrades();
    }

    /**
     * Upgrades refused with 403 for an unknown api_key or a wrong access_token.
     *
     * @return the count.
     */
    public long rejectedCredentials()
    {
        return agent.rejectedCredentials();
    }

    /**
     * Upgrades refused for the connection limit per api_key.
     *
     * @return the count.
     */
    public long rejectedConnectionLimit()
    {
        return agent.rejectedConnectionLimit();
    }

    /**
     * Upgrades refused as malformed or not WebSocket (400) or of another version (426).
     *
     * @return the count.
     */
    public long rejectedBadRequests()
    {
        return agent.rejectedBadRequests();
    }

    /**
     * Connections that ended with an I/O or protocol exception on the server side.
     *
     * @return the count.
     */
    public long connectionErrors()
    {
        return agent.connectionErrors();
    }

    /**
     * Is the simulator closed?
     *
     * @return true after {@link #close()}.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * Stop the agent thread, close every socket (without a close frame) and the server socket, and delete a
     * temporary certificate directory.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            runner.close();
            deleteDirectory(temporaryDirectory);
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "KiteSimulator{" + uri() + ", connections=" + agent.connections().size() + '}';
    }

    private static void closeQuietly(final ServerSocketChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Failing already.
            }
        }
    }

    private static void deleteDirectory(final Path directory)
    {
        if (null == directory)
        {
            return;
        }
        try (var paths = Files.walk(directory))
        {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            LOGGER.debug("cannot delete {}", directory, ex);
        }
    }
}
