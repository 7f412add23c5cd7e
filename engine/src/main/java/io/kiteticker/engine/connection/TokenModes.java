package io.kiteticker.engine.connection;

import org.agrona.collections.Int2IntHashMap;

/**
 * The subscription state of one connection: token to {@link io.kiteticker.codec.Mode#code() mode code}, remembered
 * whether or not the connection is LIVE, so a reconnect can resubscribe it ({@link ResubscribePlan}). Applies the
 * SUBSCRIBE, UNSUBSCRIBE and CHANGE_MODE commands of the {@link ConnectionProxy} and moves each to the phase that
 * sends it.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread.
 */
final class TokenModes
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final float LOAD_FACTOR = 0.65f;
    private static final int MISSING_MODE = 0;

    private final Int2IntHashMap tokenModes = new Int2IntHashMap(INITIAL_CAPACITY, LOAD_FACTOR, MISSING_MODE, true);

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
                    tokenModes.put(tokens[i], modeCode);
                }
                command.phase = ConnectionCommand.PHASE_SUBSCRIBE;
                break;
            }

            case ConnectionCommand.UNSUBSCRIBE:
            {
                for (int i = 0; i < command.count; i++)
                {
                    tokenModes.remove(tokens[i]);
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
                    if (MISSING_MODE != tokenModes.get(token))
                    {
                        tokenModes.put(token, modeCode);
                        tokens[kept++] = token;
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
}
