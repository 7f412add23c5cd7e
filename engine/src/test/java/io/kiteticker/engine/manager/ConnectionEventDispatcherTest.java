package io.kiteticker.engine.manager;

import io.kiteticker.engine.ConnectionEvent;
import io.kiteticker.engine.ConnectionEventListener;
import io.kiteticker.engine.connection.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class ConnectionEventDispatcherTest
{
    private final Credentials credentials = new Credentials(
        new String[]{ "alpha", "beta" }, new String[]{ "k1", "k2" }, new String[]{ "t1-SECRET", "t2-SECRET" });
    private final List<ConnectionEvent> heard = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ConnectionEventDispatcher dispatcher;

    @AfterEach
    void after()
    {
        if (null != dispatcher)
        {
            dispatcher.stop();
        }
    }

    private ConnectionEventDispatcher dispatcher(final List<ConnectionEventListener> listeners)
    {
        dispatcher = new ConnectionEventDispatcher(listeners, credentials, errors::add);
        return dispatcher;
    }

    private void record(final ConnectionEvent event)
    {
        threads.add(Thread.currentThread().getName());
        heard.add(event);
    }

    @Test
    void shouldTellACredentialsRejectionOnTheEventsThreadNamingTheKeyIdOnly()
    {
        final ConnectionEventDispatcher dispatcher = dispatcher(List.of(this::record));
        dispatcher.start();

        dispatcher.onStateChange(0, 0, ConnectionState.LIVE, ConnectionState.BACKOFF);
        dispatcher.onStateChange(1, 2, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);

        await(() -> 1 == heard.size(), "rejection heard");
        final ConnectionEvent event = heard.get(0);
        assertThat(event.kind()).isEqualTo(ConnectionEvent.Kind.CREDENTIALS_REJECTED);
        assertThat(event.apiKeyId()).isEqualTo("beta");
        assertThat(event.apiKeyIndex()).isEqualTo(1);
        assertThat(event.connectionIndex()).isEqualTo(2);
        assertThat(event.state()).isEqualTo(ConnectionState.CREDENTIALS_REJECTED);
        assertThat(event.toString()).contains("'beta'").doesNotContain("k2").doesNotContain("SECRET");
        assertThat(threads).containsExactly("kite-events");
    }

    @Test
    void shouldDeliverWhatIsQueuedBeforeStopReturnsWhenStoppedAtOnce()
    {
        final ConnectionEventDispatcher dispatcher = dispatcher(List.of(this::record));
        dispatcher.start();
        for (int c = 0; c < 3; c++)
        {
            dispatcher.onStateChange(0, c, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);
        }

        dispatcher.stop();

        assertThat(heard).extracting(ConnectionEvent::connectionIndex).containsExactly(0, 1, 2);
        assertThat(dispatcher.isRunning()).isFalse();
    }

    @Test
    void shouldGoOnWithTheNextListenerAndEventWhenAListenerThrows()
    {
        final ConnectionEventDispatcher dispatcher = dispatcher(List.of(
            (event) ->
            {
                throw new IllegalStateException("listener bug");
            },
            this::record));
        dispatcher.start();

        dispatcher.onStateChange(0, 0, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);
        dispatcher.onStateChange(0, 1, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);

        await(() -> 2 == heard.size(), "both events heard by the second listener");
        assertThat(errors).hasSize(2).allSatisfy((error) -> assertThat(error).hasMessage("listener bug"));
    }

    @Test
    void shouldStartNoThreadAndQueueNothingWithoutListeners()
    {
        final ConnectionEventDispatcher dispatcher = dispatcher(List.of());
        dispatcher.onStateChange(0, 0, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);

        dispatcher.start();

        assertThat(dispatcher.isRunning()).isFalse();
        assertThat(errors).isEmpty();
    }
}
