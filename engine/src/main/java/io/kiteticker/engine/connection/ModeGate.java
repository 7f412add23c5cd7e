package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.ring.PacketFilter;
import org.agrona.collections.Int2IntHashMap;

import java.util.concurrent.TimeUnit;

/**
 * The tokens of one connection whose requested mode the server has not yet been seen to switch to, and the filter
 * that keeps the other modes' packets from the strategy.
 * <p>
 * Kite answers a {@code subscribe} in quote mode and switches a token only when it reads the {@code mode} frame that
 * follows, so after a reconnect (and after a run-time subscribe or mode change) a token asked for in LTP or full
 * receives quote packets for a moment, however close behind the {@code subscribe} its {@code mode} frame is sent
 * (the server answers each request frame with a snapshot before it reads the next one). A token is pending from the
 * request until its first packet of the requested mode arrives; meanwhile its packets of another mode are refused
 * ({@link #accept}) and the publisher drops and counts them before a slot is claimed. Once no token is pending,
 * {@link #isActive()} is false and the receive path publishes without asking: one field read per message.
 * <p>
 * While any token is pending, each packet costs one map lookup and its own slot claim. A token the server never
 * sends (an expired contract, one over the instrument limit) would keep that cost on for good, so the gate settles
 * ({@link #settle}): once no request frame has been sent for {@link #SETTLE_MS}, the server has long switched every
 * token it will ever send, and whatever is still pending is let through.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread; {@link #accept} allocates nothing, and neither does
 * {@link #expect} once the map has grown to the connection's token count.
 */
final class ModeGate implements PacketFilter
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final float LOAD_FACTOR = 0.65f;
    private static final int NOT_PENDING = 0;

    /**
     * Time without a request frame sent after which the tokens still pending are let through, in milliseconds.
     */
    static final long SETTLE_MS = 5_000;

    private static final long SETTLE_NS = TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);

    private final Int2IntHashMap pendingModes = new Int2IntHashMap(INITIAL_CAPACITY, LOAD_FACTOR, NOT_PENDING, true);
    private boolean isSettling;
    private long requestsSentWhenSettling;
    private long settleDeadlineNs;

    /**
     * Is any token pending, so packets must be filtered.
     *
     * @return true while at least one token waits for its mode.
     */
    boolean isActive()
    {
        return !pendingModes.isEmpty();
    }

    /**
     * Tokens waiting for their mode.
     *
     * @return the count.
     */
    int pendingCount()
    {
        return pendingModes.size();
    }

    /**
     * A token's mode was requested: deliver only that mode's packets of it from now on.
     *
     * @param token    instrument token.
     * @param modeCode {@link Mode#code()} requested.
     */
    void expect(final int token, final int modeCode)
    {
        pendingModes.put(token, modeCode);
    }

    /**
     * A token is no longer pending (unsubscribed, or subscribed in the mode the server sends already).
     *
     * @param token instrument token.
     */
    void forget(final int token)
    {
        pendingModes.remove(token);
    }

    /**
     * No token is pending (a new session starts).
     */
    void clear()
    {
        pendingModes.clear();
        isSettling = false;
    }

    /**
     * Let the tokens still pending through once no request frame has been sent for {@link #SETTLE_MS}: called by
     * the conductor in its LIVE duty cycle while {@link #isActive()}.
     *
     * @param nowNs        the cycle's clock.
     * @param requestsSent request frames sent by the connection so far (its REQUESTS_SENT counter).
     * @return the number of tokens let through now, else 0.
     */
    int settle(final long nowNs, final long requestsSent)
    {
        if (!isSettling || requestsSent != requestsSentWhenSettling)
        {
            isSettling = true;
            requestsSentWhenSettling = requestsSent;
            settleDeadlineNs = nowNs + SETTLE_NS;
            return 0;
        }
        if (settleDeadlineNs - nowNs < 0)
        {
            final int count = pendingModes.size();
            clear();
            return count;
        }
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public boolean accept(final int instrumentToken, final int kind)
    {
        if (!PacketKind.isKnown(kind))
        {
            return true;
        }

        final int expectedModeCode = pendingModes.get(instrumentToken);
        if (NOT_PENDING == expectedModeCode)
        {
            return true;
        }
        if (PacketKind.mode(kind).code() == expectedModeCode)
        {
            pendingModes.remove(instrumentToken);
            return true;
        }

        return false;
    }
}
