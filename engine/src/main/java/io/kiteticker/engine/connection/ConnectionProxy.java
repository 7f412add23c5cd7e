package io.kiteticker.engine.connection;

import io.kiteticker.codec.Mode;
import io.kiteticker.engine.status.ConnectionCounters;
import io.kiteticker.engine.status.KiteCounterDescriptor;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.Objects;

/**
 * Thread-safe facade through which control threads command a {@link ConnectionAgent}, as Aeron's
 * {@code ReceiverProxy}: each call copies its arguments into a new command (the control plane may allocate) and
 * offers it to the agent's bounded {@link ManyToOneConcurrentArrayQueue}. The agent applies commands in order at the
 * start of a duty cycle; the data path never locks.
 * <p>
 * A call returns false when the queue is full (counted in COMMAND_QUEUE_FULL) or the connection has been asked to
 * close; the caller may retry. Acceptance means the command is queued, not that the server has seen it: the agent
 * remembers every token with its mode and, while LIVE, sends one {@code subscribe} frame and one {@code mode} frame
 * per call (split only above {@link ConnectionAgent#MAX_TOKENS_PER_FRAME} tokens); while not LIVE it sends them all
 * on the next (re)subscribe.
 */
public final class ConnectionProxy
{
    private final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue;
    private final ConnectionCounters counters;
    private volatile boolean isCloseRequested;

    ConnectionProxy(
        final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue, final ConnectionCounters counters)
    {
        this.commandQueue = commandQueue;
        this.counters = counters;
    }

    /**
     * Subscribe tokens in a mode (remembered, and sent now if LIVE: one subscribe frame and one mode frame).
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param count  of tokens.
     * @param mode   to stream them in.
     * @return true if the command was queued.
     */
    public boolean subscribe(final int[] tokens, final int offset, final int count, final Mode mode)
    {
        Objects.requireNonNull(mode, "mode");
        return offer(ConnectionCommand.SUBSCRIBE, tokens, offset, count, mode);
    }

    /**
     * Unsubscribe tokens (forgotten, and an unsubscribe frame sent now if LIVE).
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param count  of tokens.
     * @return true if the command was queued.
     */
    public boolean unsubscribe(final int[] tokens, final int offset, final int count)
    {
        return offer(ConnectionCommand.UNSUBSCRIBE, tokens, offset, count, null);
    }

    /**
     * Change the mode of subscribed tokens (tokens not subscribed on this connection are ignored).
     *
     * @param tokens array holding the instrument tokens.
     * @param offset of the first token in the array.
     * @param count  of tokens.
     * @param mode   new mode.
     * @return true if the command was queued.
     */
    public boolean changeMode(final int[] tokens, final int offset, final int count, final Mode mode)
    {
        Objects.requireNonNull(mode, "mode");
        return offer(ConnectionCommand.CHANGE_MODE, tokens, offset, count, mode);
    }

    /**
     * Close the connection for good: a WebSocket close handshake (bounded by the close timeout) if LIVE, then the
     * socket is closed and the agent ends in {@link ConnectionState#CLOSED}. Later commands are refused.
     *
     * @return true if the close was queued (or had been already).
     */
    public boolean close()
    {
        if (isCloseRequested)
        {
            return true;
        }
        if (commandQueue.offer(new ConnectionCommand(ConnectionCommand.CLOSE, null, 0, null)))
        {
            isCloseRequested = true;
            return true;
        }
        counters.incrementAtomic(KiteCounterDescriptor.COMMAND_QUEUE_FULL);
        return false;
    }

    /**
     * Has {@link #close()} been accepted.
     *
     * @return true once close was queued.
     */
    public boolean isCloseRequested()
    {
        return isCloseRequested;
    }

    private boolean offer(final int type, final int[] tokens, final int offset, final int count, final Mode mode)
    {
        Objects.requireNonNull(tokens, "tokens");
        if (offset < 0 || count < 0 || offset > tokens.length - count)
        {
            throw new IndexOutOfBoundsException(
                "offset=" + offset + " count=" + count + " length=" + tokens.length);
        }
        if (isCloseRequested)
        {
            return false;
        }
        if (0 == count)
        {
            return true;
        }

        final int[] copy = new int[count];
        System.arraycopy(tokens, offset, copy, 0, count);
        if (commandQueue.offer(new ConnectionCommand(type, copy, count, mode)))
        {
            return true;
        }
        counters.incrementAtomic(KiteCounterDescriptor.COMMAND_QUEUE_FULL);
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "ConnectionProxy{queued=" + commandQueue.size() + ", closeRequested=" + isCloseRequested + '}';
    }
}
