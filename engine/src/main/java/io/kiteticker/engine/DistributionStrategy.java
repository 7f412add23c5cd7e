package io.kiteticker.engine;

/**
 * How {@link KiteManager#subscribe(int[], io.kiteticker.codec.Mode)} chooses the API key and connection for each new
 * instrument token.
 * <p>
 * Whatever the strategy, a connection never holds more than {@code maxSymbolsPerConnection} tokens (counting the tokens
 * placed earlier in the same call), a token is never held by two connections or two API keys, and
 * {@link KiteManager#subscribeToApi(String, int[], io.kiteticker.codec.Mode)} is always allowed.
 */
public enum DistributionStrategy
{
    /**
     * Tokens are dealt one at a time across every connection of every API key in the order
     * {@code (key0,conn0), (key1,conn0), …, (key0,conn1), (key1,conn1), …}, skipping full connections; the cursor
     * advances exactly once per placed token, so a fresh subscription is balanced to within one token across keys
     * and across connections. The default, as in the Rust crate.
     */
    ROUND_ROBIN,

    /**
     * Tokens are placed only where the caller says: {@link KiteManager#subscribe(int[], io.kiteticker.codec.Mode)}
     * without an API key fails with {@link io.kiteticker.engine.exceptions.ManualDistributionException};
     * use {@link KiteManager#subscribeToApi(String, int[], io.kiteticker.codec.Mode)}. Within the named key the tokens
     * are dealt round-robin over its connections.
     */
    MANUAL,

    /**
     * Each new token goes to the connection holding the fewest tokens at that moment (ties broken in round-robin
     * order), which rebalances naturally after unsubscribes. New in the Java port.
     */
    LEAST_LOADED
}
