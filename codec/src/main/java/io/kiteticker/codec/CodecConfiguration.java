package io.kiteticker.codec;

/**
 * System properties of the codec, each a {@code *_PROP_NAME}/{@code *_DEFAULT} pair read once, when this class is
 * initialised, into a {@code static final} that the JIT folds (the Aeron {@code Configuration} pattern).
 * <p>
 * <b>Note:</b> set a property on the command line ({@code -D…}) or before any codec class is loaded; a later change
 * has no effect.
 */
public final class CodecConfiguration
{
    /**
     * Whether {@code TickDecoder}'s {@code *AsDouble()} accessors use the division-free, still exact
     * {@code scaledToDouble}: {@code true}, {@code false} or {@value #FAST_EXACT_DIVISION_AUTO}.
     */
    public static final String FAST_EXACT_DIVISION_PROP_NAME = "kite.codec.fastExactDivision";

    /**
     * Value of {@link #FAST_EXACT_DIVISION_PROP_NAME} that decides by the JVM: on when it compiles
     * {@link Math#fma(double, double, double)} to a hardware fused multiply-add (HotSpot's {@code UseFMA}, on by
     * default on x86-64 with FMA3 and on AArch64). Without it {@code Math.fma} is a slow software routine.
     */
    public static final String FAST_EXACT_DIVISION_AUTO = "auto";

    /**
     * Default of {@link #FAST_EXACT_DIVISION_PROP_NAME}: {@value #FAST_EXACT_DIVISION_AUTO}.
     */
    public static final String FAST_EXACT_DIVISION_DEFAULT = FAST_EXACT_DIVISION_AUTO;

    /**
     * {@link #FAST_EXACT_DIVISION_PROP_NAME} as read once: true to use the division-free path.
     */
    public static final boolean FAST_EXACT_DIVISION = fastExactDivision(
        System.getProperty(FAST_EXACT_DIVISION_PROP_NAME, FAST_EXACT_DIVISION_DEFAULT));

    private CodecConfiguration()
    {
    }

    /**
     * Resolve a value of {@link #FAST_EXACT_DIVISION_PROP_NAME}.
     *
     * @param value {@value #FAST_EXACT_DIVISION_AUTO} (any case) to ask the JVM, else as
     *              {@link Boolean#parseBoolean(String)}.
     * @return true to use the division-free path.
     */
    static boolean fastExactDivision(final String value)
    {
        return FAST_EXACT_DIVISION_AUTO.equalsIgnoreCase(value) ? hasHardwareFma() : Boolean.parseBoolean(value);
    }

    /**
     * Does the JVM compile {@link Math#fma(double, double, double)} to an instruction (HotSpot's {@code UseFMA})?
     *
     * @return true if so; false if unknown.
     */
    static boolean hasHardwareFma()
    {
        try
        {
            final com.sun.management.HotSpotDiagnosticMXBean bean = java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);

            return null != bean && "true".equals(bean.getVMOption("UseFMA").getValue());
        }
        catch (final Throwable ignore)
        {
            return false;
        }
    }
}
