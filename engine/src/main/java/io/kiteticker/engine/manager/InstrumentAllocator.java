package io.kiteticker.engine.manager;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.DistributionStrategy;
import io.kiteticker.engine.exceptions.AlreadySubscribedException;
import io.kiteticker.engine.exceptions.AtCapacityException;
import io.kiteticker.engine.exceptions.ConfigurationException;
import io.kiteticker.engine.exceptions.ManualDistributionException;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;

import java.util.Arrays;

/**
 * Decides which API key and which connection hold each instrument token, and remembers it: the subscription book of
 * the manager. A pure class: no I/O, no threads, no clock; the manager calls it under its control lock and turns the
 * returned {@link ConnectionBatches} into one command per connection.
 * <p>
 * Rules, whatever the {@link DistributionStrategy}:
 * <ul>
 *     <li>a connection never holds more than {@code maxSymbolsPerConnection} tokens, counting the tokens placed
 *     earlier in the same call (the Rust crate's bug B1);</li>
 *     <li>a call is atomic: if any new token does not fit, or (for {@link #allocateToApiKey}) any token is held by
 *     another key, it throws and nothing changes;</li>
 *     <li>tokens are deduplicated: a token already held stays where it is (and takes the call's mode), a token
 *     repeated in one call is placed once;</li>
 *     <li>a token is never held by two keys (B7);</li>
 *     <li>the round-robin cursor advances exactly once per placed token (B5);</li>
 *     <li>a connection marked not accepting (for example credentials rejected) gets no new tokens (G9);</li>
 *     <li>{@link #release} frees capacity and reports the unknown tokens (B8).</li>
 * </ul>
 * Connections are numbered by slot: {@code slot = apiKeyIndex * connectionsPerApiKey + connectionIndex}. The global
 * round-robin order is connection-major, {@code (k0,c0), (k1,c0), …, (k0,c1), (k1,c1), …}, so consecutive tokens
 * alternate keys and then connections, and a fresh subscription is balanced to within one token across keys and across
 * connections.
 * <p>
 * Tokens are keyed as {@code int} in Agrona primitive maps (an unsigned 32-bit instrument token above
 * {@link Integer#MAX_VALUE} is simply a negative int here); nothing is boxed.
 * <p>
 * <b>Note:</b> not thread-safe; the owner serialises calls.
 * <p>
 * It is long (about 730 lines, half of them Javadoc) because it is the whole subscription book: the placement
 * ({@code place}: plan every token of a call against the loads, then commit, so a call is atomic), the
 * distribution strategies ({@code choose}) and some twenty small queries. The strategies read and the plan writes
 * the same load arrays and token maps, so a split would only pass them between classes; no seam is clean enough to
 * be worth it. Tested alone by {@code InstrumentAllocatorTest}.
 */
public final class InstrumentAllocator
{
    /**
     * Kite's limit of WebSocket connections per API key.
     */
    public static final int MAX_CONNECTIONS_PER_API_KEY = 3;

    /**
     * Kite's limit of instrument tokens per WebSocket connection.
     */
    public static final int MAX_SYMBOLS_PER_CONNECTION = 3000;

    /**
     * Scope value meaning "any API key" in the planning step.
     */
    private static final int ANY_API_KEY = -1;
    private static final int NO_ENTRY = -1;
    private static final int MODE_BITS = 2;
    private static final int MODE_MASK = 3;

    private static final int KIND_NEW = 0;
    private static final int KIND_MODE_CHANGE = 1;
    private static final int KIND_SAME = 2;
    private static final int PLAN_CONFLICT = -2;
    private static final int PLAN_UNPLACED = -3;

    private final String[] apiKeyIds;
    private final int apiKeyCount;
    private final int connectionsPerApiKey;
    private final int maxSymbolsPerConnection;
    private final int slotCount;
    private final DistributionStrategy strategy;

    private final int[] loads;
    private final boolean[] accepting;
    private final int[] keyCursors;
    private int cursor;

    private final Int2IntHashMap entryByToken = new Int2IntHashMap(NO_ENTRY);

    private final int[] scratchLoads;
    private final Int2IntHashMap planByToken = new Int2IntHashMap(NO_ENTRY);
    private final IntHashSet seen = new IntHashSet();
    private int scratchCursor;
    private int scratchKeyCursor;

