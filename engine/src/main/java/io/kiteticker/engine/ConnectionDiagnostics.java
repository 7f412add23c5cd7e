package io.kiteticker.engine;

import io.kiteticker.engine.connection.ConnectionAgent;

/**
 * Per-connection facts for tools, not for trading code: which local TCP port a connection's WebSocket session uses
 * and how many ticks it had published when that session went live. A latency rig uses them to match each engine
 * connection with the server's view of it (the simulator's {@code SimulatedConnection.remotePort()}) and each tick
 * with the server's send time ({@code ./kite run}'s {@code SimulatorBinder} and {@code LatencyRecorder}). Obtained
 * from {@link KiteManager#connectionDiagnostics()}.
 * <p>
 * <b>Note:</b> lock-free and allocation-free, so a handler may call it per tick; it reads the manager's current run
 * and answers 0 or -1 while the manager is stopped.
 */
public final class ConnectionDiagnostics
{
    private final KiteManager manager;

    ConnectionDiagnostics(final KiteManager manager)
    {
        this.manager = manager;
    }

    /**
     * Local TCP port of a connection's current (or last) WebSocket session, to match it with the server's view of
     * the connection.
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the local port, or 0 when stopped or before the connection first went live.
     */
    public int localPort(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent agent = manager.agent(apiKeyIndex, connectionIndex);
        return null == agent ? 0 : agent.localPort();
    }

    /**
     * Ticks a connection had published when its current (or last) WebSocket session went live: packet {@code n}
     * (0-based) of that session is the connection's tick number {@code ticksBeforeSession + n}, counting the ticks a
     * handler sees for that connection from 0.
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the tick count at the start of the session, or -1 when stopped or before it first went live.
     */
    public long ticksBeforeSession(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent agent = manager.agent(apiKeyIndex, connectionIndex);
        return null == agent ? -1 : agent.ticksBeforeSession();
    }

    /**
     * Packets of a connection's current (or last) WebSocket session that were dropped before their token's mode
     * applied (the quote packets a server sends between a subscribe and its mode request): the server counted them
     * as sent, so a tool matching ticks to the server's packets adds them to the session's tick number.
     *
     * @param apiKeyIndex     index of the key.
     * @param connectionIndex index of the connection within the key.
     * @return the count, or 0 when stopped.
     */
    public long modeDropsInSession(final int apiKeyIndex, final int connectionIndex)
    {
        final ConnectionAgent agent = manager.agent(apiKeyIndex, connectionIndex);
        return null == agent ? 0 : agent.modeDropsInSession();
    }
}
