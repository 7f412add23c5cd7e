package io.kiteticker.engine.manager;

import io.kiteticker.engine.connection.ConnectionListener;
import io.kiteticker.engine.connection.ConnectionState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSlotsTest
{
    private final long[] nowNs = { 500 };
    private final ConnectionState[] states = new ConnectionState[4];
    private final List<String> forwarded = new ArrayList<>();
    private final ConnectionSlots slots = new ConnectionSlots(4, 2, () -> nowNs[0], (slot) -> states[slot],
        new ConnectionListener()
        {
            public void onStateChange(
                final int apiKeyIndex, final int connectionIndex, final ConnectionState from, final ConnectionState to)
            {
                forwarded.add(apiKeyIndex + "-" + connectionIndex + " " + to + " rejected=" +
                    isRejected(apiKeyIndex * 2 + connectionIndex));
            }

            public void onCredentialsRejected(final int apiKeyIndex, final String apiKeyId)
            {
                forwarded.add("rejected " + apiKeyId);
            }
        });

    private boolean isRejected(final int slot)
    {
        return slots.isRejected(slot);
    }

    @Test
    void shouldStampLiveSinceWhenLiveAndClearItWhenLeavingLive()
    {
        slots.onStateChange(1, 1, ConnectionState.WS_UPGRADE, ConnectionState.LIVE);
        assertThat(slots.liveSinceNs(3)).isEqualTo(500);
        assertThat(slots.liveSinceNs(2)).isZero();

        slots.onStateChange(1, 1, ConnectionState.LIVE, ConnectionState.BACKOFF);
        assertThat(slots.liveSinceNs(3)).isZero();
    }

    @Test
    void shouldNeverStampZeroWhenTheClockReadsZero()
    {
        nowNs[0] = 0;
        slots.onStateChange(0, 0, ConnectionState.WS_UPGRADE, ConnectionState.LIVE);

        assertThat(slots.liveSinceNs(0)).as("0 means not live").isEqualTo(1);
    }

    @Test
    void shouldMarkRejectedUntilTheNextRun()
    {
        slots.onStateChange(0, 1, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);
        assertThat(slots.isRejected(1)).isTrue();
        assertThat(slots.isRejected(0)).isFalse();

        slots.resetRun();
        assertThat(slots.isRejected(1)).isFalse();
    }

    @Test
    void shouldMarkEveryRejectedConnectionOfTheKeyWhenTold()
    {
        states[0] = ConnectionState.CREDENTIALS_REJECTED;
        states[1] = ConnectionState.CREDENTIALS_REJECTED;
        states[2] = ConnectionState.CREDENTIALS_REJECTED;

        slots.onCredentialsRejected(0, "primary");

        assertThat(slots.isRejected(0)).isTrue();
        assertThat(slots.isRejected(1)).isTrue();
        assertThat(slots.isRejected(2)).as("another key").isFalse();
    }

    @Test
    void shouldPassEveryCallbackOnAfterItsOwnBookkeepingWhenChained()
    {
        states[3] = ConnectionState.CREDENTIALS_REJECTED;
        slots.onStateChange(1, 1, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);
        slots.onCredentialsRejected(1, "beta");

        assertThat(forwarded).containsExactly("1-1 CREDENTIALS_REJECTED rejected=true", "rejected beta");
    }

    @Test
    void shouldCallAKeyRejectedWhenAnyOfItsConnectionsWasRejected()
    {
        assertThat(slots.isKeyRejected(1)).isFalse();

        slots.onStateChange(1, 0, ConnectionState.WS_UPGRADE, ConnectionState.CREDENTIALS_REJECTED);

        assertThat(slots.isKeyRejected(1)).isTrue();
        assertThat(slots.isKeyRejected(0)).isFalse();
        slots.resetRun();
        assertThat(slots.isKeyRejected(1)).isFalse();
        states[1] = ConnectionState.CREDENTIALS_REJECTED;
        assertThat(slots.isKeyRejected(0)).as("from the state alone, before the callback").isTrue();
    }
}
