package io.kiteticker.journal;

/**
 * A journal could not be opened, read or written: a missing directory, a directory that is not a recording, an
 * unsupported format version.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A journal error with a message.
     *
     * @param message saying what went wrong and where.
     */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * A journal error with a message and a cause.
     *
     * @param message saying what went wrong and where.
     * @param cause   the underlying failure.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
