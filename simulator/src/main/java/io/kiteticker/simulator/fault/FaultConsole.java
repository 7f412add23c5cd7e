package io.kiteticker.simulator.fault;

import io.kiteticker.simulator.KiteSimulator;
import io.kiteticker.simulator.SimulatedConnection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The control channel of {@code ./kite simulate}: one command per line (its stdin), one answer line each.
 * <pre>
 *   reset | drop               TCP reset of a random open connection
 *   close [CODE]               close frame (1000, or CODE) and the closing handshake
 *   close-code [CODE]          close frame with an error code (1011 by default)
 *   stall                      half-open: nothing more is sent on a random connection
 *   slow-reader | slow [DUR]   the server reads nothing from a random connection for DUR (2s)
 *   refuse [STATUS] [DUR]      refuse every upgrade with STATUS (503) for DUR (3s) and reset one connection
 *   partial-frame              part of a frame, then the end of the stream
 *   garbage                    bytes that are no frame
 *   lose-subscription          the server silently forgets one token
 *   status                     connections open, stalled, paused; upgrades refused
 *   help
 * </pre>
 * DUR is {@code 500ms}, {@code 3s} or a number of seconds. Answers start with {@code ok}, {@code none} (no open
 * connection could take the fault) or {@code error}.
 */
public final class FaultConsole
{
    private final FaultInjector injector;
    private final PrintWriter out;

    /**
     * A console over an injector.
     *
     * @param injector applies the faults.
     * @param out      for the answers.
     */
    public FaultConsole(final FaultInjector injector, final PrintWriter out)
    {
        this.injector = injector;
        this.out = out;
    }

    /**
     * Read and run commands until the end of input.
     *
     * @param in the lines.
     */
    public void run(final BufferedReader in)
    {
        try
        {
            String line;
            while (null != (line = in.readLine()))
            {
                if (!line.isBlank())
                {
                    out.println(execute(line));
                    out.flush();
                }
            }
        }
        catch (final IOException ex)
        {
            out.println("error: control channel closed: " + ex.getMessage());
            out.flush();
        }
    }

    /**
     * Run one command.
     *
     * @param line the command and its arguments.
     * @return the answer line.
     */
    public String execute(final String line)
    {
        final String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        try
        {
            return switch (words[0])
            {
                case "help" -> "ok commands: reset|drop, close [CODE], close-code [CODE], stall, slow-reader|slow " +
                    "[DUR], refuse [STATUS] [DUR], partial-frame, garbage, lose-subscription, status";
                case "status" -> status();
                case "drop" -> apply(FaultKind.RESET, 0, null);
                case "slow" -> apply(FaultKind.SLOW_READER, 0, durationAt(words, 1));
                case "close" -> words.length > 1 ?
                    apply(FaultKind.CLOSE_CODE, Integer.parseInt(words[1]), null) : apply(FaultKind.CLOSE, 0, null);
                case "refuse" -> refuse(words);
                default -> apply(FaultKind.fromCliName(words[0]), codeAt(words, 1), durationAt(words, 1));
            };
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return "error: " + ex.getMessage();
        }
    }

    private String refuse(final String[] words)
    {
        final boolean hasStatus = words.length > 1 && !isDuration(words[1]);
        final int status = hasStatus ? Integer.parseInt(words[1]) : FaultInjector.REFUSAL_STATUS_DEFAULT;
        final Duration duration = durationAt(words, hasStatus ? 2 : 1);
        return 403 == status ? apply(FaultKind.REFUSE_403, 0, duration) : apply(FaultKind.REFUSE_5XX, status, duration);
    }

    private String apply(final FaultKind kind, final int code, final Duration duration)
    {
        final FaultRecord record = injector.inject(kind, code, duration);
        return null == record ? "none: no open connection can take " + kind.cliName() : "ok " + record;
    }

    private String status()
    {
        final KiteSimulator simulator = injector.simulator();
        int open = 0;
        int stalled = 0;
        int paused = 0;
        for (final SimulatedConnection connection : simulator.connections())
        {
            open += connection.isOpen() ? 1 : 0;
            stalled += connection.isOpen() && connection.isStalled() ? 1 : 0;
            paused += connection.isOpen() && connection.isReadingPaused() ? 1 : 0;
        }
        return "ok connections open " + open + ", stalled " + stalled + ", reading paused " + paused +
            "; accepted " + simulator.acceptedConnections() + ", upgrades refused " + simulator.refusedUpgrades() +
            ", rejected " + simulator.rejectedHandshakes();
    }

    private static int codeAt(final String[] words, final int index)
    {
        return words.length > index && !isDuration(words[index]) ? Integer.parseInt(words[index]) : 0;
    }

    private static Duration durationAt(final String[] words, final int index)
    {
        for (int i = index; i < words.length; i++)
        {
            if (isDuration(words[i]))
            {
                return parseDuration(words[i]);
            }
        }
        return null;
    }

    private static boolean isDuration(final String word)
    {
        return word.endsWith("ms") || word.endsWith("s") || word.contains(".");
    }

    /**
     * A duration as the console reads it.
     *
     * @param text {@code 500ms}, {@code 3s}, {@code 1.5s}.
     * @return the duration.
     * @throws IllegalArgumentException if it is not one, or not positive.
     */
    public static Duration parseDuration(final String text)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        final double millis;
        if (trimmed.endsWith("ms"))
        {
            millis = Double.parseDouble(trimmed.substring(0, trimmed.length() - 2));
        }
        else
        {
            millis = 1000 * Double.parseDouble(trimmed.endsWith("s") ? trimmed.substring(0, trimmed.length() - 1) :
                trimmed);
        }
        if (!(millis > 0) || Double.isInfinite(millis))
        {
            throw new IllegalArgumentException("a duration must be positive, e.g. 500ms or 3s, but was " + text);
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
