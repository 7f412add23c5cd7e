package io.kiteticker.transport;

import org.agrona.CloseHelper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.Provider;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Transport} for {@code wss://}: a non-blocking {@link SSLEngine} state machine in the style of
 * Chronicle-Network's {@code SslEngineStateMachine}, in client mode (the engine:
 * {@link #TlsTransport(SSLContext, String, int, boolean, Executor)}) or server mode (the simulator:
 * {@link #server(SSLContext, Executor)}); the modes differ only in how the {@code SSLEngine} is created and in
 * buffer sizes.
 * <ul>
 *     <li>The ciphertext buffers are sized once from the {@link SSLSession}'s packet buffer size (a multiple of
 *     it, so one socket read can carry many records); plaintext goes straight into the caller's (direct) receive
 *     buffer, which must have at least {@link #applicationBufferSize()} bytes free for a read to make progress.
 *     For the JDK the ciphertext buffers are <em>heap</em> buffers on purpose: it decrypts records in place in the
 *     source buffer, and its {@code CipherSpi} copies direct buffers through temporary arrays (measured 38.7 B/tick
 *     with direct buffers, 13.9 B/tick with heap buffers); NIO reads and writes heap buffers through its cached
 *     per-thread direct buffer, which allocates nothing once warm. For Conscrypt they are <em>direct</em>: it hands
 *     their native address to BoringSSL, where a heap buffer costs a copy through its own direct buffer per record
 *     (no allocation either way; in memory, 16 KB records decrypt in ~6-9 µs from direct, ~13 µs from heap). The
 *     choice is made from the {@link SSLContext}'s provider class ({@link #isDirectNetBuffer(Provider)}), so this
 *     module needs no Conscrypt classes.</li>
 *     <li>{@code unwrap} is only called once {@code netIn} holds a whole record (its 5-byte header gives the length),
 *     so data calls never end in {@code BUFFER_UNDERFLOW}: one call, and one {@code SSLEngineResult}, per record.</li>
 *     <li>The engine comes from the {@link SSLContext}'s provider (the engine's {@code TlsProvider}). Per 16 KB
 *     record, the JDK 17 engine allocates ~1.4 KB (a new AES-GCM engine per record in
 *     {@code GaloisCounterMode.checkInit}, its parameter spec and AAD/nonce arrays, the {@code SSLEngineResult}):
 *     ~15 B per full tick. Conscrypt allocates only the 40-byte {@code SSLEngineResult} its {@code unwrap} returns
 *     ({@code ConscryptEngine.newResult}): ~0.41 B per full tick. The API returns a new result per call, so that
 *     object cannot be avoided here.</li>
 *     <li>The {@code ByteBuffer[]} arrays passed to {@code wrap}/{@code unwrap} are built once (the single-buffer
 *     {@code SSLEngine} methods allocate one per call).</li>
 *     <li>The handshake advances a step per call; delegated tasks (certificate checks, key exchange) run on an
 *     executor, never inside a duty cycle, and the handshake waits for them by polling (the simulator passes an
 *     executor that runs them inline: its handshakes are control path). Only on the rare post-handshake message of
 *     a live connection (TLS 1.3 key update) is a task run inline.</li>
 * </ul>
 * A new {@code SSLEngine} is created for each {@link #init(SocketChannel)}; buffers are reused.
 */
public final class TlsTransport extends SocketTransport
{
    private static final int SOCKET_READS_PER_CALL = 2;
    private static final int RECORD_HEADER_LENGTH = 5;
    private static final int CLIENT_READ_BUFFER_RECORDS = 16;
    private static final int CLIENT_WRITE_BUFFER_RECORDS = 4;
    private static final int SERVER_READ_BUFFER_RECORDS = 4;
    private static final int SERVER_WRITE_BUFFER_RECORDS = 16;
    private static final String CONSCRYPT_PACKAGE_PREFIX = "org.conscrypt.";
    private static final ByteBuffer[] EMPTY_BUFFERS = { ByteBuffer.allocate(0) };

    private final SSLContext sslContext;
    private final String host;
    private final int port;
    private final boolean isClientMode;
    private final boolean endpointIdentification;
    private final Executor taskExecutor;
    private final int packetBufferSize;
    private final int applicationBufferSize;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer handshakeAppIn;
    private final ByteBuffer[] unwrapDst = new ByteBuffer[1];
    private final ByteBuffer[] wrapSrc = new ByteBuffer[1];
    private final ByteBuffer[] handshakeUnwrapDst = new ByteBuffer[1];
    private final AtomicInteger pendingTasks = new AtomicInteger();
    private volatile Exception taskFailure;

    private SSLEngine engine;
    private boolean isInboundDone;
    private boolean isHandshakeAppInReadable;

    /**
     * Create a client-mode TLS transport for one endpoint.
     *
     * @param sslContext             to create engines from.
     * @param host                   server host, for SNI and host name verification.
     * @param port                   server port.
     * @param endpointIdentification verify the certificate's host name (HTTPS rules).
     * @param taskExecutor           runs delegated handshake tasks; {@code null} for a shared daemon thread.
     */
    public TlsTransport(
        final SSLContext sslContext,
        final String host,
        final int port,
        final boolean endpointIdentification,
        final Executor taskExecutor)
    {
        this(sslContext, host, port, true, endpointIdentification, taskExecutor,
            CLIENT_READ_BUFFER_RECORDS, CLIENT_WRITE_BUFFER_RECORDS);
    }

    /**
     * Create a server-mode TLS transport for one accepted socket. Its send buffer holds more records than a
     * client's: a server writes far more than it reads.
     *
     * @param sslContext   with the server's key, to create engines from.
     * @param taskExecutor runs delegated handshake tasks; {@code null} for a shared daemon thread,
     *                     {@code Runnable::run} to run them inline.
     * @return a transport to {@link #init(SocketChannel)} with the accepted channel.
     */
    public static TlsTransport server(final SSLContext sslContext, final Executor taskExecutor)
    {
        return new TlsTransport(sslContext, null, -1, false, false, taskExecutor,
            SERVER_READ_BUFFER_RECORDS, SERVER_WRITE_BUFFER_RECORDS);
    }

    private TlsTransport(
        final SSLContext sslContext,
        final String host,
        final int port,
        final boolean isClientMode,
        final boolean endpointIdentification,
        final Executor taskExecutor,
        final int readBufferRecords,
        final int writeBufferRecords)
    {
        this.sslContext = sslContext;
        this.host = host;
        this.port = port;
        this.isClientMode = isClientMode;
        this.endpointIdentification = endpointIdentification;
        this.taskExecutor = null != taskExecutor ? taskExecutor : DefaultTaskExecutor.INSTANCE;

        final SSLSession session = createEngine().getSession();
        packetBufferSize = session.getPacketBufferSize();
        applicationBufferSize = session.getApplicationBufferSize();
        final boolean direct = isDirectNetBuffer(sslContext.getProvider());
        netIn = allocate(packetBufferSize * readBufferRecords, direct);
        netOut = allocate(packetBufferSize * writeBufferRecords, direct);
        handshakeAppIn = ByteBuffer.allocateDirect(applicationBufferSize);
        handshakeUnwrapDst[0] = handshakeAppIn;
    }

    /**
     * Are the ciphertext buffers direct for engines of this provider.
     *
     * @param provider of the {@link SSLContext}.
     * @return true for Conscrypt (native code reads the buffer's address), false for the JDK and others (heap
     * arrays).
     */
    public static boolean isDirectNetBuffer(final Provider provider)
    {
        return null != provider && provider.getClass().getName().startsWith(CONSCRYPT_PACKAGE_PREFIX);
    }

    /**
     * Is this transport the client side of the handshake.
     *
     * @return true in client mode (the engine), false in server mode (the simulator).
     */
    public boolean isClientMode()
    {
        return isClientMode;
    }

    /**
     * Are the ciphertext buffers direct (Conscrypt) or heap (the JDK).
     *
     * @return true when direct.
     */
    public boolean isDirect()
    {
        return netIn.isDirect();
    }

    private static ByteBuffer allocate(final int capacity, final boolean direct)
    {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /**
     * Largest TLS record, from the session.
     *
     * @return packet buffer size in bytes.
     */
    public int packetBufferSize()
    {
        return packetBufferSize;
    }

    /**
     * Largest plaintext of one record, from the session: a read needs this much room in its destination.
     *
     * @return application buffer size in bytes.
     */
    public int applicationBufferSize()
    {
        return applicationBufferSize;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void init(final SocketChannel channel) throws IOException
    {
        this.channel = channel;
        netIn.clear().flip();
        netOut.clear();
        handshakeAppIn.clear();
        isHandshakeAppInReadable = false;
        isInboundDone = false;
        taskFailure = null;

        engine = createEngine();
        if (endpointIdentification)
        {
            final SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        engine.beginHandshake();
    }

    private SSLEngine createEngine()
    {
        final SSLEngine engine = isClientMode ? sslContext.createSSLEngine(host, port) : sslContext.createSSLEngine();
        engine.setUseClientMode(isClientMode);
        return engine;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int handshake() throws IOException
    {
        for (int step = 0; step < 16; step++)
        {
            final Exception failure = taskFailure;
            if (null != failure)
            {
                throw new SSLException("TLS handshake task failed", failure);
            }
            if (pendingTasks.get() > 0)
            {
                return HANDSHAKE_IN_PROGRESS;
            }

            switch (engine.getHandshakeStatus())
            {
                case NEED_WRAP:
                {
                    if (netOut.remaining() < packetBufferSize && flush() >= 0 && netOut.remaining() < packetBufferSize)
                    {
                        return HANDSHAKE_IN_PROGRESS;
                    }
                    final SSLEngineResult result = engine.wrap(EMPTY_BUFFERS, 0, 1, netOut);
                    checkClosed(result);
                    flush();
                    break;
                }

                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                {
                    flush();
                    final SSLEngineResult result = engine.unwrap(netIn, handshakeUnwrapDst, 0, 1);
                    checkClosed(result);
                    if (SSLEngineResult.Status.BUFFER_UNDERFLOW == result.getStatus())
                    {
                        final int bytes = readSocket();
                        if (bytes < 0)
                        {
                            throw new EOFException("end of stream during TLS handshake");
                        }
                        if (0 == bytes)
                        {
                            return HANDSHAKE_IN_PROGRESS;
                        }
                    }
                    break;
                }

                case NEED_TASK:
                    runTasksAsync();
                    return HANDSHAKE_IN_PROGRESS;

                default:
                    flush();
                    if (hasPendingWrite())
                    {
                        return HANDSHAKE_IN_PROGRESS;
                    }
                    if (!isHandshakeAppInReadable)
                    {
                        handshakeAppIn.flip();
                        isHandshakeAppInReadable = true;
                    }
                    return HANDSHAKE_COMPLETE;
            }
        }
        return HANDSHAKE_IN_PROGRESS;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int read(final ByteBuffer dst) throws IOException
    {
        if (isInboundDone)
        {
            return -1;
        }
        int produced = 0;
        if (isHandshakeAppInReadable && handshakeAppIn.hasRemaining())
        {
            final int length = Math.min(handshakeAppIn.remaining(), dst.remaining());
            final int limit = handshakeAppIn.limit();
            handshakeAppIn.limit(handshakeAppIn.position() + length);
            dst.put(handshakeAppIn);
            handshakeAppIn.limit(limit);
            produced += length;
        }

        unwrapDst[0] = dst;
        int socketReads = 0;
        boolean endOfStream = false;
        while (dst.remaining() >= applicationBufferSize)
        {
            if (!hasCompleteRecord())
            {
                final int bytes = socketReads++ < SOCKET_READS_PER_CALL ? readSocket() : 0;
                if (bytes <= 0)
                {
                    endOfStream = bytes < 0;
                    break;
                }
                continue;
            }

            final SSLEngineResult result = engine.unwrap(netIn, unwrapDst, 0, 1);
            produced += result.bytesProduced();
            final SSLEngineResult.Status status = result.getStatus();
            if (SSLEngineResult.Status.CLOSED == status)
            {
                isInboundDone = true;
                endOfStream = true;
                break;
            }
            if (SSLEngineResult.Status.BUFFER_UNDERFLOW == status)
            {
                final int bytes = socketReads++ < SOCKET_READS_PER_CALL ? readSocket() : 0;
                if (bytes <= 0)
                {
                    endOfStream = bytes < 0;
                    break;
                }
            }
            else if (SSLEngineResult.Status.BUFFER_OVERFLOW == status)
            {
                break;
            }

            final SSLEngineResult.HandshakeStatus handshakeStatus = result.getHandshakeStatus();
            if (SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING != handshakeStatus &&
                SSLEngineResult.HandshakeStatus.FINISHED != handshakeStatus)
            {
                serviceLiveHandshake(handshakeStatus);
            }
        }

        if (endOfStream && 0 == produced)
        {
            return -1;
        }
        return produced;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int write(final ByteBuffer src) throws IOException
    {
        flush();
        int consumed = 0;
        wrapSrc[0] = src;
        while (src.hasRemaining())
        {
            if (netOut.remaining() < packetBufferSize && (flush() <= 0 || netOut.remaining() < packetBufferSize))
            {
                break;
            }
            final SSLEngineResult result = engine.wrap(wrapSrc, 0, 1, netOut);
            checkClosed(result);
            consumed += result.bytesConsumed();
            if (SSLEngineResult.Status.OK != result.getStatus() || 0 == result.bytesConsumed())
            {
                break;
            }
        }
        flush();
        return consumed;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int flush() throws IOException
    {
        if (0 == netOut.position())
        {
            return 0;
        }
        netOut.flip();
        try
        {
            return writeChannel(netOut);
        }
        finally
        {
            netOut.compact();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean hasPendingWrite()
    {
        return netOut.position() > 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        final SSLEngine engine = this.engine;
        final SocketChannel channel = this.channel;
        this.engine = null;
        this.channel = null;
        if (null != engine && null != channel && channel.isOpen())
        {
            try
            {
                engine.closeOutbound();
                if (netOut.remaining() >= packetBufferSize)
                {
                    engine.wrap(EMPTY_BUFFERS, 0, 1, netOut);
                }
                netOut.flip();
                channel.write(netOut);
            }
            catch (final Exception ignore)
            {
                // best effort close_notify: the socket is closed next regardless
            }
        }
        netOut.clear();
        CloseHelper.quietClose(channel);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    protected void onClosed()
    {
        engine = null;
        netOut.clear();
    }

    /**
     * Has the peer sent close_notify.
     *
     * @return true once the inbound side is done.
     */
    public boolean isInboundDone()
    {
        return isInboundDone;
    }

    /**
     * Does {@code netIn} hold a whole TLS record (5-byte header: type, version, 16-bit length)? Checking here means
     * {@code unwrap} is only called when it can make progress, so no call ends in a {@code BUFFER_UNDERFLOW} result
     * (each call allocates one {@code SSLEngineResult}, in the JDK and in Conscrypt). A length the buffer could never
     * hold is passed on to the engine, which rejects it.
     */
    private boolean hasCompleteRecord()
    {
        final int remaining = netIn.remaining();
        if (remaining < RECORD_HEADER_LENGTH)
        {
            return false;
        }
        final int position = netIn.position();
        final int recordLength = RECORD_HEADER_LENGTH +
            (((netIn.get(position + 3) & 0xFF) << 8) | (netIn.get(position + 4) & 0xFF));
        return remaining >= recordLength || recordLength > netIn.capacity();
    }

    private int readSocket() throws IOException
    {
        netIn.compact();
        try
        {
            return readChannel(netIn);
        }
        finally
        {
            netIn.flip();
        }
    }

    private void checkClosed(final SSLEngineResult result) throws IOException
    {
        if (SSLEngineResult.Status.CLOSED == result.getStatus())
        {
            throw new EOFException("TLS engine closed");
        }
    }

    private void runTasksAsync()
    {
        Runnable task;
        while (null != (task = engine.getDelegatedTask()))
        {
            pendingTasks.incrementAndGet();
            final Runnable delegated = task;
            taskExecutor.execute(() ->
            {
                try
                {
                    delegated.run();
                }
                catch (final Exception ex)
                {
                    taskFailure = ex;
                }
                finally
                {
                    pendingTasks.decrementAndGet();
                }
            });
        }
    }

    private void serviceLiveHandshake(final SSLEngineResult.HandshakeStatus handshakeStatus) throws IOException
    {
        if (SSLEngineResult.HandshakeStatus.NEED_TASK == handshakeStatus)
        {
            Runnable task;
            while (null != (task = engine.getDelegatedTask()))
            {
                task.run();
            }
        }
        else if (SSLEngineResult.HandshakeStatus.NEED_WRAP == handshakeStatus)
        {
            flush();
            if (netOut.remaining() >= packetBufferSize)
            {
                checkClosed(engine.wrap(EMPTY_BUFFERS, 0, 1, netOut));
                flush();
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "TlsTransport{" + (isClientMode ? "client, host=" + host + ", port=" + port : "server") +
            ", direct=" + isDirect() + ", packetBufferSize=" + packetBufferSize +
            ", bytesRead=" + bytesRead() + ", bytesWritten=" + bytesWritten() + '}';
    }

    static final class DefaultTaskExecutor
    {
        static final ExecutorService INSTANCE = Executors.newCachedThreadPool((runnable) ->
        {
            final Thread thread = new Thread(runnable, "kite-tls-tasks");
            thread.setDaemon(true);
            return thread;
        });
    }
}
