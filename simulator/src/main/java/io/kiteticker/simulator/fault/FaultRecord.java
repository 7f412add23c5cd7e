package io.kiteticker.simulator.fault;

/**
 * One fault applied: what, when, to which connection.
 *
 * @param kind         of the fault.
 * @param atNanos      {@link System#nanoTime()} when it had taken effect on the simulator thread.
 * @param connectionId of the simulator connection hit (for a refusal: the one reset), 0 if none.
 * @param remotePort   the client's TCP port of that connection (its local port), 0 if none.
 * @param detail       e.g. the close code, the HTTP status and duration, or the token forgotten.
 */
public record FaultRecord(FaultKind kind, long atNanos, long connectionId, int remotePort, String detail)
{
    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return kind.cliName() + (0 == connectionId ? "" : " on connection " + connectionId + " (client port " +
            remotePort + ")") + (detail.isEmpty() ? "" : ", " + detail);
    }
}
