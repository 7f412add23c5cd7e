package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import org.agrona.BitUtil;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntIntConsumer;

import java.util.Arrays;

/**
 * What to send after a reconnect, built from the token to mode-code map and walked frame by frame: first one
 * {@code subscribe} frame per {@code maxTokensPerFrame} tokens (all tokens), then, per mode in {@link Mode} order,
 * one {@code mode} frame per {@code maxTokensPerFrame} tokens of that mode. Pure: no I/O, so the sender may refuse a
 * frame and the plan resumes with that very frame.
 * <pre>
 *   plan.build(tokenModes);
 *   while (plan.hasNext() &amp;&amp; send(plan))   // send the frame the plan describes now
 *   {
 *       plan.advance();
 *   }
 * </pre>
 * <b>Note:</b> owned by the connection's agent thread; building reuses its arrays (it grows them only when the map
 * grew past them), walking allocates nothing.
 */
final class ResubscribePlan
{
    private static final Mode[] MODES = { Mode.LTP, Mode.QUOTE, Mode.FULL };
    private static final int INITIAL_CAPACITY = 1024;
    private static final int PHASE_DONE = 0;
    private static final int PHASE_SUBSCRIBE = 1;
    private static final int PHASE_MODE = 2;

    private final int maxTokensPerFrame;
    private final int[] modeStart = new int[MODES.length + 1];
    private final int[] fillPosition = new int[MODES.length];
    private int[] tokens = new int[INITIAL_CAPACITY];
    private final IntIntConsumer countByMode = (token, modeCode) -> modeStart[modeCode]++;
    private final IntIntConsumer fillByMode = (token, modeCode) -> tokens[fillPosition[modeCode - 1]++] = token;
    private int size;
    private int phase = PHASE_DONE;
    private int modeIndex;
    private int cursor;

    /**
     * Create an empty plan.
     *
     * @param maxTokensPerFrame most tokens in one frame, &gt; 0.
     */
    ResubscribePlan(final int maxTokensPerFrame)
    {
        if (maxTokensPerFrame <= 0)
        {
            throw new IllegalArgumentException("maxTokensPerFrame must be > 0: " + maxTokensPerFrame);
        }
        this.maxTokensPerFrame = maxTokensPerFrame;
    }

    /**
     * Plan the frames for every token in the map, replacing any plan in progress.
     *
     * @param tokenModes token to {@link Mode#code()}.
     * @return this for a fluent API.
     */
    ResubscribePlan build(final Int2IntHashMap tokenModes)
    {
        size = tokenModes.size();
        if (tokens.length < size)
        {
            tokens = new int[BitUtil.findNextPositivePowerOfTwo(size)];
        }

        Arrays.fill(modeStart, 0);
        tokenModes.forEachInt(countByMode);
        for (int m = 0; m < MODES.length; m++)
        {
            modeStart[m + 1] += modeStart[m];
            fillPosition[m] = modeStart[m];
        }
        tokenModes.forEachInt(fillByMode);

        modeIndex = 0;
        cursor = 0;
        phase = size > 0 ? PHASE_SUBSCRIBE : PHASE_DONE;
        return this;
    }

    /**
     * Forget the plan.
     */
    void clear()
    {
        phase = PHASE_DONE;
        size = 0;
        cursor = 0;
        modeIndex = 0;
    }

    /**
     * Is there a frame left to send.
     *
     * @return true while frames remain.
     */
    boolean hasNext()
    {
        return PHASE_DONE != phase;
    }

    /**
     * Is the current frame a {@code subscribe} (else a {@code mode}) frame.
     *
     * @return true for subscribe.
     */
    boolean isSubscribe()
    {
        return PHASE_SUBSCRIBE == phase;
    }

    /**
     * Mode of the current {@code mode} frame.
     *
     * @return the mode.
     */
    Mode mode()
    {
        return MODES[modeIndex];
    }

    /**
     * Tokens of the plan; the current frame's are {@link #count()} from {@link #offset()}.
     *
     * @return the token array (owned by the plan).
     */
    int[] tokens()
    {
        return tokens;
    }

    /**
     * Offset in {@link #tokens()} of the current frame's first token.
     *
     * @return the offset.
     */
    int offset()
    {
        return cursor;
    }

    /**
     * Tokens in the current frame.
     *
     * @return the count, at most {@code maxTokensPerFrame}.
     */
    int count()
    {
        return Math.min(segmentEnd() - cursor, maxTokensPerFrame);
    }

    /**
     * Tokens in the plan.
     *
     * @return the token count.
     */
    int size()
    {
        return size;
    }

    /**
     * The current frame was sent: move to the next.
     */
    void advance()
    {
        if (PHASE_DONE == phase)
        {
            return;
        }

        cursor += count();
        if (cursor < segmentEnd())
        {
            return;
        }

        if (PHASE_SUBSCRIBE == phase)
        {
            phase = PHASE_MODE;
            modeIndex = 0;
        }
        else
        {
            modeIndex++;
        }

        while (modeIndex < MODES.length && modeStart[modeIndex] == modeStart[modeIndex + 1])
        {
            modeIndex++;
        }
        if (modeIndex < MODES.length)
        {
            cursor = modeStart[modeIndex];
        }
        else
        {
            clear();
        }
    }

    private int segmentEnd()
    {
        return PHASE_SUBSCRIBE == phase ? size : modeStart[modeIndex + 1];
    }
}
