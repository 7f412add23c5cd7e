package io.kiteticker.journal.replay;

import io.kiteticker.journal.JournalDamage;
import io.kiteticker.journal.JournalDamageDetector;
import io.kiteticker.journal.JournalDamagedException;
import io.kiteticker.journal.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The read loop of a {@link Replayer}: a tailer over the queue, each document viewed as a journal record (in place
 * over Chronicle's mapped memory, or through a heap copy when it lies across the end of the tailer's mapping), the
 * header checked, the {@link ReplayFilter} range and filters applied, the {@link ReplayPacer} asked whether the record
 * is due, and the record handed to the {@link ReplayDelivery}. A record that ends the range or is not yet due is left
 * unread ({@code rollbackOnClose}).
 * <p>
 * Failures of the read (not of the handlers, which pass through unchanged) go to a {@link JournalDamageDetector},
 * which moves the tailer past the damage where it can; at the end of what is readable a damaged recording throws a
 * {@link JournalDamagedException}. It also keeps the counts and the position the {@link Replayer} reports.
 * <p>
 * Nothing is allocated per document once warm. Single-threaded, like the replayer that owns it.
 */
final class ReplayReader
{
    private static final int CONSUMED = 0;
    private static final int STOPPED = 1;
    private static final int END = 2;
    private static final int RESUMED = 3;
    private static final int DAMAGED_TO_THE_END = 4;

    private final ChronicleQueue queue;
    private final ReplayFilter filter;
    private final ReplayPacer pacer;
    private final ReplayDelivery delivery;

    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer spillBuffer = new ExpandableArrayBuffer(256);

    private boolean isInPlace = true;
    private ExcerptTailer tailer;
    private JournalDamageDetector damageDetector;
    private long lastKnownIndex = -1;
    private boolean isDone;
    private boolean isAtEnd;
    private long currentIndex = -1;
    private long currentEpochNanos;
    private long documentsRead;
    private long ticksFiltered;
    private long malformed;
    private long sessions;

    ReplayReader(
        final ChronicleQueue queue, final ReplayFilter filter, final ReplayPacer pacer, final ReplayDelivery delivery)
    {
        this.queue = queue;
        this.filter = filter;
        this.pacer = pacer;
        this.delivery = delivery;
    }

    void inPlace(final boolean isInPlace)
    {
        this.isInPlace = isInPlace;
    }

    /**
     * Read at most {@code limit} documents and deliver those that pass the filters.
     *
     * @return documents consumed (0 when waiting for a pace deadline, at the end, or done).
     */
    int readBatch(final int limit) throws Exception
    {
        try
        {
            return readUpTo(limit);
        }
        catch (final InternalError ex)
        {
            if (delivery.wasInHandler() || null == damageDetector)
            {
                throw ex;
            }
            // a fault in a read of mapped memory, raised late (past the read that caused it)
            damageDetector.onFault(tailer, ex);
            isDone = true;
            isAtEnd = true;
            throw damageDetector.exception(String.valueOf(queue.file()));
        }
    }

    void close()
    {
        if (null != tailer)
        {
            tailer.singleThreadedCheckReset();
            tailer.close();
            tailer = null;
        }
    }

    List<JournalDamage> damages()
    {
        return null == damageDetector ? List.of() : damageDetector.damages();
    }

    boolean isDone()
    {
        return isDone;
    }

    boolean isAtEnd()
    {
        return isAtEnd;
    }

    long currentIndex()
    {
        return currentIndex;
    }

    long currentEpochNanos()
    {
        return currentEpochNanos;
    }

    long ticksFiltered()
    {
        return ticksFiltered;
    }

    long documentsRead()
    {
        return documentsRead;
    }

    long sessions()
    {
        return sessions;
    }

    long malformed()
    {
        return malformed;
    }

    private int readUpTo(final int limit) throws Exception
    {
        if (isDone)
        {
            return 0;
        }
        if (null == tailer)
        {
            openTailer();
            if (isDone)
            {
                return 0;
            }
        }

        isAtEnd = false;
        int workCount = 0;
        while (workCount < limit)
        {
            final int outcome = next(workCount + 1 == limit);
            if (CONSUMED == outcome)
            {
                workCount++;
            }
            else if (END == outcome)
            {
                if (damageDetector.onEnd(tailer))
                {
                    continue;
                }
                isAtEnd = true;
                lastKnownIndex = lastIndex();
                throwIfDamaged();
                break;
            }
            else if (DAMAGED_TO_THE_END == outcome)
            {
                isAtEnd = true;
                throwIfDamaged();
                break;
            }
            else if (STOPPED == outcome)
            {
                break;
            }
        }

        return workCount;
    }

    /**
     * Read one document, telling the damage detector about failures of the read (not of the handlers, which are
     * rethrown as they are).
     */
    private int next(final boolean isLastOfBatch) throws Exception
    {
        try
        {
            return readGuarded(isLastOfBatch);
        }
        catch (final Exception | InternalError ex)
        {
            if (delivery.wasInHandler())
            {
                throw ex;
            }
            return damageDetector.onFailure(tailer, ex) ? RESUMED : DAMAGED_TO_THE_END;
        }
    }

