package io.kiteticker.cli.run;

import io.kiteticker.codec.packet.Segment;
import io.kiteticker.simulator.market.Universe;
import org.agrona.collections.IntHashSet;

import java.util.Arrays;

/**
 * The {@code --tokens} option: a count (the first N instruments of the simulator's universe, which mix every
 * segment) or a comma-separated list of instrument tokens. A single number is a count; to name a single token,
 * end it with a comma ({@code --tokens 256265,}).
 */
public final class TokenSelection
{
    private final int count;
    private final int[] tokens;

    private TokenSelection(final int count, final int[] tokens)
    {
        this.count = count;
        this.tokens = tokens;
    }

    /**
     * A count of instruments from the universe.
     *
     * @param count how many, at least 1.
     * @return the selection.
     */
    public static TokenSelection count(final int count)
    {
        if (count < 1)
        {
            throw new RunInputException("--tokens: the count must be at least 1 but was " + count);
        }
        return new TokenSelection(count, null);
    }

    /**
     * Parse the option's text.
     *
     * @param text a count, or tokens separated by commas.
     * @return the selection.
     * @throws RunInputException if the text is neither.
     */
    public static TokenSelection parse(final String text)
    {
        final String trimmed = null == text ? "" : text.trim();
        if (trimmed.isEmpty())
        {
            throw new RunInputException("--tokens needs a count or a comma-separated list of instrument tokens");
        }
        if (trimmed.indexOf(',') < 0)
        {
            final int count;
            try
            {
                count = Integer.parseInt(trimmed);
            }
            catch (final NumberFormatException ex)
            {
                throw new RunInputException("--tokens: '" + trimmed +
                    "' is neither a count nor a comma-separated list of instrument tokens");
            }
            return count(count);
        }

        final String[] parts = trimmed.split(",");
        final IntHashSet seen = new IntHashSet();
        final int[] tokens = new int[parts.length];
        int n = 0;
        for (final String part : parts)
        {
            final String item = part.trim();
            if (item.isEmpty())
            {
                continue;
            }
            final int token = parseToken(item);
            if (seen.add(token))
            {
                tokens[n++] = token;
            }
        }
        if (0 == n)
        {
            throw new RunInputException("--tokens: no instrument token in '" + trimmed + "'");
        }
        return new TokenSelection(0, Arrays.copyOf(tokens, n));
    }

    /**
     * Whether this is a count rather than a list.
     *
     * @return true for a count.
     */
    public boolean isCount()
    {
        return null == tokens;
    }

    /**
     * How many tokens this selects.
     *
     * @return the count, or the length of the list.
     */
    public int size()
    {
        return null == tokens ? count : tokens.length;
    }

    /**
     * The tokens: the list, or the first {@code count} instruments of the universe.
     *
     * @param universe to pick a count from.
     * @return a new array of distinct tokens.
     * @throws RunInputException if the universe has fewer instruments than the count.
     */
    public int[] resolve(final Universe universe)
    {
        if (null != tokens)
        {
            return tokens.clone();
        }
        if (count > universe.size())
        {
            throw new RunInputException("--tokens: the simulator's universe lists " + universe.size() +
                " instruments, fewer than " + count + " (to name a single token, end it with a comma: " +
                count + ",)");
        }
        return universe.tokens(count);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return null == tokens ? count + " tokens" : tokens.length + " listed tokens";
    }

    private static int parseToken(final String item)
    {
        final long value;
        try
        {
            value = Long.parseLong(item);
        }
        catch (final NumberFormatException ex)
        {
            throw new RunInputException("--tokens: '" + item + "' is not an instrument token (a number)");
        }
        if (value < 1 || value > 0xFFFF_FFFFL)
        {
            throw new RunInputException("--tokens: " + item + " is out of range for an instrument token (1 to " +
                0xFFFF_FFFFL + ")");
        }
        final int segment = (int)(value & 0xFF);
        if (segment < Segment.NSE || segment > Segment.INDICES || 0 == (value >>> 8))
        {
            throw new RunInputException("--tokens: " + item + " is not a Kite instrument token (its low byte, the " +
                "segment, must be 1 to 9, and exchange token above it non-zero)");
        }
        return (int)value;
    }
}
