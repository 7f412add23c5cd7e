package io.kiteticker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ./kite run}: Run the engine (against the embedded simulator by default), journaling, with live progress.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the engine (against the embedded simulator by default), journaling, with live progress.")
public final class RunCommand implements Callable<Integer>
{
    /**
     * Not built yet.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        throw new UnsupportedOperationException("run: not built yet");
    }
}
