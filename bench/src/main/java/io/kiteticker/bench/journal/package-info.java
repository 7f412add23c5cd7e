/**
 * JMH benchmarks of the journal: append throughput and allocation per tick, and replay throughput through the live
 * decode path.
 */
package io.kiteticker.bench.journal;
