package io.kiteticker.engine.manager;

import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.connection.ConnectionState;
import org.agrona.concurrent.NanoClock;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * What the control plane tracks per connection slot ({@code apiKeyIndex * connectionsPerApiKey + connectionIndex})
 * beside the agent's own state: since when the connection is live, whether its credentials were rejected, and how
 * many tokens it holds. It is the {@link ConnectionListener} of every connection, and passes each callback on to
 * the next listener (the {@link ConnectionEventDispatcher}) after its own bookkeeping, so whoever hears of an event
 * already sees it in the statistics and the health.
 * <p>
 * <b>Note:</b> the listener callbacks run on the connection threads, {@link #symbolCount(int, int)} is written by
 * the control thread under the manager's lock, and every reader (statistics, health, {@code start()}) may be any
 * thread: every field is an atomic array, so no lock is taken on either side.
 */
public final class ConnectionSlots implements ConnectionListener
{
    private final int connectionsPerApiKey;
    private final NanoClock nanoClock;
    private final IntFunction<ConnectionState> states;
    private final ConnectionListener next;
    private final AtomicLongArray liveSinceNs;
    private final AtomicIntegerArray rejected;
    private final AtomicIntegerArray symbolCounts;

    /**
     * Slots for every connection of every key, none live.
     *
     * @param slotCount            keys times connections per key.
     * @param connectionsPerApiKey connections of each key.
     * @param nanoClock            to stamp when a connection went live.
     * @param states               the current state of a slot's connection ({@code CLOSED} when there is none).
     * @param next                 told every callback after the slots ({@link ConnectionListener#NO_OP} for none).
     */
    public ConnectionSlots(
        final int slotCount,
        final int connectionsPerApiKey,
        final NanoClock nanoClock,
        final IntFunction<ConnectionState> states,
        final ConnectionListener next)
    {
        this.connectionsPerApiKey = connectionsPerApiKey;
        this.nanoClock = nanoClock;
        this.states = states;
        this.next = next;
        liveSinceNs = new AtomicLongArray(slotCount);
        rejected = new AtomicIntegerArray(slotCount);
        symbolCounts = new AtomicIntegerArray(slotCount);
    }

    /**
     * Number of slots.
     *
     * @return keys times connections per key.
     */
    public int slotCount()
    {
        return liveSinceNs.length();
    }

    /**
     * Forget liveness and rejections, before a start (symbol counts stay: subscriptions survive a restart).
     */
    public void resetRun()
    {
        for (int slot = 0; slot < liveSinceNs.length(); slot++)
        {
            liveSinceNs.set(slot, 0);
            rejected.set(slot, 0);
        }
    }

    /**
     * Forget liveness, after a stop.
     */
    public void clearLive()
    {
        for (int slot = 0; slot < liveSinceNs.length(); slot++)
        {
            liveSinceNs.set(slot, 0);
        }
    }

    /**
     * When the slot's connection last went live.
     *
     * @param slot of the connection.
     * @return the nano clock time (never 0 when live), or 0 when not live.
     */
    public long liveSinceNs(final int slot)
    {
        return liveSinceNs.get(slot);
    }

    /**
     * Whether the server rejected the slot's credentials since the last {@link #resetRun()}.
     *
     * @param slot of the connection.
     * @return true once rejected.
     */
    public boolean isRejected(final int slot)
    {
        return 0 != rejected.get(slot);
    }

    /**
     * Tokens the slot's connection holds.
     *
     * @param slot of the connection.
     * @return the count last published.
     */
    public int symbolCount(final int slot)
    {
        return symbolCounts.get(slot);
    }

    /**
     * Publish every slot's token count from the allocator (control thread, under the manager's lock).
     *
     * @param allocator that holds the placement.
     */
    public void publishSymbolCounts(final InstrumentAllocator allocator)
    {
        for (int slot = 0; slot < symbolCounts.length(); slot++)
        {
            symbolCounts.set(slot, allocator.symbolCount(slot / connectionsPerApiKey, slot % connectionsPerApiKey));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onStateChange(
        final int apiKeyIndex, final int connectionIndex, final ConnectionState from, final ConnectionState to)
    {
        final int slot = apiKeyIndex * connectionsPerApiKey + connectionIndex;
        if (ConnectionState.LIVE == to)
        {
            final long nowNs = nanoClock.nanoTime();
            liveSinceNs.set(slot, 0 == nowNs ? 1 : nowNs);
        }
        else if (ConnectionState.LIVE == from)
        {
            liveSinceNs.set(slot, 0);
        }
        if (ConnectionState.CREDENTIALS_REJECTED == to)
        {
            rejected.set(slot, 1);
        }
        next.onStateChange(apiKeyIndex, connectionIndex, from, to);
    }

    /**
     * {@inheritDoc}
     */
    public void onCredentialsRejected(final int apiKeyIndex, final String apiKeyId)
    {
        for (int c = 0; c < connectionsPerApiKey; c++)
        {
            final int slot = apiKeyIndex * connectionsPerApiKey + c;
            if (ConnectionState.CREDENTIALS_REJECTED == states.apply(slot))
            {
                rejected.set(slot, 1);
            }
        }
        next.onCredentialsRejected(apiKeyIndex, apiKeyId);
    }

    /**
     * Whether the server rejected the credentials of any connection of a key since the last {@link #resetRun()}: the
     * key can no longer deliver in this run (a rejected connection does not retry).
     *
     * @param apiKeyIndex of the key.
     * @return true once any of its connections was rejected.
     */
    public boolean isKeyRejected(final int apiKeyIndex)
    {
        for (int c = 0; c < connectionsPerApiKey; c++)
        {
            final int slot = apiKeyIndex * connectionsPerApiKey + c;
            if (isRejected(slot) || ConnectionState.CREDENTIALS_REJECTED == states.apply(slot))
            {
                return true;
            }
        }
        return false;
    }
}
