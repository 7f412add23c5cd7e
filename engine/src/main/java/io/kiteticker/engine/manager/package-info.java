/**
 * Control-plane internals of {@link io.kiteticker.engine.KiteManager}: the pure
 * {@link io.kiteticker.engine.manager.InstrumentAllocator} (which key and connection hold each instrument token, with
 * the per-connection limit, dedupe and the distribution strategies) and the per-connection
 * {@link io.kiteticker.engine.manager.ConnectionBatches} it returns, from which the manager sends one command per
 * connection.
 */
package io.kiteticker.engine.manager;
