/**
 * End-to-end rigs for the engine against the simulator on loopback, in the style of real-logic/benchmarks'
 * {@code LoadTestRig}: {@link io.kiteticker.bench.engine.FloodThroughputRig} (ticks per second into the ring from one
 * flooding connection, plain or TLS, and the official SDK's pipeline on the same feed) and
 * {@link io.kiteticker.bench.engine.LatencyRig} (simulator send to handler, HdrHistogram percentiles at a fixed rate,
 * our engine under busy-spin and backoff idle strategies and the official SDK in the same run). They are plain
 * {@code main}s run from {@code benchmarks.jar}, because each drives several threads (simulator, agent, consumer) for
 * a fixed time, which JMH's invocation model does not fit.
 */
package io.kiteticker.bench.engine;
