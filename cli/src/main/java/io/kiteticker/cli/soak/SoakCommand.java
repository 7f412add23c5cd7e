package io.kiteticker.cli.soak;

import io.kiteticker.cli.ExitCodes;
import io.kiteticker.engine.KiteManagerBuilder;
import io.kiteticker.engine.exceptions.KiteEngineException;
import io.kiteticker.simulator.fault.FaultKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./kite soak}: the engine against the embedded simulator under a seeded fault schedule for a duration, a
 * table of what was injected, survived and measured, and exit {@link ExitCodes#SOAK_LOSS} if anything was lost.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Torture run: the engine against an embedded simulator while faults hit random connections at random " +
            "times drawn from --seed (printed first, so a failure can be replayed): TCP resets, clean closes, close " +
            "frames with a code, partial frames then the end of the stream, garbage bytes (--drops, mixed), " +
            "half-open stalls (--stalls), slow readers, upgrades refused with 503 for 3 s (--refusals).",
        "",
        "Checks: every token ticks again after every fault (silent for longer than its 0.5 s cadence + the " +
            "liveness timeout + the 500 ms first back-off + 1 s is a loss; around a refusal window W the " +
            "allowance starts W + back-off after its end), no token on two connections, no torn, duplicated or " +
            "foreign slot, no volume going backwards, every ended session back. Measures reconnect and stall " +
            "detection times (p50/p99/max), counts the engine's errors by kind. Exits 5 if anything was lost.",
        ""})
public final class SoakCommand implements Callable<Integer>
{
    @Option(names = "--duration", description = "Seconds of faults and checks (default: ${DEFAULT-VALUE}).")
    int durationSeconds = 60;

    @Option(names = "--drops", description = "Faults that end a session, mixed from the seed: reset, close, " +
        "close-code, partial-frame, garbage (default: ${DEFAULT-VALUE}).")
    int drops = 20;

    @Option(names = "--stalls", description = "Half-open stalls (default: ${DEFAULT-VALUE}).")
    int stalls = 5;

    @Option(names = "--slow-readers", description = "Slow readers, 2 s each (default: ${DEFAULT-VALUE}).")
    int slowReaders = 2;

    @Option(names = "--refusals", description = "Upgrades refused with 503 for 3 s, one connection reset into it " +
        "(default: ${DEFAULT-VALUE}).")
    int refusals = 1;

    @Option(names = "--refusals-403", description = "The same with 403 (default: ${DEFAULT-VALUE}); the engine " +
        "retries a 403 after its key was accepted for its credentials grace (10 s) before it gives the key up.")
    int refusals403 = 1;

    @Option(names = "--lose-subscriptions", description = "The server silently forgets a token (default: " +
        "${DEFAULT-VALUE}); no client can repair it: proves that the soak sees a loss.")
    int loseSubscriptions;

    @Option(names = "--keys", description = "API keys (default: ${DEFAULT-VALUE}).")
    int keys = 3;

    @Option(names = "--connections", description = "Connections per key, 1 to 3 (default: ${DEFAULT-VALUE}).")
    int connectionsPerKey = KiteManagerBuilder.MAX_CONNECTIONS_PER_API_DEFAULT;

    @Option(names = "--tokens", description = "Tokens subscribed, in ltp, quote and full mode in turn (default: " +
        "${DEFAULT-VALUE}).")
    int tokens = 6000;

    @Option(names = "--tls", description = "wss:// to the simulator.")
    boolean tls;

    @Option(names = "--seed", description = "Seed of the faults and the market model (default: a new one, printed).")
    Long seed;

    @Option(names = "--liveness-ms", description = "The engine's liveness timeout (default: ${DEFAULT-VALUE}).")
    long livenessMs = KiteManagerBuilder.LIVENESS_TIMEOUT_DEFAULT.toMillis();

    @Option(names = "--slack-ms", description = "Added to the longest silence a token may have (cadence + " +
        "liveness + first back-off + this); raise it on a machine loaded by other work (default: ${DEFAULT-VALUE}).")
    long slackMs = SoakRun.SLACK_MS_DEFAULT;

    @Spec
    CommandSpec spec;

