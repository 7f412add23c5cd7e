package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntIntConsumer;

/**
 * The subscription state of one connection: token to {@link io.kiteticker.codec.Mode#code() mode code}, remembered
 * whether or not the connection is LIVE, so a reconnect can resubscribe it ({@link ResubscribePlan}). Applies the
 * SUBSCRIBE, UNSUBSCRIBE and CHANGE_MODE commands of the {@link ConnectionProxy} and moves each to the phase that
 * sends it. Each request that changes what the server sends for a token marks the token pending in the
 * {@link ModeGate} (a subscribe in a mode other than quote, the default the server answers a {@code subscribe} with;
 * a subscribe or mode change to another mode than the token had), and {@link #onNewSession()} marks every token
 * whose mode is not quote, since a new session starts every token in quote.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread.
 */
final class TokenModes
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final float LOAD_FACTOR = 0.65f;
    private static final int MISSING_MODE = 0;

    private static final int SUBSCRIBE_DEFAULT_MODE_CODE = Mode.QUOTE.code();

    private final Int2IntHashMap tokenModes = new Int2IntHashMap(INITIAL_CAPACITY, LOAD_FACTOR, MISSING_MODE, true);
    private final ModeGate modeGate;
    private final IntIntConsumer expectUnlessDefault = this::expectUnlessDefault;

    /**
     * Create the empty state of a connection.
     *
     * @param modeGate to mark the tokens whose mode the server has yet to switch to.
     */
    TokenModes(final ModeGate modeGate)
    {
        this.modeGate = modeGate;
    }

    /**
     * The map, token to mode code.
     *
     * @return the map (owned by this class; read it, do not change it).
     */
    Int2IntHashMap map()
    {
        return tokenModes;
    }

    /**
     * Tokens remembered.
     *
     * @return the token count.
     */
    int size()
    {
        return tokenModes.size();
    }

    /**
     * Mode code of a token.
     *
     * @param token instrument token.
     * @return its mode code, or 0 when not subscribed.
     */
    int modeCode(final int token)
    {
        return tokenModes.get(token);
    }

    /**
     * A session went LIVE and is about to be resubscribed: every token not in quote mode is pending until the server
     * sends its mode.
     */
    void onNewSession()
    {
        modeGate.clear();
        tokenModes.forEachInt(expectUnlessDefault);
    }

    /**
     * Apply a subscription command to the map and set its send phase and cursor. A CHANGE_MODE keeps only the tokens
     * already subscribed (its count shrinks to those); any other type (CLOSE) is marked done.
     *
     * @param command to apply, in {@link ConnectionCommand#PHASE_APPLY}.
     */
    void apply(final ConnectionCommand command)
    {
        final int[] tokens = command.tokens;
        switch (command.type)
        {
            case ConnectionCommand.SUBSCRIBE:
            {
                final int modeCode = command.mode.code();
                for (int i = 0; i < command.count; i++)
                {
                    final int token = tokens[i];
                    final int oldModeCode = tokenModes.put(token, modeCode);
                    final boolean isModeChanged = MISSING_MODE != oldModeCode && oldModeCode != modeCode;
                    if (SUBSCRIBE_DEFAULT_MODE_CODE != modeCode || isModeChanged)
                    {
                        modeGate.expect(token, modeCode);
                    }
                    else
                    {
                        modeGate.forget(token);
                    }
                }
                command.phase = ConnectionCommand.PHASE_SUBSCRIBE;
                break;
            }

            case ConnectionCommand.UNSUBSCRIBE:
            {
                for (int i = 0; i < command.count; i++)
                {
                    tokenModes.remove(tokens[i]);
                    modeGate.forget(tokens[i]);
                }
                command.phase = ConnectionCommand.PHASE_UNSUBSCRIBE;
                break;
            }

            case ConnectionCommand.CHANGE_MODE:
            {
                final int modeCode = command.mode.code();
                int kept = 0;
                for (int i = 0; i < command.count; i++)
                {
                    final int token = tokens[i];
                    final int oldModeCode = tokenModes.get(token);
                    if (MISSING_MODE != oldModeCode)
                    {
                        tokenModes.put(token, modeCode);
                        tokens[kept++] = token;
                        if (oldModeCode != modeCode)
                        {
                            modeGate.expect(token, modeCode);
                        }
                    }
                }
                command.count = kept;
                command.phase = ConnectionCommand.PHASE_MODE;
                break;
            }

            default:
                command.phase = ConnectionCommand.PHASE_DONE;
                break;
        }
        command.cursor = 0;
    }

    private void expectUnlessDefault(final int token, final int modeCode)
    {
        if (SUBSCRIBE_DEFAULT_MODE_CODE != modeCode)
        {
            modeGate.expect(token, modeCode);
        }
    }
}
