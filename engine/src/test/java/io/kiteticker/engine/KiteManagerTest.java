package io.kiteticker.engine;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.engine.connection.ConnectionState;
import io.kiteticker.engine.exceptions.AlreadySubscribedException;
import io.kiteticker.engine.exceptions.AtCapacityException;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.exceptions.ManualDistributionException;
import io.kiteticker.engine.exceptions.NotStartedException;
import io.kiteticker.engine.exceptions.UnknownApiKeyException;
import io.kiteticker.engine.ring.TickEvent;
import io.kiteticker.engine.ring.TickHandler;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.script.Malformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.kiteticker.engine.ManagerFixture.KEY_A;
import static io.kiteticker.engine.ManagerFixture.KEY_B;
import static io.kiteticker.engine.ManagerFixture.TOKEN_A;
import static io.kiteticker.engine.ManagerFixture.TOKEN_B;
import static io.kiteticker.engine.ManagerFixture.WAIT;
import static io.kiteticker.engine.ManagerFixture.tokens;
import static io.kiteticker.testing.Tests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(120)
class KiteManagerTest
{
    private final ManagerFixture fixture = new ManagerFixture();

    @AfterEach
    void after() throws Exception
    {
        fixture.close();
    }

    private KiteSimulator simulator(final SimulatorContext context)
    {
        return fixture.simulator(context);
    }

    private KiteManagerBuilder builder(final KiteSimulator simulator, final int connections)
    {
        return KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .addApiKey("beta", KEY_B, TOKEN_B)
            .maxConnectionsPerApi(connections)
            .uri(simulator.uri())
            .connectionTimeout(Duration.ofSeconds(10))
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private KiteManager build(final KiteManagerBuilder builder)
    {
        return fixture.build(builder);
    }

    private static Set<Integer> set(final int[] tokens)
    {
        return Arrays.stream(tokens).boxed().collect(Collectors.toSet());
    }

    private static Set<Integer> openSubscriptions(final KiteSimulator simulator, final String apiKey)
    {
        final Set<Integer> all = new HashSet<>();
        for (final SimulatedConnection connection : simulator.openConnections())
        {
            if (apiKey.equals(connection.apiKey()))
            {
                all.addAll(connection.subscriptions().keySet());
            }
        }
        return all;
    }

    private static boolean managerThreadsAlive()
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .anyMatch((name) -> name.startsWith("kite-tick-handler") || name.startsWith("kite-text-handler") ||
                name.startsWith("kite-shared") || name.startsWith("kite-health") ||
                name.startsWith("kite-events"));
    }

    /**
     * Records, per token, the (key, connection) tag of its ticks and how many arrived.
     */
    static final class Recorder implements TickHandler
    {
        final Map<Integer, Integer> tagByToken = new ConcurrentHashMap<>();
        final Map<Integer, AtomicLong> countByToken = new ConcurrentHashMap<>();
        final Map<Integer, Integer> kindByToken = new ConcurrentHashMap<>();
        final Set<String> problems = ConcurrentHashMap.newKeySet();
        final AtomicLong ticks = new AtomicLong();

        public void onTick(final TickEvent event, final long sequence, final boolean endOfBatch)
        {
            final int token = event.instrumentToken();
            final int tag = (event.apiKeyIndex() << 8) | event.connectionIndex();
            final Integer previous = tagByToken.putIfAbsent(token, tag);
            if (null != previous && previous != tag)
            {
                problems.add("token " + token + " tagged " + previous + " then " + tag);
            }
            countByToken.computeIfAbsent(token, (t) -> new AtomicLong()).incrementAndGet();
            kindByToken.put(token, event.kind());
            ticks.incrementAndGet();
        }

        long count(final int token)
        {
            final AtomicLong count = countByToken.get(token);
            return null == count ? 0 : count.get();
        }

