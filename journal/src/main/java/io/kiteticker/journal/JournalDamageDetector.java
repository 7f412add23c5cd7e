package io.kiteticker.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.ExcerptContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a damaged recording from one that simply ends, for a reader that walks a queue with a tailer (the
 * {@link io.kiteticker.journal.replay.Replayer}, the dump tool), and moves the tailer past the damage when the
 * queue's index allows it.
 * <p>
 * Chronicle Queue does not report damage: a tailer stops silently at bytes that do not look like a finished
 * document (random bytes whose first word has the "not complete" bit set read as a document still being written),
 * throws {@code InternalError} where a truncated file's mapping ends, or {@code StreamCorruptedException} at a bad
 * header. The reader calls {@link #onEnd(ExcerptTailer)} when a read finds no document and
 * {@link #onFailure(ExcerptTailer, Throwable)} when a read throws. A clean end is the position the tailer stopped at
 * being past the store's write position (the header of the last document written) in the last cycle; a tailer that
 * stops before it, twice at the same index (the second look rules out a writer that appended in between), is at
 * damage. A document that runs past the end of its file ({@link #isInsideFile(ExcerptTailer, long)}) is damage
 * too, found before anything reads there (a read of a mapping past the end of a file faults, and the JVM raises that
 * {@code InternalError} wherever the thread happens to be a little later, so it cannot be caught reliably). To get
 * past damage, the documents the queue's index points at (every {@code indexSpacing}-th) after the damaged one are
 * probed with {@code moveToIndex}, doubling the distance each time, and the first readable one is found by
 * bisection; the documents in between are reported as skipped. Nothing is probed in a truncated file.
 * <p>
 * Documents that are read but are not journal records (too short, unknown type or version) are reported through
 * {@link #onMalformed(ExcerptTailer, long, long, String)}, consecutive ones as one damaged place. Single-threaded,
 * like the tailer; not on a hot path (it works only at the end of what is written and at damage).
 */
public final class JournalDamageDetector
{
    private static final int RESUME_PROBES_MAX = 40;
    private static final long NONE = Long.MIN_VALUE;
    private static final int CHRONICLE_HEADER_LENGTH = 4;

    private final ChronicleQueue queue;
    private final List<JournalDamage> damages = new ArrayList<>();
    private long suspectIndex = NONE;
    private long cleanEndIndex = NONE;
    private long resumedIndex = NONE;
    private long lastMalformedIndex = NONE;
    private int fileCycle = Integer.MIN_VALUE;
    private long fileLength = Long.MAX_VALUE;
    private boolean isFileTruncated;
    private final boolean hasTruncatedFile;

    /**
     * A detector for one tailer of a queue.
     *
     * @param queue being read.
     */
    public JournalDamageDetector(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.hasTruncatedFile = findTruncatedFile();
    }

    /**
     * A read found no document: decide whether this is the end of what is written or damage.
     *
     * @param tailer that found no document.
     * @return true if the caller should read again (to rule out an append in between, or the tailer was moved past
     * damage); false at the end (clean, or damaged with nothing readable after it: see {@link #isDamaged()}).
     */
    public boolean onEnd(final ExcerptTailer tailer)
    {
        try
        {
            return checkEnd(tailer);
        }
        catch (final Exception | InternalError ex)
        {
            return unrecoverable(tailer, ex);
        }
    }

    private boolean checkEnd(final ExcerptTailer tailer)
    {
        final long index = safeIndex(tailer);
        if (index == cleanEndIndex)
        {
            return false;
        }
        final long position = position(tailer);
        final long writePosition = writePosition(tailer.cycle());
        final boolean isBeforeWritePosition = position >= 0 && writePosition >= 0 && position < writePosition;
        final boolean hasLaterCycle = hasLaterCycle(tailer);
        final long lastIndex = isTruncated() ? NONE : lastIndex();
        final boolean isIndexAhead = NONE != lastIndex && index >= 0 && lastIndex >= index;
        if (!isBeforeWritePosition && !hasLaterCycle && !isIndexAhead)
        {
            cleanEndIndex = index;
            suspectIndex = NONE;
            return false;
        }
        if (index != suspectIndex)
        {
            suspectIndex = index;
            return true;
        }
        suspectIndex = NONE;
        final String reason = isBeforeWritePosition ?
            "bytes that are not a finished document, before the end of what was written (the last document " +
            "starts at byte " + writePosition + ")" :
            isIndexAhead ? "bytes that are not documents; the queue's index goes on to index " + lastIndex :
            "the file stops without an end-of-file marker, and later queue files exist";
        final long damagePosition = isBeforeWritePosition ? position : endOfDocument(tailer, index - 1);
        return damaged(tailer, index, damagePosition, reason);
    }

    private long lastIndex()
    {
        try
        {
            return queue.lastIndex();
        }
        catch (final Exception ex)
        {
            return NONE;
        }
    }

    /**
     * A read threw (a bad header, a truncated file's mapping, a document that does not parse).
     *
     * @param tailer  whose read threw.
     * @param failure what it threw.
     * @return true if the tailer was moved past the damage and the caller can read on; false if nothing after it is
     * readable.
     */
    public boolean onFailure(final ExcerptTailer tailer, final Throwable failure)
    {
        try
        {
            return checkFailure(tailer, failure);
        }
        catch (final Exception | InternalError ex)
        {
            return unrecoverable(tailer, failure);
        }
    }

    /**
     * The JVM reported a fault in a read of mapped memory ({@code InternalError}) outside any read the reader could
     * attribute it to: it raises it a little after the access, wherever the thread is by then. Nothing after it is
     * read.
     *
     * @param tailer that was reading.
     * @param fault  the error.
     */
    public void onFault(final ExcerptTailer tailer, final InternalError fault)
    {
        unrecoverable(tailer, fault);
    }

    private boolean unrecoverable(final ExcerptTailer tailer, final Throwable failure)
    {
        long index = JournalDamage.UNKNOWN;
        try
        {
            index = tailer.lastReadIndex() >= 0 ? tailer.lastReadIndex() + 1 : JournalDamage.UNKNOWN;
        }
        catch (final Exception | InternalError ignore)
        {
            // unknown
        }
        damages.add(new JournalDamage(fileName(tailer), index, JournalDamage.UNKNOWN, JournalDamage.TO_THE_END,
            "unreadable (" + failure.getClass().getSimpleName() + ": a read past the end of the mapped file)"));
        return false;
    }

    private boolean checkFailure(final ExcerptTailer tailer, final Throwable failure)
    {
        long index = NONE;
        try
        {
            final long lastRead = tailer.lastReadIndex();
            index = lastRead >= 0 ? lastRead + 1 : tailer.index();
        }
        catch (final Exception | InternalError ignore)
        {
            // the tailer is unusable: the resumed index, if any, is the best guess
        }
        if (NONE != resumedIndex && (NONE == index || index < resumedIndex))
        {
            index = resumedIndex;
        }
        suspectIndex = NONE;
        final String reason = "unreadable (" + failure.getClass().getSimpleName() +
            (null == failure.getMessage() ? "" : ": " + failure.getMessage()) + ")";
        final long position = NONE == index ? JournalDamage.UNKNOWN : endOfDocument(tailer, index - 1);
        return damaged(tailer, NONE == index ? JournalDamage.UNKNOWN : index, position, reason);
    }

    /**
     * Whether a document's bytes, and the header of the next one, lie inside the tailer's current file. A damaged
     * file (truncated, or random bytes read as a document's length) can hold a document that runs past its end,
     * where reading it, or the next header, would fault; check before touching the document.
     *
     * @param tailer        that read the document.
     * @param documentLimit the document's read limit (where its bytes end).
     * @return true if it and the next header are inside the file.
     */
    public boolean isInsideFile(final ExcerptTailer tailer, final long documentLimit)
    {
        final int cycle = tailer.cycle();
        if (cycle != fileCycle)
        {
            fileCycle = cycle;
            final File file = tailer.currentFile();
            fileLength = null == file ? Long.MAX_VALUE : file.length();
            final long writePosition = writePosition(cycle);
            isFileTruncated = null != file && writePosition >= 0 && fileLength < writePosition;
        }
        return documentLimit + CHRONICLE_HEADER_LENGTH <= fileLength;
    }

    /**
     * The document at {@code index} runs past the end of its file ({@link #isInsideFile(ExcerptTailer, long)} was
     * false): damage. Past a truncation nothing can be read in that file; past random bytes the tailer is moved on.
     *
     * @param tailer   that read it (its document is rolled back by the caller).
     * @param index    of the document.
     * @param position where the document starts.
     * @return true if the tailer was moved past the damage.
     */
    public boolean onBeyondFile(final ExcerptTailer tailer, final long index, final long position)
    {
        suspectIndex = NONE;
        final String reason = isFileTruncated ?
            "the file is truncated (" + fileLength + " bytes, but documents were written beyond that)" :
            "a document that runs past the end of the file (" + fileLength + " bytes): these bytes are not a document";
        if (isFileTruncated)
        {
            damages.add(new JournalDamage(fileName(tailer), index, position, JournalDamage.TO_THE_END, reason));
            return false;
        }
        return damaged(tailer, index, position, reason);
    }

    /**
     * Whether a queue file is shorter than what was written to it (then {@code lastIndex()}, which scans to the end,
     * must not be asked: it would fault).
     *
     * @return true if a truncated file was found.
     */
    public boolean isTruncated()
    {
        return hasTruncatedFile || isFileTruncated;
    }

    private boolean findTruncatedFile()
    {
        if (!(queue instanceof SingleChronicleQueue))
        {
            return false;
        }
        final SingleChronicleQueue singleQueue = (SingleChronicleQueue)queue;
        try
        {
            for (final Long cycle : singleQueue.listCyclesBetween(singleQueue.firstCycle(), singleQueue.lastCycle()))
            {
                final SingleChronicleQueueStore store =
                    singleQueue.storeForCycle(cycle.intValue(), singleQueue.epoch(), false, null);
                if (null != store)
                {
                    try
                    {
                        if (store.file().length() < store.writePosition())
                        {
                            return true;
                        }
                    }
                    finally
                    {
                        singleQueue.closeStore(store);
                    }
                }
            }
        }
        catch (final Exception | InternalError ex)
        {
            return false;
        }
        return false;
    }

    /**
     * A document was read but it is not a journal record (too short for a header, an unknown type or version).
     *
     * @param tailer   that read it.
     * @param index    of the document.
     * @param position of the document in its file.
     * @param reason   what is wrong with it.
     */
    public void onMalformed(final ExcerptTailer tailer, final long index, final long position, final String reason)
    {
        final int last = damages.size() - 1;
        if (index == lastMalformedIndex + 1 && last >= 0 && damages.get(last).reason().equals(reason))
        {
            damages.set(last, damages.get(last).skipped(damages.get(last).skipped() + 1));
        }
        else
        {
            damages.add(new JournalDamage(fileName(tailer), index, position, 1, reason));
        }
        lastMalformedIndex = index;
    }

    /**
     * Whether any damage was found so far.
     *
     * @return true if damaged.
     */
    public boolean isDamaged()
    {
        return !damages.isEmpty();
    }

    /**
     * The damaged places found so far, in order.
     *
     * @return a copy of the list.
     */
    public List<JournalDamage> damages()
    {
        return List.copyOf(damages);
    }

    /**
     * An exception describing the damage found.
     *
     * @param what is being read (the recording's directory).
     * @return the exception, or null if nothing is damaged.
     */
    public JournalDamagedException exception(final String what)
    {
        return damages.isEmpty() ? null : new JournalDamagedException(what, damages);
    }

    private boolean damaged(final ExcerptTailer tailer, final long index, final long position, final String reason)
    {
        final String file = fileName(tailer);
        final long resumeAt = JournalDamage.UNKNOWN == index ? NONE : resume(tailer, index);
        damages.add(new JournalDamage(file, index, position,
            NONE == resumeAt ? JournalDamage.TO_THE_END : resumeAt - index, reason));
        if (NONE == resumeAt)
        {
            return false;
        }
        resumedIndex = resumeAt;
        cleanEndIndex = NONE;
        return true;
    }

    /**
     * Move the tailer to the first readable index after {@code damagedIndex} in the same cycle.
     *
     * @return the index moved to, or {@link #NONE}.
     */
    private long resume(final ExcerptTailer tailer, final long damagedIndex)
    {
        if (isFileTruncated)
        {
            return NONE;
        }
        final RollCycle rollCycle = queue.rollCycle();
        final int cycle = rollCycle.toCycle(damagedIndex);
        final long spacing = Math.max(1, rollCycle.defaultIndexSpacing());
        // only the documents the index points at directly: reaching any other scans from one of them, perhaps
        // through the damage
        long unreadableBlock = rollCycle.toSequenceNumber(damagedIndex) / spacing;
        long step = 1;
        for (int probe = 0; probe < RESUME_PROBES_MAX; probe++)
        {
            final long block = unreadableBlock + step;
            final long candidate = rollCycle.toIndex(cycle, block * spacing);
            if (block * spacing > rollCycle.maxMessagesPerCycle() || rollCycle.toCycle(candidate) != cycle)
            {
                break;
            }
            if (probe(tailer, candidate))
            {
                long readableBlock = block;
                while (readableBlock - unreadableBlock > 1)
                {
                    final long middle = unreadableBlock + (readableBlock - unreadableBlock) / 2;
                    if (probe(tailer, rollCycle.toIndex(cycle, middle * spacing)))
                    {
                        readableBlock = middle;
                    }
                    else
                    {
                        unreadableBlock = middle;
                    }
                }
                final long readable = rollCycle.toIndex(cycle, readableBlock * spacing);
                return moveTo(tailer, readable) ? readable : NONE;
            }
            unreadableBlock = block;
            step <<= 1;
        }
        return NONE;
    }

    /**
     * {@link #isReadable(ExcerptTailer, long)}, also catching the {@code InternalError} of a fault in compiled code,
     * which the JVM raises a little after the faulting access (on the return from it).
     */
    private boolean probe(final ExcerptTailer tailer, final long index)
    {
        try
        {
            return isReadable(tailer, index);
        }
        catch (final InternalError ex)
        {
            return false;
        }
    }

    /**
     * Byte position just after a document: where the next one (the damaged one) starts.
     */
    private static long endOfDocument(final ExcerptTailer tailer, final long index)
    {
        try
        {
            return endOf(tailer, index);
        }
        catch (final InternalError ex)
        {
            return JournalDamage.UNKNOWN;
        }
    }

    private static long endOf(final ExcerptTailer tailer, final long index)
    {
        try
        {
            if (index < 0 || !tailer.moveToIndex(index))
            {
                return JournalDamage.UNKNOWN;
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                final long end = dc.isPresent() && dc.index() == index ? dc.wire().bytes().readLimit() :
                    JournalDamage.UNKNOWN;
                dc.rollbackOnClose();
                return end;
            }
        }
        catch (final Exception | InternalError ex)
        {
            return JournalDamage.UNKNOWN;
        }
    }

    private static boolean moveTo(final ExcerptTailer tailer, final long index)
    {
        try
        {
            return tailer.moveToIndex(index);
        }
        catch (final Exception | InternalError ex)
        {
            return false;
        }
    }

    private boolean isReadable(final ExcerptTailer tailer, final long index)
    {
        try
        {
            if (!tailer.moveToIndex(index))
            {
                return false;
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                final boolean isReadable = dc.isPresent() && dc.index() == index &&
                    dc.wire().bytes().readLimit() + CHRONICLE_HEADER_LENGTH <= fileLength;
                dc.rollbackOnClose();
                return isReadable;
            }
        }
        catch (final Exception | InternalError ex)
        {
            return false;
        }
    }

    private boolean hasLaterCycle(final ExcerptTailer tailer)
    {
        try
        {
            final int cycle = tailer.cycle();
            return queue instanceof SingleChronicleQueue && Integer.MIN_VALUE != cycle &&
                cycle < ((SingleChronicleQueue)queue).lastCycle();
        }
        catch (final Exception | InternalError ex)
        {
            return false;
        }
    }

    private long writePosition(final int cycle)
    {
        if (!(queue instanceof SingleChronicleQueue) || Integer.MIN_VALUE == cycle)
        {
            return JournalDamage.UNKNOWN;
        }
        final SingleChronicleQueue singleQueue = (SingleChronicleQueue)queue;
        try
        {
            final SingleChronicleQueueStore store = singleQueue.storeForCycle(cycle, singleQueue.epoch(), false, null);
            if (null == store)
            {
                return JournalDamage.UNKNOWN;
            }
            try
            {
                return store.writePosition();
            }
            finally
            {
                singleQueue.closeStore(store);
            }
        }
        catch (final Exception | InternalError ex)
        {
            return JournalDamage.UNKNOWN;
        }
    }

    private static long safeIndex(final ExcerptTailer tailer)
    {
        try
        {
            return tailer.index();
        }
        catch (final Exception | InternalError ex)
        {
            return JournalDamage.UNKNOWN;
        }
    }

    private static long position(final ExcerptTailer tailer)
    {
        try
        {
            final Wire wire = tailer instanceof ExcerptContext ? ((ExcerptContext)tailer).wire() : null;
            return null == wire ? JournalDamage.UNKNOWN : wire.bytes().readPosition();
        }
        catch (final Exception | InternalError ex)
        {
            return JournalDamage.UNKNOWN;
        }
    }

    private static String fileName(final ExcerptTailer tailer)
    {
        try
        {
            final File file = tailer.currentFile();
            return null == file ? "(queue file unknown)" : file.getName();
        }
        catch (final Exception | InternalError ex)
        {
            return "(queue file unknown)";
        }
    }
}
