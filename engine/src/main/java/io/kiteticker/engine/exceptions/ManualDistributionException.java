package io.kiteticker.engine.exceptions;

/**
 * {@link io.kiteticker.engine.KiteManager#subscribe(int[], io.kiteticker.codec.Mode)} was called without an API key
 * while the distribution strategy is {@link io.kiteticker.engine.DistributionStrategy#MANUAL}.
 */
public class ManualDistributionException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     */
    public ManualDistributionException()
    {
        super("MANUAL distribution: use subscribeToApi(id, …) to say which API key takes the tokens");
    }
}
