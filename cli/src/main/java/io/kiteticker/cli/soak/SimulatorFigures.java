package io.kiteticker.cli.soak;

import io.kiteticker.simulator.KiteSimulator;

/**
 * The simulator's side of a soak.
 *
 * @param accepted          TCP connections accepted.
 * @param refused           upgrades refused by a refusal window.
 * @param rejected          upgrades rejected for credentials, the connection limit or a bad request.
 * @param connectionErrors  server sessions that ended with an I/O or protocol error.
 */
record SimulatorFigures(long accepted, long refused, long rejected, long connectionErrors)
{
    static SimulatorFigures of(final KiteSimulator simulator)
    {
        return new SimulatorFigures(simulator.acceptedConnections(), simulator.refusedUpgrades(),
            simulator.rejectedHandshakes() - simulator.refusedUpgrades(), simulator.connectionErrors());
    }
}
