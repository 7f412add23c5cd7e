package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import io.kiteticker.engine.threading.ThreadingMode;
import io.kiteticker.engine.transport.TlsProvider;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.testing.AllocationMeter;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.security.KeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent is driven in INVOKER mode on the test thread, which also drains the ring, so the bytes this thread
 * allocates are exactly what the socket thread would allocate per tick (plus the allocation-free poller).
 * <p>
 * Plain: a per-tick allocation would show as at least 16 B/tick; what remains (a few hundred bytes to a few KB per
 * million ticks, in isolated windows) is the JIT re-materialising objects on rare deoptimisations, so the bound is
 * 0.01 B/tick.
 * <p>
 * TLS allocates inside the {@code SSLEngine} only, per 16 KB record (~88 full ticks), never in the engine's own code:
 * <ul>
 *     <li>Conscrypt (the default provider): one {@code SSLEngineResult} (40 B) per record, created by
 *     {@code ConscryptEngine.newResult} at the end of every {@code unwrap}: ~0.41 B/tick. {@code SSLEngine.unwrap}
 *     must return a new result and decodes one record per call, so this is the floor through the JSSE API.</li>
 *     <li>JDK 17: ~1.4 KB per record (JFR: {@code GaloisCounterMode.checkInit} builds a new GCM engine per record,
 *     with its {@code GCMParameterSpec} and AAD/nonce arrays, plus {@code SSLEngineResult}): ~14.5 B/tick. Measured
 *     here and documented, not required to be zero.</li>
 * </ul>
 */
@Timeout(120)
class ConnectionAllocationTest
{
    private static final long WARMUP_TICKS = 300_000;
    private static final long MEASURED_TICKS = 1_000_000;
    private static final int MAX_TLS_RECORD_LENGTH = 5 + 16 * 1024 + 256;
    private static final int SSL_ENGINE_RESULT_BYTES = 40;

    @AutoClose
    private ConnectionFixture fixture;

    enum Wire
    {
        PLAIN, TLS_JDK, TLS_CONSCRYPT
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void shouldAllocateNothingPerTickOnSocketThreadAfterWarmUp(final Wire wire) throws Exception
    {
        final boolean tls = Wire.PLAIN != wire;
        fixture = new ConnectionFixture(
            new SimulatorContext().tls(tls).sendMode(SendMode.FLOOD), 16 * 1024, false);
        fixture.scheduler(ThreadingMode.INVOKER, 1);
        final int[] tokens = fixture.simulator().universe().tokens(500);
        final ConnectionContext context = fixture.context(0, 0).uri(fixture.simulator().uri());
        if (tls)
        {
            context.sslContext(Wire.TLS_JDK == wire ? fixture.clientSslContext() : conscryptContext());
        }
        final ConnectionAgent agent = fixture.start(context);
        agent.proxy().subscribe(tokens, 0, tokens.length, Mode.FULL);

        fixture.await(() -> fixture.ticks().total() >= WARMUP_TICKS, "warm-up ticks");

        final ConnectionFixture fixture = this.fixture;
        final long startTicks = fixture.ticks().total();
        final long bytesReadBefore = agent.counters().get(KiteCounterDescriptor.BYTES_READ);
        final long startNs = System.nanoTime();
        final long startCpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        final long before = AllocationMeter.allocatedBytes();
        while (fixture.ticks().total() - startTicks < MEASURED_TICKS)
        {
            fixture.poll();
        }
        final long allocated = AllocationMeter.allocatedBytes() - before;
        final long elapsedNs = System.nanoTime() - startNs;
        final long cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - startCpuNs;
        final long ticks = fixture.ticks().total() - startTicks;
        final long bytesRead = agent.counters().get(KiteCounterDescriptor.BYTES_READ) - bytesReadBefore;

        final double bytesPerTick = (double)allocated / ticks;
        final long minRecords = (bytesRead + MAX_TLS_RECORD_LENGTH - 1) / MAX_TLS_RECORD_LENGTH;
        final double bytesPerRecord = (double)allocated / minRecords;
        System.out.println(wire + ": " + allocated + " bytes over " + ticks + " ticks = " + bytesPerTick +
            " B/tick; " + bytesRead + " bytes read" + (tls ? ", <= " + bytesPerRecord + " B/record" : "") +
            ", " + String.format("%.2f", ticks * 1000.0 / elapsedNs) + " M ticks/s, " +
            (cpuNs / ticks) + " ns CPU/tick on the socket thread" +
            ", reconnects=" + agent.counters().get(KiteCounterDescriptor.RECONNECTS));
        assertThat(agent.state()).isEqualTo(ConnectionState.LIVE);
        assertThat(fixture.errors()).isEmpty();
        assertThat(fixture.ticks().sequenceGaps()).isZero();
        switch (wire)
        {
            case PLAIN:
                assertThat(bytesPerTick).as(allocated + " bytes over " + ticks + " ticks").isLessThan(0.01);
                break;

            case TLS_CONSCRYPT:
                assertThat(bytesPerRecord)
                    .as("Conscrypt: bytes per TLS record (at least %d records), expected one %d-byte SSLEngineResult",
                        minRecords, SSL_ENGINE_RESULT_BYTES)
                    .isLessThan(SSL_ENGINE_RESULT_BYTES + 8);
                assertThat(bytesPerTick)
                    .as("Conscrypt: bytes per full tick, one SSLEngineResult per 16 KB record")
                    .isLessThan(0.5);
                break;

            default:
                assertThat(bytesPerTick)
                    .as("JDK 17 SSLEngine: bytes per full tick, ~1.4 KB per record inside AES-GCM (%.0f B/record)",
                        bytesPerRecord)
                    .isLessThan(32.0);
                break;
        }
    }

    private SSLContext conscryptContext() throws Exception
    {
        final KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(fixture.simulator().trustStorePath()))
        {
            trustStore.load(in, SimulatorContext.TRUST_STORE_PASSWORD_DEFAULT.toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        return TlsProvider.CONSCRYPT.sslContext(null, factory.getTrustManagers());
    }
}
