/**
 * The {@code ./kite} command line (picocli): simulate, and later run, replay, dump and stats.
 */
package io.kiteticker.cli;
