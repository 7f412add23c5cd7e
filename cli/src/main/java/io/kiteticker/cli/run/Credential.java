package io.kiteticker.cli.run;

import java.util.Objects;

/**
 * One Kite Connect API key and the access token of its session, with the id the engine knows it by and where it
 * came from. {@link #toString()} shows the id and the source only: the key and the token are never printed.
 */
public final class Credential
{
    private final String id;
    private final String apiKey;
    private final String accessToken;
    private final String source;

    /**
     * A credential.
     *
     * @param id          the engine's id for the key (printed).
     * @param apiKey      the api_key (never printed).
     * @param accessToken the access token (never printed).
     * @param source      where it came from, e.g. {@code "KITE_API_KEY_1/KITE_ACCESS_TOKEN_1 in the environment"}.
     */
    public Credential(final String id, final String apiKey, final String accessToken, final String source)
    {
        this.id = Objects.requireNonNull(id, "id");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The engine's id for the key.
     *
     * @return the id.
     */
    public String id()
    {
        return id;
    }

    /**
     * The api_key: pass it to the engine, never print it.
     *
     * @return the api_key.
     */
    public String apiKey()
    {
        return apiKey;
    }

    /**
     * The access token: pass it to the engine, never print it.
     *
     * @return the access token.
     */
    public String accessToken()
    {
        return accessToken;
    }

    /**
     * Where the credential came from (names of variables or properties and the file, no values).
     *
     * @return the source.
     */
    public String source()
    {
        return source;
    }

    /**
     * The id and the source; never the key or the token.
     *
     * @return a printable description.
     */
    public String toString()
    {
        return "Credential{id=" + id + ", source=" + source + '}';
    }
}
