package io.kiteticker.codec.ws;

/**
 * Close status codes of RFC 6455 §7.4.1 (and the IANA registry) as int constants, with the §7.4 validity rule
 * for codes received in a close frame.
 */
public final class CloseStatus
{
    /**
     * 1000: normal closure.
     */
    public static final int NORMAL = 1000;

    /**
     * 1001: endpoint going away (server shutdown, browser navigating away).
     */
    public static final int GOING_AWAY = 1001;

    /**
     * 1002: protocol error.
     */
    public static final int PROTOCOL_ERROR = 1002;

    /**
     * 1003: unsupported data type.
     */
    public static final int UNSUPPORTED_DATA = 1003;

    /**
     * 1005: no status code was present; reserved, never sent on the wire, reported when a close frame is empty.
     */
    public static final int NO_STATUS_RECEIVED = 1005;

    /**
     * 1006: abnormal closure without a close frame; reserved, never sent on the wire.
     */
    public static final int ABNORMAL_CLOSURE = 1006;

    /**
     * 1007: payload data inconsistent with the message type (for example bad UTF-8 in a text message).
     */
    public static final int INVALID_PAYLOAD = 1007;

    /**
     * 1008: policy violation.
     */
    public static final int POLICY_VIOLATION = 1008;

    /**
     * 1009: message too big to process.
     */
    public static final int MESSAGE_TOO_BIG = 1009;

    /**
     * 1010: client expected the server to negotiate an extension.
     */
    public static final int MANDATORY_EXTENSION = 1010;

    /**
     * 1011: internal error.
     */
    public static final int INTERNAL_ERROR = 1011;

    /**
     * 1012: service restart (IANA registry).
     */
    public static final int SERVICE_RESTART = 1012;

    /**
     * 1013: try again later (IANA registry).
     */
    public static final int TRY_AGAIN_LATER = 1013;

    /**
     * 1014: bad gateway (IANA registry).
     */
    public static final int BAD_GATEWAY = 1014;

    /**
     * 1015: TLS handshake failure; reserved, never sent on the wire.
     */
    public static final int TLS_HANDSHAKE_FAILURE = 1015;

    private CloseStatus()
    {
    }

    /**
     * May this code appear in a received close frame (RFC 6455 §7.4)? Valid are 1000-1003, 1007-1014 (the defined
     * and IANA-registered codes) and 3000-4999 (libraries, frameworks and applications). Codes below 1000, the
     * reserved 1004, 1005, 1006 and 1015, the unassigned 1016-2999 and anything from 5000 up are protocol errors.
     *
     * @param code received in a close frame.
     * @return true if the code may be sent on the wire.
     */
    public static boolean isValidOnWire(final int code)
    {
        return (code >= NORMAL && code <= UNSUPPORTED_DATA) ||
            (code >= INVALID_PAYLOAD && code <= BAD_GATEWAY) ||
            (code >= 3000 && code <= 4999);
    }

    /**
     * Name of the code for logs and tests, a constant string (no allocation).
     *
     * @param code to name.
     * @return the name, "APPLICATION" for 3000-4999, or "UNKNOWN".
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case NORMAL:
                return "NORMAL";
            case GOING_AWAY:
                return "GOING_AWAY";
            case PROTOCOL_ERROR:
                return "PROTOCOL_ERROR";
            case UNSUPPORTED_DATA:
                return "UNSUPPORTED_DATA";
            case NO_STATUS_RECEIVED:
                return "NO_STATUS_RECEIVED";
            case ABNORMAL_CLOSURE:
                return "ABNORMAL_CLOSURE";
            case INVALID_PAYLOAD:
                return "INVALID_PAYLOAD";
            case POLICY_VIOLATION:
                return "POLICY_VIOLATION";
            case MESSAGE_TOO_BIG:
                return "MESSAGE_TOO_BIG";
            case MANDATORY_EXTENSION:
                return "MANDATORY_EXTENSION";
            case INTERNAL_ERROR:
                return "INTERNAL_ERROR";
            case SERVICE_RESTART:
                return "SERVICE_RESTART";
            case TRY_AGAIN_LATER:
                return "TRY_AGAIN_LATER";
            case BAD_GATEWAY:
                return "BAD_GATEWAY";
            case TLS_HANDSHAKE_FAILURE:
                return "TLS_HANDSHAKE_FAILURE";
            default:
                return code >= 3000 && code <= 4999 ? "APPLICATION" : "UNKNOWN";
        }
    }
}
