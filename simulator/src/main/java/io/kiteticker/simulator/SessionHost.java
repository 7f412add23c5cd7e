package io.kiteticker.simulator;

/**
 * What a {@link ServerSession} needs from the agent that runs it: the clock of the duty cycle, the open-connection
 * count per api_key, and the counters of rejected upgrades and failed sessions. {@link SimulatorAgent} is the
 * host in the simulator; unit tests pass a fake. Called on the agent thread, on the control path only (upgrade,
 * close, errors), never per packet.
 */
interface SessionHost
{
    /**
     * The time of the current duty cycle.
     *
     * @return nanoseconds of the simulator's clock.
     */
    long nowNs();

    /**
     * Take one of the connections an api_key may have open.
     *
     * @param apiKey of the upgrade request.
     * @return true if taken; false when the key is at its limit.
     */
    boolean tryAcquireConnectionSlot(String apiKey);

    /**
     * The status every upgrade is refused with for now ({@link KiteSimulator#refuseUpgrades}), as a server that is
     * down for a while answers.
     *
     * @return the HTTP status, or 0 when upgrades are not being refused.
     */
    int upgradeRefusalStatus();

    /**
     * An upgrade was refused with {@link #upgradeRefusalStatus()}.
     */
    void onRefusedUpgrade();

    /**
     * An upgrade was answered 403: unknown api_key or wrong access_token.
     */
    void onRejectedCredentials();

    /**
     * An upgrade was refused: the api_key had its connections open already.
     */
    void onRejectedConnectionLimit();

    /**
     * An upgrade request was not a valid WebSocket upgrade (400 or 426).
     */
    void onRejectedBadRequest();

    /**
     * A session that held a connection slot closed: give the slot back.
     *
     * @param apiKey the session authenticated with.
     */
    void onSessionClosed(String apiKey);

    /**
     * A session failed with an exception and is closed abortively.
     *
     * @param connectionId of the session.
     * @param ex           what failed.
     */
    void onSessionError(long connectionId, Exception ex);
}
