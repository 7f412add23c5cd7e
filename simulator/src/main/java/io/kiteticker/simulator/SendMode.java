package io.kiteticker.simulator;

/**
 * How the simulator paces ticks on each connection.
 */
public enum SendMode
{
    /**
     * Ticks at {@link SimulatorContext#ticksPerSecond()} per connection, and at most
     * {@link SimulatorContext#ticksPerSecondPerToken()} per subscribed token, round-robin over the subscriptions.
     */
    PACED,

    /**
     * Ticks as fast as the socket accepts them, round-robin over the subscriptions, in large messages and large
     * writes: for throughput benchmarks.
     */
    FLOOD,

    /**
     * As {@link #FLOOD}, but one pass over the subscription is encoded (and sent) once, and its frames are then
     * re-sent in a cycle until the subscription changes: the simulator's cost per tick is a copy and the socket
     * write, so its feed outruns a client on the same small machine. Prices do not move between passes. For
     * throughput benchmarks of the client.
     */
    FLOOD_CACHED,

    /**
     * As {@link #PACED}, and the {@link System#nanoTime()} just before the write of every packet is recorded so that
     * {@link SimulatedConnection#sendNanos(long)} can tell an in-process receiver when packet n was sent. Each
     * message is written on its own so that the time is close to the moment the bytes enter the socket.
     */
    LATENCY
}
