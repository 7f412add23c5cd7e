package io.kiteticker.engine.threading;

/**
 * How connection agents are mapped onto threads, as Aeron's {@code ThreadingMode}: the same agents run under each.
 */
public enum ThreadingMode
{
    /**
     * One {@code AgentRunner} thread per connection, optionally pinned to a CPU.
     */
    DEDICATED,

    /**
     * Connections shared on a fixed number of threads, each running a {@code DynamicCompositeAgent}. The default: it
     * stays correct when connections outnumber cores.
     */
    SHARED,

    /**
     * No threads: the caller drives each cycle with {@link AgentScheduler#invoke()}.
     */
    INVOKER
}
