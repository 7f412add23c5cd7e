package io.kiteticker.cli.run;

import io.kiteticker.codec.Mode;
import io.kiteticker.codec.packet.PacketKind;
import io.kiteticker.journal.JournalRecord;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;

/**
 * The lines {@code ./kite run} prints before it starts the engine: what it runs against (the embedded simulator or
 * a url, never a credential), the engine's shape, the journal (with a rough disk rate against the simulator), the
 * status file and how long it runs.
 */
final class RunHeader
{
    private static final int CHRONICLE_DOCUMENT_HEADER_LENGTH = 4;

    private final PrintWriter out;

    /**
     * A header.
     *
     * @param out to print to.
     */
    RunHeader(final PrintWriter out)
    {
        this.out = out;
    }

    /**
     * Print the header, and flush.
     *
     * @param settings         of the run.
     * @param simulatorUri     of the embedded simulator, or {@code null} when running against {@code --url}.
     * @param tokenCount       tokens to subscribe.
     * @param journalDirectory of the recording, or {@code null} without a journal.
     */
    void print(final RunSettings settings, final URI simulatorUri, final int tokenCount, final Path journalDirectory)
    {
        if (null != simulatorUri)
        {
            out.println("kite run: embedded simulator " + simulatorUri + " (latency mode, " +
                Formats.count(Math.round(settings.ticksPerSecond())) + " ticks/s)");
        }
        else
        {
            final String source = settings.credentials().get(0).source();
            out.println("kite run: " + settings.url().getScheme() + "://" + settings.url().getAuthority() +
                ", credentials of " + settings.keys() + " key(s) " + source.substring(source.indexOf(" in ") + 1));
        }
        out.println("engine: " + settings.keys() + " key(s) x " + settings.connectionsPerKey() +
            " connection(s), " + Formats.count(tokenCount) + " tokens in " + settings.modeName() + " mode");
        if (null == journalDirectory)
        {
            out.println("journal: off");
        }
        else if (null != simulatorUri)
        {
            final long bytesPerSecond = Math.round(settings.ticksPerSecond() * journalBytesPerTick(settings.modes()));
            out.println("journal: " + journalDirectory + " (about " + Formats.size(bytesPerSecond) + "/s at this " +
                "rate; --no-journal to turn it off)");
        }
        else
        {
            out.println("journal: " + journalDirectory);
        }
        out.println("status: " + settings.statusFile() + " (watch it with: ./kite stats)");
        out.println(settings.durationSeconds() > 0 ?
            "running for " + settings.durationSeconds() + " s (Ctrl-C to stop earlier)" : "running until Ctrl-C");
        out.flush();
    }

    /**
     * Rough size of one journaled tick: Chronicle's 4-byte document header, the record header and the packet, for
     * the modes handed out round-robin.
     */
    private static double journalBytesPerTick(final Mode[] modes)
    {
        double packetBytes = 0;
        for (final Mode mode : modes)
        {
            packetBytes += Mode.LTP == mode ? PacketKind.LTP_LENGTH :
                Mode.QUOTE == mode ? PacketKind.QUOTE_LENGTH : PacketKind.FULL_LENGTH;
        }
        return CHRONICLE_DOCUMENT_HEADER_LENGTH + JournalRecord.HEADER_LENGTH + packetBytes / modes.length;
    }
}
