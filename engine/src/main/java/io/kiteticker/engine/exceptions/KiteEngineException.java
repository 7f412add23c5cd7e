package io.kiteticker.engine.exceptions;

/**
 * Base of every exception the engine's control plane throws. Unchecked.
 * <p>
 * <b>Note:</b> messages name API keys by their id (the label given to
 * {@link io.kiteticker.engine.KiteManagerBuilder#addApiKey(String, String, String)}) and connections by index; they
 * never contain an API key or an access token.
 */
public class KiteEngineException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message.
     *
     * @param message describing what went wrong, without secrets.
     */
    public KiteEngineException(final String message)
    {
        super(message);
    }

    /**
     * Create an exception with a message and a cause.
     *
     * @param message describing what went wrong, without secrets.
     * @param cause   of the failure.
     */
    public KiteEngineException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /**
     * An exception for an expected, repeated event, optionally without a stack trace.
     *
     * @param message            that says what happened, never containing a secret.
     * @param writableStackTrace false for expected events reported through an error handler.
     */
    protected KiteEngineException(final String message, final boolean writableStackTrace)
    {
        super(message, null, false, writableStackTrace);
    }
}
