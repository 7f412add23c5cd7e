package io.kiteticker.simulator;

import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.codec.packet.TickDecoder;
import io.kiteticker.simulator.market.Instrument;
import io.kiteticker.simulator.market.Universe;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * Checks that received packets are valid and consistent with the market model: known token and layout for its
 * segment, close price of the instrument, prices on the tick grid and within the band, OHLC, average price, depth,
 * timestamps and open interest consistent, volume never decreasing per token. Runs on the client's listener
 * thread; read {@link #failures()} and {@link #firstFailure()} from the test thread.
 */
final class TickChecker implements KiteTestClient.PacketVisitor
{
    private final Universe universe;
    private final Int2ObjectHashMap<Instrument> instruments = new Int2ObjectHashMap<>();
    private final Long2LongHashMap lastVolumeByToken = new Long2LongHashMap(-1);
    private volatile long checked;
    private volatile long failures;
    private volatile String firstFailure;

    TickChecker(final Universe universe)
    {
        this.universe = universe;
    }

    long checked()
    {
        return checked;
    }

    long failures()
    {
        return failures;
    }

    String firstFailure()
    {
        return firstFailure;
    }

    public void onPacket(final TickDecoder packet, final long receiveNanos)
    {
        final String problem = check(packet);
        if (null != problem)
        {
            if (null == firstFailure)
            {
                firstFailure = problem + " in " + packet.appendTo(new StringBuilder());
            }
            failures++;
        }
        checked++;
    }

    private String check(final TickDecoder packet)
    {
        final int token = packet.instrumentToken();
        Instrument instrument = instruments.get(token);
        if (null == instrument)
        {
            instrument = universe.describe(token);
            if (null == instrument)
            {
                return "unknown token " + token;
            }
            instruments.put(token, instrument);
        }
        final int kind = packet.kind();
        if (!PacketKind.isKnown(kind))
        {
            return "unknown kind";
        }
        final boolean isIndexPacket =
            PacketKind.isIndexLayout(kind) || (PacketKind.LTP == kind && instrument.isIndex());
        if (instrument.isIndex() != isIndexPacket)
        {
            return "layout does not match segment";
        }
        final int tick = instrument.tickSize();
        final int last = packet.lastPrice();
        if (last % tick != 0 || last < instrument.lowerBandPrice() || last > instrument.upperBandPrice())
        {
            return "last price off grid or band";
        }
        if (PacketKind.LTP == kind)
        {
            return null;
        }
        final int low = packet.low();
        final int high = packet.high();
        final int open = packet.open();
        if (packet.close() != instrument.closePrice())
        {
            return "close differs from the model";
        }
        if (!(instrument.lowerBandPrice() <= low && low <= last && last <= high && high <= instrument.upperBandPrice()))
        {
            return "low <= last <= high violated";
        }
        if (!(low <= open && open <= high) || open % tick != 0 || low % tick != 0 || high % tick != 0)
        {
            return "open/high/low inconsistent";
        }
        if (PacketKind.isIndexLayout(kind))
        {
            if (packet.exchangeChange() != last - packet.close())
            {
                return "index change is not last - close";
            }
            if (PacketKind.INDEX_FULL == kind && packet.exchangeTimestamp() <= 0)
            {
                return "index exchange timestamp missing";
            }
            return null;
        }

        final int average = packet.averageTradedPrice();
        if (average < low || average > high)
        {
            return "average price outside low..high";
        }
        final long volume = packet.volumeTraded();
        final long previous = lastVolumeByToken.get(token);
        if (volume < previous)
        {
            return "volume decreased from " + previous;
        }
        lastVolumeByToken.put(token, volume);
        if (packet.lastTradedQuantity() <= 0 || packet.lastTradedQuantity() % instrument.lotSize() != 0)
        {
            return "last traded quantity not a positive lot multiple";
        }

        if (PacketKind.FULL == kind)
        {
            if (packet.lastTradeTime() > packet.exchangeTimestamp() || packet.lastTradeTime() <= 0)
            {
                return "last trade time after exchange time";
            }
            if (!(packet.openInterestDayLow() <= packet.openInterest() &&
                packet.openInterest() <= packet.openInterestDayHigh()))
            {
                return "open interest outside its day range";
            }
            if (!instrument.hasOpenInterest() && 0 != packet.openInterest())
            {
                return "open interest on a cash instrument";
            }
            if (packet.bidPrice(0) >= packet.askPrice(0))
            {
                return "best bid >= best ask";
            }
            for (int level = 0; level < TickDecoder.DEPTH_LEVELS; level++)
            {
                if (level > 0 && (packet.bidPrice(level) >= packet.bidPrice(level - 1) ||
                    packet.askPrice(level) <= packet.askPrice(level - 1)))
                {
                    return "depth not sorted at level " + level;
                }
                if (packet.bidPrice(level) <= 0 || packet.bidPrice(level) % tick != 0 ||
                    packet.askPrice(level) % tick != 0)
                {
                    return "depth price off grid at level " + level;
                }
                if (packet.bidQuantity(level) <= 0 || packet.askQuantity(level) <= 0 ||
                    packet.bidOrders(level) < 1 || packet.bidOrders(level) > packet.bidQuantity(level) ||
                    packet.askOrders(level) < 1 || packet.askOrders(level) > packet.askQuantity(level))
                {
                    return "depth quantity/orders inconsistent at level " + level;
                }
            }
        }
        return null;
    }
}
