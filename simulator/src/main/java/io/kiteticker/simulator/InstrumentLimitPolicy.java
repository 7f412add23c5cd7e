package io.kiteticker.simulator;

/**
 * What the simulator does when a subscribe would take a connection past
 * {@link SimulatorContext#maxInstrumentsPerConnection()}. Kite documents the limit (3000) but not its response.
 */
public enum InstrumentLimitPolicy
{
    /**
     * Subscribe the tokens that fit, ignore the rest and send one {@code {"type":"error","data":"..."}} text
     * message that says how many were ignored. The default.
     */
    ERROR_AND_IGNORE,

    /**
     * Subscribe the tokens that fit and silently ignore the rest.
     */
    IGNORE,

    /**
     * Subscribe nothing from the request, send the error text message and then close the connection with status
     * 1008 (policy violation).
     */
    CLOSE
}
