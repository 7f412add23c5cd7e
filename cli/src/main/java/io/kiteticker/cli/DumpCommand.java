package io.kiteticker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ./kite dump}: Print the raw records of a recording, decoded.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Print the raw records of a recording, decoded.")
public final class DumpCommand implements Callable<Integer>
{
    /**
     * Not built yet.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        throw new UnsupportedOperationException("dump: not built yet");
    }
}
