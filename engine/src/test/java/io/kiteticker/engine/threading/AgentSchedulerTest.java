package io.kiteticker.engine.threading;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionAgent;
import io.kiteticker.engine.connection.ConnectionFixture;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.simulator.SimulatorContext;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class AgentSchedulerTest
{
    @Test
    void shouldRunMoreConnectionsThanCoresOnSharedThreads()
    {
        try (ConnectionFixture fixture = new ConnectionFixture(
            new SimulatorContext().maxConnectionsPerApiKey(9), 64 * 1024, true))
        {
            final AgentScheduler scheduler = fixture.scheduler(ThreadingMode.SHARED, 2);
            final int[] tokens = fixture.simulator().universe().tokens(90);
            final List<ConnectionAgent> agents = new ArrayList<>();
            for (int key = 0; key < 3; key++)
            {
                for (int connection = 0; connection < 3; connection++)
                {
                    final ConnectionAgent agent = fixture.start(fixture.context(key, connection).pingIntervalNs(0));
                    final int first = (key * 3 + connection) * 10;
                    agent.proxy().subscribe(tokens, first, 10, Mode.QUOTE);
                    agents.add(agent);
                }
            }

            assertThat(scheduler.agentCount()).isEqualTo(9);
            fixture.await(() -> fixture.ticks().distinctConnections() == 9 &&
                fixture.ticks().distinctTokens() == 90, "ticks from all 9 connections and all 90 tokens");
            for (final ConnectionAgent agent : agents)
            {
                assertThat(agent.state()).isEqualTo(ConnectionState.LIVE);
            }
            assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter((thread) -> thread.getName().startsWith("kite-test-shared-")).count()).isEqualTo(2);

            assertThat(scheduler.remove(agents.get(0))).isTrue();
            assertThat(agents.get(0).state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(scheduler.agentCount()).isEqualTo(8);
            assertThat(fixture.errors()).isEmpty();
        }
    }

    @Test
    void shouldRegisterEverySocketWithItsThreadsSelectorWhenSelectIdle()
    {
        try (ConnectionFixture fixture = new ConnectionFixture(
            new SimulatorContext().maxConnectionsPerApiKey(4), 64 * 1024, true))
        {
            final AgentScheduler scheduler = fixture.scheduler(ThreadingMode.SHARED, 2, SelectIdleStrategy.ALIAS);
            final int[] tokens = fixture.simulator().universe().tokens(40);
            final List<ConnectionAgent> agents = new ArrayList<>();
            for (int connection = 0; connection < 4; connection++)
            {
                final ConnectionAgent agent = fixture.start(fixture.context(0, connection));
                agent.proxy().subscribe(tokens, connection * 10, 10, Mode.FULL);
                agents.add(agent);
            }

            fixture.await(() -> fixture.ticks().distinctConnections() == 4 &&
                fixture.ticks().distinctTokens() == 40, "ticks from all 4 connections and all 40 tokens");
            final SelectIdleStrategy first = (SelectIdleStrategy)scheduler.idleStrategy(agents.get(0));
            final SelectIdleStrategy second = (SelectIdleStrategy)scheduler.idleStrategy(agents.get(1));
            assertThat(first).isNotSameAs(second);
            assertThat(first.registeredCount()).as("sockets on the first shared thread").isEqualTo(2);
            assertThat(second.registeredCount()).as("sockets on the second shared thread").isEqualTo(2);
            assertThat(fixture.errors()).isEmpty();

            scheduler.close();
            assertThat(first.selector().isOpen()).as("selector closed with its thread").isFalse();
        }
    }

    @Test
    void shouldDriveAgentsOnCallerThreadInInvokerMode()
    {
        final AtomicInteger work = new AtomicInteger();
        final List<String> lifecycle = new ArrayList<>();
        final Agent agent = new Agent()
        {
            public void onStart()
            {
                lifecycle.add("start:" + Thread.currentThread().getName());
            }

            public int doWork()
            {
                return work.incrementAndGet() > 0 ? 1 : 0;
            }

            public void onClose()
            {
                lifecycle.add("close");
            }

            public String roleName()
            {
                return "test-agent";
            }
        };

        try (AgentScheduler scheduler = new AgentScheduler(ThreadingMode.INVOKER, Throwable::printStackTrace))
        {
            scheduler.add(agent);
            assertThat(scheduler.invoke()).isEqualTo(1);
            assertThat(scheduler.invoke()).isEqualTo(1);
            assertThat(work.get()).isEqualTo(2);
            assertThatThrownBy(() -> scheduler.add(agent)).isInstanceOf(IllegalStateException.class);
            assertThat(scheduler.remove(agent)).isTrue();
            assertThat(scheduler.invoke()).isZero();
        }
        assertThat(lifecycle).containsExactly("start:" + Thread.currentThread().getName(), "close");
    }

    @Test
    void shouldJoinDedicatedThreadsOnClose()
    {
        final AtomicInteger closed = new AtomicInteger();
        final AgentScheduler scheduler = new AgentScheduler(ThreadingMode.DEDICATED, Throwable::printStackTrace);
        for (int i = 0; i < 3; i++)
        {
            final String name = "dedicated-" + i;
            scheduler.add(new Agent()
            {
                public int doWork()
                {
                    return 0;
                }

                public void onClose()
                {
                    closed.incrementAndGet();
                }

                public String roleName()
                {
                    return name;
                }
            });
        }

        scheduler.close();

        assertThat(closed.get()).isEqualTo(3);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) ->
            thread.getName().startsWith("dedicated-"));
    }

    @Test
    void shouldResolveIdleStrategiesByAlias()
    {
        final IdleStrategy defaultStrategy = IdleStrategies.newIdleStrategy(null);
        assertThat(defaultStrategy).isInstanceOf(SelectIdleStrategy.class);
        ((SelectIdleStrategy)defaultStrategy).close();
        assertThat(IdleStrategies.newIdleStrategy("backoff")).isInstanceOf(BackoffIdleStrategy.class);
        assertThat(IdleStrategies.newIdleStrategy("busy-spin")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategies.newIdleStrategy("SPIN")).isInstanceOf(BusySpinIdleStrategy.class);
        assertThat(IdleStrategies.newIdleStrategy("yielding")).isInstanceOf(YieldingIdleStrategy.class);
        assertThat(IdleStrategies.newIdleStrategy("sleeping")).isInstanceOf(SleepingIdleStrategy.class);
        assertThatThrownBy(() -> IdleStrategies.newIdleStrategy("bogus"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
