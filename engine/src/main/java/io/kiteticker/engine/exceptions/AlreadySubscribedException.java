package io.kiteticker.engine.exceptions;

/**
 * {@link io.kiteticker.engine.KiteManager#subscribeToApi(String, int[], io.kiteticker.codec.Mode)} named tokens that
 * another API key already holds. A token lives on exactly one key and one connection, so the call is refused as a
 * whole and nothing was subscribed; unsubscribe the tokens first to move them.
 */
public class AlreadySubscribedException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    private final int[] tokens;

    /**
     * Create the exception.
     *
     * @param targetApiKeyId the key the caller asked for.
     * @param ownerApiKeyId  the key holding (the first of) the conflicting tokens.
     * @param tokens         the conflicting instrument tokens.
     */
    public AlreadySubscribedException(final String targetApiKeyId, final String ownerApiKeyId, final int[] tokens)
    {
        super(tokens.length + " instrument token(s) cannot go to API key '" + targetApiKeyId +
            "': already subscribed on API key '" + ownerApiKeyId + "' (see tokens()); unsubscribe them first; " +
            "nothing was subscribed");
        this.tokens = tokens.clone();
    }

    /**
     * The conflicting instrument tokens.
     *
     * @return a copy of the conflicting instrument tokens.
     */
    public int[] tokens()
    {
        return tokens.clone();
    }
}
