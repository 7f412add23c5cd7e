package io.kiteticker.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class UpgradeRefusalTest
{
    private final KiteSimulator simulator = KiteSimulator.launch(new SimulatorContext());

    @AfterEach
    void after()
    {
        simulator.close();
    }

    @Test
    void shouldRefuseEveryUpgradeWithStatusWhileTheWindowLasts() throws Exception
    {
        simulator.refuseUpgrades(503, Duration.ofMillis(400));

        try (RawKiteClient refused = RawKiteClient.connect(simulator.port(), simulator.authenticatedUri()))
        {
            assertThat(refused.handshakeStatus).isEqualTo(503);
        }
        assertThat(simulator.refusedUpgrades()).isEqualTo(1);
        assertThat(simulator.rejectedCredentials()).isZero();

        await(() -> 101 == upgradeStatus(), Duration.ofSeconds(5), () -> "upgrades accepted after the window");
    }

    private int upgradeStatus()
    {
        try (RawKiteClient client = RawKiteClient.connect(simulator.port(), simulator.authenticatedUri()))
        {
            return client.handshakeStatus;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void shouldEndRefusalEarlyWhenDurationIsZero() throws Exception
    {
        simulator.refuseUpgrades(502, Duration.ofMinutes(5));
        simulator.refuseUpgrades(502, Duration.ZERO);

        try (RawKiteClient client = RawKiteClient.connect(simulator.port(), simulator.authenticatedUri()))
        {
            assertThat(client.handshakeStatus).isEqualTo(101);
        }
    }

    @Test
    void shouldRejectStatusWhenNotAnHttpError()
    {
        assertThatThrownBy(() -> simulator.refuseUpgrades(200, Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
