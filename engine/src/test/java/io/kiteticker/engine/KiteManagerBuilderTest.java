package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.ConfigurationException;
import io.kiteticker.engine.exceptions.KiteEngineException;
import io.kiteticker.engine.exceptions.NotStartedException;
import io.kiteticker.engine.exceptions.UnknownApiKeyException;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.engine.threading.ThreadingMode;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KiteManagerBuilderTest
{
    private static final String SECRET_KEY = "api-key-SECRET-1";
    private static final String SECRET_TOKEN = "access-token-SECRET-1";

    @Test
    void shouldConcludeIntoAContextThatKeepsNothingOfTheBuilder()
    {
        final TickHandler handler = (event, sequence, endOfBatch) ->
        {
        };
        final KiteManagerBuilder builder = KiteManager.builder()
            .addApiKey("alpha", "key-a", "token-a")
            .addApiKey("beta", SECRET_KEY, SECRET_TOKEN)
            .uri(URI.create("ws://127.0.0.1:9000"))
            .onTick(handler)
            .onTick("beta", 1, handler)
            .threadingMode(ThreadingMode.INVOKER);

        final ManagerContext context = builder.conclude();
        builder.addApiKey("gamma", "key-c", "token-c")
            .uri(URI.create("ws://127.0.0.1:9001"))
            .onTick("alpha", handler)
            .threadingMode(ThreadingMode.DEDICATED)
            .tickPoller();

        assertThat(context.credentials().ids()).containsExactly("alpha", "beta");
        assertThat(context.credentials().toString()).doesNotContain(SECRET_KEY).doesNotContain(SECRET_TOKEN);
        assertThat(context.uri().getPort()).isEqualTo(9000);
        assertThat(context.threadingMode()).isEqualTo(ThreadingMode.INVOKER);
        assertThat(context.tickPollers()).isEmpty();
        assertThat(context.tickViews()).containsExactly(
            new ManagerContext.TickView(handler, -1, -1), new ManagerContext.TickView(handler, 1, 1));
    }

    @Test
    void shouldRejectTheSameApiKeyIdTwice()
    {
        final KiteManagerBuilder builder = KiteManager.builder().addApiKey("primary", SECRET_KEY, SECRET_TOKEN);

        assertThatThrownBy(() -> builder.addApiKey("primary", "other-key", "other-token"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("'primary'")
            .hasMessageNotContaining(SECRET_KEY)
            .hasMessageNotContaining(SECRET_TOKEN);
    }

    @Test
    void shouldRejectEmptyIdsAndCredentialsWithoutEchoingThem()
    {
        final KiteManagerBuilder builder = KiteManager.builder();

        assertThatThrownBy(() -> builder.addApiKey(" ", SECRET_KEY, SECRET_TOKEN))
            .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.addApiKey("a", "", SECRET_TOKEN))
            .isInstanceOf(ConfigurationException.class).hasMessageNotContaining(SECRET_TOKEN);
        assertThatThrownBy(() -> builder.addApiKey("a", SECRET_KEY, null))
            .isInstanceOf(ConfigurationException.class).hasMessageNotContaining(SECRET_KEY);
    }

    @Test
    void shouldRejectConnectionsPerApiOutsideOneToThree()
    {
        final KiteManagerBuilder builder = KiteManager.builder();

        assertThatThrownBy(() -> builder.maxConnectionsPerApi(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.maxConnectionsPerApi(4))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("1..3");
        builder.maxConnectionsPerApi(1).maxConnectionsPerApi(3);
    }

    @Test
    void shouldRejectSymbolsPerConnectionOutsideOneTo3000()
    {
        final KiteManagerBuilder builder = KiteManager.builder();

        assertThatThrownBy(() -> builder.maxSymbolsPerConnection(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.maxSymbolsPerConnection(3001))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("1..3000");
        builder.maxSymbolsPerConnection(1).maxSymbolsPerConnection(3000);
    }

    @Test
    void shouldRejectBadTimingsRingSizesAndAliases()
    {
        final KiteManagerBuilder builder = KiteManager.builder();

        assertThatThrownBy(() -> builder.connectionTimeout(Duration.ZERO)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.livenessTimeout(Duration.ofSeconds(-1)))
            .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.maxReconnectAttempts(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.ringSize(65535)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.ringSize(512)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.idleStrategy("nap")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder.uri(URI.create("http://ws.kite.trade")))
            .isInstanceOf(ConfigurationException.class);
        builder.maxReconnectAttempts(-1).maxReconnectAttempts(5).ringSize(1024).idleStrategy("spin");
    }

    @Test
    void shouldCarryTheCredentialsRejectedGraceToTheContextWhenZeroOrPositiveAndRejectANegativeOne()
    {
        final KiteManagerBuilder builder = KiteManager.builder().addApiKey("a", "key", "token");
        assertThat(builder.conclude().credentialsRejectedGrace())
            .isEqualTo(KiteManagerBuilder.CREDENTIALS_REJECTED_GRACE_DEFAULT).isEqualTo(Duration.ofSeconds(10));

        assertThatThrownBy(() -> builder.credentialsRejectedGrace(Duration.ofMillis(-1)))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("credentialsRejectedGrace");
        assertThat(builder.credentialsRejectedGrace(Duration.ZERO).conclude().credentialsRejectedGrace()).isZero();
        assertThat(builder.credentialsRejectedGrace(Duration.ofMillis(250)).conclude().credentialsRejectedGrace())
            .isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldAcceptASubSecondHealthCheckInterval()
    {
        final KiteManagerBuilder builder = KiteManager.builder().healthCheckInterval(Duration.ofMillis(50));

        assertThat(builder.healthCheckInterval).isEqualTo(Duration.ofMillis(50));
        assertThatThrownBy(() -> builder.healthCheckInterval(Duration.ZERO))
            .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void shouldRejectBuildWithoutApiKeys()
    {
        assertThatThrownBy(() -> KiteManager.builder().build())
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("No API keys configured");
    }

    @Test
    void shouldRejectHandlersForUnknownKeysOrConnections()
    {
        assertThatThrownBy(() -> KiteManager.builder()
            .addApiKey("primary", SECRET_KEY, SECRET_TOKEN)
            .onTick("nope", (event, sequence, endOfBatch) -> {})
            .build())
            .isInstanceOf(UnknownApiKeyException.class)
            .hasMessageContaining("'nope'");

        assertThatThrownBy(() -> KiteManager.builder()
            .addApiKey("primary", SECRET_KEY, SECRET_TOKEN)
            .maxConnectionsPerApi(2)
            .onTick("primary", 2, (event, sequence, endOfBatch) -> {})
            .build())
            .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void shouldAnswerNoPortAndNoSessionFromDiagnosticsWhenNotStarted()
    {
        try (KiteManager manager = KiteManager.builder().addApiKey("primary", SECRET_KEY, SECRET_TOKEN).build())
        {
            final ConnectionDiagnostics diagnostics = manager.connectionDiagnostics();

            assertThat(diagnostics.localPort(0, 0)).isZero();
            assertThat(diagnostics.ticksBeforeSession(0, 0)).isEqualTo(-1);
            assertThat(diagnostics.localPort(1, 0)).as("no such key").isZero();
            assertThat(diagnostics.ticksBeforeSession(0, 3)).as("no such connection").isEqualTo(-1);
            assertThat(manager.invoke()).isZero();
        }
    }

    @Test
    void shouldThrowNotStartedWhenSubscribingBeforeStart()
    {
        try (KiteManager manager = KiteManager.builder().addApiKey("primary", SECRET_KEY, SECRET_TOKEN).build())
        {
            assertThat(manager.isStarted()).isFalse();
            assertThatThrownBy(() -> manager.subscribe(new int[]{ 256265 }, Mode.FULL))
                .isInstanceOf(NotStartedException.class).hasMessageContaining("start()");
            assertThatThrownBy(() -> manager.subscribeToApi("primary", new int[]{ 256265 }))
                .isInstanceOf(NotStartedException.class);
            assertThatThrownBy(() -> manager.unsubscribe(new int[]{ 256265 }))
                .isInstanceOf(NotStartedException.class);
            assertThatThrownBy(() -> manager.changeMode(new int[]{ 256265 }, Mode.LTP))
                .isInstanceOf(NotStartedException.class);
        }
    }

    @Test
    void shouldKeepApiKeysInInsertionOrderAndMapIdsToIndices()
    {
        try (KiteManager manager = KiteManager.builder()
            .addApiKey("zeta", SECRET_KEY, SECRET_TOKEN)
            .addApiKey("alpha", "k2", "t2")
            .addApiKey("mid", "k3", "t3")
            .maxConnectionsPerApi(2)
            .build())
        {
            assertThat(manager.apiKeys()).containsExactly("zeta", "alpha", "mid");
            assertThat(manager.apiKeyIndex("alpha")).isEqualTo(1);
            assertThat(manager.apiKeyId(2)).isEqualTo("mid");
            assertThatThrownBy(() -> manager.apiKeyIndex("omega")).isInstanceOf(UnknownApiKeyException.class);
            assertThatThrownBy(() -> manager.apiStats("omega")).isInstanceOf(UnknownApiKeyException.class);
            assertThat(manager.symbolDistribution()).containsOnlyKeys("zeta", "alpha", "mid");
            assertThat(manager.symbolDistribution().get("alpha")).containsOnlyKeys(0, 1);
        }
    }

    @Test
    void shouldReportEveryConnectionDownWhenNotStarted()
    {
        try (KiteManager manager = KiteManager.builder()
            .addApiKey("primary", SECRET_KEY, SECRET_TOKEN)
            .addApiKey("secondary", "k2", "t2")
            .build())
        {
            final HealthSummary health = manager.health();
            assertThat(health.totalConnections()).isEqualTo(6);
            assertThat(health.healthyConnections()).isZero();
            assertThat(health.isHealthy()).isFalse();
            assertThat(health.isCritical()).isTrue();
            assertThat(health.healthPercentage()).isZero();

            final ManagerStats stats = manager.stats();
            assertThat(stats.totalConnections()).isEqualTo(6);
            assertThat(stats.activeConnections()).isZero();
            assertThat(stats.uptime()).isEqualTo(Duration.ZERO);
            assertThat(manager.connectionStats("secondary", 2).state()).isEqualTo(ConnectionState.CLOSED);
            assertThatThrownBy(() -> manager.connectionStats("secondary", 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void shouldNeverShowCredentialsInToString()
    {
        final KiteManagerBuilder builder = KiteManager.builder().addApiKey("primary", SECRET_KEY, SECRET_TOKEN);
        assertThat(builder.toString()).contains("primary").doesNotContain(SECRET_KEY).doesNotContain(SECRET_TOKEN);

        try (KiteManager manager = builder.build())
        {
            assertThat(manager.toString()).doesNotContain(SECRET_KEY).doesNotContain(SECRET_TOKEN);
            assertThat(manager.stats().toString()).doesNotContain(SECRET_KEY).doesNotContain(SECRET_TOKEN);
            assertThat(manager.health().toString()).doesNotContain(SECRET_KEY).doesNotContain(SECRET_TOKEN);
        }
    }

    @Test
    void shouldRefuseToBuildTwiceAndToStartOnceClosed()
    {
        final KiteManagerBuilder builder = KiteManager.builder().addApiKey("primary", SECRET_KEY, SECRET_TOKEN);
        final KiteManager manager = builder.build();
        assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class);

        manager.close();
        assertThatThrownBy(manager::start).isInstanceOf(KiteEngineException.class).hasMessageContaining("closed");
    }

    @Test
    void shouldRejectPollingBeforeBuild()
    {
        final EngineTickPoller poller = KiteManager.builder().tickPoller();

        assertThatThrownBy(() -> poller.poll((event, sequence, endOfBatch) -> {}))
            .isInstanceOf(IllegalStateException.class);
        assertThat(poller.sequence()).isEqualTo(-1);
    }

    @Test
    void shouldGiveEachRingItsOwnWaitStrategyWhenGivenAnAliasAndShareOnlyAGivenInstance()
    {
        final ManagerContext byAlias = KiteManager.builder().addApiKey("alpha", "key-a", "token-a")
            .waitStrategy("blocking").conclude();
        final WaitStrategy first = byAlias.newWaitStrategy();

        assertThat(first).isInstanceOf(LiteBlockingWaitStrategy.class).isNotSameAs(byAlias.newWaitStrategy());

        final WaitStrategy shared = new BusySpinWaitStrategy();
        final ManagerContext byInstance = KiteManager.builder().addApiKey("alpha", "key-a", "token-a")
            .waitStrategy(shared).conclude();
        assertThat(byInstance.newWaitStrategy()).isSameAs(shared);
        assertThatThrownBy(() -> KiteManager.builder().waitStrategy("nap"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nap");
    }
}
