package io.kiteticker.simulator;

import io.kiteticker.codec.Mode;
import io.kiteticker.simulator.market.MarketModel;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;

import java.util.Map;

/**
 * The subscriptions of one {@link SimulatedConnection}: tokens in slots (dense, so a producer walks them round-robin
 * with an index), their market-model index and mode, and the tokens owed an immediate tick (snapshot).
 * <ul>
 *     <li>A subscribe adds tokens in mode quote; a token already subscribed keeps its mode; a token the model does
 *     not know (segment byte not 1 to 9) is ignored.</li>
 *     <li>At most {@code maxInstruments}: with {@link InstrumentLimitPolicy#CLOSE} a subscribe that would pass the
 *     limit adds nothing; otherwise the tokens past the limit are ignored. {@link #subscribe(IntArrayList, long)}
 *     returns how many, and the session sends the error or closes, as the policy says.</li>
 *     <li>A mode request changes tokens that are subscribed and ignores others.</li>
 *     <li>Subscribe and mode queue one snapshot per token they affect; {@link #nextSlot()} hands those out first.</li>
 * </ul>
 * Agent thread only, except {@link #count()} and {@link #tokensIgnored()}, readable from any thread.
 */
final class SubscriptionBook
{
    private static final int NO_SLOT = -1;

    private final MarketModel model;
    private final int maxInstruments;
    private final InstrumentLimitPolicy limitPolicy;
    private final int[] tokens;
    private final int[] modelIndex;
    private final byte[] modeCode;
    private final Int2IntHashMap slotByToken;
    private final IntArrayList snapshotTokens = new IntArrayList();
    private int size;
    private int cursor;

    private volatile int count;
    private volatile long tokensIgnored;

    SubscriptionBook(final MarketModel model, final int maxInstruments, final InstrumentLimitPolicy limitPolicy)
    {
        this.model = model;
        this.maxInstruments = maxInstruments;
        this.limitPolicy = limitPolicy;
        this.tokens = new int[maxInstruments];
        this.modelIndex = new int[maxInstruments];
        this.modeCode = new byte[maxInstruments];
        this.slotByToken = new Int2IntHashMap(Math.max(16, maxInstruments * 2), 0.65f, NO_SLOT);
    }

    /**
     * Subscribed tokens, as last published by the agent thread.
     *
     * @return the count.
     */
    int count()
    {
        return count;
    }

    /**
     * Subscribed tokens, agent thread.
     *
     * @return the number of slots in use.
     */
    int size()
    {
        return size;
    }

    long tokensIgnored()
    {
        return tokensIgnored;
    }

    int maxInstruments()
    {
        return maxInstruments;
    }

    InstrumentLimitPolicy limitPolicy()
    {
        return limitPolicy;
    }

    int token(final int slot)
    {
        return tokens[slot];
    }

    int modelIndex(final int slot)
    {
        return modelIndex[slot];
    }

    int modeCode(final int slot)
    {
        return modeCode[slot];
    }

    /**
     * The slot of a token.
     *
     * @param token instrument token.
     * @return its slot, or -1 if not subscribed.
     */
    int slotOf(final int token)
    {
        return slotByToken.get(token);
    }

    boolean hasSnapshots()
    {
        return !snapshotTokens.isEmpty();
    }

    int snapshotCount()
    {
        return snapshotTokens.size();
    }

    void clearSnapshots()
    {
        snapshotTokens.clear();
    }

    /**
     * The slot to send next: a pending snapshot first, else the next one round-robin.
     *
     * @return a slot, or -1 if nothing is subscribed (or the snapshot's token has left since).
     */
    int nextSlot()
    {
        if (0 == size)
        {
            return NO_SLOT;
        }
        if (!snapshotTokens.isEmpty())
        {
            return slotByToken.get(snapshotTokens.removeAt(snapshotTokens.size() - 1));
        }
        if (cursor >= size)
        {
            cursor = 0;
        }
        return cursor++;
    }

    /**
     * Add tokens in mode quote.
     *
     * @param requested    tokens of the request.
     * @param epochSeconds now, for the model's instrument look-up.
     * @return tokens ignored for the instrument limit (all the new ones with {@link InstrumentLimitPolicy#CLOSE}).
     */
    int subscribe(final IntArrayList requested, final long epochSeconds)
    {
        final int requestedCount = requested.size();
        if (InstrumentLimitPolicy.CLOSE == limitPolicy)
        {
            int fresh = 0;
            for (int k = 0; k < requestedCount; k++)
            {
                if (NO_SLOT == slotByToken.get(requested.getInt(k)))
                {
                    fresh++;
                }
            }
            if (size + fresh > maxInstruments)
            {
                tokensIgnored += fresh;
                return fresh;
            }
        }

        int overLimit = 0;
        for (int k = 0; k < requestedCount; k++)
        {
            final int token = requested.getInt(k);
            if (NO_SLOT != slotByToken.get(token))
            {
                continue;
            }
            if (size >= maxInstruments)
            {
                overLimit++;
                continue;
            }
            final int index = model.indexOf(token, epochSeconds);
            if (-1 == index)
            {
                tokensIgnored++;
                continue;
            }
            final int slot = size++;
            tokens[slot] = token;
            modelIndex[slot] = index;
            modeCode[slot] = (byte)Mode.QUOTE.code();
            slotByToken.put(token, slot);
            snapshotTokens.addInt(token);
        }
        count = size;
        tokensIgnored += overLimit;
        return overLimit;
    }

    /**
     * Remove tokens; the last slot moves into a freed one.
     *
     * @param requested tokens of the request; unknown ones are ignored.
     */
    void unsubscribe(final IntArrayList requested)
    {
        for (int k = 0, n = requested.size(); k < n; k++)
        {
            final int token = requested.getInt(k);
            final int slot = slotByToken.remove(token);
            if (NO_SLOT == slot)
            {
                continue;
            }
            final int last = --size;
            if (slot != last)
            {
                final int movedToken = tokens[last];
                tokens[slot] = movedToken;
                modelIndex[slot] = modelIndex[last];
                modeCode[slot] = modeCode[last];
                slotByToken.put(movedToken, slot);
            }
        }
        count = size;
    }

    /**
     * Change the mode of subscribed tokens and queue a snapshot for each.
     *
     * @param mode      new mode.
     * @param requested tokens of the request; those not subscribed are ignored.
     */
    void mode(final Mode mode, final IntArrayList requested)
    {
        for (int k = 0, n = requested.size(); k < n; k++)
        {
            final int token = requested.getInt(k);
            final int slot = slotByToken.get(token);
            if (NO_SLOT != slot)
            {
                modeCode[slot] = (byte)mode.code();
                snapshotTokens.addInt(token);
            }
        }
    }

    /**
     * The error text sent when tokens are ignored for the limit.
     *
     * @param ignored tokens ignored.
     * @return the message.
     */
    String limitMessage(final int ignored)
    {
        return "Instrument limit exceeded: at most " + maxInstruments + " instruments per connection, " +
            ignored + " tokens ignored";
    }

    /**
     * Copy the subscriptions, in slot order.
     *
     * @param into token to mode.
     */
    void copyTo(final Map<Integer, Mode> into)
    {
        for (int i = 0; i < size; i++)
        {
            into.put(tokens[i], Mode.fromCode(modeCode[i]));
        }
    }
}
