/**
 * The tick journal: every tick and text message the engine delivers, appended to a Chronicle Queue as one document
 * each ({@link io.kiteticker.journal.JournalRecord} layout), plus one {@code SESSION} document per recording that
 * names the API key ids and settings, so a recording explains itself.
 * <p>
 * {@link io.kiteticker.journal.JournalWriter} is the writer (a {@code TickHandler} and {@code TextHandler});
 * {@link io.kiteticker.journal.KiteJournal} wires it into a {@code KiteManagerBuilder}.
 */
package io.kiteticker.journal;
