package io.kiteticker.engine.ring;

/**
 * Callback for order updates, errors and other text messages, tagged with the API key and connection they came from.
 * <p>
 * <b>Note:</b> the event is a reused slot: never keep a reference to it after returning.
 */
@FunctionalInterface
public interface TextHandler
{
    /**
     * Called for each text message, in ring order.
     *
     * @param event      holding the raw JSON and its type code; valid only for the duration of the call.
     * @param sequence   of the slot in the ring.
     * @param endOfBatch true when this is the last event available right now.
     * @throws Exception if the handler fails.
     */
    void onText(TextEvent event, long sequence, boolean endOfBatch) throws Exception;
}
