package io.kiteticker.simulator;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Byte transport of one accepted connection: plain TCP or TLS over a non-blocking {@link SocketChannel}. Reads
 * append plaintext to a buffer in fill mode; writes consume plaintext from a buffer in drain mode.
 */
abstract class Transport
{
    /**
     * Handshake in progress; call again.
     */
    static final int HANDSHAKE_IN_PROGRESS = 0;

    /**
     * Handshake complete (always, for plain TCP).
     */
    static final int HANDSHAKE_DONE = 1;

    /**
     * Handshake failed or the peer went away.
     */
    static final int HANDSHAKE_FAILED = -1;

    protected final SocketChannel channel;

    Transport(final SocketChannel channel)
    {
        this.channel = channel;
    }

    SocketChannel channel()
    {
        return channel;
    }

    /**
     * Advance the transport's own handshake (TLS) without blocking.
     *
     * @param plaintextIn receives any application bytes that arrive with the end of the handshake.
     * @return {@link #HANDSHAKE_DONE}, {@link #HANDSHAKE_IN_PROGRESS} or {@link #HANDSHAKE_FAILED}.
     * @throws IOException on a socket or TLS error.
     */
    abstract int handshake(ByteBuffer plaintextIn) throws IOException;

    /**
     * Read what is available and append plaintext to the buffer (fill mode).
     *
     * @param plaintextIn to append to.
     * @return plaintext bytes appended, or -1 at end of stream.
     * @throws IOException on a socket or TLS error.
     */
    abstract int read(ByteBuffer plaintextIn) throws IOException;

    /**
     * Write as much plaintext as the socket accepts now.
     *
     * @param plaintextOut in drain mode; its position advances by the bytes consumed.
     * @return plaintext bytes consumed.
     * @throws IOException on a socket or TLS error.
     */
    abstract int write(ByteBuffer plaintextOut) throws IOException;

    /**
     * Are there transport bytes (TLS records) still to be written?
     *
     * @return true if {@link #flush()} has work.
     */
    abstract boolean hasPendingOutput();

    /**
     * Write pending transport bytes.
     *
     * @return bytes written to the socket.
     * @throws IOException on a socket error.
     */
    abstract int flush() throws IOException;

    /**
     * Close the transport gracefully (TLS close_notify, best effort) and then the socket.
     */
    abstract void close();

    /**
     * Reset the connection: SO_LINGER 0 and close, so that the peer gets a TCP RST.
     */
    void abort()
    {
        try
        {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        catch (final IOException | RuntimeException ignore)
        {
            // The socket may already be gone; closing below is what matters.
        }
        closeQuietly();
    }

    protected void closeQuietly()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // Regular disconnects aren't errors.
        }
    }
}
