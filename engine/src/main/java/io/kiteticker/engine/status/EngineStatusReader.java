package io.kiteticker.engine.status;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@link EngineStatus} file written by another (or the same) process, read-only, as AeronStat and ErrorStat
 * read Aeron's CnC file. See {@link EngineStatus} for the layout.
 * <pre>
 * try (EngineStatusReader reader = EngineStatusReader.map(new File("kite-status.dat")))
 * {
 *     reader.forEachConnectionCounter((keyIndex, connIndex, descriptor, value, label) -&gt; ...);
 *     reader.readErrors((count, firstMs, lastMs, text) -&gt; ...);
 * }
 * </pre>
 */
public final class EngineStatusReader implements AutoCloseable
{
    /**
     * Receives one Kite connection counter.
     */
    @FunctionalInterface
    public interface ConnectionCounterConsumer
    {
        /**
         * One counter of one connection.
         *
         * @param apiKeyIndex     of the connection's key.
         * @param connectionIndex of the connection within its key.
         * @param descriptor      of the counter.
         * @param value           of the counter.
         * @param label           of the counter.
         */
        void onCounter(
            int apiKeyIndex, int connectionIndex, KiteCounterDescriptor descriptor, long value, String label);
    }

    private final MappedByteBuffer mappedBuffer;
    private final UnsafeBuffer headerBuffer;
    private final CountersReader countersReader;
    private final UnsafeBuffer errorLogBuffer;

    private EngineStatusReader(final MappedByteBuffer mappedBuffer)
    {
        this.mappedBuffer = mappedBuffer;
        headerBuffer = new UnsafeBuffer(mappedBuffer);
        if (headerBuffer.capacity() < EngineStatus.HEADER_LENGTH ||
            EngineStatus.MAGIC != headerBuffer.getIntVolatile(EngineStatus.MAGIC_OFFSET))
        {
            IoUtil.unmap(mappedBuffer);
            throw new IllegalStateException("not an initialised Kite engine status file");
        }
        final int version = headerBuffer.getInt(EngineStatus.VERSION_OFFSET);
        if (EngineStatus.VERSION != version)
        {
            IoUtil.unmap(mappedBuffer);
            throw new IllegalStateException("unsupported status file version " + version);
        }
        final int metadataLength = headerBuffer.getInt(EngineStatus.METADATA_LENGTH_OFFSET);
        final int valuesLength = headerBuffer.getInt(EngineStatus.VALUES_LENGTH_OFFSET);
        final int errorLogLength = headerBuffer.getInt(EngineStatus.ERROR_LOG_LENGTH_OFFSET);
        final int offset = EngineStatus.HEADER_LENGTH;
        countersReader = new CountersReader(
            new UnsafeBuffer(headerBuffer, offset, metadataLength),
            new UnsafeBuffer(headerBuffer, offset + metadataLength, valuesLength),
            StandardCharsets.US_ASCII);
        errorLogBuffer = new UnsafeBuffer(headerBuffer, offset + metadataLength + valuesLength, errorLogLength);
    }

    /**
     * Map an existing status file read-only.
     *
     * @param file written by {@link EngineStatus#mapped(File, boolean)}.
     * @return a reader; close it to unmap.
     * @throws IllegalStateException if the file is not an initialised status file of a known version.
     */
    public static EngineStatusReader map(final File file)
    {
        return new EngineStatusReader(IoUtil.mapExistingFile(file, FileChannel.MapMode.READ_ONLY, "kite status"));
    }

    /**
     * Agrona reader over all counters in the file (Kite connection counters and any others).
     *
     * @return the counters reader.
     */
    public CountersReader countersReader()
    {
        return countersReader;
    }

    /**
     * Process id of the writer.
     *
     * @return the process id written in the header.
     */
    public long pid()
    {
        return headerBuffer.getLong(EngineStatus.PID_OFFSET);
    }

    /**
     * Start time of the writer.
     *
     * @return epoch milliseconds when the file was created.
     */
    public long startTimestampMs()
    {
        return headerBuffer.getLong(EngineStatus.START_TIMESTAMP_OFFSET);
    }

    /**
     * Visit every allocated Kite connection counter.
     *
     * @param consumer to receive each counter.
     */
    public void forEachConnectionCounter(final ConnectionCounterConsumer consumer)
    {
        countersReader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            final KiteCounterDescriptor descriptor = KiteCounterDescriptor.forTypeId(typeId);
            if (null != descriptor)
            {
                consumer.onCounter(
                    keyBuffer.getInt(ConnectionCounters.API_KEY_INDEX_KEY_OFFSET),
                    keyBuffer.getInt(ConnectionCounters.CONNECTION_INDEX_KEY_OFFSET),
                    descriptor,
                    countersReader.getCounterValue(counterId),
                    label);
            }
        });
    }

    /**
     * Value of one Kite connection counter.
     *
     * @param apiKeyIndex     of the connection's key.
     * @param connectionIndex of the connection within its key.
     * @param descriptor      of the counter.
     * @return its value, or -1 if no such counter is allocated.
     */
    public long counterValue(
        final int apiKeyIndex, final int connectionIndex, final KiteCounterDescriptor descriptor)
    {
        final long[] result = { -1 };
        countersReader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (descriptor.typeId() == typeId &&
                apiKeyIndex == keyBuffer.getInt(ConnectionCounters.API_KEY_INDEX_KEY_OFFSET) &&
                connectionIndex == keyBuffer.getInt(ConnectionCounters.CONNECTION_INDEX_KEY_OFFSET))
            {
                result[0] = countersReader.getCounterValue(counterId);
            }
        });
        return result[0];
    }

    /**
     * Read every distinct error recorded so far.
     *
     * @param consumer receives observation count, first and last timestamps and the encoded stack trace.
     * @return the number of distinct errors read.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(errorLogBuffer, consumer);
    }

    /**
     * Unmap the file.
     */
    public void close()
    {
        IoUtil.unmap(mappedBuffer);
    }
}
