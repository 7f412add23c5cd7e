package io.kiteticker.engine;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatorContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the manager tests against the simulator share: two simulated keys, the simulators and managers to close
 * (in reverse order), and NSE tokens.
 */
final class ManagerFixture implements AutoCloseable
{
    static final String KEY_A = "sim-key-a";
    static final String TOKEN_A = "sim-token-a-SECRET";
    static final String KEY_B = "sim-key-b";
    static final String TOKEN_B = "sim-token-b-SECRET";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /**
     * Launch a simulator that accepts both keys, closed by {@link #close()}.
     */
    KiteSimulator simulator(final SimulatorContext context)
    {
        final KiteSimulator simulator =
            KiteSimulator.launch(context.credential(KEY_A, TOKEN_A).credential(KEY_B, TOKEN_B));
        closeables.add(simulator);
        return simulator;
    }

    /**
     * Build a manager, closed by {@link #close()} before the simulators.
     */
    KiteManager build(final KiteManagerBuilder builder)
    {
        final KiteManager manager = builder.build();
        closeables.add(manager);
        return manager;
    }

    /**
     * NSE tokens {@code (i << 8) | 1} for {@code first <= i < first + count}.
     */
    static int[] tokens(final int first, final int count)
    {
        return IntStream.range(first, first + count).map((i) -> (i << 8) | 1).toArray();
    }

    public void close() throws Exception
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            closeables.get(i).close();
        }
        closeables.clear();
    }
}
