package io.kiteticker.simulator.script;

/**
 * Verbs a test can call on a simulated connection. Each verb is handed to the simulator's agent thread and returns
 * once it has been applied there (the bytes it queues are then written by the following duty cycles), so a test
 * can observe its effect without racing it.
 */
public interface ConnectionScript
{
    /**
     * Reset the TCP connection: SO_LINGER 0 then close, so the client sees a RST, no close frame.
     */
    void dropAbruptly();

    /**
     * Start the WebSocket closing handshake: send a close frame, wait for the client's close frame (at most the
     * context's close timeout) and close the socket.
     *
     * @param statusCode to send, e.g. 1000 or 1001.
     * @param reason     up to 123 ASCII characters.
     */
    void closeCleanly(int statusCode, String reason);

    /**
     * Stop sending anything (ticks, heartbeats, queued bytes) while keeping the socket open and still reading.
     */
    void stall();

    /**
     * Undo {@link #stall()}.
     */
    void resume();

    /**
     * Stop reading from the socket so that the client's writes back up (TCP back-pressure).
     */
    void pauseReading();

    /**
     * Undo {@link #pauseReading()}.
     */
    void resumeReading();

    /**
     * Send one piece of malformed data.
     *
     * @param malformation what to send.
     */
    void sendMalformed(Malformation malformation);

    /**
     * Write the next messages in many small socket writes (TCP_NODELAY is on, so each write is its own segment
     * unless the peer is slow): while the split is active every write carries at most {@code chunkBytes} bytes,
     * including any bytes queued before.
     *
     * @param messageCount how many messages from now are split.
     * @param chunkBytes   at most this many bytes per write, at least 1.
     */
    void splitNextMessages(int messageCount, int chunkBytes);

    /**
     * Send a {@code {"type":"order","data":<orderJson>}} text message.
     *
     * @param orderJson the order object, already JSON.
     */
    void sendOrder(String orderJson);

    /**
     * Send a {@code {"type":"error","data":"<message>"}} text message.
     *
     * @param message the error text.
     */
    void sendError(String message);

    /**
     * Send an arbitrary text message as it is.
     *
     * @param text payload.
     */
    void sendText(String text);

    /**
     * Send an arbitrary binary message as it is.
     *
     * @param payload of the message.
     */
    void sendBinary(byte[] payload);

    /**
     * Write raw bytes on the socket, outside any WebSocket framing.
     *
     * @param bytes to write.
     */
    void sendRawBytes(byte[] bytes);

    /**
     * Send a one-byte heartbeat message now.
     */
    void sendHeartbeat();
}
