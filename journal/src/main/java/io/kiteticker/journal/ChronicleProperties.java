package io.kiteticker.journal;

/**
 * Turns off what Chronicle Queue would otherwise start in an embedding process: its usage-analytics client (a
 * {@code chronicle~analytics~http~client} thread that sends usage data to a third-party service and writes
 * {@code ~/.chronicle.analytics.client.id}) and its release announcer (a banner on stdout). Applied from the static
 * initialisers of {@link JournalContext} and {@link Journals}, which every way into the journal (writer, replay,
 * tools) goes through before it touches a Chronicle class, so it runs before Chronicle's own static initialisers read
 * the properties.
 * <p>
 * A property the application set (on the command line or before this class loads) is left as it is, so
 * {@code -Dchronicle.analytics.disable=false} still turns analytics on.
 */
public final class ChronicleProperties
{
    /**
     * Chronicle's property that turns its usage analytics off.
     */
    public static final String ANALYTICS_DISABLE_PROP_NAME = "chronicle.analytics.disable";

    /**
     * Chronicle's property that turns its release announcer off.
     */
    public static final String ANNOUNCER_DISABLE_PROP_NAME = "chronicle.announcer.disable";

    /**
     * Value set when the application did not set a property: {@code true} (off).
     */
    public static final String DISABLE_DEFAULT = "true";

    private ChronicleProperties()
    {
    }

    /**
     * Set each property to {@link #DISABLE_DEFAULT} unless it is set already. Idempotent and cheap.
     */
    public static void applyDefaults()
    {
        setIfAbsent(ANALYTICS_DISABLE_PROP_NAME);
        setIfAbsent(ANNOUNCER_DISABLE_PROP_NAME);
    }

    private static void setIfAbsent(final String name)
    {
        try
        {
            if (null == System.getProperty(name))
            {
                System.setProperty(name, DISABLE_DEFAULT);
            }
        }
        catch (final SecurityException ignore)
        {
            // a restricted process: it keeps Chronicle's defaults
        }
    }
}
