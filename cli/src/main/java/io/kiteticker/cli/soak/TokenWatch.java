package io.kiteticker.cli.soak;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The soak's tick handler: per token (dense index) the receive time of its last tick, in a primitive array the
 * {@link SoakChecker} reads from another thread, and checks of every ring slot, without allocation:
 * <ul>
 *     <li>sequence: each slot's sequence is the last one + 1 (no slot seen twice or skipped);</li>
 *     <li>torn slot: the raw packet bytes agree with the decoded fields (kind for the length, token, last price),
 *     and the kind is a known one;</li>
 *     <li>foreign token: the token is one the soak subscribed;</li>
 *     <li>two connections: every token arrives on one connection (key and connection index) only;</li>
 *     <li>volume backwards: a token's traded volume (quote and full packets) never decreases, as the simulator's
 *     market model guarantees, so a replayed or reordered packet shows;</li>
 *     <li>mode mismatch: a packet of another mode than the token's (the engine drops the quote packets a server sends
 *     between a reconnect's subscribe and its mode frames, and counts them).</li>
 * </ul>
 * <b>Note:</b> one handler thread writes; the counters are read racily for the report after the engine stopped.
 */
final class TokenWatch implements TickHandler
{
    private static final int NO_INDEX = -1;

    private final Int2IntHashMap indexByToken;
    private final byte[] modeCodeByIndex;
    private final AtomicLongArray lastTickNs;
    private final int[] ownerSlot;
    private final long[] lastVolume;
    private final boolean[] onTwoConnections;
    private final int connectionsPerKey;

    private long lastSequence = -1;
    private volatile long ticks;
    private long sequenceErrors;
    private long tornSlots;
    private long foreignTokens;
    private long tokensOnTwoConnections;
    private long volumeBackwards;
    private long modeMismatches;

    /**
     * A watch over the tokens subscribed.
     *
     * @param tokens            subscribed, each once.
     * @param modes             the mode of each token, same order.
     * @param connectionsPerKey of the engine, to number connection slots.
     */
    TokenWatch(final int[] tokens, final Mode[] modes, final int connectionsPerKey)
    {
        this.indexByToken = new Int2IntHashMap(tokens.length * 2, 0.65f, NO_INDEX);
        this.modeCodeByIndex = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++)
        {
            indexByToken.put(tokens[i], i);
            modeCodeByIndex[i] = (byte)modes[i].code();
        }
        this.lastTickNs = new AtomicLongArray(tokens.length);
        this.ownerSlot = new int[tokens.length];
        Arrays.fill(ownerSlot, NO_INDEX);
        this.lastVolume = new long[tokens.length];
        this.onTwoConnections = new boolean[tokens.length];
        this.connectionsPerKey = connectionsPerKey;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
    {
        ticks++;
        if (lastSequence >= 0 && sequence != lastSequence + 1)
        {
            sequenceErrors++;
        }
        lastSequence = sequence;

        final int kind = event.kind();
        if (isTorn(event, kind))
        {
            tornSlots++;
            return;
        }
        final int index = indexByToken.get(event.instrumentToken());
        if (NO_INDEX == index)
        {
            foreignTokens++;
            return;
        }
        lastTickNs.lazySet(index, event.receiveNanos());

        final int slot = event.apiKeyIndex() * connectionsPerKey + event.connectionIndex();
        final int owner = ownerSlot[index];
        if (NO_INDEX == owner)
        {
            ownerSlot[index] = slot;
        }
        else if (owner != slot && !onTwoConnections[index])
        {
            onTwoConnections[index] = true;
            tokensOnTwoConnections++;
        }

        if (PacketKind.QUOTE == kind || PacketKind.FULL == kind)
        {
            final long volume = event.volumeTraded();
            if (volume < lastVolume[index])
            {
                volumeBackwards++;
            }
            lastVolume[index] = volume;
        }
        final Mode mode = PacketKind.mode(kind);
        if (null == mode || mode.code() != modeCodeByIndex[index])
        {
            modeMismatches++;
        }
    }

    private static boolean isTorn(final TickEvent event, final int kind)
    {
        final int length = event.rawLength();
        if (PacketKind.UNKNOWN == kind || PacketKind.kindForLength(length) != kind || length < 8)
        {
            return true;
        }
        final DirectBuffer raw = event.rawBuffer();
        return raw.getInt(0, ByteOrder.BIG_ENDIAN) != event.instrumentToken() ||
            raw.getInt(4, ByteOrder.BIG_ENDIAN) != event.lastPrice();
    }

    int tokenCount()
    {
        return lastTickNs.length();
    }

    long lastTickNs(final int index)
    {
        return lastTickNs.get(index);
    }

    /**
     * The connection slot (key index × connections per key + connection index) a token arrived on first.
     *
     * @param index of the token.
     * @return the slot, or -1 before its first tick.
     */
    int ownerSlot(final int index)
    {
        return ownerSlot[index];
    }

    long ticks()
    {
        return ticks;
    }

    long sequenceErrors()
    {
        return sequenceErrors;
    }

    long tornSlots()
    {
        return tornSlots;
    }

    long foreignTokens()
    {
        return foreignTokens;
    }

    long tokensOnTwoConnections()
    {
        return tokensOnTwoConnections;
    }

    long volumeBackwards()
    {
        return volumeBackwards;
    }

    long modeMismatches()
    {
        return modeMismatches;
    }
}
