package io.kiteticker.cli;

import io.kiteticker.cli.stats.StatsView;
import io.kiteticker.cli.stats.StatusFiles;
import io.kiteticker.engine.status.EngineStatusReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./kite stats}: the live counters and distinct errors of a running engine, read from another process
 * through the engine's memory-mapped status file (as AeronStat reads Aeron's CnC file), refreshed every second.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Show the live counters (per connection: state, ticks, frames, heartbeats, bytes, malformed input, ring " +
            "full, reconnects, disconnects, errors) and the distinct errors of a running engine, refreshed every " +
            "second until the engine exits or Ctrl-C.",
        "",
        "The engine's status file is found in ${java.io.tmpdir}/kite-engine/, where ./kite run writes " +
            "<pid>.status: the most recently started engine whose process is alive is shown, and the files of " +
            "engines whose process is gone (killed) are removed. Give --file for another engine " +
            "(KiteManagerBuilder.statusFile) or another location; a file whose engine is gone shows its last " +
            "state, marked as such.",
        ""})
public final class StatsCommand implements Callable<Integer>
{
    private static final long REFRESH_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    @Option(names = "--file", paramLabel = "PATH",
        description = "The engine's status file (default: the newest live one in ${java.io.tmpdir}/kite-engine).")
    Path file;

    @Option(names = "--once", description = "Print one snapshot and exit.")
    boolean once;

    @Option(names = "--stack-traces", description = "Print whole stack traces of distinct errors.")
    boolean stackTraces;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Find the status file and show it.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null == file)
        {
            for (final Path removed : StatusFiles.removeDead(StatusFiles.defaultDirectory()))
            {
                out.println("kite stats: removed " + removed + " (its engine is no longer running)");
            }
            out.flush();
        }
        final Path path = null != file ? file : StatusFiles.newestLive(StatusFiles.defaultDirectory());
        if (null == path)
        {
            err.println("kite stats: no running engine found in " + StatusFiles.defaultDirectory() +
                " (start one with ./kite run, or give --file PATH)");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (!Files.isRegularFile(path))
        {
            err.println("kite stats: no such file: " + path);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }

        final EngineStatusReader reader;
        try
        {
            reader = EngineStatusReader.map(path.toFile());
        }
        catch (final RuntimeException ex)
        {
            err.println("kite stats: " + path + " is not a Kite engine status file (" + ex.getMessage() + ")");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }

        try (reader)
        {
            final boolean isTerminal = null != System.console();
            boolean isFirst = true;
            while (true)
            {
                if (!once && !isFirst && !StatusFiles.isAlive(reader.pid()))
                {
                    out.println("engine process " + reader.pid() + " has exited");
                    out.flush();
                    return 0;
                }
                if (isTerminal && !once)
                {
                    out.print("\u001b[H\u001b[2J");
                }
                else if (!isFirst)
                {
                    out.println();
                }
                StatsView.print(reader, path, stackTraces, out);
                if (once)
                {
                    return 0;
                }
                isFirst = false;
                LockSupport.parkNanos(REFRESH_INTERVAL_NS);
                if (Thread.currentThread().isInterrupted())
                {
                    return 0;
                }
            }
        }
    }
}
