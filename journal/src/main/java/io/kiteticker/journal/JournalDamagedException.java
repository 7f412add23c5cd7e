package io.kiteticker.journal;

import java.util.List;

/**
 * A recording is damaged: a queue file holds bytes that are not documents, ends short of what its header says was
 * written, has a bad header, or a document is not a journal record; or the queue's metadata file is damaged.
 * Thrown after everything readable was read (by {@link io.kiteticker.journal.replay.Replayer} and the tools), or on
 * opening when nothing can be read. {@link #damages()} says where.
 */
public class JournalDamagedException extends JournalException
{
    private static final long serialVersionUID = 1L;

    private final transient List<JournalDamage> damages;

    /**
     * A damaged recording.
     *
     * @param what    the recording (its directory) or what was being read.
     * @param damages where, in the order found; not empty.
     */
    public JournalDamagedException(final String what, final List<JournalDamage> damages)
    {
        this(what, damages, null);
    }

    /**
     * A damaged recording, with the failure that showed it.
     *
     * @param what    the recording (its directory) or what was being read.
     * @param damages where, in the order found; not empty.
     * @param cause   the failure of the underlying read, or null.
     */
    public JournalDamagedException(final String what, final List<JournalDamage> damages, final Throwable cause)
    {
        super(message(what, damages), cause);
        this.damages = List.copyOf(damages);
    }

    /**
     * Where the recording is damaged, in the order found.
     *
     * @return the damages, not empty.
     */
    public List<JournalDamage> damages()
    {
        return damages;
    }

    private static String message(final String what, final List<JournalDamage> damages)
    {
        final StringBuilder builder = new StringBuilder(160).append("damaged journal ").append(what).append(": ")
            .append(damages.get(0));
        if (damages.size() > 1)
        {
            builder.append(" (and ").append(damages.size() - 1).append(" more damaged place(s))");
        }
        return builder.toString();
    }
}
