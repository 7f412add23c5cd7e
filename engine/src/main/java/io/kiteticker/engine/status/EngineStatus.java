package io.kiteticker.engine.status;

import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.CountedErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.LoggingErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.ConcurrentCountersManager;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Owns the engine's counters ({@link CountersManager}) and its {@link DistinctErrorLog}, in memory or in a
 * memory-mapped file that another process reads with {@link EngineStatusReader} (as AeronStat and ErrorStat read
 * Aeron's CnC file).
 * <p>
 * File layout (all offsets in bytes, integers in native byte order):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+   0
 *  |                 magic 0x4B495445 ("KITE"), written last       |
 *  +---------------------------------------------------------------+   4
 *  |                          version (1)                          |
 *  +---------------------------------------------------------------+   8
 *  |                  counters metadata length (M)                 |
 *  +---------------------------------------------------------------+  12
 *  |                   counters values length (V)                  |
 *  +---------------------------------------------------------------+  16
 *  |                      error log length (E)                     |
 *  +---------------------------------------------------------------+  20
 *  |                           reserved                            |
 *  +---------------------------------------------------------------+  24
 *  |                        process id (64 bits)                   |
 *  +---------------------------------------------------------------+  32
 *  |                start timestamp, epoch ms (64 bits)            |
 *  +---------------------------------------------------------------+  40
 *  |                      padding to 128 bytes                    ...
 *  +---------------------------------------------------------------+ 128
 *  |            counters metadata (M = maxCounters * 512)         ...
 *  +---------------------------------------------------------------+ 128 + M
 *  |            counters values (V = maxCounters * 128)           ...
 *  +---------------------------------------------------------------+ 128 + M + V
 *  |            distinct error log (E bytes, Agrona format)       ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Counter records are Agrona's {@code CountersReader} format; Kite connection counters use the type ids of
 * {@link KiteCounterDescriptor} and the key layout of {@link ConnectionCounters}.
 * <p>
 * <b>Note:</b> counters may be allocated and freed from any thread (a {@link ConcurrentCountersManager} is used) and
 * the error handler may be called from any thread.
 */
public final class EngineStatus implements AutoCloseable
{
    /**
     * Magic number at offset 0, written last once the file is initialised.
     */
    public static final int MAGIC = 0x4B495445;

    /**
     * Layout version.
     */
    public static final int VERSION = 1;

    /**
     * Offset of the magic number.
     */
    public static final int MAGIC_OFFSET = 0;

    /**
     * Offset of the version.
     */
    public static final int VERSION_OFFSET = 4;

    /**
     * Offset of the counters metadata length.
     */
    public static final int METADATA_LENGTH_OFFSET = 8;

    /**
     * Offset of the counters values length.
     */
    public static final int VALUES_LENGTH_OFFSET = 12;

    /**
     * Offset of the error log length.
     */
    public static final int ERROR_LOG_LENGTH_OFFSET = 16;

    /**
     * Offset of the process id.
     */
    public static final int PID_OFFSET = 24;

    /**
     * Offset of the start timestamp in epoch milliseconds.
     */
    public static final int START_TIMESTAMP_OFFSET = 32;

    /**
     * Length of the header before the counters metadata.
     */
    public static final int HEADER_LENGTH = 128;

    /**
     * Default number of counters: room for 8 keys of 3 connections with a wide margin.
     */
    public static final int MAX_COUNTERS_DEFAULT = 1024;

    /**
     * Default length of the distinct error log.
     */
    public static final int ERROR_LOG_LENGTH_DEFAULT = 1024 * 1024;

    private final File file;
    private final MappedByteBuffer mappedBuffer;
    private final ByteBuffer heapBuffer;
    private final UnsafeBuffer headerBuffer;
    private final AtomicBuffer metadataBuffer;
    private final AtomicBuffer valuesBuffer;
    private final AtomicBuffer errorLogBuffer;
    private final CountersManager countersManager;
    private final DistinctErrorLog errorLog;
    private final LoggingErrorHandler loggingErrorHandler;
    private final AtomicCounter errorCounter;
    private final CountedErrorHandler errorHandler;
    private final boolean deleteOnClose;
    private boolean isClosed;

    private EngineStatus(
        final File file,
        final boolean deleteOnClose,
        final int maxCounters,
        final int errorLogLength,
        final EpochClock epochClock,
        final PrintStream errorOverflow)
    {
        if (maxCounters < 1)
        {
            throw new IllegalArgumentException("maxCounters must be positive: " + maxCounters);
        }
        final int errorLength = BitUtil.align(Math.max(errorLogLength, 4096), 8);
        final int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        final int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        final long totalLength = (long)HEADER_LENGTH + metadataLength + valuesLength + errorLength;
        if (totalLength > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("status too large: " + totalLength);
        }

        this.file = file;
        this.deleteOnClose = deleteOnClose;
        if (null != file)
        {
            IoUtil.deleteIfExists(file);
            mappedBuffer = IoUtil.mapNewFile(file, totalLength, true);
            heapBuffer = null;
            headerBuffer = new UnsafeBuffer(mappedBuffer);
        }
        else
        {
            mappedBuffer = null;
            heapBuffer = ByteBuffer.allocateDirect((int)totalLength);
            headerBuffer = new UnsafeBuffer(heapBuffer);
        }

        metadataBuffer = new UnsafeBuffer(headerBuffer, HEADER_LENGTH, metadataLength);
        valuesBuffer = new UnsafeBuffer(headerBuffer, HEADER_LENGTH + metadataLength, valuesLength);
        errorLogBuffer = new UnsafeBuffer(headerBuffer, HEADER_LENGTH + metadataLength + valuesLength, errorLength);

        headerBuffer.putInt(VERSION_OFFSET, VERSION);
        headerBuffer.putInt(METADATA_LENGTH_OFFSET, metadataLength);
        headerBuffer.putInt(VALUES_LENGTH_OFFSET, valuesLength);
        headerBuffer.putInt(ERROR_LOG_LENGTH_OFFSET, errorLength);
        headerBuffer.putLong(PID_OFFSET, ProcessHandle.current().pid());
        headerBuffer.putLong(START_TIMESTAMP_OFFSET, epochClock.time());

        countersManager = new ConcurrentCountersManager(
            metadataBuffer, valuesBuffer, StandardCharsets.US_ASCII, epochClock, 0);
        errorLog = new DistinctErrorLog(errorLogBuffer, epochClock, StandardCharsets.UTF_8);
        loggingErrorHandler = new LoggingErrorHandler(errorLog, errorOverflow);
        errorCounter = countersManager.newCounter("kite errors (all connections)");
        errorHandler = new CountedErrorHandler(loggingErrorHandler, errorCounter);

        headerBuffer.putIntVolatile(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Status held in memory only.
     *
     * @return a new in-memory status with default sizes.
     */
    public static EngineStatus inMemory()
    {
        return new EngineStatus(
            null, false, MAX_COUNTERS_DEFAULT, ERROR_LOG_LENGTH_DEFAULT, SystemEpochClock.INSTANCE, System.err);
    }

    /**
     * Status held in memory only.
     *
     * @param maxCounters    number of counters it can hold.
     * @param errorLogLength length of the distinct error log in bytes.
     * @param epochClock     for error and counter timestamps.
     * @return a new in-memory status.
     */
    public static EngineStatus inMemory(final int maxCounters, final int errorLogLength, final EpochClock epochClock)
    {
        return new EngineStatus(null, false, maxCounters, errorLogLength, epochClock, System.err);
    }

    /**
     * Status in a new memory-mapped file (an existing file is replaced).
     *
     * @param file          to create.
     * @param deleteOnClose delete the file in {@link #close()}.
     * @return a new mapped status with default sizes.
     */
    public static EngineStatus mapped(final File file, final boolean deleteOnClose)
    {
        return mapped(file, deleteOnClose, MAX_COUNTERS_DEFAULT, ERROR_LOG_LENGTH_DEFAULT, SystemEpochClock.INSTANCE);
    }

    /**
     * Status in a new memory-mapped file (an existing file is replaced).
     *
     * @param file           to create.
     * @param deleteOnClose  delete the file in {@link #close()}.
     * @param maxCounters    number of counters it can hold.
     * @param errorLogLength length of the distinct error log in bytes.
     * @param epochClock     for error and counter timestamps.
     * @return a new mapped status.
     */
    public static EngineStatus mapped(
        final File file,
        final boolean deleteOnClose,
        final int maxCounters,
        final int errorLogLength,
        final EpochClock epochClock)
    {
        return new EngineStatus(file, deleteOnClose, maxCounters, errorLogLength, epochClock, System.err);
    }

    /**
     * The counters manager connections allocate their {@link ConnectionCounters} from.
     *
     * @return the counters manager.
     */
    public CountersManager countersManager()
    {
        return countersManager;
    }

    /**
     * Allocate the counters of one connection.
     *
     * @param apiKeyIndex     of the connection's key.
     * @param connectionIndex of the connection within its key.
     * @param apiKeyId        label of the key (never the api key or the token).
     * @return the new counters; close them when the connection goes away.
     */
    public ConnectionCounters newConnectionCounters(
        final int apiKeyIndex, final int connectionIndex, final String apiKeyId)
    {
        return new ConnectionCounters(countersManager, apiKeyIndex, connectionIndex, apiKeyId, this);
    }

    /**
     * The distinct error log.
     *
     * @return the distinct error log.
     */
    public DistinctErrorLog errorLog()
    {
        return errorLog;
    }

    /**
     * Error handler that counts every error in {@link #errorCounter()} and records it once per distinct stack trace
     * in the {@link #errorLog()}. Never throws.
     *
     * @return the error handler to give every connection.
     */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    /**
     * Engine-wide error count.
     *
     * @return the counter of all errors reported through {@link #errorHandler()}.
     */
    public AtomicCounter errorCounter()
    {
        return errorCounter;
    }

    /**
     * The buffer holding the error log (for reading in process with {@code ErrorLogReader}).
     *
     * @return the error log buffer.
     */
    public AtomicBuffer errorLogBuffer()
    {
        return errorLogBuffer;
    }

    /**
     * The mapped file, or {@code null} when in memory.
     *
     * @return the file or {@code null}.
     */
    public File file()
    {
        return file;
    }

    /**
     * Is this status closed.
     *
     * @return true once {@link #close()} has been called.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * Close the error handler and unmap the file (deleting it if asked).
     * <p>
     * <b>Note:</b> close (and stop) every connection using these counters first: once a file is unmapped, a write to
     * one of its counters would touch unmapped memory. {@link ConnectionCounters#close()} after this is a no-op. An
     * in-memory status is left to the garbage collector, so late reads and writes stay safe.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            CloseHelper.quietCloseAll(errorHandler, loggingErrorHandler, errorCounter);
            if (null != mappedBuffer)
            {
                IoUtil.unmap(mappedBuffer);
                if (deleteOnClose)
                {
                    IoUtil.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "EngineStatus{file=" + file + ", counters=" + countersManager.capacity() + '}';
    }
}
