package io.kiteticker.cli;

import io.kiteticker.cli.run.Credential;
import io.kiteticker.cli.run.CredentialsLoader;
import io.kiteticker.cli.run.RunInputException;
import io.kiteticker.cli.run.RunSession;
import io.kiteticker.cli.run.RunSettings;
import io.kiteticker.cli.run.TokenSelection;
import io.kiteticker.cli.stats.StatusFiles;
import io.kiteticker.codec.Mode;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.threading.IdleStrategies;
import io.kiteticker.engine.threading.WaitStrategies;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./kite run}: the engine against the embedded simulator (default) or any Kite-compatible server, journaling
 * every tick, with live progress once a second and a summary at the end.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Run the engine with live progress (ticks/s, total, connections, reconnects, errors, send -> handler " +
            "latency) once a second, and a summary on exit, at the end of --duration or on Ctrl-C.",
        "",
        "With no options: an embedded Kite simulator on loopback in latency mode, 2 keys x 3 connections, 3000 " +
            "tokens in mixed modes, journaled to recordings/run-<yyyyMMdd-HHmmss> in the current directory.",
        "",
        "With --url (the real Kite: wss://ws.kite.trade): credentials come from the environment or --config, " +
            "never from the command line: KITE_API_KEY/KITE_ACCESS_TOKEN for one key, or KITE_API_KEY_1/" +
            "KITE_ACCESS_TOKEN_1, KITE_API_KEY_2/KITE_ACCESS_TOKEN_2, ... for several (ids key-1, key-2, ...). " +
            "A --config file is a properties file with the same names. They are never printed.",
        "",
        "The engine's counters go to a memory-mapped status file, by default ${java.io.tmpdir}/kite-engine/" +
            "<pid>.status (deleted at the end); ./kite stats reads it from another terminal.",
        "",
        "A run that can no longer deliver stops: if the server refuses a key's credentials, at start or during " +
            "the run (a token invalidated mid-day, the reconnect refused with HTTP 403), run prints one line " +
            "naming the key id (never the token), stops even if other keys still stream, prints the summary and " +
            "exits 3.",
        ""})
public final class RunCommand implements Callable<Integer>
{
    /**
     * Default number of keys with the embedded simulator.
     */
    public static final int KEYS_DEFAULT = 2;

    /**
     * Default total tick rate of the embedded simulator.
     */
    public static final int RATE_DEFAULT = 60_000;

    /**
     * Default instruments with the embedded simulator.
     */
    public static final String TOKENS_DEFAULT = "3000";

    /**
     * Default instruments with --url: NIFTY 50, NIFTY BANK, INDIA VIX, SENSEX, INFY, RELIANCE, TCS, HDFCBANK,
     * ICICIBANK and SBIN (the first ten of the simulator's universe, which are real Kite tokens).
     */
    public static final int URL_TOKENS_DEFAULT = 10;

    /**
     * Parent of the default journal directories.
     */
    public static final String RECORDINGS_DIRECTORY = "recordings";