    /**
     * Create an allocator with every connection accepting tokens and nothing subscribed.
     *
     * @param apiKeyIds               ids of the API keys, in index order; used only in exception messages.
     * @param connectionsPerApiKey    connections per key, 1 to {@link #MAX_CONNECTIONS_PER_API_KEY}.
     * @param maxSymbolsPerConnection tokens per connection, 1 to {@link #MAX_SYMBOLS_PER_CONNECTION}.
     * @param strategy                how {@link #allocate} places new tokens.
     * @throws ConfigurationException if a limit is out of range or there is no key.
     */
    public InstrumentAllocator(
        final String[] apiKeyIds,
        final int connectionsPerApiKey,
        final int maxSymbolsPerConnection,
        final DistributionStrategy strategy)
    {
        if (null == apiKeyIds || 0 == apiKeyIds.length)
        {
            throw new ConfigurationException("at least one API key is required");
        }
        if (connectionsPerApiKey < 1 || connectionsPerApiKey > MAX_CONNECTIONS_PER_API_KEY)
        {
            throw new ConfigurationException("connectionsPerApiKey must be 1.." + MAX_CONNECTIONS_PER_API_KEY +
                " but was " + connectionsPerApiKey);
        }
        if (maxSymbolsPerConnection < 1 || maxSymbolsPerConnection > MAX_SYMBOLS_PER_CONNECTION)
        {
            throw new ConfigurationException("maxSymbolsPerConnection must be 1.." + MAX_SYMBOLS_PER_CONNECTION +
                " but was " + maxSymbolsPerConnection);
        }
        if (null == strategy)
        {
            throw new ConfigurationException("distribution strategy must not be null");
        }

        this.apiKeyIds = apiKeyIds.clone();
        this.apiKeyCount = apiKeyIds.length;
        this.connectionsPerApiKey = connectionsPerApiKey;
        this.maxSymbolsPerConnection = maxSymbolsPerConnection;
        this.slotCount = apiKeyCount * connectionsPerApiKey;
        this.strategy = strategy;
        this.loads = new int[slotCount];
        this.scratchLoads = new int[slotCount];
        this.accepting = new boolean[slotCount];
        this.keyCursors = new int[apiKeyCount];
        Arrays.fill(accepting, true);
    }

    /**
     * Place tokens according to the strategy, across every API key.
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param length number of tokens.
     * @param mode   for every token of the call; tokens already held in another mode take this one.
     * @return the tokens touched, grouped per connection.
     * @throws ManualDistributionException if the strategy is {@link DistributionStrategy#MANUAL}.
     * @throws AtCapacityException         if the new tokens do not all fit (nothing changed).
     */
    public ConnectionBatches allocate(final int[] tokens, final int offset, final int length, final Mode mode)
    {
        if (DistributionStrategy.MANUAL == strategy)
        {
            throw new ManualDistributionException();
        }
        return place(ANY_API_KEY, tokens, offset, length, mode);
    }

    /**
     * Place tokens on the connections of one API key (allowed under every strategy). Within the key, connections are
     * chosen round-robin ({@link DistributionStrategy#LEAST_LOADED}: least loaded first).
     *
     * @param apiKeyIndex of the key that takes the tokens.
     * @param tokens      array holding the instrument tokens.
     * @param offset      of the first token in the array.
     * @param length      number of tokens.
     * @param mode        for every token of the call.
     * @return the tokens touched, grouped per connection.
     * @throws AlreadySubscribedException if a token is held by another key (nothing changed).
     * @throws AtCapacityException        if the new tokens do not all fit on the key (nothing changed).
     */
    public ConnectionBatches allocateToApiKey(
        final int apiKeyIndex, final int[] tokens, final int offset, final int length, final Mode mode)
    {
        if (apiKeyIndex < 0 || apiKeyIndex >= apiKeyCount)
        {
            throw new IllegalArgumentException("apiKeyIndex out of range: " + apiKeyIndex);
        }
        return place(apiKeyIndex, tokens, offset, length, mode);
    }

    /**
     * Forget tokens and free their places. Unknown tokens are reported by {@link ConnectionBatches#ignoredTokens()}.
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param length number of tokens.
     * @return the released tokens grouped per connection, and the unknown ones.
     */
    public ConnectionBatches release(final int[] tokens, final int offset, final int length)
    {
        checkRange(tokens, offset, length);
        return updateHeld(tokens, offset, length, null);
    }

    /**
     * Record a new mode for held tokens. Unknown tokens are reported by {@link ConnectionBatches#ignoredTokens()}.
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param length number of tokens.
     * @param mode   the new mode.
     * @return the held tokens grouped per connection (all of them, even those already in the mode, so the server is
     * told again), and the unknown ones.
     */
    public ConnectionBatches changeMode(final int[] tokens, final int offset, final int length, final Mode mode)
    {
        checkRange(tokens, offset, length);
        checkMode(mode);
        return updateHeld(tokens, offset, length, mode);
    }

