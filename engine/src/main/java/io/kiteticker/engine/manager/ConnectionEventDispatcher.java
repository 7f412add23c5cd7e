package io.kiteticker.engine.manager;

import io.kiteticker.engine.ConnectionEvent;
import io.kiteticker.engine.ConnectionEventListener;
import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.connection.ConnectionState;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hands connection events from the connection threads to the {@link ConnectionEventListener}s on a
 * {@code kite-events} thread: a connection's {@link ConnectionListener} callback only offers a
 * {@link ConnectionEvent} to a lock-free queue (a rare event, so one small allocation there is fine), and the thread
 * drains it in order. The thread runs from {@link #start()} to {@link #stop()}, only when a listener is registered;
 * {@code stop()} delivers what is still queued before it joins the thread, so the events of a run (a rejection that
 * fails {@code start()} included) are all told.
 * <p>
 * Today it forwards {@link ConnectionEvent.Kind#CREDENTIALS_REJECTED} (a state change to
 * {@link ConnectionState#CREDENTIALS_REJECTED}); a new kind is a new case in
 * {@link #onStateChange(int, int, ConnectionState, ConnectionState)}.
 * <p>
 * <b>Note:</b> the listener callbacks run on the connection threads; {@code start}/{@code stop} on the control thread
 * (under the manager's lock); the event listeners on {@code kite-events}.
 */
public final class ConnectionEventDispatcher implements ConnectionListener
{
    /**
     * Events that may wait for the {@code kite-events} thread; an event beyond it is reported to the error handler
     * and not delivered.
     */
    public static final int QUEUE_CAPACITY = 1024;

    /**
     * Longest sleep of the {@code kite-events} thread when no event waits: the most an event is delayed.
     */
    public static final long MAX_SLEEP_MS = 5;

    private final List<ConnectionEventListener> listeners;
    private final Credentials credentials;
    private final ErrorHandler errorHandler;
    private final ManyToOneConcurrentArrayQueue<ConnectionEvent> queue =
        new ManyToOneConcurrentArrayQueue<>(QUEUE_CAPACITY);
    private final Consumer<ConnectionEvent> deliver = this::deliver;
    private final ControlThread thread;

    /**
     * A dispatcher, not yet running.
     *
     * @param listeners    to tell; none means no event is queued and {@link #start()} starts no thread.
     * @param credentials  for the key ids in the events.
     * @param errorHandler for a listener that throws and for a full queue.
     */
    public ConnectionEventDispatcher(
        final List<ConnectionEventListener> listeners,
        final Credentials credentials,
        final ErrorHandler errorHandler)
    {
        this.listeners = List.copyOf(listeners);
        this.credentials = credentials;
        this.errorHandler = errorHandler;
        thread = new ControlThread(MAX_SLEEP_MS, errorHandler);
    }

    /**
     * Start the {@code kite-events} thread if a listener is registered and it is not running.
     */
    public void start()
    {
        if (!listeners.isEmpty())
        {
            thread.start(Delivery::new);
        }
    }

    /**
     * Deliver the events still queued, stop the {@code kite-events} thread and join it; nothing when not running.
     */
    public void stop()
    {
        thread.stop();
    }

    /**
     * Whether the {@code kite-events} thread runs.
     *
     * @return true between {@link #start()} (with listeners) and {@link #stop()}.
     */
    public boolean isRunning()
    {
        return thread.isRunning();
    }

    /**
     * {@inheritDoc}
     */
    public void onStateChange(
        final int apiKeyIndex, final int connectionIndex, final ConnectionState from, final ConnectionState to)
    {
        if (ConnectionState.CREDENTIALS_REJECTED == to && !listeners.isEmpty())
        {
            offer(new ConnectionEvent(ConnectionEvent.Kind.CREDENTIALS_REJECTED, credentials.id(apiKeyIndex),
                apiKeyIndex, connectionIndex, to));
        }
    }

    private void offer(final ConnectionEvent event)
    {
        if (!queue.offer(event))
        {
            errorHandler.onError(new IllegalStateException(
                "connection event queue full (" + QUEUE_CAPACITY + "), not delivered: " + event));
        }
    }

    private void deliver(final ConnectionEvent event)
    {
        for (final ConnectionEventListener listener : listeners)
        {
            try
            {
                listener.onConnectionEvent(event);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(ex);
            }
        }
    }

    private final class Delivery implements Agent
    {
        public int doWork()
        {
            return queue.drain(deliver);
        }

        public void onClose()
        {
            queue.drain(deliver);
        }

        public String roleName()
        {
            return "kite-events";
        }
    }
}
