package io.kiteticker.journal.replay;

import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.JournalRecord;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The delivery end of a {@link Replayer}: a tick record is decoded through the live path (its packet wrapped by a
 * {@link TickDecoder}, then {@link TickEvent#decodeFrom(TickDecoder, int, int, long)} into one reused
 * {@link TickEvent}) and a text record copied into one reused {@link TextEvent}, each tagged with the recorded key
 * index, connection index and receive timestamp, and handed to its handler. It remembers whether a handler is
 * running, so the replayer can tell a handler's exception from a failure to read the recording.
 * <p>
 * Nothing is allocated per record once the text buffer has grown to the longest text.
 */
final class ReplayDelivery
{
    private final TickHandler tickHandler;
    private TextHandler textHandler;
    private final TickDecoder decoder = new TickDecoder();
    private final TickEvent tickEvent = TickEvent.EVENT_FACTORY.newInstance();
    private final TextEvent textEvent = TextEvent.EVENT_FACTORY.newInstance();
    private final ExpandableArrayBuffer textBuffer = new ExpandableArrayBuffer(TextEvent.INITIAL_CAPACITY);
    private boolean isInHandler;
    private long ticksDelivered;
    private long textsDelivered;

    ReplayDelivery(final TickHandler tickHandler)
    {
        this.tickHandler = tickHandler;
    }

    void textHandler(final TextHandler textHandler)
    {
        this.textHandler = textHandler;
    }

    long ticksDelivered()
    {
        return ticksDelivered;
    }

    long textsDelivered()
    {
        return textsDelivered;
    }

    /**
     * Whether the exception being handled was thrown while a handler ran (then it passes through unchanged); clears
     * the flag.
     */
    boolean wasInHandler()
    {
        final boolean wasInHandler = isInHandler;
        isInHandler = false;
        return wasInHandler;
    }

    void deliverTick(final UnsafeBuffer record, final long word0, final long index, final boolean endOfBatch)
        throws Exception
    {
        final int length = Math.min(ReplayFilter.payloadLength(record), TickEvent.RAW_CAPACITY);
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

    void deliverText(final UnsafeBuffer record, final long word0, final long index, final boolean endOfBatch)
        throws Exception
    {
        final int length = ReplayFilter.payloadLength(record);
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
