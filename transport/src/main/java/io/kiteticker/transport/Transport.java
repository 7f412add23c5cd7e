package io.kiteticker.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Non-blocking byte transport of one connection over a connected {@link SocketChannel}: plaintext for
 * {@code ws://} ({@link PlainTransport}) or TLS for {@code wss://} ({@link TlsTransport}, client mode in the engine,
 * server mode in the simulator). {@link #init(SocketChannel)} starts it on a channel; {@link #close()} or
 * {@link #abort()} ends it. The engine reuses one instance (and its buffers) for every connection attempt; the
 * simulator makes one per accepted socket.
 * <p>
 * <b>Note:</b> single-threaded (the owning agent's thread); no method blocks, and none allocates once the
 * handshake is done, except what the {@code SSLEngine} allocates internally: one {@code SSLEngineResult} per TLS
 * record with Conscrypt, about 1.4 KB per record with the JDK 17 engine (see {@link TlsTransport}).
 */
public interface Transport
{
    /**
     * {@link #handshake()} result: the transport is ready for application data.
     */
    int HANDSHAKE_COMPLETE = 1;

    /**
     * {@link #handshake()} result: call again on a later cycle.
     */
    int HANDSHAKE_IN_PROGRESS = 0;

    /**
     * Start using a newly connected channel.
     *
     * @param channel connected, non-blocking.
     * @throws IOException if the transport cannot start (for example the TLS engine cannot be created).
     */
    void init(SocketChannel channel) throws IOException;

    /**
     * Advance the transport handshake (TLS) without blocking. Application bytes that arrive with the end of the
     * handshake are kept and returned by the next {@link #read(ByteBuffer)}.
     *
     * @return {@link #HANDSHAKE_COMPLETE} or {@link #HANDSHAKE_IN_PROGRESS}.
     * @throws IOException on a handshake failure; {@link java.io.EOFException} when the peer went away or the
     *                     TLS engine closed during the handshake.
     */
    int handshake() throws IOException;

    /**
     * Read available plaintext into {@code dst} from its position up to its limit, without blocking.
     *
     * @param dst buffer in write (fill) mode; its position is advanced by the bytes produced.
     * @return plaintext bytes produced (may be 0), or -1 at end of stream with nothing produced.
     * @throws IOException on a read or TLS error.
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Write (or, for TLS, encrypt and buffer) plaintext from {@code src}, without blocking. Bytes not accepted stay
     * in {@code src}; call again on a later cycle.
     *
     * @param src buffer in read (drain) mode; its position is advanced by the bytes accepted.
     * @return plaintext bytes accepted.
     * @throws IOException on a write or TLS error.
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Write any bytes the transport has buffered (TLS records), without blocking.
     *
     * @return bytes written to the socket.
     * @throws IOException on a write error.
     */
    int flush() throws IOException;

    /**
     * Are bytes buffered inside the transport waiting for the socket?
     *
     * @return true when {@link #flush()} has work to do.
     */
    boolean hasPendingWrite();

    /**
     * Total bytes read from the socket since creation (ciphertext for TLS).
     *
     * @return bytes read.
     */
    long bytesRead();

    /**
     * Total bytes written to the socket since creation (ciphertext for TLS).
     *
     * @return bytes written.
     */
    long bytesWritten();

    /**
     * End the connection: best-effort TLS close_notify, then close the channel. Never throws; idempotent.
     */
    void close();

    /**
     * Reset the connection: no close_notify, {@code SO_LINGER} 0 and close, so that the peer gets a TCP RST.
     * Never throws; idempotent.
     */
    void abort();
}
