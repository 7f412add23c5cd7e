package io.kiteticker.engine.exceptions;

/**
 * A call that needs live connections (subscribe, unsubscribe, change mode) was made before
 * {@link io.kiteticker.engine.KiteManager#start()} succeeded or after {@link io.kiteticker.engine.KiteManager#stop()}.
 */
public class NotStartedException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param operation that was attempted, e.g. {@code "subscribe"}.
     */
    public NotStartedException(final String operation)
    {
        super(operation + " needs a started manager: call start() first");
    }
}
