/**
 * A Kite-compatible ticker server on loopback: {@link io.kiteticker.simulator.KiteSimulator}, configured by
 * {@link io.kiteticker.simulator.SimulatorContext}, speaks the {@code wss://ws.kite.trade} protocol over plain
 * WebSocket or TLS (a self-signed certificate generated at start-up and exported for clients to trust) and exposes
 * each client as a {@link io.kiteticker.simulator.SimulatedConnection} for observation and scripted faults.
 * <p>
 * Everything on the server side runs on one agent thread; other threads reach it only through a command queue.
 */
package io.kiteticker.simulator;