    /**
     * The JVM raises the {@code InternalError} of a fault in compiled code a little after the faulting access, on the
     * return from it: catch it here too.
     */
    private int readGuarded(final boolean isLastOfBatch) throws Exception
    {
        try
        {
            return readDocument(isLastOfBatch);
        }
        catch (final InternalError ex)
        {
            if (delivery.wasInHandler())
            {
                throw ex;
            }
            return damageDetector.onFailure(tailer, ex) ? RESUMED : DAMAGED_TO_THE_END;
        }
    }

    private int readDocument(final boolean isLastOfBatch) throws Exception
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return END;
            }

            final long index = dc.index();
            if (filter.isPastIndexRange(index))
            {
                dc.rollbackOnClose();
                isDone = true;
                return STOPPED;
            }

            final Bytes<?> bytes = dc.wire().bytes();
            if (!damageDetector.isInsideFile(tailer, bytes.readLimit()))
            {
                dc.rollbackOnClose();
                return damageDetector.onBeyondFile(tailer, index, bytes.readPosition()) ? RESUMED : DAMAGED_TO_THE_END;
            }
            final long documentLength = bytes.readRemaining();
            if (documentLength < JournalRecord.HEADER_LENGTH)
            {
                malformed++;
                documentsRead++;
                damageDetector.onMalformed(tailer, index, bytes.readPosition(),
                    "a document too short for a journal record (" + documentLength + " bytes)");
                return CONSUMED;
            }

            final UnsafeBuffer record = wrapRecord(bytes, bytes.readPosition(), documentLength);
            final long word0 = record.getLong(JournalRecord.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final long epochNanos = record.getLong(JournalRecord.EPOCH_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final int type = JournalRecord.type(word0);
            if (type < JournalRecord.TICK || type > JournalRecord.SESSION ||
                JournalRecord.FORMAT_VERSION != JournalRecord.version(word0))
            {
                malformed++;
                documentsRead++;
                damageDetector.onMalformed(tailer, index, bytes.readPosition(),
                    "not a journal record (type " + type + ", version " + JournalRecord.version(word0) + ")");
                return CONSUMED;
            }
            if (JournalRecord.SESSION == type)
            {
                sessions++;
                documentsRead++;
                return CONSUMED;
            }
            if (filter.isPastTimeRange(epochNanos))
            {
                dc.rollbackOnClose();
                isDone = true;
                return STOPPED;
            }
            if (!filter.accepts(index, epochNanos, word0, record))
            {
                ticksFiltered += JournalRecord.TICK == type ? 1 : 0;
                documentsRead++;
                return CONSUMED;
            }

            if (!pacer.isDue(epochNanos))
            {
                dc.rollbackOnClose();
                return STOPPED;
            }

            currentIndex = index;
            currentEpochNanos = epochNanos;
            documentsRead++;
            final boolean endOfBatch = isLastOfBatch || index >= lastKnownIndex;
            if (JournalRecord.TICK == type)
            {
                delivery.deliverTick(record, word0, index, endOfBatch);
            }
            else
            {
                delivery.deliverText(record, word0, index, endOfBatch);
            }
            return CONSUMED;
        }
    }

    private void throwIfDamaged()
    {
        if (damageDetector.isDamaged())
        {
            isDone = true;
            throw damageDetector.exception(String.valueOf(queue.file()));
        }
    }

    private long lastIndex()
    {
        if (null != damageDetector && damageDetector.isTruncated())
        {
            // it would scan past the end of the truncated file
            return Long.MAX_VALUE;
        }
        try
        {
            return queue.lastIndex();
        }
        catch (final Exception | InternalError ex)
        {
            // a damaged queue (a truncated file's mapping): endOfBatch is only a hint
            return Long.MAX_VALUE;
        }
    }

    private void openTailer()
    {
        tailer = queue.createTailer();
        damageDetector = new JournalDamageDetector(queue);
        lastKnownIndex = lastIndex();
        final long fromIndex = filter.fromIndex();
        if (fromIndex >= 0 && !tailer.moveToIndex(fromIndex))
        {
            // not a written index: past the end, follow from the end; otherwise read from the start and skip
            if (fromIndex > lastKnownIndex)
            {
                tailer.toEnd();
            }
            else
            {
                tailer.toStart();
            }
        }
    }

    /**
     * View the document in place: over Chronicle's mapped memory when the whole document lies in the tailer's
     * current chunk (always but at a chunk edge), else over a heap copy.
     */
    private UnsafeBuffer wrapRecord(final Bytes<?> bytes, final long start, final long documentLength)
    {
        final UnsafeBuffer record = this.record;
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (isInPlace && null != store && store.isDirectMemory() && store.inside(start, documentLength))
        {
            record.wrap(store.addressForRead(start), (int)documentLength);
        }
        else
        {
            final int length = (int)documentLength;
            spillBuffer.checkLimit(length);
            bytes.read(start, spillBuffer.byteArray(), 0, length);
            record.wrap(spillBuffer.byteArray(), 0, length);
        }
        return record;
    }
}
