package io.kiteticker.journal.tools;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.SessionInfo;
import io.kiteticker.journal.replay.Replayer;
import org.agrona.collections.IntHashSet;

import java.util.Arrays;

/**
 * A handler that summarises what it is given: ticks per API key and per packet kind, distinct tokens, text messages
 * per type, first and last wall-clock time (from the {@link Replayer} it is attached to) and a 64-bit checksum over
 * every decoded field of every tick, in order, so two replays can be compared with one number.
 * <p>
 * Allocates nothing per tick once warm (the token set grows only for new tokens).
 */
public final class ReplaySummary implements TickHandler, TextHandler
{
    private static final long FNV_OFFSET_BASIS = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;
    private static final int TEXT_TYPES = 5;

    private long[] ticksByKey = new long[8];
    private final long[] ticksByKind = new long[PacketKind.KIND_COUNT];
    private final long[] textsByType = new long[TEXT_TYPES];
    private final IntHashSet tokens = new IntHashSet();
    private Replayer replayer;
    private long ticks;
    private long texts;
    private long checksum = FNV_OFFSET_BASIS;
    private long firstEpochNanos;
    private long lastEpochNanos;
    private long firstIndex = -1;
    private long lastIndex = -1;

    /**
     * Take record times and indices from this replayer (optional).
     *
     * @param replayer delivering to this summary.
     * @return this for a fluent API.
     */
    public ReplaySummary replayer(final Replayer replayer)
    {
        this.replayer = replayer;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        final int keyIndex = event.apiKeyIndex();
        if (keyIndex >= ticksByKey.length)
        {
            ticksByKey = Arrays.copyOf(ticksByKey, Math.max(keyIndex + 1, ticksByKey.length * 2));
        }
        ticksByKey[keyIndex]++;
        final int kind = event.kind();
        ticksByKind[kind >= 0 && kind < PacketKind.KIND_COUNT ? kind : PacketKind.UNKNOWN]++;
        tokens.add(event.instrumentToken());
        checksum = checksum(checksum, event);
        onRecord(sequence);
        ticks++;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onText(final TextEvent event, final long sequence, final boolean endOfBatch)
    {
        textsByType[textTypeSlot(event.type())]++;
        onRecord(sequence);
        texts++;
    }

    /**
     * Mix every decoded field (and the tag and timestamp) of a tick into a running FNV-1a-style 64-bit checksum.
     *
     * @param checksum so far.
     * @param event    decoded tick.
     * @return the new checksum.
     */
    public static long checksum(final long checksum, final TickEvent event)
    {
        long h = checksum;
        h = mix(h, event.apiKeyIndex());
        h = mix(h, event.connectionIndex());
        h = mix(h, event.receiveNanos());
        h = mix(h, event.kind());
        h = mix(h, event.rawLength());
        h = mix(h, event.instrumentToken());
        h = mix(h, event.lastPrice());
        h = mix(h, event.lastTradedQuantity());
        h = mix(h, event.averageTradedPrice());
        h = mix(h, event.volumeTraded());
        h = mix(h, event.totalBuyQuantity());
        h = mix(h, event.totalSellQuantity());
        h = mix(h, event.open());
        h = mix(h, event.high());
        h = mix(h, event.low());
        h = mix(h, event.close());
        h = mix(h, event.exchangeChange());
        h = mix(h, event.lastTradeTime());
        h = mix(h, event.openInterest());
        h = mix(h, event.openInterestDayHigh());
        h = mix(h, event.openInterestDayLow());
        h = mix(h, event.exchangeTimestamp());
        if (PacketKind.FULL == event.kind())
        {
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++)
            {
                h = mix(h, event.bidQuantity(level));
                h = mix(h, event.bidPrice(level));
                h = mix(h, event.bidOrders(level));
                h = mix(h, event.askQuantity(level));
                h = mix(h, event.askPrice(level));
                h = mix(h, event.askOrders(level));
            }
        }
        return h;
    }

    /**
     * Ticks seen.
     *
     * @return the count.
     */
    public long ticks()
    {
        return ticks;
    }

    /**
     * Text messages seen.
     *
     * @return the count.
     */
    public long texts()
    {
        return texts;
    }

