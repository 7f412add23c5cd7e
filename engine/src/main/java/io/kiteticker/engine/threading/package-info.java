/**
 * Maps agents onto threads as Aeron does: {@link io.kiteticker.engine.threading.ThreadingMode} DEDICATED, SHARED or
 * INVOKER, driven by an {@link io.kiteticker.engine.threading.AgentScheduler}, with idle strategies chosen by alias
 * ({@link io.kiteticker.engine.threading.IdleStrategies}) and optional CPU pinning that degrades cleanly.
 */
package io.kiteticker.engine.threading;
