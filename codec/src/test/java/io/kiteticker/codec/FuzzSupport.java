package io.kiteticker.codec;

/**
 * What the codec's jazzer {@code @FuzzTest}s share: their limits, a cheap check (AssertJ would slow the fuzzer
 * down) and the printer of their counts by result code.
 * <p>
 * The limits apply only with {@code JAZZER_FUZZ=1}: a fuzzing run stops at {@link #MAX_EXECUTIONS} inputs or
 * after {@link #MAX_DURATION}, whichever comes first. Without it (the normal build) each {@code @FuzzTest} runs the
 * inputs in its {@code <TestClass>Inputs/<method>/} resource directory once, as ordinary tests. A shorter run
 * appends libFuzzer's own flag, which wins as the later one:
 * {@code -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=120}.
 */
public final class FuzzSupport
{
    /**
     * Longest fuzzing run of one target.
     */
    public static final String MAX_DURATION = "2h";

    /**
     * Inputs after which a fuzzing run of one target stops.
     */
    public static final long MAX_EXECUTIONS = 10_000_000L;

    private FuzzSupport()
    {
    }

    /**
     * Fail the input when a contract does not hold.
     *
     * @param condition the contract.
     * @param what      names the contract in the failure.
     */
    public static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError(what);
        }
    }

    /**
     * Print counts by kind into the test's report output (surefire redirects it to a file).
     *
     * @param title  naming the target and the meaning of each slot, in order.
     * @param counts one per kind.
     */
    public static void printCounts(final String title, final int[] counts)
    {
        final StringBuilder builder = new StringBuilder(title).append(':');
        for (final int count : counts)
        {
            builder.append(' ').append(count);
        }
        System.out.println(builder);
    }
}
