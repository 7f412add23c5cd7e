package io.kiteticker.cli;

import io.kiteticker.journal.JournalDamagedException;
import io.kiteticker.journal.JournalException;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.SessionInfo;
import io.kiteticker.journal.replay.Replayer;
import io.kiteticker.journal.tools.ReplaySummary;
import io.kiteticker.journal.tools.TickPrinter;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.collections.IntHashSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code ./kite replay DIR}: replay a recording through the live handler interface (the same {@code TickHandler}
 * and decode path as the engine) into a summary handler (counts per key and per packet kind, first and last time,
 * checksum of the decoded fields) or, with {@code --print}, a printer of every tick, one a line.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay a recording through the live handler interface: a summary, or every tick with --print.")
public final class ReplayCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of the recording (a journal).")
    Path directory;

    @Option(names = "--print", description = "Print every tick decoded, one a line (prices as decimals), and " +
        "every text message.")
    boolean print;

    @Option(names = "--speed", paramLabel = "X", description = "0 = as fast as possible (default); 1 = the " +
        "recorded pace; 2 = twice as fast; 0.5 = half.")
    double speed;

    @Option(names = "--from", paramLabel = "TIME|INDEX", description = "Start at this time (ISO-8601: " +
        "2026-01-05T09:15:00Z, with an offset, or local date-time in this machine's zone) or queue index (as " +
        "printed by ./kite dump, decimal or 0x-hex), inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "TIME|INDEX", description = "Stop at this time (exclusive) or queue " +
        "index (inclusive).")
    String to;

    @Option(names = "--token", split = ",", paramLabel = "T1,T2", description = "Replay only these instrument " +
        "tokens.")
    long[] tokens;

    @Option(names = "--key", paramLabel = "ID|INDEX", description = "Replay only this API key (its id as " +
        "recorded, or its index).")
    String key;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Replay and print.
     *
     * @return {@link ExitCodes#OK}, {@link ExitCodes#BAD_INPUT} if the directory is missing or not a recording,
     * {@link ExitCodes#JOURNAL_DAMAGED} if it is damaged (after the summary of what was readable).
     */
    @Override
    public Integer call()
    {
        try
        {
            return replay();
        }
        catch (final InternalError ex)
        {
            return JournalCommands.onFault("kite replay", directory, ex, spec.commandLine().getErr());
        }
    }

    private int replay()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be 0 or positive");
        }

        final SingleChronicleQueue queue;
        try
        {
            queue = Journals.openForRead(directory);
        }
        catch (final JournalException ex)
        {
            return JournalCommands.onOpenFailure("kite replay", ex, err);
        }

        try (queue)
        {
            final SessionInfo session = Journals.readSession(queue);
            final ReplaySummary summary = new ReplaySummary();
            final TickPrinter printer = print ? new TickPrinter(out, session) : null;
            final Replayer replayer = print ?
                new Replayer(queue, (event, sequence, endOfBatch) ->
                {
                    summary.onTick(event, sequence, endOfBatch);
                    printer.onTick(event, sequence, endOfBatch);
                }).textHandler((event, sequence, endOfBatch) ->
                {
                    summary.onText(event, sequence, endOfBatch);
                    printer.onText(event, sequence, endOfBatch);
                }) :
                new Replayer(queue, summary).textHandler(summary);
            summary.replayer(replayer);
            if (null != printer)
            {
                printer.replayer(replayer);
            }
            configure(replayer, session);

            final long startNs = System.nanoTime();
            JournalDamagedException damage = null;
            try
            {
                replayer.replay();
            }
            catch (final JournalDamagedException ex)
            {
                damage = ex;
            }
            final long elapsedNs = Math.max(1, System.nanoTime() - startNs);
            replayer.onClose();

            final StringBuilder report = new StringBuilder(512);
            report.append("recording: ").append(directory).append('\n');
            if (null != session)
            {
                report.append("session: started ").append(SessionInfo.toInstant(session.startEpochNanos()))
                    .append(", keys ");
                for (int k = 0; k < session.apiKeyIds().size(); k++)
                {
                    report.append(0 == k ? "" : ", ").append(session.apiKeyId(k)).append('(').append(k).append(')');
                }
                report.append(", ").append(session.connectionsPerKey()).append(" connection(s) per key\n")
                    .append("settings: ").append(session.settings()).append('\n');
            }
            else
            {
                report.append("session: (none recorded)\n");
            }
            summary.appendTo(report, session);
            report.append(String.format("replayed in %.1f ms (%.0f ticks/s)%s%n", elapsedNs / 1e6,
                summary.ticks() * 1e9 / elapsedNs, 0 == speed ? "" : " at speed " + speed));
            out.print(report);
            out.flush();
            return null == damage ? ExitCodes.OK :
                JournalCommands.onDamage("kite replay", damage, "the summary above is of what was readable", err);
        }
    }

    private void configure(final Replayer replayer, final SessionInfo session)
    {
        replayer.speed(speed);
        if (null != from)
        {
            final long value = parsePoint("--from", from);
            if (isIndex(from))
            {
                replayer.fromIndex(value);
            }
            else
            {
                replayer.fromEpochNanos(value);
            }
        }
        if (null != to)
        {
            final long value = parsePoint("--to", to);
            if (isIndex(to))
            {
                replayer.toIndex(value);
            }
            else
            {
                replayer.toEpochNanos(value);
            }
        }
        if (null != tokens)
        {
            final IntHashSet set = new IntHashSet();
            for (final long token : tokens)
            {
                set.add((int)token);
            }
            replayer.tokens(set);
        }
        if (null != key)
        {
            int index = null == session ? -1 : session.apiKeyIds().indexOf(key);
            if (index < 0)
            {
                try
                {
                    index = Integer.parseInt(key);
                }
                catch (final NumberFormatException ex)
                {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "--key '" + key + "' is neither a recorded key id " +
                        (null == session ? "" : session.apiKeyIds().toString()) + " nor an index");
                }
            }
            replayer.apiKeyIndex(index);
        }
    }

    private static boolean isIndex(final String value)
    {
        return value.matches("\\d+|0[xX][0-9a-fA-F]+");
    }

    private long parsePoint(final String option, final String value)
    {
        if (isIndex(value))
        {
            try
            {
                return value.startsWith("0x") || value.startsWith("0X") ?
                    Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": index out of range: " + value);
            }
        }
        try
        {
            final Instant instant = parseInstant(value);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " expects an ISO-8601 time " +
                "(2026-01-05T09:15:00Z, 2026-01-05T14:45:00+05:30 or 2026-01-05T14:45:00) or a queue index, not '" +
                value + "'");
        }
    }

    private static Instant parseInstant(final String value)
    {
        try
        {
            return Instant.parse(value);
        }
        catch (final DateTimeException ignore)
        {
            // next form
        }
        try
        {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (final DateTimeException ignore)
        {
            // next form
        }
        return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
    }
}
