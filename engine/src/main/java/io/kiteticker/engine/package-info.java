/**
 * Public entry points of the Kite ticker engine: {@link io.kiteticker.engine.KiteManager} (built by
 * {@link io.kiteticker.engine.KiteManagerBuilder}) serves one or many API keys, each with up to three WebSocket
 * connections of up to 3000 instrument tokens; {@link io.kiteticker.engine.DistributionStrategy} chooses where tokens
 * go; the typed, unchecked exceptions (package {@code engine.exceptions}) derive from
 * {@link io.kiteticker.engine.exceptions.KiteEngineException}; statistics and health snapshots are
 * {@link io.kiteticker.engine.ManagerStats}, {@link io.kiteticker.engine.ApiKeyStats},
 * {@link io.kiteticker.engine.ConnectionStats} and {@link io.kiteticker.engine.HealthSummary}; what happens to a
 * connection (a key's credentials refused) reaches a {@link io.kiteticker.engine.ConnectionEventListener} as a
 * {@link io.kiteticker.engine.ConnectionEvent};
 * {@link io.kiteticker.engine.ConnectionDiagnostics} gives tools per-connection facts. The manager is a facade over
 * the parts in {@code engine.manager}, built from the immutable {@code ManagerContext} the builder concludes.
 * <p>
 * This is the control plane: it may allocate and lock. It reaches the connection agents (the data plane, in
 * {@code engine.connection}) only through their command proxies.
 */
package io.kiteticker.engine;