    /**
     * Validate, run the soak, print the report.
     *
     * @return {@link ExitCodes#OK} when nothing was lost, {@link ExitCodes#SOAK_LOSS} otherwise.
     */
    @Override
    public Integer call()
    {
        final SoakSettings settings = settings();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        out.printf("kite soak: seed %d; %d s, %d faults, %d keys x %d connections, %d tokens, %s, liveness %d ms%n",
            settings.seed(), settings.durationSeconds(), settings.totalAsked(), keys, connectionsPerKey, tokens,
            tls ? "wss" : "ws", livenessMs);
        out.println("replay: " + settings.commandLine());
        out.flush();
        try
        {
            return new SoakRun(settings, out).run().isPass() ? ExitCodes.OK : ExitCodes.SOAK_LOSS;
        }
        catch (final KiteEngineException | UncheckedIOException | IllegalStateException ex)
        {
            err.println("kite soak: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        catch (final Exception ex)
        {
            err.println("kite soak: internal error: " + ex);
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    private SoakSettings settings()
    {
        atLeast("--keys", keys, 1);
        atLeast("--tokens", tokens, 1);
        for (final int count : List.of(drops, stalls, slowReaders, refusals, refusals403, loseSubscriptions))
        {
            atLeast("fault counts", count, 0);
        }
        if (connectionsPerKey < 1 || connectionsPerKey > KiteManagerBuilder.MAX_CONNECTIONS_PER_API_DEFAULT)
        {
            throw new ParameterException(spec.commandLine(), "--connections must be 1 to 3 but was " +
                connectionsPerKey);
        }
        final int capacity = keys * connectionsPerKey * KiteManagerBuilder.MAX_SYMBOLS_PER_CONNECTION_DEFAULT;
        if (tokens > capacity)
        {
            throw new ParameterException(spec.commandLine(), "--tokens: " + tokens + " do not fit " +
                keys * connectionsPerKey + " connections of " + KiteManagerBuilder.MAX_SYMBOLS_PER_CONNECTION_DEFAULT);
        }
        atLeast("--liveness-ms", (int)Math.min(Integer.MAX_VALUE, livenessMs), 100);
        atLeast("--slack-ms", (int)Math.min(Integer.MAX_VALUE, slackMs), 0);
        final long actualSeed = null != seed ? seed : new SplittableRandom().nextLong();
        final EnumMap<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
        final SplittableRandom mix = new SplittableRandom(actualSeed);
        final List<FaultKind> dropKinds = FaultKind.drops();
        for (int i = 0; i < drops; i++)
        {
            faults.merge(dropKinds.get(mix.nextInt(dropKinds.size())), 1, Integer::sum);
        }
        faults.put(FaultKind.STALL, stalls);
        faults.put(FaultKind.SLOW_READER, slowReaders);
        faults.put(FaultKind.REFUSE_5XX, refusals);
        faults.put(FaultKind.REFUSE_403, refusals403);
        faults.put(FaultKind.LOSE_SUBSCRIPTION, loseSubscriptions);
        final boolean hasRefusals = refusals + refusals403 > 0;
        final long minimumSeconds = TimeUnit.NANOSECONDS.toSeconds(
            SoakRun.quietTailNs(livenessMs, slackMs, hasRefusals) + SoakRun.FIRST_FAULT_NS) + 2;
        if (durationSeconds < minimumSeconds)
        {
            throw new ParameterException(spec.commandLine(), "--duration must be at least " + minimumSeconds +
                " s with these faults (the last fault must be followed by time to see its loss)");
        }
        return new SoakSettings(durationSeconds, faults, keys, connectionsPerKey, tokens, tls, actualSeed,
            livenessMs, slackMs, commandLine(actualSeed));
    }

    private void atLeast(final String option, final int value, final int minimum)
    {
        if (value < minimum)
        {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + minimum +
                " but was " + value);
        }
    }

    private String commandLine(final long actualSeed)
    {
        return "./kite soak --duration " + durationSeconds + " --drops " + drops + " --stalls " + stalls +
            " --slow-readers " + slowReaders + " --refusals " + refusals +
            (refusals403 > 0 ? " --refusals-403 " + refusals403 : "") +
            (loseSubscriptions > 0 ? " --lose-subscriptions " + loseSubscriptions : "") + " --keys " + keys +
            " --connections " + connectionsPerKey + " --tokens " + tokens + (tls ? " --tls" : "") +
            " --liveness-ms " + livenessMs + (SoakRun.SLACK_MS_DEFAULT != slackMs ? " --slack-ms " + slackMs : "") +
            " --seed " + actualSeed;
    }
}
