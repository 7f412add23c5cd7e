package io.kiteticker.cli.soak;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds lost tokens: a token that has not ticked for longer than the allowance is a loss, counted once per silence.
 * The allowance is the token's expected cadence + the liveness timeout (a stall is noticed only after it) + the
 * first reconnect back-off + 1 s. Around a refusal window of length W every reconnect is refused and the back-off
 * doubles, so the next attempt comes at most about W + back-off after the window ends: silences are counted from
 * that point ({@link #excuseUntil(long)}) instead of the last tick.
 * <p>
 * <b>Note:</b> {@link #scan(long)} runs on the soak's control thread; {@link #excuseUntil(long)} may be called from
 * the fault timer thread.
 */
final class SoakChecker
{
    /**
     * One token silent for longer than allowed.
     *
     * @param tokenIndex of the token.
     * @param slot       the connection slot it arrived on, -1 if it never ticked.
     * @param atNs       when the loss was found.
     */
    record Loss(int tokenIndex, int slot, long atNs)
    {
    }

    private final TokenWatch watch;
    private final long allowanceNs;
    private final long startNs;
    private final BitSet silent;
    private final BitSet lostTokens;
    private final List<Loss> losses = new ArrayList<>();
    private volatile long excusedUntilNs;
    private long longestSilenceNs;

    /**
     * A checker over a watch.
     *
     * @param watch       the tick handler's per-token times.
     * @param allowanceNs longest silence that is no loss.
     * @param startNs     when the tokens were subscribed.
     */
    SoakChecker(final TokenWatch watch, final long allowanceNs, final long startNs)
    {
        this.watch = watch;
        this.allowanceNs = allowanceNs;
        this.startNs = startNs;
        this.silent = new BitSet(watch.tokenCount());
        this.lostTokens = new BitSet(watch.tokenCount());
    }

    /**
     * Count silences from no earlier than this.
     *
     * @param untilNs end of an excused period (nano clock); an earlier one than the current is ignored.
     */
    void excuseUntil(final long untilNs)
    {
        if (untilNs - excusedUntilNs > 0)
        {
            excusedUntilNs = untilNs;
        }
    }

    /**
     * Look at every token once.
     *
     * @param nowNs now, nano clock.
     * @return losses found in this scan.
     */
    int scan(final long nowNs)
    {
        final long excusedUntilNs = this.excusedUntilNs;
        int found = 0;
        for (int i = 0, n = watch.tokenCount(); i < n; i++)
        {
            final long lastNs = watch.lastTickNs(i);
            final long sinceNs = 0 == lastNs ? startNs : lastNs;
            final long silenceNs = nowNs - sinceNs;
            if (silenceNs > longestSilenceNs && 0 != lastNs)
            {
                longestSilenceNs = silenceNs;
            }
            final long countedFromNs = excusedUntilNs - sinceNs > 0 ? excusedUntilNs : sinceNs;
            if (nowNs - countedFromNs > allowanceNs)
            {
                if (!silent.get(i))
                {
                    silent.set(i);
                    lostTokens.set(i);
                    losses.add(new Loss(i, watch.ownerSlot(i), nowNs));
                    found++;
                }
            }
            else
            {
                silent.clear(i);
            }
        }
        return found;
    }

    long allowanceNs()
    {
        return allowanceNs;
    }

    /**
     * Distinct tokens that were lost at least once.
     *
     * @return the count.
     */
    int lostTokenCount()
    {
        return lostTokens.cardinality();
    }

    /**
     * Tokens silent for longer than allowed at the last scan.
     *
     * @return the count.
     */
    int silentNow()
    {
        return silent.cardinality();
    }

    List<Loss> losses()
    {
        return losses;
    }

    /**
     * Longest silence seen of a token that had ticked, excuses not subtracted.
     *
     * @return nanoseconds.
     */
    long longestSilenceNs()
    {
        return longestSilenceNs;
    }
}
