/**
 * {@code ./kite run}: settings and credentials ({@link io.kiteticker.cli.run.CredentialsLoader}), the session
 * ({@link io.kiteticker.cli.run.RunSession}: simulator, engine, journal, exit codes; what it prints comes from
 * {@code RunHeader}, {@code ProgressLine} with {@code ProgressPrinter}, and {@code RunSummary}), the send → handler
 * latency probe ({@link io.kiteticker.cli.run.LatencyRecorder}, bound to simulator connections by
 * {@link io.kiteticker.cli.run.SimulatorBinder}) and the journal integration point
 * ({@link io.kiteticker.cli.run.RunJournal}).
 */
package io.kiteticker.cli.run;
