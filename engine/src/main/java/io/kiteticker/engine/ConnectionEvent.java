package io.kiteticker.engine;

import io.kiteticker.engine.connection.ConnectionState;

/**
 * Something that happened to one connection of one API key, told to the
 * {@link KiteManagerBuilder#onConnectionEvent(ConnectionEventListener)} listeners on the manager's
 * {@code kite-events} thread. Built to grow: new {@link Kind}s (and fields) will be added, so a listener switches on
 * {@link #kind()} and ignores the kinds it does not know.
 * <p>
 * Never carries the api_key or the access token: {@link #apiKeyId()} is the label given to
 * {@link KiteManagerBuilder#addApiKey(String, String, String)}.
 *
 * @param kind            what happened.
 * @param apiKeyId        id of the connection's API key.
 * @param apiKeyIndex     index of the key (as in {@link io.kiteticker.engine.ring.TickEvent#apiKeyIndex()}).
 * @param connectionIndex index of the connection within its key.
 * @param state           the connection's state when it happened.
 */
public record ConnectionEvent(Kind kind, String apiKeyId, int apiKeyIndex, int connectionIndex, ConnectionState state)
{
    /**
     * The kinds of connection event.
     */
    public enum Kind
    {
        /**
         * The server refused the key's credentials (HTTP 403 on the WebSocket upgrade), at start or during a run
         * (a token invalidated mid-day, the reconnect refused). The connection does not retry: from the first such
         * event of a key, the engine can no longer deliver that key's ticks until the application fixes the
         * credentials and restarts the manager ({@link ApiKeyStats#canDeliver()} is false,
         * {@link HealthSummary#rejectedApiKeyIds()} names the key). One event per connection of the key, as each is
         * refused.
         */
        CREDENTIALS_REJECTED
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ConnectionEvent{" + kind + " API key '" + apiKeyId + "' connection " + connectionIndex + ", " +
            state + '}';
    }
}
