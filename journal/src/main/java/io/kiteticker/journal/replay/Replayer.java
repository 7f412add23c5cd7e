package io.kiteticker.journal.replay;

import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalDamage;
import io.kiteticker.journal.JournalDamageDetector;
import io.kiteticker.journal.JournalDamagedException;
import io.kiteticker.journal.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.LangUtil;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads a recording and drives the same {@link TickHandler} / {@link TextHandler} a live strategy uses, through the
 * same decode path: each tick's raw packet is wrapped by a {@link TickDecoder} and decoded with
 * {@link TickEvent#decodeFrom(TickDecoder, int, int, long)} into one reused {@link TickEvent}, tagged with the
 * recorded key index, connection index and receive timestamp. The {@code sequence} handed to the handler is the
 * record's Chronicle queue index (its position in the recording).
 * <p>
 * Options (set before the first {@link #doWork()}): as fast as possible (speed 0, the default) or the recorded pace
 * (wall-clock gaps between records) divided by a {@link #speed(double)} factor; a range by queue index
 * ({@link #fromIndex(long)}, {@link #toIndex(long)}, inclusive) and/or by wall-clock time
 * ({@link #fromEpochNanos(long)} inclusive, {@link #toEpochNanos(long)} exclusive); a token filter
 * ({@link #tokens(IntHashSet)}) and an API key filter ({@link #apiKeyIndex(int)}).
 * <p>
 * As an Agrona {@link Agent} each {@link #doWork()} reads at most {@link #documentLimit(int)} documents and returns
 * how many it consumed (0 when waiting for the pace deadline or at the end of what is written, so an idle strategy
 * can back off; a live queue is followed as it grows). {@link #replay()} runs to the end on the caller's thread.
 * Pacing is deadline-based: a record that is not due is left unread ({@code rollbackOnClose}) and the idle strategy
 * decides how to wait; nothing here sleeps.
 * <p>
 * Documents are read in place: the record is viewed through one {@link UnsafeBuffer} over Chronicle's mapped memory
 * (header fields read directly, the decoder wrapped over the packet there), not copied out first; a document that
 * lies across the end of the tailer's mapping is read through a heap copy.
 * <p>
 * <b>Note:</b> 0 bytes are allocated per replayed tick once warm. {@code endOfBatch} is true on the last record of a
 * {@code doWork()} batch and on the last record of the queue known when reading started, a hint for batching I/O.
 * A tick stored truncated (an unknown packet longer than {@link TickEvent#RAW_CAPACITY}) replays with its stored
 * length. A replayer and its handlers are single-threaded: use it on one thread only.
 * <p>
 * <b>Damage.</b> A recording whose files hold bytes that are not documents, are truncated, or hold documents that
 * are not journal records of this format version never replays silently short: the replayer delivers everything it
 * can read (moving past the damage through the queue's index where it can, see {@link JournalDamageDetector}) and
 * then, where it would otherwise report the end, {@link #doWork()} (and so {@link #replay()}) throws a
 * {@link JournalDamagedException} naming the file, the queue index and the byte position of each damaged place.
 * After that the replayer is {@link #isDone() done}. A handler's own exceptions pass through unchanged.
 */
public final class Replayer implements Agent
{
    /**
     * Default maximum documents read per {@link #doWork()}.
     */
    public static final int DOCUMENT_LIMIT_DEFAULT = 1024;

    private static final int CONSUMED = 0;
    private static final int STOPPED = 1;
    private static final int END = 2;
    private static final int RESUMED = 3;
    private static final int DAMAGED_TO_THE_END = 4;

    private final ChronicleQueue queue;
    private final TickHandler tickHandler;
    private TextHandler textHandler;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private double speed;
    private long fromIndex = -1;
    private long toIndex = Long.MAX_VALUE;
    private long fromEpochNanos = Long.MIN_VALUE;
    private long toEpochNanos = Long.MAX_VALUE;
    private IntHashSet tokens;
    private int apiKeyIndex = -1;
    private int documentLimit = DOCUMENT_LIMIT_DEFAULT;

    private final TickDecoder decoder = new TickDecoder();
    private final TickEvent tickEvent = TickEvent.EVENT_FACTORY.newInstance();
    private final TextEvent textEvent = TextEvent.EVENT_FACTORY.newInstance();
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer spillBuffer = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer textBuffer = new ExpandableArrayBuffer(TextEvent.INITIAL_CAPACITY);

    private boolean isInPlace = true;
    private ExcerptTailer tailer;
    private JournalDamageDetector damageDetector;
    private boolean isInHandler;
    private long lastKnownIndex = -1;
    private boolean isDone;
    private boolean isAtEnd;
    private boolean isPaced;
    private long paceBaseEpochNanos;
    private long paceStartNanos;
    private long currentIndex = -1;
    private long currentEpochNanos;
    private long ticksDelivered;
    private long textsDelivered;
    private long documentsRead;
    private long ticksFiltered;
    private long malformed;
    private long sessions;

    /**
     * A replayer of a queue into a tick handler.
     *
     * @param queue       to read (the caller owns it and closes it after the replayer).
     * @param tickHandler to call for every replayed tick.
     */
    public Replayer(final ChronicleQueue queue, final TickHandler tickHandler)
    {
        this.queue = queue;
        this.tickHandler = tickHandler;
    }

    /**
     * Also replay text messages into this handler (default: text messages are skipped).
     *
     * @param textHandler to call for every replayed text message.
     * @return this for a fluent API.
     */
    public Replayer textHandler(final TextHandler textHandler)
    {
        this.textHandler = textHandler;
        return this;
    }

    /**
     * Pace factor: 0 (default) replays as fast as possible; 1 at the recorded pace; 2 twice as fast; 0.5 half.
     *
     * @param speed 0 or positive.
     * @return this for a fluent API.
     */
    public Replayer speed(final double speed)
    {
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be 0 (as fast as possible) or positive but was " + speed);
        }
        this.speed = speed;
        return this;
    }

    /**
     * First queue index to replay (inclusive).
     *
     * @param fromIndex Chronicle index, or -1 (default) for the start.
     * @return this for a fluent API.
     */
    public Replayer fromIndex(final long fromIndex)
    {
        this.fromIndex = fromIndex;
        return this;
    }

    /**
     * Last queue index to replay (inclusive).
     *
     * @param toIndex Chronicle index; default no limit.
     * @return this for a fluent API.
     */
    public Replayer toIndex(final long toIndex)
    {
        this.toIndex = toIndex;
        return this;
    }

    /**
     * Skip records stamped before this wall-clock time.
     *
     * @param fromEpochNanos inclusive start, epoch nanos.
     * @return this for a fluent API.
     */
    public Replayer fromEpochNanos(final long fromEpochNanos)
    {
        this.fromEpochNanos = fromEpochNanos;
        return this;
    }

    /**
     * Stop at the first record stamped at or after this wall-clock time.
     *
     * @param toEpochNanos exclusive end, epoch nanos.
     * @return this for a fluent API.
     */
    public Replayer toEpochNanos(final long toEpochNanos)
    {
        this.toEpochNanos = toEpochNanos;
        return this;
    }

    /**
     * Replay only ticks of these instrument tokens (text messages are not filtered by token).
     *
     * @param tokens the set, or null (default) for every token. Not copied: do not change it while replaying.
     * @return this for a fluent API.
     */
    public Replayer tokens(final IntHashSet tokens)
    {
        this.tokens = tokens;
        return this;
    }

    /**
     * Replay only ticks and text messages of one API key.
     *
     * @param apiKeyIndex the key index, or -1 (default) for every key.
     * @return this for a fluent API.
     */
    public Replayer apiKeyIndex(final int apiKeyIndex)
    {
        this.apiKeyIndex = apiKeyIndex;
        return this;
    }

    /**
     * Maximum documents read per {@link #doWork()}.
     *
     * @param documentLimit positive; default {@link #DOCUMENT_LIMIT_DEFAULT}.
     * @return this for a fluent API.
     */
    public Replayer documentLimit(final int documentLimit)
    {
        if (documentLimit < 1)
        {
            throw new IllegalArgumentException("documentLimit must be positive but was " + documentLimit);
        }
        this.documentLimit = documentLimit;
        return this;
    }

    /**
     * Read documents in place in Chronicle's mapped memory (default) or always through a heap copy (the path a
     * document lying across the end of the tailer's mapping takes; for tests).
     *
     * @param isInPlace false to copy every document.
     * @return this for a fluent API.
     */
    Replayer inPlace(final boolean isInPlace)
    {
        this.isInPlace = isInPlace;
        return this;
    }

    /**
     * Clock of the pacing deadlines.
     *
     * @param nanoClock the clock; default {@link SystemNanoClock}.
     * @return this for a fluent API.
     */
    public Replayer nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /**
     * Replay on the calling thread until the end of the recording (or of the range), waiting for pace deadlines with
     * a {@link BackoffIdleStrategy}.
     *
     * @return ticks delivered by this call.
     * @throws JournalDamagedException after everything readable was delivered, if the recording is damaged.
     */
    public long replay()
    {
        return replay(new BackoffIdleStrategy());
    }

    /**
     * Replay on the calling thread until the end of the recording (or of the range).
     *
     * @param idleStrategy used while a paced record is not yet due.
     * @return ticks delivered by this call.
     * @throws JournalDamagedException after everything readable was delivered, if the recording is damaged.
     */
    public long replay(final IdleStrategy idleStrategy)
    {
        final long before = ticksDelivered;
        try
        {
            while (!isDone)
            {
                final int workCount = doWork();
                if (0 == workCount)
                {
                    if (isAtEnd)
                    {
                        break;
                    }
                    idleStrategy.idle();
                }
                else
                {
                    idleStrategy.reset();
                }
            }
        }
        catch (final Exception ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return ticksDelivered - before;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        if (null != tailer)
        {
            tailer.singleThreadedCheckReset();
            tailer.close();
            tailer = null;
        }
    }

    /**
     * Read at most {@link #documentLimit(int)} documents and deliver those that pass the filters.
     *
     * @return documents consumed (0 when waiting for a pace deadline, at the end, or done).
     * @throws JournalDamagedException at the end of what is readable, if the recording is damaged.
     * @throws Exception thrown by a handler.
     */
    @Override
    public int doWork() throws Exception
    {
        try
        {
            return readBatch();
        }
        catch (final InternalError ex)
        {
            if (isInHandler || null == damageDetector)
            {
                isInHandler = false;
                throw ex;
            }
            // a fault in a read of mapped memory, raised late (past the read that caused it)
            damageDetector.onFault(tailer, ex);
            isDone = true;
            isAtEnd = true;
            throw damageDetector.exception(String.valueOf(queue.file()));
        }
    }

    private int readBatch() throws Exception
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
        final int limit = documentLimit;
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
            if (isInHandler)
            {
                isInHandler = false;
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
            if (isInHandler)
            {
                isInHandler = false;
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
            if (index > toIndex)
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
            if (epochNanos >= toEpochNanos)
            {
                dc.rollbackOnClose();
                isDone = true;
                return STOPPED;
            }
            if (epochNanos < fromEpochNanos || index < fromIndex ||
                (apiKeyIndex >= 0 && JournalRecord.apiKeyIndex(word0) != apiKeyIndex) ||
                (JournalRecord.TEXT == type && null == textHandler) ||
                (JournalRecord.TICK == type && !acceptsToken(record)))
            {
                ticksFiltered += JournalRecord.TICK == type ? 1 : 0;
                documentsRead++;
                return CONSUMED;
            }

            if (speed > 0 && !isDue(epochNanos))
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
                deliverTick(record, word0, index, endOfBatch);
            }
            else
            {
                deliverText(record, word0, index, endOfBatch);
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

    /**
     * Damage found so far (documents that are not journal records, unreadable bytes, a truncated file): the replay
     * ends with a {@link JournalDamagedException} after everything readable was delivered.
     *
     * @return where the recording is damaged, empty if it is not.
     */
    public List<JournalDamage> damages()
    {
        return null == damageDetector ? List.of() : damageDetector.damages();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "kite-replayer";
    }

    /**
     * Whether the end of the range was passed ({@link #toIndex(long)} or {@link #toEpochNanos(long)}); a replay
     * without an end is never done, it follows the queue.
     *
     * @return true once past the end of the range.
     */
    public boolean isDone()
    {
        return isDone;
    }

    /**
     * Whether the last {@link #doWork()} reached the end of what is written so far.
     *
     * @return true at the end of the queue.
     */
    public boolean isAtEnd()
    {
        return isAtEnd;
    }

    /**
     * Queue index of the record being (or last) delivered: call it from a handler to know where a tick came from.
     *
     * @return the Chronicle index, or -1 before the first record.
     */
    public long currentIndex()
    {
        return currentIndex;
    }

    /**
     * Wall-clock time stamped on the record being (or last) delivered.
     *
     * @return epoch nanos.
     */
    public long currentEpochNanos()
    {
        return currentEpochNanos;
    }

    /**
     * Ticks delivered to the tick handler so far.
     *
     * @return the count.
     */
    public long ticksDelivered()
    {
        return ticksDelivered;
    }

    /**
     * Text messages delivered to the text handler so far.
     *
     * @return the count.
     */
    public long textsDelivered()
    {
        return textsDelivered;
    }

    /**
     * Ticks read but left out by the key, token or time filters.
     *
     * @return the count.
     */
    public long ticksFiltered()
    {
        return ticksFiltered;
    }

    /**
     * Documents read (delivered, filtered, sessions, malformed).
     *
     * @return the count.
     */
    public long documentsRead()
    {
        return documentsRead;
    }

    /**
     * Session documents read.
     *
     * @return the count.
     */
    public long sessions()
    {
        return sessions;
    }

    /**
     * Documents too short for a header, of an unknown record type or of another format version (each is also
     * reported as damage: see {@link #damages()}).
     *
     * @return the count.
     */
    public long malformed()
    {
        return malformed;
    }

    private void openTailer()
    {
        tailer = queue.createTailer();
        damageDetector = new JournalDamageDetector(queue);
        lastKnownIndex = lastIndex();
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

    private boolean acceptsToken(final UnsafeBuffer record)
    {
        final IntHashSet tokens = this.tokens;
        if (null == tokens)
        {
            return true;
        }
        if (payloadLength(record) < TickDecoder.INSTRUMENT_TOKEN_LENGTH)
        {
            return false;
        }
        // the packet is big-endian as on the wire
        return tokens.contains(record.getInt(JournalRecord.HEADER_LENGTH, ByteOrder.BIG_ENDIAN));
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

    /**
     * Payload length of the record, clamped to the bytes the document really holds.
     */
    private static int payloadLength(final UnsafeBuffer record)
    {
        final int available = record.capacity() - JournalRecord.HEADER_LENGTH;
        return Math.max(0, Math.min(
            record.getInt(JournalRecord.PAYLOAD_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN), available));
    }

    private boolean isDue(final long epochNanos)
    {
        final long nowNs = nanoClock.nanoTime();
        if (!isPaced)
        {
            isPaced = true;
            paceBaseEpochNanos = epochNanos;
            paceStartNanos = nowNs;
            return true;
        }
        final long recordedGapNs = epochNanos - paceBaseEpochNanos;
        if (recordedGapNs < 0)
        {
            // the wall clock went back (a new session): restart the pace from this record
            paceBaseEpochNanos = epochNanos;
            paceStartNanos = nowNs;
            return true;
        }
        final long deadlineNs = paceStartNanos + (long)(recordedGapNs / speed);
        return nowNs - deadlineNs >= 0;
    }

    private void deliverTick(final UnsafeBuffer record, final long word0, final long index, final boolean endOfBatch)
        throws Exception
    {
        final int length = Math.min(payloadLength(record), TickEvent.RAW_CAPACITY);
        // the view holds the whole document and length is clamped to it: the range is already checked
        decoder.wrapUnchecked(record, JournalRecord.HEADER_LENGTH, length);
        tickEvent.decodeFrom(
            decoder,
            JournalRecord.apiKeyIndex(word0),
            JournalRecord.connectionIndex(word0),
            record.getLong(JournalRecord.RECEIVE_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN));
        ticksDelivered++;
        isInHandler = true;
        tickHandler.onTick(tickEvent, index, endOfBatch);
        isInHandler = false;
    }

    private void deliverText(final UnsafeBuffer record, final long word0, final long index, final boolean endOfBatch)
        throws Exception
    {
        final int length = payloadLength(record);
        textBuffer.checkLimit(length);
        if (length > 0)
        {
            record.getBytes(JournalRecord.HEADER_LENGTH, textBuffer, 0, length);
        }
        textEvent.set(
            JournalRecord.apiKeyIndex(word0),
            JournalRecord.connectionIndex(word0),
            record.getLong(JournalRecord.RECEIVE_NANOS_OFFSET, ByteOrder.LITTLE_ENDIAN),
            JournalRecord.kind(word0),
            textBuffer,
            0,
            length);
        textsDelivered++;
        isInHandler = true;
        textHandler.onText(textEvent, index, endOfBatch);
        isInHandler = false;
    }
}
