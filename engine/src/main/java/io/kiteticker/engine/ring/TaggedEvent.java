package io.kiteticker.engine.ring;

/**
 * What every ring slot carries besides its payload: the API key and connection the bytes arrived on and when they
 * were read. {@link TextEvent} and {@link TickEvent} are filled on the connection agent's thread through
 * {@link #tag(int, int, long)}.
 */
abstract class TaggedEvent
{
    private int apiKeyIndex;
    private int connectionIndex;
    private long receiveNanos;

    /**
     * Index of the API key the bytes arrived on.
     *
     * @return the API key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Index of the connection (within its key) the bytes arrived on.
     *
     * @return the connection index.
     */
    public int connectionIndex()
    {
        return connectionIndex;
    }

    /**
     * When the bytes were read from the socket, on the engine's nano clock.
     *
     * @return the receive timestamp in nanoseconds.
     */
    public long receiveNanos()
    {
        return receiveNanos;
    }

    /**
     * Set the tag of this slot.
     *
     * @param apiKeyIndex     of the key the bytes arrived on.
     * @param connectionIndex of the connection the bytes arrived on.
     * @param receiveNanos    when the bytes were read (nano clock).
     */
    final void tag(final int apiKeyIndex, final int connectionIndex, final long receiveNanos)
    {
        this.apiKeyIndex = apiKeyIndex;
        this.connectionIndex = connectionIndex;
        this.receiveNanos = receiveNanos;
    }

    /**
     * Append the tag as {@code key=K, connection=C, receiveNanos=N}.
     *
     * @param builder to append to.
     * @return the builder.
     */
    final StringBuilder appendTag(final StringBuilder builder)
    {
        return builder.append("key=").append(apiKeyIndex)
            .append(", connection=").append(connectionIndex)
            .append(", receiveNanos=").append(receiveNanos);
    }
}
