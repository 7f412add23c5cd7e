package io.kiteticker.cli.run;

import io.kiteticker.engine.ConnectionDiagnostics;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;

/**
 * Control-thread side of latency measurement with the embedded simulator: maps every engine connection's current
 * WebSocket session to the simulator connection at the other end of the socket (engine local port = simulator
 * remote port, both read from {@link KiteManager#connectionDiagnostics()}) and binds it in the
 * {@link LatencyRecorder}. Call {@link #poll()} after {@code start()} and then regularly, so that a reconnected
 * session is bound again.
 */
public final class SimulatorBinder
{
    private final ConnectionDiagnostics diagnostics;
    private final KiteSimulator simulator;
    private final LatencyRecorder recorder;
    private final int keyCount;
    private final int connectionsPerKey;
    private final int[] boundPorts;

    /**
     * A binder for one engine and its simulator.
     *
     * @param manager   the engine, started or about to be.
     * @param simulator the engine's server.
     * @param recorder  to bind sessions in.
     */
    public SimulatorBinder(final KiteManager manager, final KiteSimulator simulator, final LatencyRecorder recorder)
    {
        this.diagnostics = manager.connectionDiagnostics();
        this.simulator = simulator;
        this.recorder = recorder;
        this.keyCount = manager.apiKeys().size();
        this.connectionsPerKey = manager.connectionsPerApiKey();
        this.boundPorts = new int[keyCount * connectionsPerKey];
    }

    /**
     * Bind every session that is not bound yet.
     *
     * @return the number of connections whose current session is bound.
     */
    public int poll()
    {
        int bound = 0;
        for (int k = 0; k < keyCount; k++)
        {
            for (int c = 0; c < connectionsPerKey; c++)
            {
                final int slot = k * connectionsPerKey + c;
                final long ticksBeforeSession = diagnostics.ticksBeforeSession(k, c);
                final int port = diagnostics.localPort(k, c);
                if (ticksBeforeSession < 0 || 0 == port || ticksBeforeSession != diagnostics.ticksBeforeSession(k, c))
                {
                    continue; // not live yet, or a session starting while we look: next poll
                }
                if (recorder.boundSession(k, c) == ticksBeforeSession && boundPorts[slot] == port)
                {
                    bound++;
                    continue;
                }

                final SimulatedConnection connection = find(port);
                if (null != connection)
                {
                    final int apiKeyIndex = k;
                    final int connectionIndex = c;
                    // the packets the engine dropped before their token's mode applied were sent too
                    recorder.bind(k, c, ticksBeforeSession, (ordinal) -> connection.sendNanos(
                        ordinal + diagnostics.modeDropsInSession(apiKeyIndex, connectionIndex)));
                    boundPorts[slot] = port;
                    bound++;
                }
            }
        }
        return bound;
    }

    private SimulatedConnection find(final int remotePort)
    {
        SimulatedConnection newest = null;
        for (final SimulatedConnection connection : simulator.connections())
        {
            if (connection.remotePort() == remotePort &&
                (null == newest || connection.connectionId() > newest.connectionId()))
            {
                newest = connection;
            }
        }
        return newest;
    }
}
