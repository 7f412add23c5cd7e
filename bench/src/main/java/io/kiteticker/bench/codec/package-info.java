/**
 * JMH benchmarks of the binary codecs: {@link io.kiteticker.bench.codec.TickDecoderBenchmark} decodes the same
 * message bytes that {@link io.kiteticker.bench.codec.KiteconnectPeerBenchmark} feeds to Zerodha's official Java SDK
 * (kiteconnect 3.5.1), so the two can be compared per message in one run.
 */
package io.kiteticker.bench.codec;
