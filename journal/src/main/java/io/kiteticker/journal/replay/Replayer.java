package io.kiteticker.journal.replay;

import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalDamage;
import io.kiteticker.journal.JournalDamageDetector;
import io.kiteticker.journal.JournalDamagedException;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.agrona.LangUtil;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

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
 * <p>
 * The parts: {@code ReplayReader} (the tailer, the record view and the damage handling), {@code ReplayFilter} (range
 * and filters), {@code ReplayPacer} (deadlines) and {@code ReplayDelivery} (decode and handler calls).
 */
public final class Replayer implements Agent
{
    /**
     * Default maximum documents read per {@link #doWork()}.
     */
    public static final int DOCUMENT_LIMIT_DEFAULT = 1024;

    private final ReplayFilter filter = new ReplayFilter();
    private final ReplayPacer pacer = new ReplayPacer();
    private final ReplayDelivery delivery;
    private final ReplayReader reader;
    private int documentLimit = DOCUMENT_LIMIT_DEFAULT;

    /**
     * A replayer of a queue into a tick handler.
     *
     * @param queue       to read (the caller owns it and closes it after the replayer).
     * @param tickHandler to call for every replayed tick.
     */
    public Replayer(final ChronicleQueue queue, final TickHandler tickHandler)
    {
        this.delivery = new ReplayDelivery(tickHandler);
        this.reader = new ReplayReader(queue, filter, pacer, delivery);
    }

    /**
     * Also replay text messages into this handler (default: text messages are skipped).
     *
     * @param textHandler to call for every replayed text message.
     * @return this for a fluent API.
     */
    public Replayer textHandler(final TextHandler textHandler)
    {
        delivery.textHandler(textHandler);
        filter.textReplayed(null != textHandler);
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
        pacer.speed(speed);
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
        filter.fromIndex(fromIndex);
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
        filter.toIndex(toIndex);
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
        filter.fromEpochNanos(fromEpochNanos);
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
        filter.toEpochNanos(toEpochNanos);
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
        filter.tokens(tokens);
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
        filter.apiKeyIndex(apiKeyIndex);
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
        reader.inPlace(isInPlace);
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
        pacer.nanoClock(nanoClock);
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
        final long before = delivery.ticksDelivered();
        try
        {
            while (!reader.isDone())
            {
                final int workCount = doWork();
                if (0 == workCount)
                {
                    if (reader.isAtEnd())
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
        return delivery.ticksDelivered() - before;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onClose()
    {
        reader.close();
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
        return reader.readBatch(documentLimit);
    }

    /**
     * Damage found so far (documents that are not journal records, unreadable bytes, a truncated file): the replay
     * ends with a {@link JournalDamagedException} after everything readable was delivered.
     *
     * @return where the recording is damaged, empty if it is not.
     */
    public List<JournalDamage> damages()
    {
        return reader.damages();
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
        return reader.isDone();
    }

    /**
     * Whether the last {@link #doWork()} reached the end of what is written so far.
     *
     * @return true at the end of the queue.
     */
    public boolean isAtEnd()
    {
        return reader.isAtEnd();
    }

    /**
     * Queue index of the record being (or last) delivered: call it from a handler to know where a tick came from.
     *
     * @return the Chronicle index, or -1 before the first record.
     */
    public long currentIndex()
    {
        return reader.currentIndex();
    }

    /**
     * Wall-clock time stamped on the record being (or last) delivered.
     *
     * @return epoch nanos.
     */
    public long currentEpochNanos()
    {
        return reader.currentEpochNanos();
    }

    /**
     * Ticks delivered to the tick handler so far.
     *
     * @return the count.
     */
    public long ticksDelivered()
    {
        return delivery.ticksDelivered();
    }

    /**
     * Text messages delivered to the text handler so far.
     *
     * @return the count.
     */
    public long textsDelivered()
    {
        return delivery.textsDelivered();
    }

    /**
     * Ticks read but left out by the key, token or time filters.
     *
     * @return the count.
     */
    public long ticksFiltered()
    {
        return reader.ticksFiltered();
    }

    /**
     * Documents read (delivered, filtered, sessions, malformed).
     *
     * @return the count.
     */
    public long documentsRead()
    {
        return reader.documentsRead();
    }

    /**
     * Session documents read.
     *
     * @return the count.
     */
    public long sessions()
    {
        return reader.sessions();
    }

    /**
     * Documents too short for a header, of an unknown record type or of another format version (each is also
     * reported as damage: see {@link #damages()}).
     *
     * @return the count.
     */
    public long malformed()
    {
        return reader.malformed();
    }


}
