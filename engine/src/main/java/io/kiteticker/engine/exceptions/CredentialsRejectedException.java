package io.kiteticker.engine.exceptions;

/**
 * Kite refused the WebSocket upgrade (HTTP 403) for an API key: the API key or its access token is wrong or expired.
 * Raised by {@link io.kiteticker.engine.KiteManager#start()}, which then closes every connection it opened.
 * <p>
 * <b>Note:</b> the message names the API key id, never the key or the access token.
 */
public class CredentialsRejectedException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    private final String apiKeyId;
    private final int apiKeyIndex;
    private final int connectionIndex;

    /**
     * The manager's view: a key's credentials were rejected while starting.
     *
     * @param apiKeyId the user's label of the key (never the api key or token themselves).
     */
    public CredentialsRejectedException(final String apiKeyId)
    {
        super("Credentials rejected by the server for API key '" + apiKeyId +
            "': check its api_key and access_token (access tokens expire daily)");
        this.apiKeyId = apiKeyId;
        this.apiKeyIndex = -1;
        this.connectionIndex = -1;
    }

    /**
     * A connection's view, reported to the error handler: HTTP 403 on the WebSocket upgrade. Carries no stack trace,
     * so a distinct error log keeps one entry however often it happens.
     *
     * @param apiKeyIndex     of the key.
     * @param connectionIndex of the connection within the key.
     * @param apiKeyId        the user's label of the key (never the api key or token themselves).
     */
    public CredentialsRejectedException(final int apiKeyIndex, final int connectionIndex, final String apiKeyId)
    {
        super("kite-" + apiKeyIndex + "-" + connectionIndex + ": credentials rejected for API key '" + apiKeyId +
            "' (HTTP 403 on the WebSocket upgrade): the api_key or access_token is invalid or expired", false);
        this.apiKeyId = apiKeyId;
        this.apiKeyIndex = apiKeyIndex;
        this.connectionIndex = connectionIndex;
    }

    /**
     * Index of the key, or -1 when raised by the manager.
     *
     * @return the key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Index of the connection within its key, or -1 when raised by the manager.
     *
     * @return the connection index.
     */
    public int connectionIndex()
    {
        return connectionIndex;
    }

    /**
     * The id of the rejected API key, as given to the builder (never the api_key or the access token).
     *
     * @return the API key id.
     */
    public String apiKeyId()
    {
        return apiKeyId;
    }
}
