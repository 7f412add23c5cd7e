package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.testing.AllocationMeter;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent is driven in INVOKER mode on the test thread, which also drains the ring, so the bytes this thread
 * allocates are exactly what the socket thread would allocate per tick (plus the allocation-free poller).
 * <p>
 * Plain: a per-tick allocation would show as at least 16 B/tick; what remains (a few hundred bytes to a few KB per
 * million ticks, in isolated windows) is the JIT re-materialising objects on rare deoptimisations, so the bound is
 * 0.01 B/tick. TLS: the JDK 17 {@code SSLEngine} allocates per 16 KB record (JFR: {@code GaloisCounterMode.checkInit}
 * builds a new GCM engine per record, plus {@code SSLEngineResult}), about 14 B/tick at ~88 full ticks per record;
 * the engine's own TLS code allocates nothing.
 */
@Timeout(120)
class ConnectionAllocationTest
{
    private static final long WARMUP_TICKS = 300_000;
    private static final long MEASURED_TICKS = 1_000_000;

    @AutoClose
    private ConnectionFixture fixture;

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void shouldAllocateNothingPerTickOnSocketThreadAfterWarmUp(final boolean tls)
    {
        fixture = new ConnectionFixture(
            new SimulatorContext().tls(tls).sendMode(SendMode.FLOOD), 16 * 1024, false);
        fixture.scheduler(ThreadingMode.INVOKER, 1);
        final int[] tokens = fixture.simulator().universe().tokens(500);
        final ConnectionContext context = fixture.context(0, 0).uri(fixture.simulator().uri());
        if (tls)
        {
            context.sslContext(fixture.clientSslContext());
        }
        final ConnectionAgent agent = fixture.start(context);
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.FULL);

        fixture.await(() -> fixture.ticks().total() >= WARMUP_TICKS, "warm-up ticks");

        final ConnectionFixture fixture = this.fixture;
        final long startTicks = fixture.ticks().total();
        final long before = AllocationMeter.allocatedBytes();
        while (fixture.ticks().total() - startTicks < MEASURED_TICKS)
        {
            fixture.poll();
        }
        final long allocated = AllocationMeter.allocatedBytes() - before;
        final long ticks = fixture.ticks().total() - startTicks;

        System.out.println((tls ? "TLS" : "plain") + ": " + allocated + " bytes over " + ticks + " ticks = " +
            ((double)allocated / ticks) + " B/tick, reconnects=" +
            agent.counters().get(KiteCounterDescriptor.RECONNECTS));
        assertThat(agent.state()).isEqualTo(ConnectionState.LIVE);
        assertThat(fixture.errors()).isEmpty();
        assertThat(fixture.ticks().sequenceGaps()).isZero();
        final double bytesPerTick = (double)allocated / ticks;
        if (tls)
        {
            assertThat(bytesPerTick).as("bytes per tick, all inside the JDK's SSLEngine/AES-GCM").isLessThan(32.0);
        }
        else
        {
            assertThat(bytesPerTick).as(allocated + " bytes over " + ticks + " ticks").isLessThan(0.01);
        }
    }
}
