package io.kiteticker.cli.stats;

import io.kiteticker.engine.status.EngineStatusReader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code ./kite run} puts the engine's memory-mapped status file (counters and distinct error log) and how
 * {@code ./kite stats} finds it: {@code ${java.io.tmpdir}/kite-engine/<pid>.status}, one per running engine,
 * deleted when the run ends. Discovery picks the most recently started file whose process is still alive; files
 * of engines whose process is gone (killed) are removed by {@link #removeDead(Path)}.
 */
public final class StatusFiles
{
    /**
     * Name of the directory under {@code java.io.tmpdir}.
     */
    public static final String DIRECTORY_NAME = "kite-engine";

    /**
     * Suffix of status files.
     */
    public static final String SUFFIX = ".status";

    private StatusFiles()
    {
    }

    /**
     * The well-known directory.
     *
     * @return {@code ${java.io.tmpdir}/kite-engine}.
     */
    public static Path defaultDirectory()
    {
        return Path.of(System.getProperty("java.io.tmpdir"), DIRECTORY_NAME);
    }

    /**
     * The status file of a process in the well-known directory.
     *
     * @param pid of the engine's process.
     * @return {@code ${java.io.tmpdir}/kite-engine/<pid>.status}.
     */
    public static Path defaultFile(final long pid)
    {
        return defaultDirectory().resolve(pid + SUFFIX);
    }

    /**
     * Whether a process is running.
     *
     * @param pid of the process.
     * @return true if alive.
     */
    public static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Delete the status files in a directory whose engine process no longer exists (killed, or crashed before it
     * could delete its own). Files that cannot be read as status files (still being created, or not ours) are left.
     *
     * @param directory to clean.
     * @return the files deleted.
     */
    public static List<Path> removeDead(final Path directory)
    {
        final List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                final long pid;
                try (EngineStatusReader reader = EngineStatusReader.map(file.toFile()))
                {
                    pid = reader.pid();
                }
                catch (final RuntimeException ex)
                {
                    continue;
                }
                if (!isAlive(pid) && deleted(file))
                {
                    removed.add(file);
                }
            }
        }
        catch (final IOException ex)
        {
            return removed;
        }
        return removed;
    }

    private static boolean deleted(final Path file)
    {
        try
        {
            return Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The status file of the most recently started engine that is still running.
     *
     * @param directory to look in.
     * @return the file, or null when no live engine has one there.
     */
    public static Path newestLive(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return null;
        }
        Path newest = null;
        long newestStartMs = Long.MIN_VALUE;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                try (EngineStatusReader reader = EngineStatusReader.map(file.toFile()))
                {
                    if (isAlive(reader.pid()) && reader.startTimestampMs() > newestStartMs)
                    {
                        newest = file;
                        newestStartMs = reader.startTimestampMs();
                    }
                }
                catch (final RuntimeException ex)
                {
                    // not initialised yet, truncated or not ours: skip it
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return newest;
    }
}
