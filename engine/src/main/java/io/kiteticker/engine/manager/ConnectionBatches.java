package io.kiteticker.engine.manager;

import io.kiteticker.codec.Mode;

import java.util.Arrays;

/**
 * The outcome of one {@link InstrumentAllocator} call: the tokens it touched, grouped per connection, so that the
 * manager sends at most one command of each kind per connection (one subscribe, one unsubscribe or one mode command)
 * whatever the number of tokens. Also carries the tokens the call ignored (for example unknown tokens on unsubscribe).
 * <p>
 * Connections are numbered by slot: {@code slot = apiKeyIndex * connectionsPerApiKey + connectionIndex}.
 * <p>
 * <b>Note:</b> a control-plane value object, created per call; not thread-safe.
 */
public final class ConnectionBatches
{
    private static final int[] EMPTY = new int[0];

    private final Mode mode;
    private final int connectionsPerApiKey;
    private final int[][] tokensBySlot;
    private final int[] countBySlot;
    private final int[][] modeChangeTokensBySlot;
    private final int[] modeChangeCountBySlot;
    private int[] ignored = EMPTY;
    private int ignoredCount;
    private int newTokenCount;

    ConnectionBatches(final Mode mode, final int slotCount, final int connectionsPerApiKey)
    {
        this.mode = mode;
        this.connectionsPerApiKey = connectionsPerApiKey;
        this.tokensBySlot = new int[slotCount][];
        this.countBySlot = new int[slotCount];
        this.modeChangeTokensBySlot = new int[slotCount][];
        this.modeChangeCountBySlot = new int[slotCount];
        Arrays.fill(tokensBySlot, EMPTY);
        Arrays.fill(modeChangeTokensBySlot, EMPTY);
    }

    /**
     * Mode of the call ({@code null} for a release).
     *
     * @return the mode requested by the call, or {@code null} when the call was a release.
     */
    public Mode mode()
    {
        return mode;
    }

    /**
     * Number of connection slots (every connection of every key), whether or not it has a batch.
     *
     * @return the number of connection slots.
     */
    public int slotCount()
    {
        return countBySlot.length;
    }

    /**
     * API key index of a slot.
     *
     * @param slot of the connection.
     * @return the API key index of the slot.
     */
    public int apiKeyIndex(final int slot)
    {
        return slot / connectionsPerApiKey;
    }

    /**
     * Connection index (within its key) of a slot.
     *
     * @param slot of the connection.
     * @return the connection index of the slot within its API key.
     */
    public int connectionIndex(final int slot)
    {
        return slot % connectionsPerApiKey;
    }

    /**
     * The main batch of a slot: newly placed tokens for an allocation, freed tokens for a release, re-moded tokens for
     * a mode change. Valid entries are {@code [0, tokenCount(slot))}; the array is owned by this object.
     *
     * @param slot of the connection.
     * @return the backing array of the slot's main batch.
     */
    public int[] tokens(final int slot)
    {
        return tokensBySlot[slot];
    }

    /**
     * Number of tokens in the main batch of a slot.
     *
     * @param slot of the connection.
     * @return the number of tokens in the main batch of the slot.
     */
    public int tokenCount(final int slot)
    {
        return countBySlot[slot];
    }

    /**
     * For an allocation only: tokens that were already subscribed on this slot in another mode and now take the
     * call's mode. Valid entries are {@code [0, modeChangeCount(slot))}.
     *
     * @param slot of the connection.
     * @return the backing array of the slot's mode-change batch.
     */
    public int[] modeChangeTokens(final int slot)
    {
        return modeChangeTokensBySlot[slot];
    }

    /**
     * Number of tokens in the mode-change batch of a slot.
     *
     * @param slot of the connection.
     * @return the number of tokens in the mode-change batch of the slot.
     */
    public int modeChangeCount(final int slot)
    {
        return modeChangeCountBySlot[slot];
    }

    /**
     * Tokens the call ignored: for a release or mode change the tokens that were not subscribed.
     *
     * @return a copy of the ignored tokens, in call order, without duplicates.
     */
    public int[] ignoredTokens()
    {
        return Arrays.copyOf(ignored, ignoredCount);
    }

    /**
     * Number of tokens the call ignored.
     *
     * @return the number of tokens the call ignored.
     */
    public int ignoredCount()
    {
        return ignoredCount;
    }

    /**
     * For an allocation: the number of tokens that were not subscribed before the call.
     *
     * @return the number of newly subscribed tokens.
     */
    public int newTokenCount()
    {
        return newTokenCount;
    }

    /**
     * Total tokens in all main batches.
     *
     * @return the total of {@link #tokenCount(int)} over every slot.
     */
    public int totalTokenCount()
    {
        int total = 0;
        for (final int count : countBySlot)
        {
            total += count;
        }
        return total;
    }

    void add(final int slot, final int token)
    {
        tokensBySlot[slot] = append(tokensBySlot[slot], countBySlot[slot], token);
        countBySlot[slot]++;
    }

    void addModeChange(final int slot, final int token)
    {
        modeChangeTokensBySlot[slot] = append(modeChangeTokensBySlot[slot], modeChangeCountBySlot[slot], token);
        modeChangeCountBySlot[slot]++;
    }

    void addIgnored(final int token)
    {
        ignored = append(ignored, ignoredCount, token);
        ignoredCount++;
    }

    void newTokenCount(final int newTokenCount)
    {
        this.newTokenCount = newTokenCount;
    }

    private static int[] append(final int[] array, final int count, final int value)
    {
        final int[] target = count < array.length ? array : Arrays.copyOf(array, Math.max(16, count * 2));
        target[count] = value;
        return target;
    }
}
