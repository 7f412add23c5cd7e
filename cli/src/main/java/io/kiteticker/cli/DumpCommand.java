package io.kiteticker.cli;

import io.kiteticker.journal.JournalDamagedException;
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
     * @return {@link ExitCodes#OK}, {@link ExitCodes#BAD_INPUT} if the directory is missing or not a recording,
     * {@link ExitCodes#JOURNAL_DAMAGED} if it is damaged (after the records that were readable).
     */
    @Override
    public Integer call()
    {
        try
        {
            return dump();
        }
        catch (final InternalError ex)
        {
            return JournalCommands.onFault("kite dump", directory, ex, spec.commandLine().getErr());
        }
    }

    private int dump()
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
            return JournalCommands.onOpenFailure("kite dump", ex, err);
        }
        try (queue)
        {
            new JournalDump(spec.commandLine().getOut()).hex(hex).limit(limit).dump(queue);
            return ExitCodes.OK;
        }
        catch (final JournalDamagedException ex)
        {
            return JournalCommands.onDamage("kite dump", ex, "the records above are what was readable", err);
        }
    }
}
