package io.kiteticker.engine.ring;

import com.lmax.disruptor.EventFactory;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One preallocated ring slot holding one server text message (order update, error or other), as raw JSON bytes with
 * the type code the agent classified it by (a {@code io.kiteticker.codec.text.TextMessageDecoder} type code), tagged
 * with the API key and connection it arrived on. Parse the JSON on the consumer side with the codec's
 * {@code TextMessageDecoder} into reusable holders.
 * <p>
 * <b>Note:</b> the buffer starts at {@link #INITIAL_CAPACITY} and grows (allocating, once) for a longer message.
 * A slot is reused on every lap of the ring: keep nothing after the callback returns.
 */
public final class TextEvent extends TaggedEvent
{
    /**
     * Initial capacity of each slot's buffer: an order update is about 1 KiB.
     */
    public static final int INITIAL_CAPACITY = 4096;

    /**
     * Factory the Disruptor uses to preallocate every slot.
     */
    public static final EventFactory<TextEvent> EVENT_FACTORY = TextEvent::new;

    private int type;
    private int length;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);

    /**
     * Fill this slot with a copy of a text message.
     *
     * @param apiKeyIndex     of the key it arrived on.
     * @param connectionIndex of the connection it arrived on.
     * @param receiveNanos    when it was read (nano clock).
     * @param type            type code of the message.
     * @param source          holding the UTF-8 JSON.
     * @param offset          of the message in the source.
     * @param length          of the message in bytes.
     */
    public void set(
        final int apiKeyIndex,
        final int connectionIndex,
        final long receiveNanos,
        final int type,
        final DirectBuffer source,
        final int offset,
        final int length)
    {
        tag(apiKeyIndex, connectionIndex, receiveNanos);
        this.type = type;
        this.length = length;
        buffer.putBytes(0, source, offset, length);
    }

    /**
     * Type code of the message (order, error, other, malformed), as classified by the codec's text decoder.
     *
     * @return the type code.
     */
    public int type()
    {
        return type;
    }

    /**
     * The raw UTF-8 JSON, {@link #length()} bytes from index 0.
     *
     * @return the slot's buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Length of the JSON in {@link #buffer()}.
     *
     * @return length in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * Append a readable form (the JSON as UTF-8) to a builder.
     *
     * @param builder to append to.
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder)
    {
        appendTag(builder.append("TextEvent["))
            .append(", type=").append(type)
            .append(", json=");
        builder.append(buffer.getStringWithoutLengthUtf8(0, length));
        return builder.append(']');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(64 + length)).toString();
    }
}
