package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;

/**
 * A command from a control thread to a {@link ConnectionAgent}. Created (allocated) on the control thread by
 * {@link ConnectionProxy} with its own copy of the tokens; owned by the agent's {@link CommandProcessor} once polled
 * from the queue, which keeps the progress of a partly sent request in it.
 */
final class ConnectionCommand
{
    static final int SUBSCRIBE = 1;
    static final int UNSUBSCRIBE = 2;
    static final int CHANGE_MODE = 3;
    static final int CLOSE = 4;

    static final int PHASE_APPLY = 0;
    static final int PHASE_SUBSCRIBE = 1;
    static final int PHASE_UNSUBSCRIBE = 2;
    static final int PHASE_MODE = 3;
    static final int PHASE_DONE = 4;

    final int type;
    final int[] tokens;
    int count;
    final Mode mode;
    int phase = PHASE_APPLY;
    int cursor;

    ConnectionCommand(final int type, final int[] tokens, final int count, final Mode mode)
    {
        this.type = type;
        this.tokens = tokens;
        this.count = count;
        this.mode = mode;
    }

    static String typeName(final int type)
    {
        switch (type)
        {
            case SUBSCRIBE:
                return "SUBSCRIBE";
            case UNSUBSCRIBE:
                return "UNSUBSCRIBE";
            case CHANGE_MODE:
                return "CHANGE_MODE";
            case CLOSE:
                return "CLOSE";
            default:
                return "UNKNOWN";
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ConnectionCommand{" + typeName(type) + ", count=" + count + ", mode=" + mode + '}';
    }
}
