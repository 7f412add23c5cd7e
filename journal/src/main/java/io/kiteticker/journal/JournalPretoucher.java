package io.kiteticker.journal;

import io.kiteticker.engine.threading.Threads;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

import java.util.concurrent.locks.LockSupport;

/**
 * Faults in the pages of the queue file ahead of the tick appender on a background thread, so that the appender
 * writes to pages that are already mapped and zeroed.
 * <p>
 * Without it every fresh page cache folio of the memory-mapped queue file is allocated and zeroed by the kernel
 * inside the appender's first store to it: on ext4 this was about a third of the journal thread's CPU time for full
 * ticks (perf: {@code zero_user_segments}). Page tables belong to the process, not the thread, so a page this thread
 * touches through Chronicle's own mapping (the same {@link MappedBytesStore} chunk the appender will use, shared by
 * the {@link MappedFile}) no longer faults on the appender.
 * <p>
 * The appender thread publishes its mapped file and write position with {@link #onAppend(Bytes)} (an ordered store,
 * no allocation); this thread keeps the range {@code [position, position + aheadBytes)} touched, sleeping
 * {@link #PARK_NS} between checks. A page is touched with a compare-and-swap of 0 to 0 on one aligned long: it
 * faults the page in for writing and never changes a byte, even if the appender gets there first. Each chunk is
 * reserved for the duration of the touch, so a chunk is never unmapped under this thread.
 * <p>
 * <b>Note:</b> the tail of a roll-cycle file may get up to {@code aheadBytes} of touched (allocated, zero) pages that
 * are never written.
 */
final class JournalPretoucher implements Runnable, ReferenceOwner
{
    /**
     * Bytes kept touched ahead of the write position by default.
     */
    static final long AHEAD_BYTES_DEFAULT = 16L << 20;

    /**
     * Sleep between checks.
     */
    static final long PARK_NS = 500_000L;

    private static final long PAGE_SIZE = 4096;

    private final long aheadBytes;
    private final Thread thread;
    private volatile MappedFile mappedFile;
    private volatile long writePosition;
    private volatile boolean isRunning = true;
    private MappedFile touchedFile;
    private long touchedUpTo;
    private volatile long pagesTouched;
    private long errors;

    JournalPretoucher(final long aheadBytes, final String threadName)
    {
        this.aheadBytes = aheadBytes;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    /**
     * Publish the appender's position after an append (call on the appender thread).
     *
     * @param bytes of the appender's wire.
     */
    void onAppend(final Bytes<?> bytes)
    {
        if (bytes instanceof MappedBytes)
        {
            final MappedFile file = ((MappedBytes)bytes).mappedFile();
            if (file != mappedFile)
            {
                mappedFile = file;
            }
            writePosition = bytes.writePosition();
        }
    }

    /**
     * Stop the thread and wait for it (call before the queue is closed).
     */
    void close()
    {
        isRunning = false;
        LockSupport.unpark(thread);
        Threads.joinUninterruptibly(thread);
    }

    /**
     * Pages touched so far (readable from any thread).
     *
     * @return the count.
     */
    long pagesTouched()
    {
        return pagesTouched;
    }

    /**
     * {@inheritDoc}
     */
    public void run()
    {
        while (isRunning)
        {
            final MappedFile file = mappedFile;
            if (null != file)
            {
                try
                {
                    touch(file, writePosition);
                }
                catch (final Exception ex)
                {
                    // the file rolled or closed under us: try again with whatever is published next
                    errors++;
                    touchedFile = null;
                }
            }
            LockSupport.parkNanos(PARK_NS);
        }
    }

    private void touch(final MappedFile file, final long position)
        throws Exception
    {
        if (file != touchedFile)
        {
            touchedFile = file;
            touchedUpTo = 0;
        }
        final long target = Math.min((position + aheadBytes) & -PAGE_SIZE, file.capacity());
        long from = Math.max(touchedUpTo, (position + PAGE_SIZE - 1) & -PAGE_SIZE);
        while (from < target && isRunning && file == mappedFile)
        {
            final MappedBytesStore store = file.acquireByteStore(this, from);
            try
            {
                final long end = Math.min(target, store.start() + file.chunkSize());
                if (end <= from)
                {
                    break;
                }
                long pages = 0;
                for (long p = from; p < end; p += PAGE_SIZE)
                {
                    store.compareAndSwapLong(p, 0L, 0L);
                    pages++;
                }
                pagesTouched += pages;
                from = end;
                touchedUpTo = end;
            }
            finally
            {
                store.release(this);
            }
        }
    }
}
