package io.kiteticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;

/**
 * Opening recordings: for appending (the writer) and read-only (replay, dump), with clear errors for a missing
 * directory or a directory that is not a recording.
 */
public final class Journals
{
    /**
     * Suffix of Chronicle Queue data files.
     */
    public static final String QUEUE_FILE_SUFFIX = ".cq4";

    private Journals()
    {
    }

    /**
     * Open (creating if needed) the queue a writer appends to.
     *
     * @param context concluded settings.
     * @return the queue; the caller closes it.
     */
    public static SingleChronicleQueue openForAppend(final JournalContext context)
    {
        context.conclude();
        try
        {
            Files.createDirectories(context.directory());
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create journal directory " + context.directory() + ": " + ex, ex);
        }
        return SingleChronicleQueueBuilder.binary(context.directory()).rollCycle(context.rollCycle()).build();
    }

    /**
     * Open a recording read-only, checking that it is one: the directory exists, holds queue files, and its first
     * document (if any) is a journal record of a supported version.
     *
     * @param directory of the recording.
     * @return the queue; the caller closes it.
     * @throws JournalException with a message for the user if it is missing or not a recording.
     */
    public static SingleChronicleQueue openForRead(final Path directory)
    {
        if (!Files.exists(directory))
        {
            throw new JournalException("no such directory: " + directory);
        }
        if (!Files.isDirectory(directory))
        {
            throw new JournalException("not a directory: " + directory);
        }
        if (!hasQueueFiles(directory))
        {
            throw new JournalException("not a recording (no " + QUEUE_FILE_SUFFIX + " queue files): " + directory);
        }

        final SingleChronicleQueue queue;
        try
        {
            final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory).readOnly(true);
            final RollCycle rollCycle = inferRollCycle(directory);
            if (null != rollCycle)
            {
                builder.rollCycle(rollCycle);
            }
            queue = builder.build();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("not a recording (cannot open it as a queue: " + ex.getMessage() + "): " +
                directory, ex);
        }

        try (ExcerptTailer tailer = queue.createTailer())
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (dc.isPresent())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    if (bytes.readRemaining() < JournalRecord.HEADER_LENGTH)
                    {
                        throw new JournalException("not a recording (first document is not a journal record): " +
                            directory);
                    }
                    final long word0 = JournalRecord.word0(bytes, start);
                    final int type = JournalRecord.type(word0);
                    if (type < JournalRecord.TICK || type > JournalRecord.SESSION)
                    {
                        throw new JournalException("not a recording (first document is not a journal record): " +
                            directory);
                    }
                    if (JournalRecord.version(word0) != JournalRecord.FORMAT_VERSION)
                    {
                        throw new JournalException("unsupported journal format version " +
                            JournalRecord.version(word0) + " (this build reads " + JournalRecord.FORMAT_VERSION +
                            "): " + directory);
                    }
                }
            }
        }
        catch (final JournalException ex)
        {
            queue.close();
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw new JournalException("not a recording (" + ex.getMessage() + "): " + directory, ex);
        }

        return queue;
    }

    /**
     * The first session document of a recording.
     *
     * @param queue to read (its own tailer is used and closed).
     * @return the session, or null if the recording has none.
     */
    public static SessionInfo readSession(final SingleChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i < 16; i++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return null;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long start = bytes.readPosition();
                    if (bytes.readRemaining() >= JournalRecord.HEADER_LENGTH &&
                        JournalRecord.SESSION == JournalRecord.type(JournalRecord.word0(bytes, start)))
                    {
                        return SessionInfo.decode(payloadAsString(bytes, start));
                    }
                }
            }
        }
        return null;
    }

    /**
     * The payload of a TEXT or SESSION document as a string (allocates; for tools).
     *
     * @param bytes  of the document.
     * @param start  offset of the document.
     * @return the UTF-8 payload.
     */
    public static String payloadAsString(final Bytes<?> bytes, final long start)
    {
        final int length = Math.max(0, Math.min(
            JournalRecord.payloadLength(bytes, start), (int)(bytes.readLimit() - start - JournalRecord.HEADER_LENGTH)));
        final byte[] payload = new byte[length];
        bytes.read(start + JournalRecord.HEADER_LENGTH, payload, 0, length);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * The roll cycle whose file-name format matches the recording's queue files, so a read-only open needs no
     * override from the metadata (which Chronicle logs as a warning).
     *
     * @param directory of the recording.
     * @return the roll cycle, or null if none matches.
     */
    public static RollCycle inferRollCycle(final Path directory)
    {
        String fileName = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + QUEUE_FILE_SUFFIX))
        {
            for (final Path file : files)
            {
                fileName = file.getFileName().toString();
                break;
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        if (null == fileName)
        {
            return null;
        }
        final String cycleName = fileName.substring(0, fileName.length() - QUEUE_FILE_SUFFIX.length());
        for (final RollCycles rollCycle : RollCycles.values())
        {
            try
            {
                final DateTimeFormatter formatter = DateTimeFormatter.ofPattern(rollCycle.format());
                if (formatter.format(formatter.parse(cycleName)).equals(cycleName))
                {
                    return rollCycle;
                }
            }
            catch (final RuntimeException ignore)
            {
                // not this one
            }
        }
        return null;
    }

    private static boolean hasQueueFiles(final Path directory)
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + QUEUE_FILE_SUFFIX))
        {
            return files.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list " + directory + ": " + ex, ex);
        }
    }
}
