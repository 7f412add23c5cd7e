package io.kiteticker.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Name of Chronicle Queue's metadata file in a queue directory.
     */
    public static final String METADATA_FILE_NAME = SingleChronicleQueue.QUEUE_METADATA_FILE;

    private static final int HEADER_FLAGS_MASK = 0xC000_0000;
    private static final int HEADER_META_DATA = 0x4000_0000;
    private static final byte[] HEADER_FIELD = { (byte)0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r' };
    private static final int FILE_HEADER_PREFIX_LENGTH = Integer.BYTES + HEADER_FIELD.length;

    static
    {
        ChronicleProperties.applyDefaults();
    }

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
     * @throws JournalDamagedException if a queue file or the metadata file has a bad header, or the first document
     *                                 cannot be read.
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
        checkHeaders(directory);

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
        catch (final Exception | InternalError ex)
        {
            if (String.valueOf(ex.getMessage()).contains(METADATA_FILE_NAME))
            {
                throw new JournalDamagedException(directory.toString(), List.of(new JournalDamage(
                    METADATA_FILE_NAME, JournalDamage.UNKNOWN, JournalDamage.UNKNOWN, JournalDamage.TO_THE_END,
                    "the queue's metadata cannot be read (" + ex.getClass().getSimpleName() + "); the " +
                    QUEUE_FILE_SUFFIX + " data files may be intact: move " + METADATA_FILE_NAME +
                    " out of the directory and run again")), ex);
            }
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
        catch (final Exception | InternalError ex)
        {
            queue.close();
            throw new JournalDamagedException(directory.toString(), List.of(new JournalDamage(
                firstFileName(directory), JournalDamage.UNKNOWN, JournalDamage.UNKNOWN, JournalDamage.TO_THE_END,
                "its first document cannot be read (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() +
                ")")), ex);
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

    /**
     * Whether a file starts as every Chronicle Queue file (data and metadata) does: a finished meta-data document
     * whose first field is {@code header}, and holds all of that document.
     *
     * @param file to check.
     * @return true if the first bytes are a Chronicle file header.
     */
    public static boolean hasChronicleHeader(final Path file)
    {
        final byte[] start = new byte[FILE_HEADER_PREFIX_LENGTH];
        final long size;
        try (InputStream in = Files.newInputStream(file))
        {
            if (in.readNBytes(start, 0, start.length) < start.length)
            {
                return false;
            }
            size = Files.size(file);
        }
        catch (final IOException ex)
        {
            return false;
        }
        final int word = (start[0] & 0xFF) | (start[1] & 0xFF) << 8 | (start[2] & 0xFF) << 16 | (start[3] & 0xFF) << 24;
        final int length = word & ~HEADER_FLAGS_MASK;
        if ((word & HEADER_FLAGS_MASK) != HEADER_META_DATA || 0 == length || size < Integer.BYTES + (long)length)
        {
            return false;
        }
        for (int i = 0; i < HEADER_FIELD.length; i++)
        {
            if (start[Integer.BYTES + i] != HEADER_FIELD[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Report a queue file or metadata file whose header is not a Chronicle header before Chronicle reads it (it
     * would throw a raw {@code StreamCorruptedException}, or fail to lock the metadata).
     */
    private static void checkHeaders(final Path directory)
    {
        final List<JournalDamage> damages = new ArrayList<>();
        final Path metadata = directory.resolve(METADATA_FILE_NAME);
        if (Files.exists(metadata) && !hasChronicleHeader(metadata))
        {
            damages.add(new JournalDamage(METADATA_FILE_NAME, JournalDamage.UNKNOWN, 0, JournalDamage.TO_THE_END,
                "bad or truncated header, not a Chronicle Queue metadata file; the " + QUEUE_FILE_SUFFIX +
                " data files may be intact: move " + METADATA_FILE_NAME + " out of the directory and run again"));
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + QUEUE_FILE_SUFFIX))
        {
            for (final Path file : files)
            {
                if (isNonEmptyFile(file) && !hasChronicleHeader(file))
                {
                    damages.add(new JournalDamage(file.getFileName().toString(), JournalDamage.UNKNOWN, 0,
                        JournalDamage.TO_THE_END, "bad or truncated header, not a Chronicle Queue data file"));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list " + directory + ": " + ex, ex);
        }
        if (!damages.isEmpty())
        {
            throw new JournalDamagedException(directory.toString(), damages);
        }
    }

    private static boolean isNonEmptyFile(final Path file)
    {
        try
        {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static String firstFileName(final Path directory)
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + QUEUE_FILE_SUFFIX))
        {
            final List<String> names = new ArrayList<>();
            files.forEach((file) -> names.add(file.getFileName().toString()));
            return names.stream().sorted().findFirst().orElse("(no queue file)");
        }
        catch (final IOException ex)
        {
            return "(queue file unknown)";
        }
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
