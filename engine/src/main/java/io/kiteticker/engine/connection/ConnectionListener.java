package io.kiteticker.engine.connection;

/**
 * Notified of connection state changes.
 * <p>
 * <b>Note:</b> called on the connection's agent thread, inside its duty cycle: implementations must return quickly,
 * must not block, and should not allocate heavily (state changes are rare, so a queue offer or a volatile write is
 * the right amount of work). Exceptions thrown from here go to the connection's error handler.
 */
@FunctionalInterface
public interface ConnectionListener
{
    /**
     * A listener that ignores every notification.
     */
    ConnectionListener NO_OP = (apiKeyIndex, connectionIndex, from, to) -> {};

    /**
     * The connection moved from one state to another.
     *
     * @param apiKeyIndex     of the connection's API key.
     * @param connectionIndex of the connection within its key.
     * @param from            previous state.
     * @param to              new state.
     */
    void onStateChange(int apiKeyIndex, int connectionIndex, ConnectionState from, ConnectionState to);

    /**
     * The server rejected the credentials (HTTP 403 on the upgrade). Called once per rejection, after
     * {@link #onStateChange} to {@link ConnectionState#CREDENTIALS_REJECTED}.
     *
     * @param apiKeyIndex of the rejected key.
     * @param apiKeyId    label of the rejected key (never the api key or the token).
     */
    default void onCredentialsRejected(final int apiKeyIndex, final String apiKeyId)
    {
    }
}
