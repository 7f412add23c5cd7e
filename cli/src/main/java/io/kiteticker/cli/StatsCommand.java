package io.kiteticker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ./kite stats}: Show the live counters and distinct errors of a running engine.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Show the live counters and distinct errors of a running engine.")
public final class StatsCommand implements Callable<Integer>
{
    /**
     * Not built yet.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        throw new UnsupportedOperationException("stats: not built yet");
    }
}