    /**
     * Ticks of one API key.
     *
     * @param apiKeyIndex of the key.
     * @return the count.
     */
    public long ticks(final int apiKeyIndex)
    {
        return apiKeyIndex >= 0 && apiKeyIndex < ticksByKey.length ? ticksByKey[apiKeyIndex] : 0;
    }

    /**
     * Ticks of one packet kind.
     *
     * @param kind a {@link PacketKind} constant.
     * @return the count.
     */
    public long ticksOfKind(final int kind)
    {
        return kind >= 0 && kind < PacketKind.KIND_COUNT ? ticksByKind[kind] : 0;
    }

    /**
     * Text messages of one type code.
     *
     * @param type a {@link TextMessageDecoder} type code.
     * @return the count.
     */
    public long textsOfType(final int type)
    {
        return textsByType[textTypeSlot(type)];
    }

    /**
     * Distinct instrument tokens seen.
     *
     * @return the count.
     */
    public int distinctTokens()
    {
        return tokens.size();
    }

    /**
     * Checksum over every decoded field of every tick, in order.
     *
     * @return the checksum.
     */
    public long checksum()
    {
        return checksum;
    }

    /**
     * Wall-clock time of the first record (needs {@link #replayer(Replayer)}).
     *
     * @return epoch nanos, or 0.
     */
    public long firstEpochNanos()
    {
        return firstEpochNanos;
    }

    /**
     * Wall-clock time of the last record (needs {@link #replayer(Replayer)}).
     *
     * @return epoch nanos, or 0.
     */
    public long lastEpochNanos()
    {
        return lastEpochNanos;
    }

    /**
     * Append the summary as a few human-readable lines.
     *
     * @param builder to append to.
     * @param session of the recording, to name keys (may be null).
     * @return the builder.
     */
    public StringBuilder appendTo(final StringBuilder builder, final SessionInfo session)
    {
        builder.append("ticks: ").append(ticks).append(", text messages: ").append(texts)
            .append(", distinct tokens: ").append(tokens.size()).append('\n');
        if (0 != firstEpochNanos || 0 != lastEpochNanos)
        {
            builder.append("first: ").append(SessionInfo.toInstant(firstEpochNanos))
                .append(" (index ").append(firstIndex).append(")\n")
                .append("last:  ").append(SessionInfo.toInstant(lastEpochNanos))
                .append(" (index ").append(lastIndex).append(")\n");
        }
        builder.append("per key:");
        for (int k = 0; k < ticksByKey.length; k++)
        {
            if (0 != ticksByKey[k])
            {
                builder.append(' ').append(null == session ? "#" + k : session.apiKeyId(k)).append('=')
                    .append(ticksByKey[k]);
            }
        }
        builder.append('\n').append("per kind:");
        for (int kind = 0; kind < PacketKind.KIND_COUNT; kind++)
        {
            if (0 != ticksByKind[kind])
            {
                builder.append(' ').append(PacketKind.name(kind)).append('=').append(ticksByKind[kind]);
            }
        }
        builder.append('\n');
        if (0 != texts)
        {
            builder.append("text messages:");
            appendTextCount(builder, TextMessageDecoder.ORDER);
            appendTextCount(builder, TextMessageDecoder.ERROR);
            appendTextCount(builder, TextMessageDecoder.MESSAGE);
            appendTextCount(builder, TextMessageDecoder.MALFORMED);
            builder.append('\n');
        }
        builder.append("checksum: ").append(String.format("%016x", checksum)).append('\n');
        return builder;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return appendTo(new StringBuilder(256), null).toString();
    }

    private void appendTextCount(final StringBuilder builder, final int type)
    {
        final long count = textsOfType(type);
        if (0 != count)
        {
            builder.append(' ').append(TextMessageDecoder.typeCodeName(type)).append('=').append(count);
        }
    }

    private void onRecord(final long sequence)
    {
        final Replayer replayer = this.replayer;
        if (null != replayer)
        {
            if (-1 == firstIndex)
            {
                firstIndex = sequence;
                firstEpochNanos = replayer.currentEpochNanos();
            }
            lastIndex = sequence;
            lastEpochNanos = replayer.currentEpochNanos();
        }
    }

    private static int textTypeSlot(final int type)
    {
        return type >= 0 && type < TEXT_TYPES - 1 ? type : TEXT_TYPES - 1;
    }

    private static long mix(final long h, final long value)
    {
        return (h ^ value) * FNV_PRIME;
    }
}
