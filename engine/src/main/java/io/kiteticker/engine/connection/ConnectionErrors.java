package io.kiteticker.engine.connection;

import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.ErrorHandler;

/**
 * Reports the problems of one connection: counts ERRORS and hands the throwable to the error handler, never letting
 * the handler's own failure escape. Messages start with {@code "kite-<key>-<connection> [<apiKeyId>]: "} and name
 * nothing secret; expected problems travel as stack-less {@link ConnectionException}s.
 * <p>
 * <b>Note:</b> used on the connection's agent thread only; reporting allocates (cold path).
 */
final class ConnectionErrors
{
    private final ErrorHandler errorHandler;
    private final ConnectionCounters counters;
    private final String prefix;

    ConnectionErrors(final ErrorHandler errorHandler, final ConnectionCounters counters, final String prefix)
    {
        this.errorHandler = errorHandler;
        this.counters = counters;
        this.prefix = prefix;
    }

    /**
     * Report an expected problem without a cause.
     *
     * @param what went wrong.
     */
    void report(final String what)
    {
        report(new ConnectionException(prefix + what));
    }

    /**
     * Report an expected problem with its cause.
     *
     * @param what  went wrong.
     * @param cause of the problem, or {@code null}.
     */
    void report(final String what, final Throwable cause)
    {
        report(new ConnectionException(prefix + what, cause));
    }

    /**
     * Count ERRORS and hand the throwable to the error handler.
     *
     * @param throwable to report.
     */
    void report(final Throwable throwable)
    {
        counters.increment(KiteCounterDescriptor.ERRORS);
        try
        {
            errorHandler.onError(throwable);
        }
        catch (final Throwable ignore)
        {
            // an error handler must not throw; nothing more can be done here
        }
    }
}
