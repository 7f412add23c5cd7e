package io.kiteticker.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code ./kite} command, one table (also in each command's {@code --help} and in the
 * README): 0 done or stopped by a signal, 1 failed while running, 2 bad input, 3 credentials rejected, 4 damaged
 * journal, 5 a soak lost something. Every failure prints one line on stderr, {@code kite COMMAND: what went
 * wrong}, never a stack trace (set {@code -Dkite.stack.traces=true} to see one for an internal error).
 */
public final class ExitCodes
{
    /**
     * Done; or stopped by Ctrl-C (SIGINT) or SIGTERM, after the summary.
     */
    public static final int OK = 0;

    /**
     * The command failed while running: a connection timeout, an I/O or engine error, an internal error.
     */
    public static final int FAILURE = 1;

    /**
     * Bad input: an unknown option, a bad value, a missing, unreadable or wrong file or directory, a port in use.
     */
    public static final int BAD_INPUT = 2;

    /**
     * The server rejected the credentials of an API key.
     */
    public static final int CREDENTIALS_REJECTED = 3;

    /**
     * The journal is damaged; what was readable was replayed or dumped first.
     */
    public static final int JOURNAL_DAMAGED = 4;

    /**
     * {@code ./kite soak} lost something: a token silent for longer than allowed, a token on two connections, a
     * torn, duplicated or foreign slot, or a session a fault ended that did not come back.
     */
    public static final int SOAK_LOSS = 5;

    /**
     * Heading of the table in {@code --help}.
     */
    public static final String HEADING = "Exit codes (every command):%n";

    /**
     * The table as {@code --help} shows it, code to meaning, in order.
     *
     * @return a new map.
     */
    public static Map<String, String> helpTable()
    {
        final Map<String, String> table = new LinkedHashMap<>();
        table.put(String.valueOf(OK), "done; or stopped by Ctrl-C or SIGTERM (after the summary)");
        table.put(String.valueOf(FAILURE), "failed while running (connection timeout, I/O, engine or internal error)");
        table.put(String.valueOf(BAD_INPUT), "bad input (unknown option, bad value, missing or unreadable file or " +
            "directory, not a recording, port in use)");
        table.put(String.valueOf(CREDENTIALS_REJECTED), "the server rejected the credentials of a key");
        table.put(String.valueOf(JOURNAL_DAMAGED), "the journal is damaged (what was readable is shown first, then " +
            "where the damage is)");
        table.put(String.valueOf(SOAK_LOSS), "soak: something was lost (a token silent too long, on two " +
            "connections, a torn or duplicated slot, a session not back)");
        return table;
    }

    /**
     * System property: print the stack trace of an internal error too.
     */
    public static final String STACK_TRACES_PROP_NAME = "kite.stack.traces";

    private ExitCodes()
    {
    }
}
