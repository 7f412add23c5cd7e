package io.kiteticker.engine.connection;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * The TCP part of connecting: opens a non-blocking {@link SocketChannel} with the context's socket options, resolves
 * the host once (again after a failure), registers the channel with the agent thread's readiness selector (connect
 * first, then read interest) and finishes the connect without blocking.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; connecting allocates (control plane).
 */
final class SocketConnector
{
    private final ConnectionContext context;
    private InetSocketAddress resolvedAddress;
    private Selector readinessSelector;
    private SocketChannel channel;
    private SelectionKey selectionKey;

    SocketConnector(final ConnectionContext context)
    {
        this.context = context;
    }

    /**
     * Register every channel opened from now on with this selector.
     *
     * @param readinessSelector of the agent's thread, or {@code null} for none.
     */
    void registerWith(final Selector readinessSelector)
    {
        this.readinessSelector = readinessSelector;
    }

    /**
     * The channel of the current attempt.
     *
     * @return the channel, or {@code null} when none is open.
     */
    SocketChannel channel()
    {
        return channel;
    }

    /**
     * Open a channel and start connecting it.
     *
     * @return true when it connected at once, false when {@link #finishConnect()} must be polled.
     * @throws IOException if the host cannot be resolved or the connect failed.
     */
    boolean connect() throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        this.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, context.tcpNoDelay());
        if (context.socketReceiveBufferLength() > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, context.socketReceiveBufferLength());
        }
        if (context.socketSendBufferLength() > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, context.socketSendBufferLength());
        }
        if (null != readinessSelector)
        {
            selectionKey = channel.register(readinessSelector, SelectionKey.OP_CONNECT);
        }
        return channel.connect(remoteAddress());
    }

    /**
     * Poll a connect in progress.
     *
     * @return true once connected.
     * @throws IOException if the connect failed (the address is resolved again next time).
     */
    boolean finishConnect() throws IOException
    {
        try
        {
            return channel.finishConnect();
        }
        catch (final IOException ex)
        {
            resolvedAddress = null;
            throw ex;
        }
    }

    /**
     * The channel connected: wake the thread for reads from now on.
     */
    void onConnected()
    {
        if (null != selectionKey)
        {
            selectionKey.interestOps(SelectionKey.OP_READ);
        }
    }

    /**
     * Local TCP port of the channel.
     *
     * @return the port, or 0 when unknown.
     */
    int localPort()
    {
        try
        {
            final SocketAddress address = null == channel ? null : channel.getLocalAddress();
            return address instanceof InetSocketAddress ? ((InetSocketAddress)address).getPort() : 0;
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    /**
     * Close the channel of the current attempt (idempotent; the transport may have closed it already).
     */
    void close()
    {
        final SocketChannel channel = this.channel;
        this.channel = null;
        selectionKey = null;
        CloseHelper.quietClose(channel);
    }

    private InetSocketAddress remoteAddress() throws IOException
    {
        InetSocketAddress remote = resolvedAddress;
        if (null == remote || remote.isUnresolved())
        {
            remote = new InetSocketAddress(context.uri().getHost(), context.port());
            resolvedAddress = remote.isUnresolved() ? null : remote;
            if (remote.isUnresolved())
            {
                throw new IOException("cannot resolve host " + context.uri().getHost());
            }
        }
        return remote;
    }
}
