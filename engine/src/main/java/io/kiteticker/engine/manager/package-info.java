/**
 * The parts of {@link io.kiteticker.engine.KiteManager}, the control-plane facade. Each part has one concern and a
 * test of its own that needs no socket:
 * <ul>
 *     <li>{@link io.kiteticker.engine.manager.Credentials}: the API keys in index order (ids, api_keys, access
 *     tokens); its {@code toString()} names ids only.</li>
 *     <li>{@link io.kiteticker.engine.manager.InstrumentAllocator}: the subscription book, pure; it returns
 *     {@link io.kiteticker.engine.manager.ConnectionBatches}, from which one command per connection is sent.</li>
 *     <li>{@link io.kiteticker.engine.manager.HandlerRings}: the Disruptor wiring (tick and text rings, one
 *     processor thread per handler, per-key and per-connection views).</li>
 *     <li>{@link io.kiteticker.engine.manager.ConnectionRun}: the agents and scheduler of one start-to-stop run,
 *     all final, handed between threads through one volatile field of the manager; it also sends the commands.</li>
 *     <li>{@link io.kiteticker.engine.manager.ConnectionSlots}: per connection, since when live, whether rejected,
 *     how many tokens; the connections' listener.</li>
 *     <li>{@link io.kiteticker.engine.manager.ManagerStatistics} and
 *     {@link io.kiteticker.engine.manager.TickRateWindow}: the statistics and health snapshots and the
 *     ticks-per-second window.</li>
 *     <li>{@link io.kiteticker.engine.manager.HealthMonitor}: the {@code kite-health} thread that calls the health
 *     listeners on a change.</li>
 *     <li>{@link io.kiteticker.engine.manager.ConnectionEventDispatcher}: the {@code kite-events} thread that hands
 *     connection events (a key's credentials refused) from the connection threads to the event listeners.</li>
 * </ul>
 * The settings they are built from are the manager's concluded, immutable {@code ManagerContext}; the snapshot types
 * and the exceptions they produce are public API in {@code io.kiteticker.engine} and
 * {@code io.kiteticker.engine.exceptions}.
 */
package io.kiteticker.engine.manager;
