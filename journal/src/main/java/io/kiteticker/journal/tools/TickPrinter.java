package io.kiteticker.journal.tools;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.text.TextMessageDecoder;
import io.kiteticker.engine.ring.TextEvent;
import io.kiteticker.engine.ring.TextHandler;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.journal.SessionInfo;
import io.kiteticker.journal.replay.Replayer;

import java.io.PrintWriter;

/**
 * Prints every tick decoded, one a line, prices as decimals; and every text message with its JSON. For
 * {@code ./kite replay --print}: a tool, it allocates per line.
 * <pre>
 * 2026-01-05T03:45:00.123456789Z #81604378625 key=alpha conn=0 FULL token=408065 ltp=1234.55 ...
 * </pre>
 */
public final class TickPrinter implements TickHandler, TextHandler
{
    private final PrintWriter out;
    private final SessionInfo session;
    private final StringBuilder line = new StringBuilder(512);
    private Replayer replayer;

    /**
     * A printer to a writer.
     *
     * @param out     to print to.
     * @param session of the recording, to name keys (may be null).
     */
    public TickPrinter(final PrintWriter out, final SessionInfo session)
    {
        this.out = out;
        this.session = session;
    }

    /**
     * Take record times from this replayer (optional).
     *
     * @param replayer delivering to this printer.
     * @return this for a fluent API.
     */
    public TickPrinter replayer(final Replayer replayer)
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
        line.setLength(0);
        appendPrefix(sequence, event.apiKeyIndex(), event.connectionIndex());
        appendTick(line, event);
        out.println(line);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onText(final TextEvent event, final long sequence, final boolean endOfBatch)
    {
        line.setLength(0);
        appendPrefix(sequence, event.apiKeyIndex(), event.connectionIndex());
        line.append("TEXT ").append(TextMessageDecoder.typeCodeName(event.type())).append(' ')
            .append(event.buffer().getStringWithoutLengthUtf8(0, event.length()));
        out.println(line);
    }

    /**
     * Append the decoded fields of a tick the packet kind carries, prices as decimals.
     *
     * @param builder to append to.
     * @param event   decoded tick.
     * @return the builder.
     */
    public static StringBuilder appendTick(final StringBuilder builder, final TickEvent event)
    {
        final int kind = event.kind();
        builder.append(PacketKind.name(kind)).append(" token=").append(event.instrumentToken() & 0xFFFF_FFFFL);
        if (PacketKind.UNKNOWN == kind)
        {
            return builder.append(" length=").append(event.rawLength());
        }
        builder.append(" ltp=").append(event.lastPriceAsDouble());
        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            builder.append(" ltq=").append(event.lastTradedQuantity())
                .append(" atp=").append(event.averageTradedPriceAsDouble())
                .append(" volume=").append(event.volumeTraded())
                .append(" buyQty=").append(event.totalBuyQuantity())
                .append(" sellQty=").append(event.totalSellQuantity());
        }
        if (PacketKind.LTP != kind)
        {
            builder.append(" open=").append(event.openAsDouble())
                .append(" high=").append(event.highAsDouble())
                .append(" low=").append(event.lowAsDouble())
                .append(" close=").append(event.closeAsDouble())
                .append(" change=").append(event.changeAsDouble());
        }
        if (PacketKind.FULL == kind)
        {
            builder.append(" ltt=").append(event.lastTradeTime())
                .append(" oi=").append(event.openInterest())
                .append(" oiHigh=").append(event.openInterestDayHigh())
                .append(" oiLow=").append(event.openInterestDayLow());
        }
        if (PacketKind.FULL == kind || PacketKind.INDEX_FULL == kind)
        {
            builder.append(" exchangeTime=").append(event.exchangeTimestamp());
        }
        if (PacketKind.FULL == kind)
        {
            builder.append(" bids=");
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(event.bidQuantity(level)).append('@')
                    .append(event.bidPriceAsDouble(level)).append('/').append(event.bidOrders(level));
            }
            builder.append("] asks=");
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++)
            {
                builder.append(0 == level ? "[" : " ").append(event.askQuantity(level)).append('@')
                    .append(event.askPriceAsDouble(level)).append('/').append(event.askOrders(level));
            }
            builder.append(']');
        }
        return builder;
    }

    private void appendPrefix(final long sequence, final int apiKeyIndex, final int connectionIndex)
    {
        if (null != replayer)
        {
            line.append(SessionInfo.toInstant(replayer.currentEpochNanos())).append(' ');
        }
        line.append('#').append(sequence)
            .append(" key=").append(null == session ? "#" + apiKeyIndex : session.apiKeyId(apiKeyIndex))
            .append(" conn=").append(connectionIndex).append(' ');
    }
}
