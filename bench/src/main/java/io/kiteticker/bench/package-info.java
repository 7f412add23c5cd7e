/**
 * JMH benchmarks and latency/throughput rigs; {@link io.kiteticker.bench.KiteForkedBenchmark} carries the fork flags.
 */
package io.kiteticker.bench;
