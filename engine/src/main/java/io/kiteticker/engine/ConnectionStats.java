package io.kiteticker.engine;

import io.kiteticker.engine.connection.ConnectionState;

import java.time.Duration;

/**
 * Snapshot of one connection: its state, the tokens it holds and its counters (cumulative since the manager was
 * built, across restarts and reconnects). Obtained from {@link KiteManager#connectionStats(String, int)}.
 *
 * @param apiKeyId             id of the connection's API key.
 * @param apiKeyIndex          index of the connection's API key.
 * @param connectionIndex      index of the connection within its key.
 * @param state                current state ({@link ConnectionState#CLOSED} while the manager is stopped).
 * @param symbols              instrument tokens assigned to the connection.
 * @param frames               WebSocket frames received (all opcodes, heartbeats included).
 * @param ticks                tick packets decoded and published (each tick counts once, not each frame).
 * @param heartbeats           1-byte heartbeat messages received.
 * @param textMessages         text messages (order, error, other) received.
 * @param bytesRead            bytes read from the socket.
 * @param malformedFrames      WebSocket frames rejected by the frame decoder.
 * @param malformedMessages    binary messages whose packet count or lengths did not fit.
 * @param malformedPackets     packets that could not be decoded.
 * @param unknownPacketLengths packets of a length that matches no known kind.
 * @param malformedText        text messages whose JSON could not be parsed.
 * @param ringFull             times the tick ring was full (reading paused, nothing dropped).
 * @param ringFullStalls       ring-full stalls: tick messages the ring refused at least once before taking them.
 * @param ringFullStallTotalNs time of those stalls together, nanoseconds (first refusal to published).
 * @param ringFullStallMaxNs   longest of those stalls, nanoseconds.
 * @param reconnects           reconnect attempts.
 * @param disconnects          live connections lost.
 * @param connectFailures      failed connect attempts.
 * @param credentialsRejected  upgrades refused with 403.
 * @param livenessTimeouts     connections declared dead after data silence.
 * @param errors               unexpected errors.
 * @param commandQueueFull     commands refused because the connection's command queue was full.
 * @param maxCycleNs           longest duty cycle seen, in nanoseconds.
 * @param requestsSent         subscribe, unsubscribe and mode request frames sent.
 * @param modeMismatchDropped  packets dropped, not delivered, because they were of another mode than their token's
 *                             requested one while the server had not yet switched the token (after a subscription
 *                             or a reconnect).
 * @param lastHttpStatus       HTTP status of the response that refused the last failed upgrade (429 connection
 *                             limit, 403 credentials rejected, 5xx, ...), 0 when the last failure was no refusal.
 * @param lastFailure          why the last connect attempt failed or the last session was lost, e.g.
 *                             {@code "WebSocket upgrade refused: ... (HTTP 429)"}; kept after the connection came
 *                             back (it is the last failure, not a current one); {@code null} before the first.
 * @param uptime               time since the connection last became live; zero when not live.
 */
public record ConnectionStats(
    String apiKeyId,
    int apiKeyIndex,
    int connectionIndex,
    ConnectionState state,
    int symbols,
    long frames,
    long ticks,
    long heartbeats,
    long textMessages,
    long bytesRead,
    long malformedFrames,
    long malformedMessages,
    long malformedPackets,
    long unknownPacketLengths,
    long malformedText,
    long ringFull,
    long ringFullStalls,
    long ringFullStallTotalNs,
    long ringFullStallMaxNs,
    long reconnects,
    long disconnects,
    long connectFailures,
    long credentialsRejected,
    long livenessTimeouts,
    long errors,
    long commandQueueFull,
    long maxCycleNs,
    long requestsSent,
    long modeMismatchDropped,
    int lastHttpStatus,
    String lastFailure,
    Duration uptime)
{
    /**
     * Whether the connection is live now.
     *
     * @return true when {@link #state()} is {@link ConnectionState#LIVE}.
     */
    public boolean isLive()
    {
        return ConnectionState.LIVE == state;
    }

    /**
     * Sum of every malformed-input counter.
     *
     * @return malformed frames, messages, packets, unknown lengths and malformed text together.
     */
    public long malformedTotal()
    {
        return malformedFrames + malformedMessages + malformedPackets + unknownPacketLengths + malformedText;
    }
}
