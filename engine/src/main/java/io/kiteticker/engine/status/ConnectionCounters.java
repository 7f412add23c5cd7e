package io.kiteticker.engine.status;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.util.Objects;

/**
 * The counters of one connection, one per {@link KiteCounterDescriptor}, allocated from a {@link CountersManager}.
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
 * <b>Note:</b> one writer (the connection's agent thread) updates the counters with release semantics; any thread may
 * read them. Allocation and {@link #close()} must not race with other allocations on the same manager unless it is a
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

    private final int apiKeyIndex;
    private final int connectionIndex;
    private final AtomicCounter[] counters;
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
        this.owner = owner;
        this.apiKeyIndex = apiKeyIndex;
        this.connectionIndex = connectionIndex;

        final KiteCounterDescriptor[] descriptors = KiteCounterDescriptor.values();
        counters = new AtomicCounter[descriptors.length];
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
                counters[descriptor.id()] = countersManager.newCounter(
                    descriptor.typeId(), keyBuffer, 0, KEY_LENGTH, labelBuffer, 0, labelLength);
            }
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.closeAll(counters);
            throw ex;
        }
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
     * The counter for a descriptor.
     *
     * @param descriptor of the counter.
     * @return the counter.
     */
    public AtomicCounter counter(final KiteCounterDescriptor descriptor)
    {
        return counters[descriptor.id()];
    }

    /**
     * Current value of the counter for a descriptor.
     *
     * @param descriptor of the counter.
     * @return its current value.
     */
    public long get(final KiteCounterDescriptor descriptor)
    {
        return counters[descriptor.id()].get();
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
                CloseHelper.closeAll(counters);
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
            builder.append(", ").append(descriptor.name()).append('=').append(counters[descriptor.id()].get());
        }
        return builder.append('}').toString();
    }
}
