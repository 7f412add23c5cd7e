/**
 * Counters and errors: {@link io.kiteticker.engine.status.KiteCounterDescriptor} (stable ids),
 * {@link io.kiteticker.engine.status.FailureKind} (the stable codes of a connection's last failure),
 * {@link io.kiteticker.engine.status.ConnectionCounters} per connection (one flyweight over the counters values
 * buffer), and
 * {@link io.kiteticker.engine.status.EngineStatus}, which owns the counters and the distinct error log, optionally in
 * a memory-mapped file another process reads with {@link io.kiteticker.engine.status.EngineStatusReader}.
 */
package io.kiteticker.engine.status;