        boolean sawAll(final int[] tokens)
        {
            for (final int token : tokens)
            {
                if (!tagByToken.containsKey(token))
                {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void shouldDeliverEveryTokenTaggedWithItsKeyAndConnectionWhenTwoKeysTimesThreeConnectionsInFullMode()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 3).onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 18_000);

        assertThat(manager.subscribe(all, Mode.FULL)).isEqualTo(18_000);

        await(() -> recorder.sawAll(all), WAIT, () -> "tokens seen " + recorder.tagByToken.size() + " of 18000");
        assertThat(recorder.problems).isEmpty();

        final Map<String, Map<Integer, int[]>> distribution = manager.symbolDistribution();
        for (int k = 0; k < 2; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                final int[] held = distribution.get(manager.apiKeyId(k)).get(c);
                assertThat(held).hasSize(3000);
                for (final int token : held)
                {
                    assertThat(recorder.tagByToken.get(token)).as("tag of %d", token).isEqualTo((k << 8) | c);
                }
                final ConnectionStats connection = manager.connectionStats(manager.apiKeyId(k), c);
                assertThat(connection.symbols()).isEqualTo(3000);
                assertThat(connection.requestsSent()).as("one subscribe and one mode frame").isEqualTo(2);
            }
        }

        // Kite streams quote after a plain subscribe until the mode frame lands, so wait for full ticks
        await(() -> Arrays.stream(all).allMatch((t) -> PacketKind.FULL == recorder.kindByToken.get(t)), WAIT,
            () -> "tokens whose latest tick is full: " +
                Arrays.stream(all).filter((t) -> PacketKind.FULL == recorder.kindByToken.get(t)).count());

        final List<Set<Integer>> serverSide = new ArrayList<>();
        for (final SimulatedConnection connection : simulator.openConnections())
        {
            serverSide.add(connection.subscriptions().keySet());
            assertThat(new HashSet<>(connection.subscriptions().values())).containsExactly(Mode.FULL);
        }
        final List<Set<Integer>> clientSide = new ArrayList<>();
        distribution.values().forEach((byConnection) -> byConnection.values().forEach((t) -> clientSide.add(set(t))));
        assertThat(serverSide).containsExactlyInAnyOrderElementsOf(clientSide);
    }

    @Test
    void shouldFailWithAtCapacityAndSubscribeNothingWhen18001Tokens()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final KiteManager manager = build(builder(simulator, 3));
        manager.start();

        final AtCapacityException ex = catchThrowableOfType(
            AtCapacityException.class, () -> manager.subscribe(tokens(1000, 18_001), Mode.FULL));

