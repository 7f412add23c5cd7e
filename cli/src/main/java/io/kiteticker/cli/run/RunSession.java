package io.kiteticker.cli.run;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.ConnectionEvent;
import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.ManagerStats;
import io.kiteticker.engine.exceptions.AtCapacityException;
import io.kiteticker.engine.exceptions.ConnectionTimeoutException;
import io.kiteticker.engine.exceptions.CredentialsRejectedException;
import io.kiteticker.engine.exceptions.KiteEngineException;
import io.kiteticker.engine.transport.TlsProvider;
import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SendMode;
import io.kiteticker.simulator.SimulatorContext;
import io.kiteticker.simulator.market.Universe;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.errors.ErrorLogReader;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One {@code ./kite run}: the embedded simulator (or a url), the engine with a latency probe and the journal, live
 * progress once a second, and a summary at the end (duration reached, or Ctrl-C / SIGTERM through an Agrona
 * {@link ShutdownSignalBarrier}, whose shutdown hook waits for the summary).
 * <p>
 * A run that can no longer deliver says so and stops: when the server refuses a key's credentials during the run
 * (the engine's {@link ConnectionEvent.Kind#CREDENTIALS_REJECTED} event, e.g. a token invalidated mid-day and the
 * reconnect refused), it prints one line naming the key id, stops even if other keys still stream (a partial feed
 * that looks healthy is worse than a clear stop), prints the summary and exits {@link #EXIT_CREDENTIALS_REJECTED},
 * as for a refusal at start.
 * <p>
 * Everything is printed through the writers given (picocli's out and err); credentials are never printed. What is
 * printed is made elsewhere: the header by {@link RunHeader}, the live line by {@link ProgressLine} through a
 * {@link ProgressPrinter}, the summary by {@link RunSummary}; this class decides when, and with which exit code.
 */
public final class RunSession
{
    /**
     * Exit code: the run ended normally (duration reached or interrupted).
     */
    public static final int EXIT_OK = 0;

    /**
     * Exit code: the engine could not run (connection timeout, I/O or engine error).
     */
    public static final int EXIT_FAILURE = 1;

    /**
     * Exit code: bad input (options, credentials missing or incomplete, files).
     */
    public static final int EXIT_USAGE = 2;

    /**
     * Exit code: the server rejected a key's credentials, at start or during the run.
     */
    public static final int EXIT_CREDENTIALS_REJECTED = 3;

    /**
     * Capacity of each simulator connection's send-time ring: at ~10k ticks/s per connection this is 13 s of
     * handler lag before a tick can no longer be matched.
     */
    public static final int SEND_NANOS_CAPACITY = 1 << 17;

    /**
     * Park of the embedded simulator's thread between duty cycles without work: it paces by credit, so a longer
     * park only puts more ticks in a message, while a spinning simulator takes most of a core from the engine.
     */
    static final long SIMULATOR_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long BIND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final RunSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ProgressPrinter printer;

    /**
     * A session.
     *
     * @param settings validated settings.
     * @param out      for progress and the summary.
     * @param err      for errors.
     */
    public RunSession(final RunSettings settings, final PrintWriter out, final PrintWriter err)
    {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.printer = new ProgressPrinter(out, settings.isTerminal());
    }

    /**
     * Run until the duration ends or a shutdown signal arrives.
     *
     * @return the exit code.
     */
    public int run()
    {
        final CountDownLatch stopSignal = new CountDownLatch(1);
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier(stopSignal::countDown);
        final Path journalDirectory = settings.journalDirectory();
        final boolean journalExisted = null != journalDirectory && Files.exists(journalDirectory);
        final AtomicReference<String> rejectedKeyId = new AtomicReference<>();
        KiteSimulator simulator = null;
        RunJournal engine = null;
        boolean isStarted = false;
        try
        {
            simulator = settings.isEmbedded() ? launchSimulator() : null;
            final int[] tokens = settings.tokens().resolve(
                null != simulator ? simulator.universe() : Universe.standard());
            final int capacity = settings.totalConnections() * KiteManagerBuilder.MAX_SYMBOLS_PER_CONNECTION_DEFAULT;
            if (tokens.length > capacity)
            {
                throw new RunInputException("--tokens: " + tokens.length + " tokens do not fit " +
                    settings.totalConnections() + " connections of " +
                    KiteManagerBuilder.MAX_SYMBOLS_PER_CONNECTION_DEFAULT + " (raise --keys or --connections)");
            }

            final KiteManagerBuilder builder = KiteManager.builder()
                .maxConnectionsPerApi(settings.connectionsPerKey())
                .idleStrategy(settings.idleStrategy())
                .waitStrategy(settings.waitStrategy())
                .connectionTimeout(settings.connectTimeout())
                .credentialsRejectedGrace(settings.credentialsGrace())
                .statusFile(settings.statusFile())
                .onConnectionEvent((event) ->
                {
                    if (ConnectionEvent.Kind.CREDENTIALS_REJECTED == event.kind() &&
                        rejectedKeyId.compareAndSet(null, event.apiKeyId()))
                    {
                        stopSignal.countDown(); // the loop wakes at once and stops the run
                    }
                });
            final List<Credential> credentials = null != simulator ? simulatorCredentials() : settings.credentials();
            for (int k = 0; k < settings.keys(); k++)
            {
                final Credential credential = credentials.get(k);
                builder.addApiKey(credential.id(), credential.apiKey(), credential.accessToken());
            }
            if (null != simulator)
            {
                builder.uri(simulator.uri());
                if (simulator.isTls())
                {
                    builder.sslContext(TlsProvider.defaultProvider().trustStoreContext(
                        simulator.trustStorePath(), simulator.context().trustStorePassword().toCharArray()));
                }
            }
            else
            {
                builder.uri(settings.url());
                if (null != settings.trustStore())
                {
                    builder.sslContext(trustStoreSslContext(settings.trustStore(), settings.trustStorePassword()));
                }
            }

            final LatencyRecorder recorder = null == simulator ? null :
                new LatencyRecorder(settings.keys(), settings.connectionsPerKey(), SystemNanoClock.INSTANCE);
            if (null != recorder)
            {
                builder.onTick(recorder);
            }

            createParent(settings.statusFile());
            engine = RunJournal.build(builder, journalDirectory);
            final KiteManager manager = engine.manager();
            if (null != recorder)
            {
                recorder.sessionStarts(manager.connectionDiagnostics()::ticksBeforeSession);
            }
            new RunHeader(out).print(settings, null != simulator ? simulator.uri() : null, tokens.length,
                engine.directory());

            manager.start();
            isStarted = true;
            final SimulatorBinder binder = null == recorder ? null : new SimulatorBinder(manager, simulator, recorder);
            if (null != binder)
            {
                binder.poll();
            }
            subscribe(manager, tokens);

            final ProgressLine progress = new ProgressLine(recorder);
            final boolean isInterrupted = loop(manager, binder, stopSignal, progress);
            final String rejected = rejectedKeyId.get();
            if (null != rejected)
            {
                printer.endLine();
                err.println(rejectedLine(rejected, "during the run, after " +
                    Formats.seconds(progress.elapsedNs()) + ", so the run stops"));
                err.flush();
                finish(manager, engine, progress, "credentials of API key id '" + rejected + "' rejected");
                engine = null;
                return EXIT_CREDENTIALS_REJECTED;
            }
            finish(manager, engine, progress, isInterrupted ? "interrupted" : "duration reached");
            engine = null;
            return EXIT_OK;
        }
        catch (final RunInputException ex)
        {
            printer.endLine();
            err.println("kite run: " + ex.getMessage());
            return EXIT_USAGE;
        }
        catch (final CredentialsRejectedException ex)
        {
            printer.endLine();
            err.println(rejectedLine(ex.apiKeyId(), null));
            return EXIT_CREDENTIALS_REJECTED;
        }
        catch (final ConnectionTimeoutException ex)
        {
            printer.endLine();
            err.println("kite run: could not connect to " + (null != simulator ? simulator.uri() : settings.url()) +
                ": " + ex.getMessage());
            if (null != engine)
            {
                for (final String error : distinctErrors(engine.manager()))
                {
                    err.println("  " + error);
                }
            }
            return EXIT_FAILURE;
        }
        catch (final AtCapacityException ex)
        {
            printer.endLine();
            final List<String> rejected = null == engine ? List.of() : engine.manager().health().rejectedApiKeyIds();
            if (!rejected.isEmpty())
            {
                // refused between start() and the subscription: its connections could not take the tokens
                err.println(rejectedLine(rejected.get(0), "before the tokens were subscribed"));
                return EXIT_CREDENTIALS_REJECTED;
            }
            err.println("kite run: " + ex.getMessage());
            return EXIT_USAGE;
        }
        catch (final KiteEngineException | UncheckedIOException | IllegalStateException | IOException |
            GeneralSecurityException ex)
        {
            printer.endLine();
            err.println("kite run: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return EXIT_FAILURE;
        }
        finally
        {
            if (null != engine)
            {
                closeQuietly(engine);
                if (!isStarted && null != journalDirectory && !journalExisted)
                {
                    deleteRecursively(journalDirectory);
                }
            }
            if (null != simulator)
            {
                simulator.close();
            }
            deleteQuietly(settings.statusFile());
            out.flush();
            err.flush();
            barrier.close();
        }
    }

    private KiteSimulator launchSimulator()
    {
        final double perConnection = settings.ticksPerSecond() / settings.totalConnections();
        final SimulatorContext context = new SimulatorContext()
            .tls(settings.tls())
            .sendMode(SendMode.LATENCY)
            .ticksPerSecond(perConnection)
            .ticksPerSecondPerToken(Math.max(perConnection, SimulatorContext.TICKS_PER_SECOND_PER_TOKEN_DEFAULT))
            .sendNanosCapacity(SEND_NANOS_CAPACITY)
            .idleStrategySupplier(() -> new SleepingIdleStrategy(SIMULATOR_PARK_NS));
        for (int k = 1; k <= settings.keys(); k++)
        {
            context.credential("kite-sim-key-" + k, "kite-sim-token-" + k);
        }
        return KiteSimulator.launch(context);
    }

    private List<Credential> simulatorCredentials()
    {
        final List<Credential> credentials = new ArrayList<>();
        for (int k = 1; k <= settings.keys(); k++)
        {
            credentials.add(new Credential(
                "key-" + k, "kite-sim-key-" + k, "kite-sim-token-" + k, "the embedded simulator"));
        }
        return credentials;
    }

    /**
     * The one line that names a refused key: its id and where its credentials came from, never the key or token.
     *
     * @param apiKeyId of the refused key.
     * @param when     "during the run, …" for a refusal after start, or {@code null} for one at start.
     */
    private String rejectedLine(final String apiKeyId, final String when)
    {
        return "kite run: the server rejected the credentials of API key id '" + apiKeyId + "'" +
            sourceOf(apiKeyId) + (null == when ? "" : " " + when) +
            "; check the api_key and that the access token is from today's login";
    }

    private String sourceOf(final String apiKeyId)
    {
        for (final Credential credential : settings.credentials())
        {
            if (credential.id().equals(apiKeyId))
            {
                return " (" + credential.source() + ")";
            }
        }
        return "";
    }

    private void subscribe(final KiteManager manager, final int[] tokens)
    {
        final Mode[] modes = settings.modes();
        for (int m = 0; m < modes.length; m++)
        {
            final int[] ofMode = new int[(tokens.length - m + modes.length - 1) / modes.length];
            int n = 0;
            for (int i = m; i < tokens.length; i += modes.length)
            {
                ofMode[n++] = tokens[i];
            }
            if (n > 0)
            {
                manager.subscribe(ofMode, modes[m]);
            }
        }
    }

    private boolean loop(
        final KiteManager manager,
        final SimulatorBinder binder,
        final CountDownLatch stopSignal,
        final ProgressLine progress)
    {
        final long startNs = System.nanoTime();
        final long durationNs = TimeUnit.SECONDS.toNanos(settings.durationSeconds());
        long nextProgressNs = startNs + PROGRESS_INTERVAL_NS;
        long lastTicks = manager.stats().ticks();
        long lastNs = startNs;
        progress.start(startNs);
        while (true)
        {
            long nowNs = System.nanoTime();
            long waitNs = Math.min(BIND_INTERVAL_NS, nextProgressNs - nowNs);
            if (durationNs > 0)
            {
                waitNs = Math.min(waitNs, startNs + durationNs - nowNs);
            }
            try
            {
                if (waitNs > 0 && stopSignal.await(waitNs, TimeUnit.NANOSECONDS))
                {
                    progress.end(System.nanoTime());
                    return true;
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                progress.end(System.nanoTime());
                return true;
            }

            if (null != binder)
            {
                binder.poll();
            }
            nowNs = System.nanoTime();
            if (nowNs - nextProgressNs >= 0)
            {
                final ManagerStats stats = manager.stats();
                final double rate = (stats.ticks() - lastTicks) * 1e9 / Math.max(1, nowNs - lastNs);
                lastTicks = stats.ticks();
                lastNs = nowNs;
                printer.print(progress.line(nowNs, stats, rate));
                nextProgressNs += PROGRESS_INTERVAL_NS;
                if (nowNs - nextProgressNs >= 0)
                {
                    nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
                }
            }
            if (durationNs > 0 && nowNs - (startNs + durationNs) >= 0)
            {
                progress.end(nowNs);
                return false;
            }
        }
    }

    private void finish(
        final KiteManager manager, final RunJournal engine, final ProgressLine progress, final String ending)
    {
        final ManagerStats beforeStop = manager.stats();
        manager.stop();
        final ManagerStats stats = manager.stats();
        final List<String> errors = distinctErrors(manager);
        final Histogram latency = progress.total();
        final Histogram inEngine = progress.inEngineTotal();
        final Histogram steady = progress.steadyState();
        engine.close();

        printer.endLine();
        final String journal = !engine.isJournaling() ? RunSummary.JOURNAL_OFF : RunSummary.journal(
            engine.directory(), engine.ticksAppended(), engine.textsAppended(),
            RunJournal.directorySize(engine.directory()));
        new RunSummary(out).print(
            ending, progress.elapsedNs(), beforeStop, stats, latency, inEngine, steady, journal, errors);
    }

    private static List<String> distinctErrors(final KiteManager manager)
    {
        final List<String> errors = new ArrayList<>();
        ErrorLogReader.read(
            manager.engineStatus().errorLogBuffer(),
            (observationCount, firstTimestamp, lastTimestamp, encodedException) ->
            {
                final int newline = encodedException.indexOf('\n');
                errors.add(observationCount + " x " +
                    (newline < 0 ? encodedException : encodedException.substring(0, newline)).trim());
            });
        return errors;
    }

    private static SSLContext trustStoreSslContext(final Path file, final String password)
        throws IOException, GeneralSecurityException
    {
        if (!Files.isRegularFile(file))
        {
            throw new RunInputException("--trust-store: no such file: " + file);
        }
        final char[] passwordChars = null == password ? null : password.toCharArray();
        final KeyStore trustStore;
        try
        {
            trustStore = KeyStore.getInstance(file.toFile(), passwordChars);
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new RunInputException("--trust-store " + file + " cannot be read (" + ex.getMessage() +
                "); is it a PKCS12 or JKS file, and is --trust-store-password right?");
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        return TlsProvider.defaultProvider().sslContext(null, factory.getTrustManagers());
    }

    private static void createParent(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
    }

    private static void closeQuietly(final RunJournal engine)
    {
        try
        {
            engine.close();
        }
        catch (final RuntimeException ignore)
        {
            // already failing: the first error is the one reported
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // a stale status file is skipped by ./kite stats (its process is gone)
        }
    }

    private static void deleteRecursively(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(RunSession::deleteQuietly);
        }
        catch (final IOException | UncheckedIOException ignore)
        {
            // best effort: an empty recording left behind is harmless
        }
    }
}