    private static final int MAX_CREDENTIALS_GRACE_SECONDS = 86_400;
    private static final DateTimeFormatter RUN_NAME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--keys", paramLabel = "N",
        description = "API keys (default: " + KEYS_DEFAULT + " with the simulator; with --url, every key found).")
    Integer keys;

    @Option(names = "--connections", paramLabel = "N",
        description = "Connections per key, 1 to 3 (default: ${DEFAULT-VALUE}).")
    int connections = KiteManagerBuilder.MAX_CONNECTIONS_PER_API_DEFAULT;

    @Option(names = "--tokens", paramLabel = "N|T1,T2,...",
        description = "A count (the first N instruments of the simulator's universe, every segment) or a " +
            "comma-separated list of instrument tokens; a single token needs a trailing comma (256265,). " +
            "Default: " + TOKENS_DEFAULT + "; with --url the " + URL_TOKENS_DEFAULT + " best-known NSE/BSE " +
            "instruments and indices (NIFTY 50 = 256265, INFY = 408065, ...).")
    String tokens;

    @Option(names = "--mode", paramLabel = "ltp|quote|full|mixed",
        description = "Streaming mode; mixed hands out ltp, quote and full in turn (default: ${DEFAULT-VALUE}).")
    String mode = "mixed";

    @Option(names = "--rate", paramLabel = "TICKS_PER_SECOND",
        description = "Total ticks/s of the embedded simulator (default: " + RATE_DEFAULT + ").")
    Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS",
        description = "Stop after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long durationSeconds = 0;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal directory (default: " + RECORDINGS_DIRECTORY + "/run-<yyyyMMdd-HHmmss>).")
    Path journal;

    @Option(names = "--no-journal", description = "Do not journal.")
    boolean noJournal;

    @Option(names = "--tls", description = "Embedded simulator over wss:// (the engine trusts its exported " +
        "self-signed certificate).")
    boolean tls;

    @Option(names = "--url", paramLabel = "ws(s)://HOST[:PORT]",
        description = "Connect to this Kite-compatible server instead of the embedded simulator, e.g. " +
            "wss://ws.kite.trade. No latency figure then.")
    String url;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file with KITE_API_KEY[_n] and KITE_ACCESS_TOKEN[_n] (instead of the " +
            "environment).")
    Path config;

    @Option(names = "--trust-store", paramLabel = "FILE",
        description = "PKCS12 or JKS trust store for wss:// with --url (default: the JVM's trust store).")
    Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD",
        description = "Password of --trust-store, if it has one.")
    String trustStorePassword;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
        description = "How long start-up waits for every connection to be live (default: ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds = KiteManagerBuilder.CONNECTION_TIMEOUT_DEFAULT.toSeconds();

    @Option(names = "--credentials-grace", paramLabel = "SECONDS",
        description = "How long reconnects refused with 403 are retried, once a key's credentials were accepted in " +
            "this run, before the run stops with exit 3; a 403 at start-up stops it at once (default: " +
            "${DEFAULT-VALUE}; 0 = at the first 403).")
    double credentialsGraceSeconds = KiteManagerBuilder.CREDENTIALS_REJECTED_GRACE_DEFAULT.toMillis() / 1000.0;

    @Option(names = "--idle-strategy", paramLabel = "backoff|yielding|busy-spin|sleeping",
        description = "How the engine's connection thread waits for data (default: ${DEFAULT-VALUE}; busy-spin " +
            "and yielding lower latency at the cost of a core).")
    String idleStrategy = KiteManagerBuilder.IDLE_STRATEGY_DEFAULT;

    @Option(names = "--wait-strategy", paramLabel = "phased|blocking|sleeping|yielding|busy-spin",
        description = "How the handler threads (journal, progress) wait for ticks (default: ${DEFAULT-VALUE}: spin, " +
            "yield, then block until signalled; busy-spin and yielding cost a core each).")
    String waitStrategy = WaitStrategies.DEFAULT_ALIAS;

    @Option(names = "--status-file", paramLabel = "FILE",
        description = "The engine's memory-mapped counters file (default: ${java.io.tmpdir}/kite-engine/<pid>.status).")
    Path statusFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    /**
     * Validate the options and run.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RunSettings settings;
        try
        {
            settings = settings();
        }
        catch (final RunInputException ex)
        {
            err.println("kite run: " + ex.getMessage());
            err.println("Try 'kite run --help' for more information.");
            err.flush();
            return RunSession.EXIT_USAGE;
        }
        return new RunSession(settings, out, err).run();
    }

    RunSettings settings()
    {
        if (connections < 1 || connections > KiteManagerBuilder.MAX_CONNECTIONS_PER_API_DEFAULT)
        {
            throw new RunInputException("--connections must be 1 to " +
                KiteManagerBuilder.MAX_CONNECTIONS_PER_API_DEFAULT + " (Kite's limit per key) but was " + connections);
        }
        if (durationSeconds < 0)
        {
            throw new RunInputException("--duration must be 0 (until Ctrl-C) or more seconds but was " +
                durationSeconds);
        }
        if (connectTimeoutSeconds < 1)
        {
            throw new RunInputException("--connect-timeout must be at least 1 second but was " +
                connectTimeoutSeconds);
        }
        if (!(credentialsGraceSeconds >= 0) || credentialsGraceSeconds > MAX_CREDENTIALS_GRACE_SECONDS)
        {
            throw new RunInputException("--credentials-grace must be 0 to " + MAX_CREDENTIALS_GRACE_SECONDS +
                " seconds but was " + credentialsGraceSeconds);
        }
        if (noJournal && null != journal)
        {
            throw new RunInputException("--journal and --no-journal contradict each other");
        }
        final Mode[] modes = modes(mode);

        final URI uri;
        final List<Credential> credentials;
        final int keyCount;
        if (null == url)
        {
            if (null != config || null != trustStore || null != trustStorePassword)
            {
                throw new RunInputException("--config and --trust-store apply to --url only");
            }
            keyCount = null == keys ? KEYS_DEFAULT : keys;
            if (keyCount < 1 || keyCount > CredentialsLoader.MAX_NUMBERED)
            {
                throw new RunInputException("--keys must be 1 to " + CredentialsLoader.MAX_NUMBERED + " but was " +
                    keyCount);
            }
            uri = null;
            credentials = List.of();
        }
        else
        {
            uri = uri(url);
            if (tls)
            {
                throw new RunInputException("--tls is for the embedded simulator; with --url use a wss:// URL");
            }
            if (null != rate)
            {
                throw new RunInputException("--rate is for the embedded simulator; the server decides the rate");
            }
            credentials = null != config ? CredentialsLoader.fromFile(config) :
                CredentialsLoader.fromEnvironment(environment);
            if (credentials.isEmpty())
            {
                throw new RunInputException("--url needs credentials: set " + CredentialsLoader.API_KEY_NAME + " and " +
                    CredentialsLoader.ACCESS_TOKEN_NAME + " (or " + CredentialsLoader.API_KEY_NAME + "_1/" +
                    CredentialsLoader.ACCESS_TOKEN_NAME + "_1, _2, ...) " +
                    (null != config ? "in " + config : "in the environment, or give --config FILE"));
            }
            keyCount = null == keys ? credentials.size() : keys;
            if (keyCount < 1 || keyCount > credentials.size())
            {
                throw new RunInputException("--keys " + keyCount + ": " + credentials.size() +
                    " credential(s) found " + (null != config ? "in " + config : "in the environment"));
            }
            if (null == trustStore && null != trustStorePassword)
            {
                throw new RunInputException("--trust-store-password needs --trust-store");
            }
        }

        final double ticksPerSecond = null == rate ? RATE_DEFAULT : rate;
        if (!(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond))
        {
            throw new RunInputException("--rate must be a positive number of ticks per second but was " + rate);
        }

        final TokenSelection selection = null != tokens ? TokenSelection.parse(tokens) :
            null == url ? TokenSelection.parse(TOKENS_DEFAULT) : TokenSelection.count(URL_TOKENS_DEFAULT);

        final Path journalDirectory = noJournal ? null : null != journal ? journal :
            Path.of(RECORDINGS_DIRECTORY, "run-" + LocalDateTime.now().format(RUN_NAME_FORMAT));
        final Path status = null != statusFile ? statusFile : StatusFiles.defaultFile(ProcessHandle.current().pid());
        if (null != statusFile)
        {
            checkCanCreate(statusFile);
        }
        if (null != journal)
        {
            checkCanBeJournal(journal);
        }

        return new RunSettings(
            uri,
            tls,
            credentials,
            keyCount,
            connections,
            selection,
            modes,
            ticksPerSecond,
            durationSeconds,
            journalDirectory,
            trustStore,
            trustStorePassword,
            status,
            Duration.ofSeconds(connectTimeoutSeconds),
            Duration.ofMillis(Math.round(credentialsGraceSeconds * 1000)),
            idleStrategy(idleStrategy),
            waitStrategy(waitStrategy),
            null != System.console());
    }

    /**
     * The status file can be created where it is asked for (created and deleted again here, as the engine creates
     * it on start and the run deletes it at the end).
     */
    private static void checkCanCreate(final Path file)
    {
        if (Files.isDirectory(file))
        {
            throw new RunInputException("--status-file " + file + " is a directory");
        }
        if (Files.exists(file))
        {
            if (!Files.isWritable(file))
            {
                throw new RunInputException("--status-file " + file + " cannot be written");
            }
            return;
        }
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            Files.delete(Files.createFile(file));
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new RunInputException("--status-file " + file + " cannot be created (" +
                ex.getClass().getSimpleName() + ")");
        }
    }

    private static void checkCanBeJournal(final Path directory)
    {
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw new RunInputException("--journal " + directory + " is not a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (null != existing && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (null == existing || !Files.isDirectory(existing) || !Files.isWritable(existing))
        {
            throw new RunInputException("--journal " + directory + " cannot be created or written (" + existing +
                " is not a writable directory)");
        }
    }

    private static String idleStrategy(final String alias)
    {
        try
        {
            IdleStrategies.newIdleStrategy(alias);
            return alias;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new RunInputException("--idle-strategy must be backoff, yielding, busy-spin, sleeping or noop " +
                "but was '" + alias + "'");
        }
    }

    private static String waitStrategy(final String alias)
    {
        if (!WaitStrategies.isKnown(alias))
        {
            throw new RunInputException("--wait-strategy must be phased, blocking, sleeping, yielding or busy-spin " +
                "but was '" + alias + "'");
        }
        return alias;
    }

    private static Mode[] modes(final String name)
    {
        switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case "ltp":
                return new Mode[]{ Mode.LTP };
            case "quote":
                return new Mode[]{ Mode.QUOTE };
            case "full":
                return new Mode[]{ Mode.FULL };
            case "mixed":
                return new Mode[]{ Mode.LTP, Mode.QUOTE, Mode.FULL };
            default:
                throw new RunInputException("--mode must be ltp, quote, full or mixed but was '" + name + "'");
        }
    }

    private static URI uri(final String text)
    {
        if (text.indexOf('?') >= 0 || text.indexOf('@') >= 0)
        {
            throw new RunInputException("--url must not carry credentials or a query (not echoed here): they come " +
                "from the environment or --config");
        }
        final URI uri;
        try
        {
            uri = new URI(text.trim());
        }
        catch (final URISyntaxException ex)
        {
            throw new RunInputException("--url '" + text + "' is not a URL: " + ex.getReason());
        }
        final String scheme = null == uri.getScheme() ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme) || null == uri.getHost())
        {
            throw new RunInputException("--url must be ws://HOST[:PORT] or wss://HOST[:PORT] but was '" + text + "'");
        }
        return uri;
    }
}
