package io.kiteticker.engine.manager;

import org.agrona.collections.Object2IntHashMap;

import java.util.List;
import java.util.Objects;

/**
 * The API keys of a manager, in index order: each key's id (the label every API call, stat, counter and message
 * uses), its Kite Connect {@code api_key} and its access token. Immutable.
 * <p>
 * <b>Note:</b> the secrets are handed only to the connections that log in with them
 * ({@link #apiKey(int)}, {@link #accessToken(int)}); {@link #toString()} names the ids only, so a secret can appear
 * in no log, message or stat.
 */
public final class Credentials
{
    private final String[] ids;
    private final String[] apiKeys;
    private final String[] accessTokens;
    private final List<String> idList;
    private final Object2IntHashMap<String> indexById = new Object2IntHashMap<>(-1);

    /**
     * Credentials from parallel arrays (copied).
     *
     * @param ids          of the keys, unique and not empty; index {@code i} is key {@code i}.
     * @param apiKeys      the Kite Connect api_key of each key.
     * @param accessTokens the access token of each key's session.
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or an id repeats.
     */
    public Credentials(final String[] ids, final String[] apiKeys, final String[] accessTokens)
    {
        if (ids.length != apiKeys.length || ids.length != accessTokens.length || 0 == ids.length)
        {
            throw new IllegalArgumentException("one api_key and one access token per id, and at least one id");
        }
        this.ids = ids.clone();
        this.apiKeys = apiKeys.clone();
        this.accessTokens = accessTokens.clone();
        for (int i = 0; i < this.ids.length; i++)
        {
            Objects.requireNonNull(this.ids[i], "id");
            Objects.requireNonNull(this.apiKeys[i], "apiKey");
            Objects.requireNonNull(this.accessTokens[i], "accessToken");
            if (indexById.containsKey(this.ids[i]))
            {
                throw new IllegalArgumentException("API key id '" + this.ids[i] + "' given twice");
            }
            indexById.put(this.ids[i], i);
        }
        idList = List.of(this.ids);
    }

    /**
     * Number of API keys.
     *
     * @return the key count, at least 1.
     */
    public int count()
    {
        return ids.length;
    }

    /**
     * Id of a key.
     *
     * @param index of the key.
     * @return its id.
     * @throws IndexOutOfBoundsException if no key has that index.
     */
    public String id(final int index)
    {
        return ids[index];
    }

    /**
     * Ids of every key, in index order.
     *
     * @return an unmodifiable list.
     */
    public List<String> ids()
    {
        return idList;
    }

    /**
     * Index of the key with an id.
     *
     * @param id of the key, or {@code null}.
     * @return its index, or -1 if no key has that id.
     */
    public int indexOf(final String id)
    {
        return null == id ? -1 : indexById.getValue(id);
    }

    /**
     * The Kite Connect api_key of a key, for the connection that logs in with it.
     *
     * @param index of the key.
     * @return the api_key (never log it).
     */
    public String apiKey(final int index)
    {
        return apiKeys[index];
    }

    /**
     * The access token of a key, for the connection that logs in with it.
     *
     * @param index of the key.
     * @return the access token (never log it).
     */
    public String accessToken(final int index)
    {
        return accessTokens[index];
    }

    /**
     * The ids only: no api_key and no access token.
     *
     * @return {@code Credentials{ids=[…]}}.
     */
    @Override
    public String toString()
    {
        return "Credentials{ids=" + idList + '}';
    }
}