    /**
     * Release held tokens (mode null) or record their new mode, grouping them per connection; unknown tokens are
     * ignored and reported, and each distinct token is handled once.
     */
    private ConnectionBatches updateHeld(final int[] tokens, final int offset, final int length, final Mode mode)
    {
        final ConnectionBatches batches = new ConnectionBatches(mode, slotCount, connectionsPerApiKey);
        seen.clear();
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int token = tokens[i];
            if (seen.add(token))
            {
                final int entry = entryByToken.get(token);
                if (NO_ENTRY == entry)
                {
                    batches.addIgnored(token);
                }
                else
                {
                    final int slot = entry >>> MODE_BITS;
                    if (null == mode)
                    {
                        entryByToken.remove(token);
                        loads[slot]--;
                    }
                    else
                    {
                        entryByToken.put(token, entry(slot, mode));
                    }
                    batches.add(slot, token);
                }
            }
        }
        return batches;
    }

    /**
     * Mark a connection as accepting new tokens or not (for example not accepting while its credentials are
     * rejected). Tokens it already holds stay with it.
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @param isAccepting     true if new tokens may be placed on it.
     */
    public void accepting(final int apiKeyIndex, final int connectionIndex, final boolean isAccepting)
    {
        accepting[slot(apiKeyIndex, connectionIndex)] = isAccepting;
    }

    /**
     * Whether a connection accepts new tokens.
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @return true if new tokens may be placed on it.
     */
    public boolean isAccepting(final int apiKeyIndex, final int connectionIndex)
    {
        return accepting[slot(apiKeyIndex, connectionIndex)];
    }

    /**
     * Forget every token and reset the cursors; connections accept tokens again.
     */
    public void clear()
    {
        entryByToken.clear();
        Arrays.fill(loads, 0);
        Arrays.fill(keyCursors, 0);
        Arrays.fill(accepting, true);
        cursor = 0;
    }

    /**
     * Number of API keys.
     *
     * @return the number of API keys.
     */
    public int apiKeyCount()
    {
        return apiKeyCount;
    }

    /**
     * Connections per API key.
     *
     * @return the number of connections per API key.
     */
    public int connectionsPerApiKey()
    {
        return connectionsPerApiKey;
    }

    /**
     * The per-connection limit.
     *
     * @return the maximum number of tokens per connection.
     */
    public int maxSymbolsPerConnection()
    {
        return maxSymbolsPerConnection;
    }

    /**
     * The strategy used by {@link #allocate}.
     *
     * @return the distribution strategy.
     */
    public DistributionStrategy strategy()
    {
        return strategy;
    }

    /**
     * Total number of connection slots ({@code apiKeyCount * connectionsPerApiKey}).
     *
     * @return the number of connection slots.
     */
    public int slotCount()
    {
        return slotCount;
    }

    /**
     * Slot of a connection.
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @return {@code apiKeyIndex * connectionsPerApiKey + connectionIndex}.
     */
    public int slot(final int apiKeyIndex, final int connectionIndex)
    {
        if (apiKeyIndex < 0 || apiKeyIndex >= apiKeyCount ||
            connectionIndex < 0 || connectionIndex >= connectionsPerApiKey)
        {
            throw new IllegalArgumentException(
                "no connection " + connectionIndex + " on API key index " + apiKeyIndex);
        }
        return apiKeyIndex * connectionsPerApiKey + connectionIndex;
    }

    /**
     * Tokens held by all connections.
     *
     * @return the number of tokens held.
     */
    public int totalSymbolCount()
    {
        return entryByToken.size();
    }

    /**
     * Tokens held by the connections of one key.
     *
     * @param apiKeyIndex of the key.
     * @return the number of tokens held by the key.
     */
    public int symbolCount(final int apiKeyIndex)
    {
        int total = 0;
        for (int c = 0; c < connectionsPerApiKey; c++)
        {
            total += loads[slot(apiKeyIndex, c)];
        }
        return total;
    }

    /**
     * Tokens held by one connection.
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @return the number of tokens held by the connection.
     */
    public int symbolCount(final int apiKeyIndex, final int connectionIndex)
    {
        return loads[slot(apiKeyIndex, connectionIndex)];
    }

    /**
     * Free places on the accepting connections of every key.
     *
     * @return the number of tokens that could still be placed by {@link #allocate}.
     */
    public int freeCapacity()
    {
        return freeIn(ANY_API_KEY);
    }

    /**
     * Free places on the accepting connections of one key.
     *
     * @param apiKeyIndex of the key.
     * @return the number of tokens that could still be placed on the key.
     */
    public int freeCapacity(final int apiKeyIndex)
    {
        if (apiKeyIndex < 0 || apiKeyIndex >= apiKeyCount)
        {
            throw new IllegalArgumentException("apiKeyIndex out of range: " + apiKeyIndex);
        }
        return freeIn(apiKeyIndex);
    }

    /**
     * Whether a token is held.
     *
     * @param token instrument token.
     * @return true if the token is held by some connection.
     */
    public boolean isSubscribed(final int token)
    {
        return entryByToken.containsKey(token);
    }

    /**
     * API key index holding a token.
     *
     * @param token instrument token.
     * @return the key index, or -1 if the token is not held.
     */
    public int apiKeyIndexOf(final int token)
    {
        final int entry = entryByToken.get(token);
        return NO_ENTRY == entry ? -1 : (entry >>> MODE_BITS) / connectionsPerApiKey;
    }

    /**
     * Connection index (within its key) holding a token.
     *
     * @param token instrument token.
     * @return the connection index, or -1 if the token is not held.
     */
    public int connectionIndexOf(final int token)
    {
        final int entry = entryByToken.get(token);
        return NO_ENTRY == entry ? -1 : (entry >>> MODE_BITS) % connectionsPerApiKey;
    }

    /**
     * Mode of a held token.
     *
     * @param token instrument token.
     * @return the mode, or {@code null} if the token is not held.
     */
    public Mode modeOf(final int token)
    {
        final int entry = entryByToken.get(token);
        return NO_ENTRY == entry ? null : Mode.fromCode(entry & MODE_MASK);
    }

    /**
     * Tokens held by one connection, sorted ascending (as signed ints).
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @return a new sorted array of the connection's tokens.
     */
    public int[] tokens(final int apiKeyIndex, final int connectionIndex)
    {
        return collect(slot(apiKeyIndex, connectionIndex), 0);
    }

    /**
     * Tokens held by one connection in one mode, sorted ascending (as signed ints).
     *
     * @param apiKeyIndex     of the connection.
     * @param connectionIndex of the connection within its key.
     * @param mode            of the tokens wanted.
     * @return a new sorted array of the connection's tokens in that mode.
     */
    public int[] tokens(final int apiKeyIndex, final int connectionIndex, final Mode mode)
    {
        checkMode(mode);
        return collect(slot(apiKeyIndex, connectionIndex), mode.code());
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "InstrumentAllocator{keys=" + apiKeyCount + ", connectionsPerApiKey=" + connectionsPerApiKey +
            ", maxSymbolsPerConnection=" + maxSymbolsPerConnection + ", strategy=" + strategy +
            ", symbols=" + entryByToken.size() + ", loads=" + Arrays.toString(loads) + '}';
    }

    private ConnectionBatches place(
        final int scope, final int[] tokens, final int offset, final int length, final Mode mode)
    {
        checkRange(tokens, offset, length);
        checkMode(mode);
        final ConnectionBatches batches = new ConnectionBatches(mode, slotCount, connectionsPerApiKey);

        planByToken.clear();
        System.arraycopy(loads, 0, scratchLoads, 0, slotCount);
        scratchCursor = cursor;
        scratchKeyCursor = ANY_API_KEY == scope ? 0 : keyCursors[scope];

        int newCount = 0;
        boolean isFull = false;
        IntArrayList conflicts = null;
        int conflictOwner = -1;

        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int token = tokens[i];
            if (planByToken.containsKey(token))
            {
                continue;
            }

            final int entry = entryByToken.get(token);
            if (NO_ENTRY != entry)
            {
                final int slot = entry >>> MODE_BITS;
                if (ANY_API_KEY != scope && slot / connectionsPerApiKey != scope)
                {
                    if (null == conflicts)
                    {
                        conflicts = new IntArrayList();
                        conflictOwner = slot / connectionsPerApiKey;
                    }
                    conflicts.addInt(token);
                    planByToken.put(token, PLAN_CONFLICT);
                }
                else
                {
                    final int kind = (entry & MODE_MASK) == mode.code() ? KIND_SAME : KIND_MODE_CHANGE;
                    planByToken.put(token, (slot << MODE_BITS) | kind);
                }
                continue;
            }

            newCount++;
            final int slot = isFull ? -1 : choose(scope);
            if (slot < 0)
            {
                isFull = true;
                planByToken.put(token, PLAN_UNPLACED);
            }
            else
            {
                scratchLoads[slot]++;
                planByToken.put(token, (slot << MODE_BITS) | KIND_NEW);
            }
        }

        if (null != conflicts)
        {
            planByToken.clear();
            throw new AlreadySubscribedException(apiKeyIds[scope], apiKeyIds[conflictOwner], conflicts.toIntArray());
        }

        if (isFull)
        {
            planByToken.clear();
            throw new AtCapacityException(
                ANY_API_KEY == scope ? "all API keys" : "API key '" + apiKeyIds[scope] + "'",
                newCount,
                freeIn(scope),
                acceptingConnections(scope),
                maxSymbolsPerConnection);
        }

        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int token = tokens[i];
            final int plan = planByToken.remove(token);
            if (NO_ENTRY == plan)
            {
                continue;
            }

            final int slot = plan >>> MODE_BITS;
            final int kind = plan & MODE_MASK;
            if (KIND_NEW == kind)
            {
                entryByToken.put(token, entry(slot, mode));
                loads[slot]++;
                batches.add(slot, token);
            }
            else if (KIND_MODE_CHANGE == kind)
            {
                entryByToken.put(token, entry(slot, mode));
                batches.addModeChange(slot, token);
            }
        }

        cursor = scratchCursor;
        if (ANY_API_KEY != scope)
        {
            keyCursors[scope] = scratchKeyCursor;
        }
        batches.newTokenCount(newCount);

        return batches;
    }

    /**
     * Choose a slot with room within the scope (every slot, visited key by key, or one key's connections), from the
     * scope's cursor: the first one round-robin, or the least loaded; the cursor then moves past it.
     *
     * @return the slot, or -1 if none has room.
     */
    private int choose(final int scope)
    {
        final boolean isLeastLoaded = DistributionStrategy.LEAST_LOADED == strategy;
        final boolean isAnyKey = ANY_API_KEY == scope;
        final int count = isAnyKey ? slotCount : connectionsPerApiKey;
        final int cursor = isAnyKey ? scratchCursor : scratchKeyCursor;
        int best = -1;
        int bestPosition = -1;

        for (int step = 0; step < count; step++)
        {
            final int position = (cursor + step) % count;
            final int slot = isAnyKey ?
                (position % apiKeyCount) * connectionsPerApiKey + (position / apiKeyCount) :
                scope * connectionsPerApiKey + position;
            if (hasRoom(slot) && (best < 0 || (isLeastLoaded && scratchLoads[slot] < scratchLoads[best])))
            {
                best = slot;
                bestPosition = position;
                if (!isLeastLoaded)
                {
                    break;
                }
            }
        }

        if (best >= 0)
        {
            final int nextCursor = (bestPosition + 1) % count;
            if (isAnyKey)
            {
                scratchCursor = nextCursor;
            }
            else
            {
                scratchKeyCursor = nextCursor;
            }
        }

        return best;
    }

    private boolean hasRoom(final int slot)
    {
        return accepting[slot] && scratchLoads[slot] < maxSymbolsPerConnection;
    }

    private int freeIn(final int scope)
    {
        int free = 0;
        for (int slot = 0; slot < slotCount; slot++)
        {
            if (accepting[slot] && (ANY_API_KEY == scope || slot / connectionsPerApiKey == scope))
            {
                free += Math.max(0, maxSymbolsPerConnection - loads[slot]);
            }
        }
        return free;
    }

    private int acceptingConnections(final int scope)
    {
        int count = 0;
        for (int slot = 0; slot < slotCount; slot++)
        {
            if (accepting[slot] && (ANY_API_KEY == scope || slot / connectionsPerApiKey == scope))
            {
                count++;
            }
        }
        return count;
    }

    private int[] collect(final int slot, final int modeCode)
    {
        final int[] result = new int[loads[slot]];
        final int[] count = new int[1];
        entryByToken.forEachInt(
            (token, entry) ->
            {
                if ((entry >>> MODE_BITS) == slot && (0 == modeCode || (entry & MODE_MASK) == modeCode))
                {
                    result[count[0]++] = token;
                }
            });
        final int[] trimmed = count[0] == result.length ? result : Arrays.copyOf(result, count[0]);
        Arrays.sort(trimmed);
        return trimmed;
    }

    private static int entry(final int slot, final Mode mode)
    {
        return (slot << MODE_BITS) | mode.code();
    }

    private static void checkMode(final Mode mode)
    {
        if (null == mode)
        {
            throw new IllegalArgumentException("mode must not be null");
        }
    }

    private static void checkRange(final int[] tokens, final int offset, final int length)
    {
        if (null == tokens)
        {
            throw new IllegalArgumentException("tokens must not be null");
        }
        if (offset < 0 || length < 0 || offset > tokens.length - length)
        {
            throw new IllegalArgumentException(
                "bad range: offset=" + offset + " length=" + length + " array length=" + tokens.length);
        }
    }
}
