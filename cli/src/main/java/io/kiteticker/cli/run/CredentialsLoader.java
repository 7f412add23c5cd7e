package io.kiteticker.cli.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads Kite credentials from the environment or from a properties file, with the same names in both:
 * <ul>
 *     <li>several keys: {@code KITE_API_KEY_1} + {@code KITE_ACCESS_TOKEN_1}, {@code KITE_API_KEY_2} +
 *     {@code KITE_ACCESS_TOKEN_2}, … (numbers 1 to {@value #MAX_NUMBERED}; gaps are allowed); they get the ids
 *     {@code key-1}, {@code key-2}, …</li>
 *     <li>one key: {@code KITE_API_KEY} + {@code KITE_ACCESS_TOKEN}, id {@code key-1}; used only when no numbered
 *     pair is present.</li>
 * </ul>
 * A key without its token (or the reverse) is an error naming the missing variable. Values are trimmed and never
 * appear in any message.
 */
public final class CredentialsLoader
{
    /**
     * Name of the api_key variable (and prefix of the numbered ones).
     */
    public static final String API_KEY_NAME = "KITE_API_KEY";

    /**
     * Name of the access token variable (and prefix of the numbered ones).
     */
    public static final String ACCESS_TOKEN_NAME = "KITE_ACCESS_TOKEN";

    /**
     * Highest suffix looked at for numbered pairs.
     */
    public static final int MAX_NUMBERED = 64;

    private CredentialsLoader()
    {
    }

    /**
     * Credentials from environment variables.
     *
     * @param environment such as {@code System.getenv()}.
     * @return the credentials in key order; empty when none are set.
     * @throws RunInputException if a pair is incomplete.
     */
    public static List<Credential> fromEnvironment(final Map<String, String> environment)
    {
        return load(environment::get, "in the environment");
    }

    /**
     * Credentials from a properties file ({@code KITE_API_KEY_1=…} lines, as {@link Properties#load(Reader)}).
     *
     * @param file to read.
     * @return the credentials in key order; empty when none are set.
     * @throws RunInputException if the file cannot be read or a pair is incomplete.
     */
    public static List<Credential> fromFile(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new RunInputException("config file not found: " + file);
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new RunInputException("cannot read config file " + file + ": " + ex.getClass().getSimpleName());
        }
        return load(properties::getProperty, "in " + file);
    }

    private static List<Credential> load(final Function<String, String> lookup, final String where)
    {
        final List<Credential> credentials = new ArrayList<>();
        for (int n = 1; n <= MAX_NUMBERED; n++)
        {
            final Credential credential = pair(
                lookup, API_KEY_NAME + "_" + n, ACCESS_TOKEN_NAME + "_" + n, "key-" + n, where);
            if (null != credential)
            {
                credentials.add(credential);
            }
        }
        if (credentials.isEmpty())
        {
            final Credential credential = pair(lookup, API_KEY_NAME, ACCESS_TOKEN_NAME, "key-1", where);
            if (null != credential)
            {
                credentials.add(credential);
            }
        }
        return credentials;
    }

    private static Credential pair(
        final Function<String, String> lookup,
        final String keyName,
        final String tokenName,
        final String id,
        final String where)
    {
        final String apiKey = value(lookup, keyName);
        final String accessToken = value(lookup, tokenName);
        if (null == apiKey && null == accessToken)
        {
            return null;
        }
        if (null == apiKey)
        {
            throw new RunInputException(tokenName + " is set but " + keyName + " is not (" + where + ")");
        }
        if (null == accessToken)
        {
            throw new RunInputException(keyName + " is set but " + tokenName + " is not (" + where + ")");
        }
        return new Credential(id, apiKey, accessToken, keyName + "/" + tokenName + " " + where);
    }

    private static String value(final Function<String, String> lookup, final String name)
    {
        final String value = lookup.apply(name);
        if (null == value)
        {
            return null;
        }
        final String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
