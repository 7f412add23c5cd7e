package io.kiteticker.cli.run;

import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.journal.JournalContext;
import io.kiteticker.journal.JournalException;
import io.kiteticker.journal.KiteJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The one place where {@code ./kite run} meets the journal module: builds the engine with or without a
 * {@link KiteJournal} attached, and closes both in the right order.
 */
public final class RunJournal implements AutoCloseable
{
    private final KiteManager manager;
    private final KiteJournal journal;
    private final Path directory;

    private RunJournal(final KiteManager manager, final KiteJournal journal, final Path directory)
    {
        this.manager = manager;
        this.journal = journal;
        this.directory = directory;
    }

    /**
     * Build the manager, journaling every tick and text message to a directory when one is given.
     *
     * @param builder   with keys, settings and other handlers; not yet built.
     * @param directory of the recording, or null for no journal.
     * @return the built, unstarted engine with its journal.
     * @throws RunInputException if the journal cannot be opened there.
     */
    public static RunJournal build(final KiteManagerBuilder builder, final Path directory)
    {
        if (null == directory)
        {
            return new RunJournal(builder.build(), null, null);
        }
        try
        {
            final KiteJournal journal = KiteJournal.build(builder, new JournalContext().directory(directory));
            return new RunJournal(journal.manager(), journal, directory);
        }
        catch (final JournalException ex)
        {
            throw new RunInputException("--journal " + directory + ": " + ex.getMessage());
        }
    }

    /**
     * The engine.
     *
     * @return the manager, built and not started.
     */
    public KiteManager manager()
    {
        return manager;
    }

    /**
     * Whether ticks are journaled.
     *
     * @return true when a directory was given.
     */
    public boolean isJournaling()
    {
        return null != journal;
    }

    /**
     * The recording's directory.
     *
     * @return the directory, or null without a journal.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Ticks appended so far.
     *
     * @return the count, 0 without a journal.
     */
    public long ticksAppended()
    {
        return null == journal ? 0 : journal.writer().ticksAppended();
    }

    /**
     * Text messages appended so far.
     *
     * @return the count, 0 without a journal.
     */
    public long textsAppended()
    {
        return null == journal ? 0 : journal.writer().textsAppended();
    }

    /**
     * Bytes on disk in the recording's directory (the sum of file lengths; queue files are preallocated, so this
     * is what the recording reserves rather than what it holds).
     *
     * @return the size, 0 without a journal.
     */
    public long sizeBytes()
    {
        return null == directory ? 0 : directorySize(directory);
    }

    /**
     * Close the engine (its handlers drained and joined) and then the journal.
     */
    public void close()
    {
        if (null == journal)
        {
            manager.close();
        }
        else
        {
            journal.close();
        }
    }

    /**
     * Sum of the lengths of the regular files under a directory.
     *
     * @param directory to measure.
     * @return bytes, 0 if it does not exist.
     */
    public static long directorySize(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(RunJournal::length).sum();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return 0;
        }
    }

    private static long length(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }
}
