package io.kiteticker.journal;

/**
 * Where a recording is damaged and what was lost: the queue file, the first queue index that could not be read and
 * the byte position in that file where reading stopped, how many documents were skipped to get past it (or that
 * nothing was readable after it), and why. Immutable.
 */
public final class JournalDamage
{
    /**
     * Value of {@link #index()} or {@link #position()} when it is not known.
     */
    public static final long UNKNOWN = -1;

    /**
     * Value of {@link #skipped()} when nothing after the damage could be read.
     */
    public static final long TO_THE_END = -1;

    private final String file;
    private final long index;
    private final long position;
    private final long skipped;
    private final String reason;

    /**
     * A damage record.
     *
     * @param file     name of the queue file (or metadata file) that is damaged.
     * @param index    first queue index that could not be read, or {@link #UNKNOWN}.
     * @param position byte position in the file where reading stopped, or {@link #UNKNOWN}.
     * @param skipped  documents skipped to get past the damage, or {@link #TO_THE_END}.
     * @param reason   what was found there.
     */
    public JournalDamage(
        final String file, final long index, final long position, final long skipped, final String reason)
    {
        this.file = file;
        this.index = index;
        this.position = position;
        this.skipped = skipped;
        this.reason = reason;
    }

    /**
     * Name of the damaged file.
     *
     * @return the file name, e.g. {@code 20260105-09F.cq4}.
     */
    public String file()
    {
        return file;
    }

    /**
     * First queue index that could not be read.
     *
     * @return the Chronicle index, or {@link #UNKNOWN}.
     */
    public long index()
    {
        return index;
    }

    /**
     * Byte position in the file where reading stopped.
     *
     * @return the offset, or {@link #UNKNOWN}.
     */
    public long position()
    {
        return position;
    }

    /**
     * Documents skipped to get past the damage.
     *
     * @return the count, or {@link #TO_THE_END} if nothing after it could be read.
     */
    public long skipped()
    {
        return skipped;
    }

    /**
     * Whether reading went on after the damage.
     *
     * @return true if documents after it were read.
     */
    public boolean isResumed()
    {
        return TO_THE_END != skipped;
    }

    /**
     * What was found.
     *
     * @return the reason.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * The same damage with another count of skipped documents.
     *
     * @param skipped documents skipped, or {@link #TO_THE_END}.
     * @return a new damage record.
     */
    public JournalDamage skipped(final long skipped)
    {
        return new JournalDamage(file, index, position, skipped, reason);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        final StringBuilder builder = new StringBuilder(128).append(file);
        if (UNKNOWN != index)
        {
            builder.append(" at index ").append(index).append(" (0x").append(Long.toHexString(index)).append(')');
        }
        if (UNKNOWN != position)
        {
            builder.append(UNKNOWN != index ? ", " : " at ").append("byte ").append(position);
        }
        builder.append(": ").append(reason);
        if (isResumed())
        {
            builder.append("; ").append(skipped).append(" document(s) skipped");
        }
        else if (UNKNOWN != index)
        {
            builder.append("; nothing after it is readable");
        }
        return builder.toString();
    }
}
