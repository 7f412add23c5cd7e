package io.kiteticker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ./kite replay}: Replay a recording through the live handler interface.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay a recording through the live handler interface.")
public final class ReplayCommand implements Callable<Integer>
{
    /**
     * Not built yet.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        throw new UnsupportedOperationException("replay: not built yet");
    }
}
