package io.kiteticker.engine.status;

/**
 * Why a connection's last connect attempt failed or its last session was lost, as a stable code: the connection keeps
 * it in its {@link KiteCounterDescriptor#LAST_FAILURE_KIND} counter (and the refusing server's HTTP status in
 * {@link KiteCounterDescriptor#LAST_HTTP_STATUS}), so another process ({@code ./kite stats}) names the failure
 * from the status file without a string being written there.
 * <p>
 * <b>Note:</b> codes are persistent (read from files by other processes): append new kinds, never renumber.
 */
public enum FailureKind
{
    /**
     * No failure yet.
     */
    NONE(0, "none"),

    /**
     * The TCP connect failed (refused, unreachable, DNS).
     */
    CONNECT_FAILED(1, "connect failed"),

    /**
     * The TCP connect did not complete within the connection timeout.
     */
    CONNECT_TIMED_OUT(2, "connect timed out"),

    /**
     * The TLS handshake failed or timed out.
     */
    TLS_FAILED(3, "TLS handshake failed"),

    /**
     * The WebSocket upgrade failed: a read error, end of stream or no response in time.
     */
    UPGRADE_FAILED(4, "WebSocket upgrade failed"),

    /**
     * The server refused the WebSocket upgrade with an HTTP status other than 403 (429 connection limit, 5xx, ...).
     */
    UPGRADE_REFUSED(5, "WebSocket upgrade refused"),

    /**
     * The server refused the upgrade with HTTP 403: the credentials were rejected.
     */
    CREDENTIALS_REJECTED(6, "credentials rejected"),

    /**
     * A live session ended: end of stream, a read or write error, or a server close.
     */
    CONNECTION_LOST(7, "connection lost"),

    /**
     * A live session was silent for longer than the liveness timeout.
     */
    LIVENESS_TIMEOUT(8, "connection lost: no data for longer than the liveness timeout"),

    /**
     * The server broke the WebSocket protocol; the session was closed.
     */
    PROTOCOL_ERROR(9, "connection lost: WebSocket protocol error"),

    /**
     * An unexpected error recycled the connection.
     */
    UNEXPECTED_ERROR(10, "unexpected error");

    private static final FailureKind[] BY_CODE = values();

    private final int code;
    private final String label;

    FailureKind(final int code, final String label)
    {
        this.code = code;
        this.label = label;
    }

    /**
     * Stable code, dense from 0.
     *
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    /**
     * What happened, in words.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The label with the HTTP status when there is one, e.g. {@code "WebSocket upgrade refused (HTTP 429)"}.
     *
     * @param httpStatus of the refusing response, or 0 for none.
     * @return the description.
     */
    public String describe(final long httpStatus)
    {
        return httpStatus > 0 ? label + " (HTTP " + httpStatus + ")" : label;
    }

    /**
     * Look a kind up by code.
     *
     * @param code of the kind.
     * @return the kind, or {@code null} if unknown.
     */
    public static FailureKind get(final long code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int)code] : null;
    }
}
