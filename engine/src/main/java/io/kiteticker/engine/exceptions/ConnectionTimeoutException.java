package io.kiteticker.engine.exceptions;

/**
 * {@link io.kiteticker.engine.KiteManager#start()} gave up because not every connection became live within the
 * connection timeout. The manager closed every connection it opened and can be started again.
 */
public class ConnectionTimeoutException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message naming the connections (by key id and index) that were not live, and their states.
     */
    public ConnectionTimeoutException(final String message)
    {
        super(message);
    }
}
