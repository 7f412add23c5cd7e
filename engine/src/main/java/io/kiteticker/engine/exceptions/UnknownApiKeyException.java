package io.kiteticker.engine.exceptions;

/**
 * An API key id was used that was never added with
 * {@link io.kiteticker.engine.KiteManagerBuilder#addApiKey(String, String, String)}.
 */
public class UnknownApiKeyException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    private final String apiKeyId;

    /**
     * Create the exception.
     *
     * @param apiKeyId the unknown id.
     */
    public UnknownApiKeyException(final String apiKeyId)
    {
        super("API key not found: '" + apiKeyId + "'");
        this.apiKeyId = apiKeyId;
    }

    /**
     * The unknown id.
     *
     * @return the unknown id.
     */
    public String apiKeyId()
    {
        return apiKeyId;
    }
}
