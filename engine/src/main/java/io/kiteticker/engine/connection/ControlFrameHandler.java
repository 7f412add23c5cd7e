package io.kiteticker.engine.connection;

import org.agrona.DirectBuffer;

/**
 * What the {@link ReceiverEndPoint} hands back to its conductor besides return codes: the control frames that need
 * an answer or change the connection's state. Called on the connection's agent thread, during
 * {@link ReceiverEndPoint#poll()}.
 */
interface ControlFrameHandler
{
    /**
     * A ping arrived: its application data must be echoed in a pong.
     *
     * @param buffer holding the application data, valid during the call only.
     * @param offset of the first byte.
     * @param length of the data, 0 to 125.
     */
    void onPing(DirectBuffer buffer, int offset, int length);

    /**
     * The server sent a close frame; the receiver stops decoding after it.
     *
     * @param code         the close status code.
     * @param reasonLength of the UTF-8 reason in bytes, 0 to 123.
     */
    void onClose(int code, int reasonLength);
}
