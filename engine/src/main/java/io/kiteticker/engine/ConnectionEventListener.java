package io.kiteticker.engine;

/**
 * Told what happens to the manager's connections; see
 * {@link KiteManagerBuilder#onConnectionEvent(ConnectionEventListener)}. Today it hears
 * {@link ConnectionEvent.Kind#CREDENTIALS_REJECTED}; more kinds will follow, so switch on
 * {@link ConnectionEvent#kind()} and ignore the others.
 * <pre>
 * builder.onConnectionEvent((event) -&gt;
 * {
 *     if (ConnectionEvent.Kind.CREDENTIALS_REJECTED == event.kind())
 *     {
 *         alert("Kite refused the token of " + event.apiKeyId());
 *     }
 * });
 * </pre>
 * <b>Note:</b> called on the manager's {@code kite-events} thread, in the order the events happened, never on a
 * connection thread: a slow listener delays later events, not ticks. An exception goes to the error handler and the
 * next event is still delivered. Events of a run are delivered before {@link KiteManager#stop()} returns.
 */
@FunctionalInterface
public interface ConnectionEventListener
{
    /**
     * A connection event happened.
     *
     * @param event what happened, to which connection.
     */
    void onConnectionEvent(ConnectionEvent event);
}
