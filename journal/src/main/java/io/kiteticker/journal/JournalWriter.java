package io.kiteticker.journal;

import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends every tick and text message it is handed to a Chronicle Queue, one document each in the
 * {@link JournalRecord} layout, allocating nothing once warm.
 * <p>
 * Register it on a {@code KiteManagerBuilder} with {@code onTick(writer)} and {@code onText(writer)}, or let
 * {@link KiteJournal#build} do it and record the session too.
 * <p>
 * <b>Note (threads):</b> the engine runs each handler on its own {@code BatchEventProcessor} thread, so ticks and
 * text messages arrive on two different threads. Chronicle appenders are single-threaded, so this writer keeps two:
 * the tick appender is created lazily on the first {@link #onTick} (on the tick thread) and the text appender on
 * the first {@link #onText} (on the text thread); Chronicle's write lock orders their documents in the queue. Each
 * callback must therefore always come from the same thread: register a writer once for ticks and once for texts.
 * The session document is written by the caller's thread with a short-lived appender of its own.
 * <p>
 * <b>Note (pre-touch):</b> a writer from {@link #open(JournalContext)} starts a {@code kite-journal-pretouch} daemon
 * thread with the tick appender that faults in the queue file's pages ahead of it
 * ({@link JournalContext#pretouchAheadBytes(long)}, 0 turns it off); the tick thread only publishes its write
 * position. Without it the kernel allocates and zeroes each fresh page inside the tick thread's first store to it.
 * <p>
 * <b>Note (stopping):</b> the writer has no thread of its own and is never interrupted: the engine's handler threads
 * stop cooperatively ({@code KiteManager.stop()} drains, halts and joins them). Call {@link #close()} after that; it
 * closes the appenders and the queue, leaving every appended document in the memory-mapped files (the OS writes
 * them back even if the process dies afterwards).
 */
public final class JournalWriter implements TickHandler, TextHandler, AutoCloseable
{
    /**
     * Type id of the status-file counter of ticks appended ({@link #countTicksInto(AtomicCounter)}); apart from the
     * connection counters' {@code 0x4B00} range.
     */
    public static final int TICKS_APPENDED_COUNTER_TYPE_ID = 0x4A01;

    /**
     * Label of that counter, as {@code ./kite stats} shows it.
     */
    public static final String TICKS_APPENDED_COUNTER_LABEL = "journal ticks appended";

    private final SingleChronicleQueue queue;
    private final EpochNanoClock epochNanoClock;
    private final boolean ownsQueue;
    private final long pretouchAheadBytes;
    private final AtomicLong ticksAppended = new AtomicLong();
    private final AtomicLong textsAppended = new AtomicLong();
    private ExcerptAppender tickAppender;
    private ExcerptAppender textAppender;
    private JournalPretoucher pretoucher;
    private AtomicCounter ticksAppendedCounter;
    private volatile boolean isClosed;

    private JournalWriter(
        final SingleChronicleQueue queue,
        final EpochNanoClock epochNanoClock,
        final boolean ownsQueue,
        final long pretouchAheadBytes)
    {
        this.queue = queue;
        this.pretouchAheadBytes = pretouchAheadBytes;
        this.epochNanoClock = epochNanoClock;
        this.ownsQueue = ownsQueue;
    }

    /**
     * Open (creating if needed) the queue of the context and return a writer over it that closes it.
     *
     * @param context settings.
     * @return the writer.
     */
    public static JournalWriter open(final JournalContext context)
    {
        context.conclude();
        return new JournalWriter(
            Journals.openForAppend(context), context.epochNanoClock(), true, context.pretouchAheadBytes());
    }

    /**
     * A writer over a queue the caller owns (and closes after the writer), without a pre-touch thread.
     *
     * @param queue          to append to.
     * @param epochNanoClock wall clock stamped into every record.
     * @return the writer.
     */
    public static JournalWriter wrap(final SingleChronicleQueue queue, final EpochNanoClock epochNanoClock)
    {
        return new JournalWriter(queue, epochNanoClock, false, 0);
    }

    /**
     * Append the session document (once, at the start of a recording, before ticks flow).
     *
     * @param session describing the recording.
     */
    public void writeSession(final SessionInfo session)
    {
        final byte[] payload = session.encode().getBytes(StandardCharsets.UTF_8);
        try (ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                JournalRecord.writeHeader(
                    bytes, JournalRecord.SESSION, 0, 0, 0, payload.length, payload.length, 0,
                    session.startEpochNanos());
                bytes.write(payload, 0, payload.length);
            }
        }
    }

    /**
     * Append one tick: header plus the raw packet bytes of the slot.
     * <p>
     * {@inheritDoc}
     */
    @Override
    public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        if (isClosed)
        {
            return;
        }
        ExcerptAppender appender = tickAppender;
        if (null == appender)
        {
            appender = newTickAppender();
        }

        final int payloadLength = event.rawCapturedLength();
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            JournalRecord.writeHeader(
                bytes,
                JournalRecord.TICK,
                event.apiKeyIndex(),
                event.connectionIndex(),
                event.kind(),
                event.rawLength(),
                payloadLength,
                event.receiveNanos(),
                epochNanoClock.nanoTime());
            bytes.write(event.rawBuffer().byteArray(), 0, payloadLength);
        }
        final JournalPretoucher pretoucher = this.pretoucher;
        if (null != pretoucher)
        {
            pretoucher.onAppend(appender.wire().bytes());
        }
        final long appended = ticksAppended.get() + 1;
        ticksAppended.lazySet(appended);
        final AtomicCounter counter = ticksAppendedCounter;
        if (endOfBatch && null != counter)
        {
            counter.setRelease(appended); // once per batch: the count another process sees is a lower bound anyway
        }
    }

    /**
     * Append one text message: header plus the JSON bytes as received.
     * <p>
     * {@inheritDoc}
     */
    @Override
    public void onText(final TextEvent event, final long sequence, final boolean endOfBatch)
    {
        if (isClosed)
        {
            return;
        }
        ExcerptAppender appender = textAppender;
        if (null == appender)
        {
            appender = queue.createAppender();
            textAppender = appender;
        }

        final int length = event.length();
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            JournalRecord.writeHeader(
                bytes,
                JournalRecord.TEXT,
                event.apiKeyIndex(),
                event.connectionIndex(),
                event.type(),
                length,
                length,
                event.receiveNanos(),
                epochNanoClock.nanoTime());
            bytes.write(event.buffer().byteArray(), 0, length);
        }
        textsAppended.lazySet(textsAppended.get() + 1);
    }

    /**
     * Also publish {@link #ticksAppended()} in a counter, such as one of the engine's status file, so that another
     * process sees how many ticks are in the journal: each is in the queue's mapped file before the counter counts
     * it (the counter is set at the end of each batch), so a process killed at any point leaves at least that many
     * ticks behind. Call before the first tick; the counter must outlive the writer's last tick (the engine's status
     * closes after its handler threads stop).
     *
     * @param counter to set after the last append of each batch.
     * @return this.
     */
    public JournalWriter countTicksInto(final AtomicCounter counter)
    {
        this.ticksAppendedCounter = counter;
        counter.setRelease(ticksAppended.get());
        return this;
    }

    /**
     * Ticks appended so far (readable from any thread).
     *
     * @return the count.
     */
    public long ticksAppended()
    {
        return ticksAppended.get();
    }

    /**
     * Text messages appended so far (readable from any thread).
     *
     * @return the count.
     */
    public long textsAppended()
    {
        return textsAppended.get();
    }

    /**
     * Index of the last document the tick appender wrote.
     * <p>
     * <b>Note:</b> call it on the tick thread (or after the tick thread stopped).
     *
     * @return the Chronicle index, or -1 if no tick was appended.
     */
    public long lastTickIndex()
    {
        return null == tickAppender ? -1 : tickAppender.lastIndexAppended();
    }

    /**
     * Pages faulted in ahead of the tick appender by the pre-touch thread so far.
     *
     * @return the count, 0 without pre-touch.
     */
    long pagesPretouched()
    {
        final JournalPretoucher pretoucher = this.pretoucher;
        return null == pretoucher ? 0 : pretoucher.pagesTouched();
    }

    /**
     * The queue written to.
     *
     * @return the queue.
     */
    public SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * Close the appenders and (if opened by {@link #open(JournalContext)}) the queue.
     * <p>
     * <b>Note:</b> call it only after the threads calling {@link #onTick}/{@link #onText} have stopped (after
     * {@code KiteManager.stop()} or {@code close()}); a callback that still arrives afterwards is ignored.
     */
    @Override
    public void close()
    {
        if (isClosed)
        {
            return;
        }
        isClosed = true;
        if (null != pretoucher)
        {
            pretoucher.close();
            pretoucher = null;
        }
        closeAppender(tickAppender);
        tickAppender = null;
        closeAppender(textAppender);
        textAppender = null;
        if (ownsQueue)
        {
            queue.close();
        }
    }

    private ExcerptAppender newTickAppender()
    {
        final ExcerptAppender appender = queue.createAppender();
        tickAppender = appender;
        if (pretouchAheadBytes > 0)
        {
            final JournalPretoucher pretoucher = new JournalPretoucher(pretouchAheadBytes, "kite-journal-pretouch");
            pretoucher.start();
            this.pretoucher = pretoucher;
        }
        return appender;
    }

    private static void closeAppender(final ExcerptAppender appender)
    {
        if (null != appender)
        {
            // the appender was used by a handler thread that has stopped: hand it over to this thread to close it
            appender.singleThreadedCheckReset();
            appender.close();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "JournalWriter{queue=" + queue.fileAbsolutePath() + ", ticksAppended=" + ticksAppended.get() +
            ", textsAppended=" + textsAppended.get() + '}';
    }
}
