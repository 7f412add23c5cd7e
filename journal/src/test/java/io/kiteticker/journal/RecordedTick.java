package io.kiteticker.journal;

import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.journal.tools.ReplaySummary;

import java.util.Arrays;

/**
 * An immutable copy of what a handler saw of one tick: tag, timestamp, decoded-field checksum and raw bytes.
 */
public final class RecordedTick
{
    final int apiKeyIndex;
    final int connectionIndex;
    final long receiveNanos;
    final int kind;
    final int token;
    final int lastPrice;
    final long fieldChecksum;
    final byte[] raw;

    /**
     * Copy a tick.
     *
     * @param event to copy.
     */
    public RecordedTick(final TickEvent event)
    {
        apiKeyIndex = event.apiKeyIndex();
        connectionIndex = event.connectionIndex();
        receiveNanos = event.receiveNanos();
        kind = event.kind();
        token = event.instrumentToken();
        lastPrice = event.lastPrice();
        fieldChecksum = ReplaySummary.checksum(0, event);
        raw = new byte[event.rawCapturedLength()];
        event.rawBuffer().getBytes(0, raw);
    }

    /**
     * API key index of the tick.
     *
     * @return the key index.
     */
    public int apiKeyIndex()
    {
        return apiKeyIndex;
    }

    /**
     * Packet kind of the tick.
     *
     * @return the kind.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * Instrument token of the tick.
     *
     * @return the token.
     */
    public int token()
    {
        return token;
    }

    /**
     * Raw last price of the tick.
     *
     * @return the raw price.
     */
    public int lastPrice()
    {
        return lastPrice;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof RecordedTick))
        {
            return false;
        }
        final RecordedTick that = (RecordedTick)o;
        return apiKeyIndex == that.apiKeyIndex && connectionIndex == that.connectionIndex &&
            receiveNanos == that.receiveNanos && kind == that.kind && token == that.token &&
            lastPrice == that.lastPrice && fieldChecksum == that.fieldChecksum && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(fieldChecksum) * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString()
    {
        return "RecordedTick{key=" + apiKeyIndex + ", conn=" + connectionIndex + ", recv=" + receiveNanos +
            ", kind=" + kind + ", token=" + token + ", ltp=" + lastPrice + ", rawLength=" + raw.length + '}';
    }
}
