package io.kiteticker.engine.exceptions;

/**
 * A {@link io.kiteticker.engine.KiteManagerBuilder} setting is out of range or inconsistent; raised by the setter or by
 * {@link io.kiteticker.engine.KiteManagerBuilder#build()}.
 */
public class ConfigurationException extends KiteEngineException
{
    private static final long serialVersionUID = 1L;

    /**
     * Create the exception.
     *
     * @param message naming the setting and the allowed range.
     */
    public ConfigurationException(final String message)
    {
        super(message);
    }
}
