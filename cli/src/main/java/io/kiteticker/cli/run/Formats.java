package io.kiteticker.cli.run;

import java.util.Locale;

/**
 * Number formatting shared by the progress line, the summary and {@code ./kite stats}: locale-independent
 * grouping, latencies in the unit that keeps them short, sizes in binary units.
 */
public final class Formats
{
    private Formats()
    {
    }

    /**
     * A count with thousands separators.
     *
     * @param value to format.
     * @return e.g. {@code 1,234,567}.
     */
    public static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A latency in ns, in us below 10 ms, in ms below 1 s, else in s.
     *
     * @param nanos latency in nanoseconds.
     * @return e.g. {@code 85 us}, {@code 12.3 ms}, {@code 2.37 s}.
     */
    public static String latency(final long nanos)
    {
        if (nanos < 10_000_000L)
        {
            return String.format(Locale.ROOT, "%,d us", Math.round(nanos / 1_000.0));
        }
        if (nanos < 1_000_000_000L)
        {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000.0);
    }

    /**
     * A size in bytes, in B, KiB, MiB or GiB.
     *
     * @param bytes to format.
     * @return e.g. {@code 12.3 MiB}.
     */
    public static String size(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        final String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * A duration in seconds with one decimal.
     *
     * @param nanos duration in nanoseconds.
     * @return e.g. {@code 3.0 s}.
     */
    public static String seconds(final long nanos)
    {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
