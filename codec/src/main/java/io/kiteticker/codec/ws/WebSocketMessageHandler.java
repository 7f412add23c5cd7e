package io.kiteticker.codec.ws;

import org.agrona.DirectBuffer;

/**
 * Receives whole WebSocket messages and control frames from
 * {@link WebSocketFrameDecoder#decode(org.agrona.MutableDirectBuffer, int, int, WebSocketMessageHandler)}.
 * <p>
 * <b>Note:</b> every buffer passed in is a view valid only for the duration of the callback: either the caller's
 * receive buffer (single-frame messages and control frames, already unmasked) or the decoder's assembly buffer
 * (fragmented messages). Copy what must outlive the call. Callbacks run on the decoding thread.
 */
public interface WebSocketMessageHandler
{
    /**
     * A complete data message (TEXT or BINARY). Return false to refuse it (back-pressure, for example when the
     * consumer's ring is full): the decoder then stops before the frame that completes this message, leaves it
     * unconsumed in the receive buffer with its state intact, and offers the very same message again on the next
     * decode call.
     *
     * @param opcode {@link WebSocketOpcode#TEXT} or {@link WebSocketOpcode#BINARY}.
     * @param buffer holding the payload.
     * @param offset of the first payload byte in the buffer.
     * @param length of the payload in bytes (0 for an empty message).
     * @return true if the message was consumed, false to refuse it and stop decoding.
     */
    boolean onMessage(int opcode, DirectBuffer buffer, int offset, int length);

    /**
     * A ping control frame; the consumer should answer with a pong carrying the same application data.
     *
     * @param buffer holding the application data.
     * @param offset of the first byte.
     * @param length of the application data, 0 to 125.
     */
    void onPing(DirectBuffer buffer, int offset, int length);

    /**
     * A pong control frame.
     *
     * @param buffer holding the application data.
     * @param offset of the first byte.
     * @param length of the application data, 0 to 125.
     */
    void onPong(DirectBuffer buffer, int offset, int length);

    /**
     * A close control frame with a valid status code and UTF-8 reason; decoding stops after it.
     *
     * @param code         the status code, or {@link CloseStatus#NO_STATUS_RECEIVED} if the frame had no payload.
     * @param buffer       holding the reason.
     * @param reasonOffset of the first byte of the UTF-8 reason.
     * @param reasonLength of the reason in bytes, 0 to 123.
     */
    void onClose(int code, DirectBuffer buffer, int reasonOffset, int reasonLength);
}
