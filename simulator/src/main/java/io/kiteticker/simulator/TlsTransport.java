package io.kiteticker.simulator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * TLS ({@code wss://}) over a non-blocking socket with a server-mode {@link SSLEngine}: the handshake is a state
 * machine advanced from the agent's duty cycle; delegated tasks run inline (handshakes are control path). Buffers
 * are sized once from the session and kept in fill mode between calls.
 */
final class TlsTransport extends Transport
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final int packetBufferSize;
    private boolean inboundClosed;

    TlsTransport(final SocketChannel channel, final SSLEngine engine)
    {
        super(channel);
        this.engine = engine;
        this.packetBufferSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(packetBufferSize * 4);
        this.netOut = ByteBuffer.allocateDirect(Math.max(packetBufferSize * 16, 256 * 1024));
    }

    int handshake(final ByteBuffer plaintextIn) throws IOException
    {
        for (int i = 0; i < 64; i++)
        {
            switch (engine.getHandshakeStatus())
            {
                case NEED_TASK:
                {
                    Runnable task;
                    while (null != (task = engine.getDelegatedTask()))
                    {
                        task.run();
                    }
                    break;
                }

                case NEED_WRAP:
                {
                    if (netOut.remaining() < packetBufferSize)
                    {
                        flush();
                        if (netOut.remaining() < packetBufferSize)
                        {
                            return HANDSHAKE_IN_PROGRESS;
                        }
                    }
                    final SSLEngineResult result = engine.wrap(EMPTY, netOut);
                    if (SSLEngineResult.Status.CLOSED == result.getStatus())
                    {
                        flush();
                        return HANDSHAKE_FAILED;
                    }
                    flush();
                    break;
                }

                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                {
                    final int unwrapped = unwrap(plaintextIn, true);
                    if (unwrapped < 0)
                    {
                        return HANDSHAKE_FAILED;
                    }
                    if (0 == unwrapped)
                    {
                        return HANDSHAKE_IN_PROGRESS;
                    }
                    break;
                }

                default:
                    flush();
                    return HANDSHAKE_DONE;
            }
        }
        return HANDSHAKE_IN_PROGRESS;
    }

    int read(final ByteBuffer plaintextIn) throws IOException
    {
        if (inboundClosed)
        {
            return -1;
        }
        final int before = plaintextIn.position();
        final int result = unwrap(plaintextIn, false);
        if (result < 0 && plaintextIn.position() == before)
        {
            return -1;
        }
        if (SSLEngineResult.HandshakeStatus.NEED_WRAP == engine.getHandshakeStatus() ||
            SSLEngineResult.HandshakeStatus.NEED_TASK == engine.getHandshakeStatus())
        {
            handshake(plaintextIn);
        }
        return plaintextIn.position() - before;
    }

    int write(final ByteBuffer plaintextOut) throws IOException
    {
        int consumed = 0;
        while (plaintextOut.hasRemaining())
        {
            if (netOut.remaining() < packetBufferSize)
            {
                flush();
                if (netOut.remaining() < packetBufferSize)
                {
                    break;
                }
            }
            final SSLEngineResult result = engine.wrap(plaintextOut, netOut);
            consumed += result.bytesConsumed();
            if (SSLEngineResult.Status.OK != result.getStatus())
            {
                if (SSLEngineResult.Status.CLOSED == result.getStatus())
                {
                    throw new SSLException("TLS engine closed");
                }
                break;
            }
        }
        flush();
        return consumed;
    }

    boolean hasPendingOutput()
    {
        return netOut.position() > 0;
    }

    int flush() throws IOException
    {
        if (0 == netOut.position())
        {
            return 0;
        }
        netOut.flip();
        final int written;
        try
        {
            written = channel.write(netOut);
        }
        finally
        {
            netOut.compact();
        }
        return written;
    }

    void close()
    {
        try
        {
            engine.closeOutbound();
            if (netOut.remaining() >= packetBufferSize)
            {
                engine.wrap(EMPTY, netOut);
            }
            flush();
        }
        catch (final IOException | RuntimeException ignore)
        {
            // Best effort: the peer may already be gone.
        }
        closeQuietly();
    }

    /**
     * Read from the socket if needed and unwrap into the plaintext buffer.
     *
     * @return 1 if progress was made (bytes read or unwrapped), 0 if there is nothing to do now, -1 at end.
     */
    private int unwrap(final ByteBuffer plaintextIn, final boolean handshaking) throws IOException
    {
        int progress = 0;
        final int read = channel.read(netIn);
        if (read < 0)
        {
            inboundClosed = true;
            if (0 == netIn.position())
            {
                return -1;
            }
        }
        else if (read > 0)
        {
            progress = 1;
        }

        netIn.flip();
        try
        {
            while (netIn.hasRemaining())
            {
                final SSLEngineResult result = engine.unwrap(netIn, plaintextIn);
                final SSLEngineResult.Status status = result.getStatus();
                if (result.bytesConsumed() > 0 || result.bytesProduced() > 0)
                {
                    progress = 1;
                }
                if (SSLEngineResult.Status.CLOSED == status)
                {
                    inboundClosed = true;
                    return -1;
                }
                if (SSLEngineResult.Status.OK != status)
                {
                    break; // BUFFER_UNDERFLOW: need more bytes; BUFFER_OVERFLOW: the plaintext buffer is full.
                }
                final SSLEngineResult.HandshakeStatus hs = result.getHandshakeStatus();
                if (SSLEngineResult.HandshakeStatus.NEED_TASK == hs || SSLEngineResult.HandshakeStatus.NEED_WRAP == hs)
                {
                    break;
                }
                if (handshaking && SSLEngineResult.HandshakeStatus.FINISHED == hs)
                {
                    break;
                }
            }
        }
        finally
        {
            netIn.compact();
        }
        return inboundClosed && 0 == progress ? -1 : progress;
    }
}
