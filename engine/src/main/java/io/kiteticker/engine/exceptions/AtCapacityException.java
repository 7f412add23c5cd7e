package io.kiteticker.engine.exceptions;

/**
 * A subscription did not fit: the connections it could use do not have room for all its new tokens. The call is
 * atomic, so nothing was subscribed.
 */
public class AtCapacityException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    private final int requestedTokenCount;
    private final int freeCapacity;

    /**
     * Create the exception.
     *
     * @param scope               what was full, e.g. {@code "all API keys"} or {@code "API key 'primary'"}.
     * @param requestedTokenCount new distinct tokens the call asked for.
     * @param freeCapacity        free token places in the scope when the call was made.
     * @param connectionCount     connections that could take tokens in the scope.
     * @param maxPerConnection    the per-connection limit.
     */
    public AtCapacityException(
        final String scope,
        final int requestedTokenCount,
        final int freeCapacity,
        final int connectionCount,
        final int maxPerConnection)
    {
        super("At capacity: " + scope + " can take " + freeCapacity + " more instrument tokens (" + connectionCount +
            " connections accepting tokens, at most " + maxPerConnection + " each) but " + requestedTokenCount +
            " new tokens were requested; nothing was subscribed");
        this.requestedTokenCount = requestedTokenCount;
        this.freeCapacity = freeCapacity;
    }

    /**
     * New distinct tokens the failed call asked for.
     *
     * @return new distinct tokens the failed call asked for.
     */
    public int requestedTokenCount()
    {
        return requestedTokenCount;
    }

    /**
     * Free token places in the scope when the call was made.
     *
     * @return free token places in the scope when the call was made.
     */
    public int freeCapacity()
    {
        return freeCapacity;
    }
}
