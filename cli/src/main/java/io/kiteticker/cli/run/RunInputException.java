package io.kiteticker.cli.run;

/**
 * Bad input to {@code ./kite run} (an option value, a missing or incomplete credential, an unreadable file): the
 * message says what is wrong in the user's terms and never contains a credential.
 */
public final class RunInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * An input error.
     *
     * @param message for the user.
     */
    public RunInputException(final String message)
    {
        super(message);
    }
}
