package io.kiteticker.engine.manager;

import io.kiteticker.engine.HealthListener;
import io.kiteticker.engine.HealthSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class HealthMonitorTest
{
    private final AtomicReference<HealthSummary> current = new AtomicReference<>(summary(2));
    private final List<HealthSummary> heard = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private HealthMonitor monitor;

    @AfterEach
    void after()
    {
        if (null != monitor)
        {
            monitor.stop();
        }
    }

    private static HealthSummary summary(final int healthy)
    {
        return new HealthSummary(healthy, 2, List.of(), List.of(), 0, 0, 0, Duration.ZERO);
    }

    private HealthMonitor monitor(final List<HealthListener> listeners)
    {
        monitor = new HealthMonitor(
            listeners, current::get, TimeUnit.MILLISECONDS.toNanos(1), System::nanoTime, errors::add);
        return monitor;
    }

    @Test
    void shouldTellTheFirstSummaryAndThenOnlyChanges()
    {
        final HealthMonitor monitor = monitor(List.of(heard::add));
        monitor.start();
        await(() -> 1 == heard.size(), "first summary heard");

        current.set(summary(1));
        await(() -> 2 == heard.size(), "change heard");
        monitor.stop();

        assertThat(heard).hasSize(2);
        assertThat(heard.get(0).healthyConnections()).isEqualTo(2);
        assertThat(heard.get(1).healthyConnections()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldStartNoThreadWhenNoListener()
    {
        final HealthMonitor monitor = monitor(List.of());
        monitor.start();

        assertThat(monitor.isRunning()).isFalse();
    }

    @Test
    void shouldHearTheSameSummaryAgainWhenRestarted()
    {
        final HealthMonitor monitor = monitor(List.of(heard::add));
        monitor.start();
        await(() -> 1 == heard.size(), "first run");
        monitor.stop();
        assertThat(monitor.isRunning()).isFalse();

        monitor.start();
        await(() -> 2 == heard.size(), "second run starts afresh");
        assertThat(heard.get(1).healthyConnections()).isEqualTo(2);
    }
}
