package io.kiteticker.engine.status;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The counters of one connection as one flyweight over the counters values buffer, the AeronStat way: one counter per
 * {@link KiteCounterDescriptor}, allocated from a {@link CountersManager}, and every update one ordered write at
 * {@link CountersReader#counterOffset(int)} of that counter's id. There is no {@code AtomicCounter} object per counter
 * and no allocation per update, and a reader in another process ({@code EngineStatusReader}, {@code ./kite stats},
 * a metrics endpoint) reads the very same layout through a {@link CountersReader}.
 * <p>
 * Label: {@code "kite-<apiKeyIndex>-<connectionIndex> [<apiKeyId>] <descriptor label>"}. Key (12 bytes, native
 * order):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         API key index                         |
 *  +---------------------------------------------------------------+
 *  |                       connection index                        |
 *  +---------------------------------------------------------------+
 *  |                         descriptor id                         |
 *  +---------------------------------------------------------------+
 * </pre>
 * Labels carry indices and the key id label only, never an api key or an access token.
 * <p>
 * <b>Note:</b> one writer (the connection's agent thread) updates the counters with {@link #increment},
 * {@link #add}, {@link #set} and {@link #proposeMax} (plain read, release write); a counter other threads also write
 * (COMMAND_QUEUE_FULL, from control threads) uses {@link #incrementAtomic}. Any thread may {@link #get} them.
 * Allocation and {@link #close()} must not race with other allocations on the same manager unless it is a
 * {@code ConcurrentCountersManager} (which {@link EngineStatus} uses).
 */
public final class ConnectionCounters implements AutoCloseable
{
    /**
     * Offset of the API key index in the counter key.
     */
    public static final int API_KEY_INDEX_KEY_OFFSET = 0;

    /**
     * Offset of the connection index in the counter key.
     */
    public static final int CONNECTION_INDEX_KEY_OFFSET = 4;

    /**
     * Offset of the descriptor id in the counter key.
     */
    public static final int DESCRIPTOR_ID_KEY_OFFSET = 8;

    /**
     * Length of the counter key.
     */
    public static final int KEY_LENGTH = 12;

    /**
     * Counters a {@link #standalone} manager has room for (one connection's, with spare).
     */
    public static final int STANDALONE_COUNTER_CAPACITY = 32;

    private static final int NOT_ALLOCATED = -1;

    private final int apiKeyIndex;
    private final int connectionIndex;
    private final CountersManager countersManager;
    private final AtomicBuffer valuesBuffer;
    private final int[] counterIds;
    private final int[] valueOffsets;
    private final EngineStatus owner;
    private boolean isClosed;

    /**
     * Allocate one counter per descriptor for a connection.
     *
     * @param countersManager to allocate from.
     * @param apiKeyIndex     of the connection's API key.
     * @param connectionIndex of the connection within its key.
     * @param apiKeyId        label of the API key (for example "account1"); never the api key or the token.
     */
    public ConnectionCounters(
        final CountersManager countersManager,
        final int apiKeyIndex,
        final int connectionIndex,
        final String apiKeyId)
    {
        this(countersManager, apiKeyIndex, connectionIndex, apiKeyId, null);
    }

    ConnectionCounters(
        final CountersManager countersManager,
        final int apiKeyIndex,
        final int connectionIndex,
        final String apiKeyId,
        final EngineStatus owner)
    {
        Objects.requireNonNull(countersManager, "countersManager");
        this.countersManager = countersManager;
        this.valuesBuffer = countersManager.valuesBuffer();
        this.owner = owner;
        this.apiKeyIndex = apiKeyIndex;
        this.connectionIndex = connectionIndex;

        final KiteCounterDescriptor[] descriptors = KiteCounterDescriptor.values();
        counterIds = new int[descriptors.length];
        valueOffsets = new int[descriptors.length];
        Arrays.fill(counterIds, NOT_ALLOCATED);
        final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[KEY_LENGTH]);
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[CountersReader.MAX_LABEL_LENGTH]);
        final String prefix = "kite-" + apiKeyIndex + "-" + connectionIndex + " [" + apiKeyId + "] ";
        try
        {
            for (final KiteCounterDescriptor descriptor : descriptors)
            {
                keyBuffer.putInt(API_KEY_INDEX_KEY_OFFSET, apiKeyIndex);
                keyBuffer.putInt(CONNECTION_INDEX_KEY_OFFSET, connectionIndex);
                keyBuffer.putInt(DESCRIPTOR_ID_KEY_OFFSET, descriptor.id());
                String label = prefix + descriptor.label();
                if (label.length() > CountersReader.MAX_LABEL_LENGTH)
                {
                    label = label.substring(0, CountersReader.MAX_LABEL_LENGTH);
                }
                final int labelLength = labelBuffer.putStringWithoutLengthUtf8(0, label);
                final int counterId = countersManager.allocate(
                    descriptor.typeId(), keyBuffer, 0, KEY_LENGTH, labelBuffer, 0, labelLength);
                counterIds[descriptor.id()] = counterId;
                valueOffsets[descriptor.id()] = CountersReader.counterOffset(counterId);
                valuesBuffer.putLongRelease(CountersReader.counterOffset(counterId), 0);
            }
        }
        catch (final RuntimeException ex)
        {
            freeAll();
            throw ex;
        }
    }

    /**
     * Counters for one connection in a small manager of their own, for a connection (or a test) that is not part of
     * an {@link EngineStatus}.
     *
     * @param apiKeyIndex     of the connection's API key.
     * @param connectionIndex of the connection within its key.
     * @param apiKeyId        label of the API key.
     * @return the counters.
     */
    public static ConnectionCounters standalone(final int apiKeyIndex, final int connectionIndex, final String apiKeyId)
    {
        final CountersManager countersManager = new CountersManager(
            new UnsafeBuffer(new byte[STANDALONE_COUNTER_CAPACITY * CountersReader.METADATA_LENGTH]),
            new UnsafeBuffer(new byte[STANDALONE_COUNTER_CAPACITY * CountersReader.COUNTER_LENGTH]),
            StandardCharsets.US_ASCII);
        return new ConnectionCounters(countersManager, apiKeyIndex, connectionIndex, apiKeyId);
    }

    /**
     * API key index these counters belong to.
     *
     * @return the API key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Connection index these counters belong to.
     *
     * @return the connection index.
     */
    public int connectionIndex()
    {
        return connectionIndex;
    }

    /**
     * Id of the counter for a descriptor in its {@link CountersManager}.
     *
     * @param descriptor of the counter.
     * @return the counter id.
     */
    public int counterId(final KiteCounterDescriptor descriptor)
    {
        return counterIds[descriptor.id()];
    }

    /**
     * Add one (single writer: plain read, release write).
     *
     * @param descriptor of the counter.
     */
    public void increment(final KiteCounterDescriptor descriptor)
    {
        valuesBuffer.addLongRelease(valueOffsets[descriptor.id()], 1);
    }

    /**
     * Add a delta (single writer: plain read, release write).
     *
     * @param descriptor of the counter.
     * @param delta      to add.
     */
    public void add(final KiteCounterDescriptor descriptor, final long delta)
    {
        valuesBuffer.addLongRelease(valueOffsets[descriptor.id()], delta);
    }

    /**
     * Add one atomically, for a counter that more than one thread writes.
     *
     * @param descriptor of the counter.
     */
    public void incrementAtomic(final KiteCounterDescriptor descriptor)
    {
        valuesBuffer.getAndAddLong(valueOffsets[descriptor.id()], 1);
    }

    /**
     * Set a value (release write).
     *
     * @param descriptor of the counter.
     * @param value      to set.
     */
    public void set(final KiteCounterDescriptor descriptor, final long value)
    {
        valuesBuffer.putLongRelease(valueOffsets[descriptor.id()], value);
    }

    /**
     * Set a value if it is above the current one (single writer).
     *
     * @param descriptor of the counter.
     * @param value      proposed.
     */
    public void proposeMax(final KiteCounterDescriptor descriptor, final long value)
    {
        final int offset = valueOffsets[descriptor.id()];
        if (value > valuesBuffer.getLong(offset))
        {
            valuesBuffer.putLongRelease(offset, value);
        }
    }

    /**
     * Current value of the counter for a descriptor (volatile read, any thread).
     *
     * @param descriptor of the counter.
     * @return its current value.
     */
    public long get(final KiteCounterDescriptor descriptor)
    {
        return valuesBuffer.getLongVolatile(valueOffsets[descriptor.id()]);
    }

    /**
     * Free every counter (idempotent).
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            if (null == owner || !owner.isClosed())
            {
                freeAll();
            }
        }
    }

    /**
     * Has {@link #close()} been called.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return isClosed;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        final StringBuilder builder = new StringBuilder(256);
        builder.append("ConnectionCounters{kite-").append(apiKeyIndex).append('-').append(connectionIndex);
        for (final KiteCounterDescriptor descriptor : KiteCounterDescriptor.values())
        {
            builder.append(", ").append(descriptor.name()).append('=').append(get(descriptor));
        }
        return builder.append('}').toString();
    }

    private void freeAll()
    {
        for (int i = 0; i < counterIds.length; i++)
        {
            final int counterId = counterIds[i];
            if (NOT_ALLOCATED != counterId)
            {
                counterIds[i] = NOT_ALLOCATED;
                countersManager.free(counterId);
            }
        }
    }
}
