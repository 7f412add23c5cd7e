/**
 * {@code ./kite stats}: finding a running engine's memory-mapped status file
 * ({@link io.kiteticker.cli.stats.StatusFiles}) and rendering its counters and distinct errors
 * ({@link io.kiteticker.cli.stats.StatsView}).
 */
package io.kiteticker.cli.stats;
