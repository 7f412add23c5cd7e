/**
 * Tools over recordings: a decoded dump of the raw records ({@link io.kiteticker.journal.tools.JournalDump}), a
 * summary handler ({@link io.kiteticker.journal.tools.ReplaySummary}) and a one-line-per-tick printer
 * ({@link io.kiteticker.journal.tools.TickPrinter}), used by {@code ./kite replay} and {@code ./kite dump}.
 */
package io.kiteticker.journal.tools;
