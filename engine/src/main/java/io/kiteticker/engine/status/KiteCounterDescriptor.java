package io.kiteticker.engine.status;

/**
 * The per-connection counters, with stable ids and labels, as Aeron's {@code SystemCounterDescriptor}.
 * <p>
 * Each connection allocates one counter per descriptor from the engine's {@code CountersManager}. The counter's type
 * id is {@link #typeId()} ({@link #TYPE_ID_BASE} + {@link #id()}) and its key holds the API key index, the connection
 * index and the descriptor id (see {@link ConnectionCounters}), so a reader in another process can group them.
 * <p>
 * <b>Note:</b> ids are persistent (they are read from files by other processes): append new descriptors, never
 * renumber.
 */
public enum KiteCounterDescriptor
{
    /**
     * WebSocket frames received (all opcodes, heartbeats included).
     */
    FRAMES(0, "frames received"),

    /**
     * Tick packets published into the ring.
     */
    PACKETS(1, "packets published"),

    /**
     * Heartbeats received: binary messages shorter than 2 bytes.
     */
    HEARTBEATS(2, "heartbeats"),

    /**
     * Text messages (order, error, other) published into the text ring.
     */
    TEXT_MESSAGES(3, "text messages"),

    /**
     * Bytes read from the socket (ciphertext when TLS).
     */
    BYTES_READ(4, "bytes read"),

    /**
     * WebSocket frames the frame decoder rejected (protocol error, too long): the connection is reset.
     */
    MALFORMED_FRAMES(5, "malformed frames"),

    /**
     * Binary Kite messages whose count or lengths do not fit (truncated or bad length); complete packets are kept.
     */
    MALFORMED_MESSAGES(6, "malformed messages"),

    /**
     * Packets that could not be decoded (including unknown lengths).
     */
    MALFORMED_PACKETS(7, "malformed packets"),

    /**
     * Packets whose length matches no known kind; published with kind UNKNOWN and their raw bytes.
     */
    UNKNOWN_PACKET_LENGTH(8, "unknown packet lengths"),

    /**
     * Text messages whose JSON could not be parsed (still published, with the malformed type code).
     */
    MALFORMED_TEXT(9, "malformed text messages"),

    /**
     * Times the tick ring lacked capacity: the message stayed in the buffer and reading paused.
     */
    RING_FULL(10, "tick ring full"),

    /**
     * Reconnect attempts started after the connection went down.
     */
    RECONNECTS(11, "reconnects"),

    /**
     * Connect attempts that failed (TCP, timeout, upgrade refused other than 403).
     */
    CONNECT_FAILURES(12, "connect failures"),

    /**
     * Upgrades refused with 403: credentials rejected.
     */
    CREDENTIALS_REJECTED(13, "credentials rejected"),

    /**
     * TLS handshake or record errors.
     */
    TLS_ERRORS(14, "TLS errors"),

    /**
     * Connections declared dead after data silence past the liveness timeout.
     */
    LIVENESS_TIMEOUTS(15, "liveness timeouts"),

    /**
     * Commands a control thread could not offer because the agent's command queue was full.
     */
    COMMAND_QUEUE_FULL(16, "command queue full"),

    /**
     * Unexpected errors reported to the error handler.
     */
    ERRORS(17, "errors"),

    /**
     * Longest duty cycle seen, in nanoseconds.
     */
    MAX_CYCLE_NS(18, "max cycle ns"),

    /**
     * Current {@code ConnectionState} ordinal.
     */
    STATE(19, "state"),

    /**
     * Live connections lost: read error, end of stream, server close or liveness timeout.
     */
    DISCONNECTS(20, "disconnects"),

    /**
     * Bytes written to the socket (ciphertext when TLS).
     */
    BYTES_WRITTEN(21, "bytes written"),

    /**
     * Times the text ring lacked capacity.
     */
    TEXT_RING_FULL(22, "text ring full"),

    /**
     * Subscribe, unsubscribe and mode request frames sent.
     */
    REQUESTS_SENT(23, "requests sent"),

    /**
     * Packets dropped before the strategy saw them because they were of another mode than their token's requested
     * one, while the server had not yet switched the token (after a (re)subscription); see {@code ModeGate}.
     */
    MODE_MISMATCH_DROPPED(24, "packets of a mode not yet switched"),

    /**
     * {@link FailureKind#code()} of the last failed connect attempt or lost session (0 before the first).
     */
    LAST_FAILURE_KIND(25, "last failure kind"),

    /**
     * HTTP status of the response that refused the last failed upgrade (0 when the last failure was no refusal).
     */
    LAST_HTTP_STATUS(26, "last failure HTTP status"),

    /**
     * Ring-full stalls: binary messages the tick ring refused at least once, counted when the message is wholly
     * published (or dropped with its connection); RING_FULL counts every refused offer instead.
     */
    RING_FULL_STALLS(27, "ring full stalls"),

    /**
     * Total time of the ring-full stalls, in nanoseconds: per stall, from the receive attempt that was first refused
     * to the one that published the rest of the message.
     */
    RING_FULL_STALL_TOTAL_NS(28, "ring full stall total ns"),

    /**
     * Longest ring-full stall, in nanoseconds.
     */
    RING_FULL_STALL_MAX_NS(29, "ring full stall max ns");

    /**
     * Type id of the first descriptor; type ids are {@code TYPE_ID_BASE + id}.
     */
    public static final int TYPE_ID_BASE = 0x4B00;

    private static final KiteCounterDescriptor[] BY_ID;

    static
    {
        final KiteCounterDescriptor[] values = values();
        BY_ID = new KiteCounterDescriptor[values.length];
        for (final KiteCounterDescriptor descriptor : values)
        {
            if (null != BY_ID[descriptor.id])
            {
                throw new IllegalStateException("duplicate counter id " + descriptor.id);
            }
            BY_ID[descriptor.id] = descriptor;
        }
    }

    private final int id;
    private final String label;

    KiteCounterDescriptor(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * Stable id, dense from 0.
     *
     * @return the stable id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Human-readable label suffix.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Counter type id used when allocating from a {@code CountersManager}.
     *
     * @return {@link #TYPE_ID_BASE} + {@link #id()}.
     */
    public int typeId()
    {
        return TYPE_ID_BASE + id;
    }

    /**
     * Look a descriptor up by id.
     *
     * @param id of the descriptor.
     * @return the descriptor, or {@code null} if unknown.
     */
    public static KiteCounterDescriptor get(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /**
     * Look a descriptor up by counter type id.
     *
     * @param typeId of the counter.
     * @return the descriptor, or {@code null} if the type id is not one of ours.
     */
    public static KiteCounterDescriptor forTypeId(final int typeId)
    {
        return get(typeId - TYPE_ID_BASE);
    }
}
