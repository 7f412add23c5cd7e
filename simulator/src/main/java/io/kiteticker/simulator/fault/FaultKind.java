package io.kiteticker.simulator.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults a {@link FaultInjector} applies to a simulator connection, each named as on the command line.
 */
public enum FaultKind
{
    /**
     * TCP reset: the socket is closed abortively, without a close frame.
     */
    RESET("reset", true),

    /**
     * A clean WebSocket close (1000) and the closing handshake.
     */
    CLOSE("close", true),

    /**
     * A close frame with an error code (1011 by default) and the closing handshake.
     */
    CLOSE_CODE("close-code", true),

    /**
     * Half-open stall: the socket stays open, nothing is sent, no heartbeat, until the client gives up.
     */
    STALL("stall", true),

    /**
     * Slow reader: the server stops reading the client's frames (subscriptions, pings) for a while.
     */
    SLOW_READER("slow-reader", false),

    /**
     * Every upgrade refused with a 5xx status for a while, and one connection reset so that a client reconnects
     * into the refusal.
     */
    REFUSE_5XX("refuse-5xx", true),

    /**
     * Every upgrade refused with 403 for a while, and one connection reset. An engine without a grace period for a
     * mid-run 403 gives the key up, so this kind is off unless asked for.
     */
    REFUSE_403("refuse-403", true),

    /**
     * The first bytes of a binary frame, then the end of the TCP stream, nothing between them.
     */
    PARTIAL_FRAME("partial-frame", true),

    /**
     * Random bytes mid-stream that are no valid frame (reserved bits set in the first byte).
     */
    GARBAGE("garbage", true),

    /**
     * The server silently forgets one subscribed token (the client is not told). No client can repair it: a soak
     * uses it to prove that it detects a lost token.
     */
    LOSE_SUBSCRIPTION("lose-subscription", false);

    private final String cliName;
    private final boolean endsSession;

    FaultKind(final String cliName, final boolean endsSession)
    {
        this.cliName = cliName;
        this.endsSession = endsSession;
    }

    /**
     * The name on the command line and in reports.
     *
     * @return e.g. {@code partial-frame}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * Does the fault end the WebSocket session it hits, so that the client must reconnect?
     *
     * @return true for resets, closes, stalls, refusals (their reset), partial frames and garbage.
     */
    public boolean endsSession()
    {
        return endsSession;
    }

    /**
     * The kind of a command-line name.
     *
     * @param name as {@link #cliName()}, case-insensitive.
     * @return the kind.
     * @throws IllegalArgumentException naming the valid names if none matches.
     */
    public static FaultKind fromCliName(final String name)
    {
        for (final FaultKind kind : values())
        {
            if (kind.cliName.equalsIgnoreCase(name))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'; one of " + cliNames());
    }

    /**
     * The faults that end a session by a disconnect of some kind, the mix of {@code --drops}: reset, close, close
     * with a code, partial frame, garbage.
     *
     * @return a new list.
     */
    public static List<FaultKind> drops()
    {
        return new ArrayList<>(List.of(RESET, CLOSE, CLOSE_CODE, PARTIAL_FRAME, GARBAGE));
    }

    /**
     * The default mix of a random schedule: every kind but {@link #REFUSE_403} and {@link #LOSE_SUBSCRIPTION}.
     *
     * @return a new list.
     */
    public static List<FaultKind> defaultMix()
    {
        final List<FaultKind> mix = drops();
        mix.add(STALL);
        mix.add(SLOW_READER);
        mix.add(REFUSE_5XX);
        return mix;
    }

    /**
     * Every command-line name, comma separated.
     *
     * @return e.g. {@code reset, close, …}.
     */
    public static String cliNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final FaultKind kind : values())
        {
            names.append(names.length() > 0 ? ", " : "").append(kind.cliName);
        }
        return names.toString();
    }
}
