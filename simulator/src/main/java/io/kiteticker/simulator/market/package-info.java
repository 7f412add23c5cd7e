/**
 * The simulator's market: the instrument {@link io.kiteticker.simulator.market.Universe} (NSE and BSE equities,
 * NFO, BFO, CDS, BCD, MCX and indices) and a deterministic, seeded random walk per instrument
 * ({@link io.kiteticker.simulator.market.MarketModel}) whose fields are always mutually consistent.
 */
package io.kiteticker.simulator.market;