        assertThat(ex.requestedTokenCount()).isEqualTo(18_001);
        assertThat(ex.getMessage()).doesNotContain(TOKEN_A).doesNotContain(TOKEN_B);
        assertThat(manager.stats().totalSymbols()).isZero();
        for (final SimulatedConnection connection : simulator.openConnections())
        {
            assertThat(connection.subscriptionCount()).isZero();
        }
        assertThat(manager.subscribe(tokens(1000, 18_000), Mode.LTP)).isEqualTo(18_000);
        assertThatThrownBy(() -> manager.subscribe(tokens(50_000, 1))).isInstanceOf(AtCapacityException.class);
    }

    @Test
    void shouldRouteToTheNamedKeyWhenManual()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 2)
            .distributionStrategy(DistributionStrategy.MANUAL)
            .onTick(recorder));
        manager.start();
        final int[] forBeta = tokens(1000, 100);

        assertThatThrownBy(() -> manager.subscribe(forBeta, Mode.QUOTE))
            .isInstanceOf(ManualDistributionException.class)
            .hasMessageContaining("subscribeToApi");
        assertThatThrownBy(() -> manager.subscribeToApi("gamma", forBeta, Mode.QUOTE))
            .isInstanceOf(UnknownApiKeyException.class);
        assertThat(manager.subscribeToApi("beta", forBeta, Mode.QUOTE)).isEqualTo(100);

        await(() -> recorder.sawAll(forBeta), WAIT, () -> "beta tokens seen " + recorder.tagByToken.size());
        assertThat(recorder.tagByToken.values().stream().map((tag) -> tag >> 8).distinct()).containsExactly(1);
        assertThat(manager.apiStats("alpha").symbols()).isZero();
        assertThat(manager.apiStats("beta").symbols()).isEqualTo(100);
        assertThat(manager.symbolDistribution().get("beta").get(0)).hasSize(50);
        await(() -> openSubscriptions(simulator, KEY_B).size() == 100, "beta subscribed on the server");
        assertThat(openSubscriptions(simulator, KEY_A)).isEmpty();

        final int[] clash = { forBeta[7], tokens(5000, 1)[0] };
        assertThatThrownBy(() -> manager.subscribeToApi("alpha", clash, Mode.QUOTE))
            .isInstanceOf(AlreadySubscribedException.class)
            .hasMessageContaining("'beta'");
        assertThat(manager.apiStats("alpha").symbols()).isZero();
    }

    @Test
    void shouldStopStreamingATokenOnceUnsubscribed()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(1)
            .uri(simulator.uri())
            .onTick(recorder));
        manager.start();
        final int[] ten = tokens(1000, 10);
        final int[] kept = Arrays.copyOfRange(ten, 0, 5);
        final int[] dropped = Arrays.copyOfRange(ten, 5, 10);
        final int unknown = tokens(9000, 1)[0];
        manager.subscribe(ten, Mode.LTP);
        await(() -> recorder.sawAll(ten), "all ten ticking");

        final int[] ignored = manager.unsubscribe(new int[]{ dropped[0], dropped[1], unknown, dropped[2], dropped[3],
            dropped[4] });

        assertThat(ignored).containsExactly(unknown);
        assertThat(manager.stats().totalSymbols()).isEqualTo(5);
        final SimulatedConnection server = simulator.openConnections().get(0);
        await(() -> server.subscriptions().keySet().equals(set(kept)), () -> "server has " + server.subscriptions());
        final long base = recorder.ticks.get();
        await(() -> recorder.ticks.get() > base + 20, "more ticks of the kept tokens");
        final long[] droppedCounts = Arrays.stream(dropped).mapToLong(recorder::count).toArray();
        final long later = recorder.ticks.get();
        await(() -> recorder.ticks.get() > later + 20, "still more ticks of the kept tokens");
        assertThat(Arrays.stream(dropped).mapToLong(recorder::count).toArray()).isEqualTo(droppedCounts);

        manager.unsubscribe(kept);
        await(() -> server.subscriptionCount() == 0, "server subscriptions emptied");
        final int[] fresh = tokens(2000, 3);
        manager.subscribe(fresh, Mode.QUOTE);
        await(() -> recorder.sawAll(fresh), "fresh tokens ticking after emptying the connection");
        manager.unsubscribe(fresh);
        await(() -> server.subscriptionCount() == 0, "server subscriptions emptied again");
        // the quote snapshots a subscribe may draw before its LTP mode applies are dropped and counted, not lost
        await(() -> recorder.ticks.get() + manager.connectionStats("alpha", 0).modeMismatchDropped() ==
            server.packetsSent(), () -> "no tick lost or duplicated: received " + recorder.ticks.get() +
            " + dropped for their mode " + manager.connectionStats("alpha", 0).modeMismatchDropped() + ", sent " +
            server.packetsSent());
        assertThat(recorder.problems).isEmpty();
    }

    @Test
    void shouldChangeModeOnTheServerAndInTheTicksWhenModeChanged()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 1).onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 20);
        final int[] toFull = Arrays.copyOfRange(all, 0, 10);
        manager.subscribe(all);
        await(() -> recorder.sawAll(all), "all ticking");
        assertThat(recorder.kindByToken.get(all[0])).isEqualTo(PacketKind.QUOTE);

        final int[] ignored = manager.changeMode(toFull, Mode.FULL);

        assertThat(ignored).isEmpty();
        assertThat(manager.modeOf(toFull[0])).isEqualTo(Mode.FULL);
        assertThat(manager.modeOf(all[15])).isEqualTo(Mode.QUOTE);
        await(() -> Arrays.stream(toFull).allMatch((t) ->
            Mode.FULL == simulator.openConnections().stream()
                .filter((c) -> c.subscriptions().containsKey(t)).findFirst().map((c) -> c.mode(t)).orElse(null)),
            "server switched the tokens to full");
        await(() -> Arrays.stream(toFull).allMatch((t) -> PacketKind.FULL == recorder.kindByToken.get(t)),
            "full ticks for the changed tokens");
        recorder.kindByToken.clear();
        await(() -> Arrays.stream(all).allMatch(recorder.kindByToken::containsKey), "ticks after the change");
        for (final int token : Arrays.copyOfRange(all, 10, 20))
        {
            assertThat(recorder.kindByToken.get(token)).isEqualTo(PacketKind.QUOTE);
        }
        assertThat(manager.changeMode(new int[]{ 42 }, Mode.LTP)).containsExactly(42);
    }

    @Test
    void shouldStopClosingEverySocketAndStartAgainResubscribing()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 3).onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 600);
        manager.subscribe(all, Mode.QUOTE);
        await(() -> recorder.sawAll(all), "ticking before stop");
        assertThat(simulator.openConnections()).hasSize(6);

        manager.stop();

        assertThat(manager.isStarted()).isFalse();
        await(() -> simulator.openConnections().isEmpty(), () -> "open on server: " + simulator.openConnections());
        assertThat(managerThreadsAlive()).as("manager threads joined").isFalse();
        assertThat(manager.health().healthyConnections()).isZero();
        assertThatThrownBy(() -> manager.subscribe(all)).isInstanceOf(NotStartedException.class);
        manager.stop();

        recorder.tagByToken.clear();
        manager.start();

        assertThat(manager.isStarted()).isTrue();
        assertThat(manager.health().isHealthy()).isTrue();
        await(() -> recorder.sawAll(all), "ticking again after restart");
        assertThat(openSubscriptions(simulator, KEY_A).size() + openSubscriptions(simulator, KEY_B).size())
            .isEqualTo(600);
        manager.stop();
        manager.start();
        assertThat(simulator.openConnections()).hasSize(6);
    }

    @Test
    void shouldFailFastNamingTheKeyIdWhenCredentialsAreRejected()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final KiteManager manager = build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .addApiKey("beta", KEY_B, "wrong-token-SECRET")
            .uri(simulator.uri())
            .connectionTimeout(Duration.ofSeconds(20)));
        final long startNs = System.nanoTime();

        final CredentialsRejectedException ex = catchThrowableOfType(
            CredentialsRejectedException.class, manager::start);

        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(10));
        assertThat(ex.apiKeyId()).isEqualTo("beta");
        assertThat(ex.getMessage()).contains("'beta'").doesNotContain("wrong-token-SECRET")
            .doesNotContain(KEY_B).doesNotContain(TOKEN_A);
        assertThat(manager.isStarted()).isFalse();
        await(() -> simulator.openConnections().isEmpty(), () -> "left open: " + simulator.openConnections());
        assertThat(managerThreadsAlive()).isFalse();

        assertThatThrownBy(manager::start).isInstanceOf(CredentialsRejectedException.class);
        assertThat(manager.isStarted()).isFalse();
    }

    @Test
    void shouldDeliverOnlyTheirTicksToPerKeyAndPerConnectionViews()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder unified = new Recorder();
        final Recorder betaOnly = new Recorder();
        final Recorder alphaSecond = new Recorder();
        final KiteManager manager = build(builder(simulator, 2)
            .onTick(unified)
            .onTick("beta", betaOnly)
            .onTick("alpha", 1, alphaSecond));
        manager.start();
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.LTP);

        final int[] beta = IntStream.concat(
            Arrays.stream(manager.symbolDistribution().get("beta").get(0)),
            Arrays.stream(manager.symbolDistribution().get("beta").get(1))).toArray();
        final int[] alpha1 = manager.symbolDistribution().get("alpha").get(1);
        assertThat(beta).hasSize(20);
        assertThat(alpha1).hasSize(10);
        await(() -> unified.sawAll(all) && betaOnly.sawAll(beta) && alphaSecond.sawAll(alpha1), "views filled");

        assertThat(betaOnly.tagByToken.keySet()).isEqualTo(set(beta));
        assertThat(betaOnly.tagByToken.values().stream().map((tag) -> tag >> 8).distinct()).containsExactly(1);
        assertThat(alphaSecond.tagByToken.keySet()).isEqualTo(set(alpha1));
        assertThat(alphaSecond.tagByToken.values().stream().distinct()).containsExactly(1);
    }

    @Test
    void shouldDeliverTicksToAPollerAndTextToTheTextHandlerTaggedWithTheKey() throws Exception
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final List<Integer> textKeys = new CopyOnWriteArrayList<>();
        final KiteManagerBuilder builder = builder(simulator, 1)
            .onText((event, sequence, endOfBatch) -> textKeys.add(event.apiKeyIndex()));
        final EngineTickPoller poller = builder.tickPoller();
        final KiteManager manager = build(builder);
        manager.start();
        final int[] all = tokens(1000, 30);
        manager.subscribe(all, Mode.QUOTE);
        final Recorder recorder = new Recorder();

        final long deadlineNs = System.nanoTime() + WAIT.toNanos();
        int polled = 0;
        while (!recorder.sawAll(all) && System.nanoTime() < deadlineNs)
        {
            polled += poller.poll(recorder);
        }

        assertThat(recorder.sawAll(all)).isTrue();
        assertThat((long)polled).isEqualTo(recorder.ticks.get());
        assertThat(poller.sequence()).isGreaterThanOrEqualTo(polled - 1);

        final SimulatedConnection betaConnection = simulator.openConnections().stream()
            .filter((c) -> KEY_B.equals(c.apiKey())).findFirst().orElseThrow();
        betaConnection.sendError("simulated error for beta");
        await(() -> textKeys.contains(1), () -> "text messages seen from keys " + textKeys);
    }

    @Test
    void shouldReportStatsAndHealthFromCurrentState()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final List<HealthSummary> changes = new CopyOnWriteArrayList<>();
        final KiteManager manager = build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .uri(simulator.uri())
            .healthCheckInterval(Duration.ofMillis(20))
            .onHealthChange(changes::add)
            .onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 300);
        manager.subscribe(all, Mode.QUOTE);
        await(() -> recorder.sawAll(all), "ticking");
        manager.stats();
        await(() -> recorder.ticks.get() > 2000, "a few thousand ticks");

        final ManagerStats stats = manager.stats();

        assertThat(stats.apiKeyCount()).isEqualTo(1);
        assertThat(stats.totalSymbols()).isEqualTo(300);
        assertThat(stats.activeConnections()).isEqualTo(3);
        assertThat(stats.totalConnections()).isEqualTo(3);
        assertThat(stats.ticks()).isGreaterThanOrEqualTo(2000).isGreaterThan(stats.frames() / 2);
        assertThat(stats.ticksPerSecond()).isPositive();
        assertThat(stats.uptime()).isPositive();
        final ApiKeyStats alpha = stats.apiKeys().get(0);
        assertThat(alpha.connections()).hasSize(3);
        assertThat(alpha.connections().stream().mapToLong(ConnectionStats::ticks).sum()).isEqualTo(alpha.ticks());
        for (final ConnectionStats connection : alpha.connections())
        {
            assertThat(connection.state()).isEqualTo(ConnectionState.LIVE);
            assertThat(connection.symbols()).isEqualTo(100);
            assertThat(connection.uptime()).isPositive().isLessThanOrEqualTo(manager.stats().uptime());
        }

        final SimulatedConnection victim = simulator.openConnections().get(0);
        victim.sendMalformed(Malformation.UNKNOWN_PACKET_LENGTH);
        await(() -> manager.stats().malformed() > 0, "malformed input counted");

        final HealthSummary health = manager.health();
        assertThat(health.isHealthy()).as("an old error does not make it unhealthy").isTrue();
        assertThat(health.isDegraded()).isFalse();
        assertThat(health.healthPercentage()).isEqualTo(100.0);
        assertThat(health.totalSymbols()).isEqualTo(300);
        await(() -> !changes.isEmpty() && changes.get(changes.size() - 1).isHealthy(), "listener told healthy");
    }

    @Test
    void shouldReconnectAndResubscribeWhenTheServerDropsAConnection()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(KiteManager.builder()
            .addApiKey("alpha", KEY_A, TOKEN_A)
            .maxConnectionsPerApi(2)
            .uri(simulator.uri())
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
            .onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 50);
        manager.subscribe(all, Mode.FULL);
        await(() -> recorder.sawAll(all), "ticking");
        final SimulatedConnection victim = simulator.openConnections().get(0);
        final Set<Integer> victimTokens = new HashSet<>(victim.subscriptions().keySet());

        victim.dropAbruptly();

        await(() -> manager.stats().reconnects() >= 1, "reconnect counted");
        await(() -> manager.health().isHealthy() && simulator.openConnections().size() == 2 &&
            simulator.openConnections().stream().anyMatch((c) -> c != victim &&
                c.subscriptions().keySet().equals(victimTokens)),
            () -> "resubscribed on a new connection: " + simulator.openConnections());
        recorder.tagByToken.clear();
        await(() -> recorder.sawAll(all), "all ticking again");
        final List<ConnectionStats> connections = manager.apiStats("alpha").connections();
        final ConnectionStats reconnected = connections.stream().filter((c) -> c.reconnects() > 0).findFirst()
            .orElseThrow();
        final ConnectionStats untouched = connections.stream().filter((c) -> c.reconnects() == 0).findFirst()
            .orElseThrow();
        assertThat(reconnected.uptime()).as("per-connection uptime").isLessThan(untouched.uptime());
    }

    @Test
    void shouldRunConnectionsOnTheCallersThreadWhenInvoker()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 2)
            .threadingMode(ThreadingMode.INVOKER)
            .onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.LTP);

        await(() ->
        {
            manager.invoke();
            return recorder.sawAll(all);
        }, "ticks delivered while the test thread drives the connections");
        assertThat(recorder.problems).isEmpty();
        manager.stop();
        await(() -> simulator.openConnections().isEmpty(), "closed");
    }

    @Test
    void shouldRunFromSocketToHandlerOnOneThreadWhenInvokerWithPoller() throws Exception
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final Thread driver = Thread.currentThread();
        final AtomicInteger otherThreads = new AtomicInteger();
        final TickHandler onDriver = (event, sequence, endOfBatch) ->
        {
            if (Thread.currentThread() != driver)
            {
                otherThreads.incrementAndGet();
            }
            recorder.onTick(event, sequence, endOfBatch);
        };
        final KiteManagerBuilder builder = builder(simulator, 2).threadingMode(ThreadingMode.INVOKER);
        final EngineTickPoller poller = builder.tickPoller();
        final KiteManager manager = build(builder);
        manager.start();
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.QUOTE);

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!recorder.sawAll(all) && System.nanoTime() - deadlineNs < 0)
        {
            manager.idle(manager.invoke() + poller.poll(onDriver));
        }

        assertThat(recorder.sawAll(all)).as("every token delivered on the driving thread").isTrue();
        assertThat(otherThreads.get()).isZero();
        assertThat(recorder.problems).isEmpty();
        manager.stop();
        manager.idle(0); // stopped: returns at once
        await(() -> simulator.openConnections().isEmpty(), "closed");
    }

    @Test
    void shouldHandTheConnectionsToAnotherThreadThanTheStarterWhenInvoker() throws Exception
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 2)
            .threadingMode(ThreadingMode.INVOKER)
            .onTick(recorder));
        assertThat(manager.invoke()).as("nothing to drive before start").isZero();

        final AtomicBoolean isRunning = new AtomicBoolean(true);
        final AtomicLong driverWork = new AtomicLong();
        final List<Throwable> driverErrors = new CopyOnWriteArrayList<>();
        final Thread driver = new Thread(() ->
        {
            try
            {
                while (isRunning.get())
                {
                    final int work = manager.invoke(); // 0 until start() has handed the connections over
                    driverWork.addAndGet(work);
                    manager.idle(work);
                    if (0 == work && !manager.isStarted())
                    {
                        Thread.yield();
                    }
                }
            }
            catch (final Throwable ex)
            {
                driverErrors.add(ex);
            }
        }, "test-invoker");
        driver.start();

        manager.start(); // drives the connections on this thread until they are live, then hands them over
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.LTP);
        await(() -> recorder.sawAll(all), "ticks delivered while only the other thread drives the connections");
        isRunning.set(false);
        driver.join();

        assertThat(driverWork.get()).isPositive();
        assertThat(driverErrors).isEmpty();
        assertThat(recorder.problems).isEmpty();
        manager.stop();
        assertThat(manager.invoke()).as("withdrawn by stop").isZero();
        await(() -> simulator.openConnections().isEmpty(), "closed");
    }

    @Test
    void shouldKeepItsSettingsWhenTheBuilderChangesAfterBuild()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final KiteManagerBuilder builder = builder(simulator, 1);
        final KiteManager manager = build(builder);
        builder.uri(URI.create("ws://127.0.0.1:1")).maxConnectionsPerApi(3).connectionTimeout(Duration.ofMillis(1));

        manager.start();

        assertThat(manager.connectionsPerApiKey()).isEqualTo(1);
        assertThat(manager.health().healthyConnections()).isEqualTo(2);
    }

    @Test
    void shouldRunAThreadPerConnectionWhenDedicated()
    {
        final KiteSimulator simulator = simulator(new SimulatorContext());
        final Recorder recorder = new Recorder();
        final KiteManager manager = build(builder(simulator, 2)
            .threadingMode(ThreadingMode.DEDICATED)
            .onTick(recorder));
        manager.start();
        final int[] all = tokens(1000, 40);
        manager.subscribe(all, Mode.QUOTE);

        await(() -> recorder.sawAll(all), "ticks delivered");
        manager.stop();
        await(() -> simulator.openConnections().isEmpty(), "closed");
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName).filter((name) -> name.matches("kite-\\d+-\\d+"))).isEmpty();
    }
}
