package io.kiteticker.engine;

/**
 * A {@link KiteManagerBuilder} setting is out of range or inconsistent; raised by the setter or by
 * {@link KiteManagerBuilder#build()}.
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
