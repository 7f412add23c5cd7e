/**
 * {@code ./kite soak}: the engine against the embedded simulator under a seeded fault schedule, and the checks that
 * nothing was lost. {@link io.kiteticker.cli.soak.SoakCommand} (options) runs a
 * {@link io.kiteticker.cli.soak.SoakRun} (simulator, engine, schedule, loop); the tick handler
 * {@link io.kiteticker.cli.soak.TokenWatch} keeps per-token last-tick times and checks every slot;
 * {@link io.kiteticker.cli.soak.SessionWatch} follows each connection's sessions (reconnect and stall detection
 * times); {@link io.kiteticker.cli.soak.SoakChecker} finds tokens silent for longer than allowed;
 * {@link io.kiteticker.cli.soak.SoakReport} prints the table and the verdict.
 */
package io.kiteticker.cli.soak;
