package io.kiteticker.cli;

import io.kiteticker.journal.JournalException;
import io.kiteticker.journal.Journals;
import io.kiteticker.journal.tools.JournalDump;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./kite dump DIR}: print the raw records of a recording, decoded (header fields, then the packet fields, the
 * text JSON or the session lines), like Chronicle's dump tool but readable.
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = "Print the raw records of a recording, decoded.")
public final class DumpCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of the recording (a journal).")
    Path directory;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records (default: all).")
    long limit = Long.MAX_VALUE;

    @Option(names = "--hex", description = "Also print each record's payload (the raw packet) in hex.")
    boolean hex;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Dump the recording.
     *
     * @return 0, or 1 if the directory is missing or not a recording.
     */
    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (limit < 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must not be negative");
        }
        final SingleChronicleQueue queue;
        try
        {
            queue = Journals.openForRead(directory);
        }
        catch (final JournalException ex)
        {
            err.println("kite dump: " + ex.getMessage());
            err.flush();
            return 1;
        }
        try (queue)
        {
            new JournalDump(spec.commandLine().getOut()).hex(hex).limit(limit).dump(queue);
            return 0;
        }
    }
}
