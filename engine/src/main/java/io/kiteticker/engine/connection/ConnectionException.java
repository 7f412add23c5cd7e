package io.kiteticker.engine.connection;

/**
 * An expected connection problem reported to the error handler with context (which connection, what failed): a
 * connect failure, a refused upgrade, a protocol violation by the server, malformed input. Carries no stack trace
 * (the cause, if any, has one), so a failure loop costs little and the distinct error log records it once.
 * Messages name the connection and api key id only, never a secret.
 */
public final class ConnectionException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message describing the problem.
     * @param cause   or {@code null}.
     */
    public ConnectionException(final String message, final Throwable cause)
    {
        super(message, cause, false, false);
    }

    /**
     * Create the exception without a cause.
     *
     * @param message describing the problem.
     */
    public ConnectionException(final String message)
    {
        super(message, null, false, false);
    }
}
