package io.kiteticker.engine.connection;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * The subscription side of one connection: drains the commands of the {@link ConnectionProxy}, applies each to the
 * {@link TokenModes} at once, and while the connection is LIVE turns it into request frames for the
 * {@link SenderEndPoint} (one {@code subscribe} and one {@code mode} frame per SUBSCRIBE, one {@code unsubscribe}
 * frame per UNSUBSCRIBE, one {@code mode} frame per CHANGE_MODE, each split above {@code maxTokensPerFrame}
 * tokens). After a reconnect it replays the {@link ResubscribePlan}; commands wait behind the plan, so requests reach
 * the server in the order they were made.
 * <p>
 * <b>Back-pressure.</b> When the send buffer refuses a frame the command is kept, with its phase and cursor, and
 * resumed with that very frame on the next {@link #drain()}; the plan likewise. While not LIVE a command only changes
 * the token map: the next session's plan sends it.
 * <p>
 * What it needs from its conductor (state, the flush that may lose the connection, the close) comes through a
 * {@link Conductor}; this class owns no state of the state machine, so it is unit tested without a socket.
 * <p>
 * <b>Note:</b> owned by the connection's agent thread ({@link #subscribedCount()} may be read from any thread);
 * allocates nothing, the commands are allocated by the proxy on the control thread.
 */
final class CommandProcessor
{
    /**
     * What the processor asks of the connection's conductor. Called on the agent thread during {@link #drain()},
     * {@link #onLive()} and {@link #resubscribe()}.
     */
    interface Conductor
    {
        /**
         * Is the connection LIVE, so requests may be sent now.
         *
         * @return true when LIVE.
         */
        boolean isLive();

        /**
         * Flush the send buffer after a frame was queued; a failed write loses the connection (then
         * {@link #isLive()} is false).
         *
         * @return 1 if bytes were written, else 0.
         */
        int flush();

        /**
         * A CLOSE command arrived: close the connection for good.
         */
        void onCloseCommand();
    }

    private final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue;
    private final int drainLimit;
    private final int maxTokensPerFrame;
    private final SenderEndPoint sender;
    private final Conductor conductor;
    private final TokenModes tokenModes;
    private final ResubscribePlan resubscribePlan;
    private ConnectionCommand pendingCommand;
    private volatile int subscribedCount;

    /**
     * Create the processor of a connection.
     *
     * @param commandQueue      the proxy offers commands to.
     * @param drainLimit        most commands taken per {@link #drain()}, &gt; 0.
     * @param maxTokensPerFrame most tokens in one request frame.
     * @param sender            to queue request frames with.
     * @param conductor         of the connection.
     * @param modeGate          to mark tokens whose requested mode the server has yet to switch to.
     */
    CommandProcessor(
        final ManyToOneConcurrentArrayQueue<ConnectionCommand> commandQueue,
        final int drainLimit,
        final int maxTokensPerFrame,
        final SenderEndPoint sender,
        final Conductor conductor,
        final ModeGate modeGate)
    {
        this.commandQueue = commandQueue;
        this.drainLimit = drainLimit;
        this.maxTokensPerFrame = maxTokensPerFrame;
        this.sender = sender;
        this.conductor = conductor;
        tokenModes = new TokenModes(modeGate);
        resubscribePlan = new ResubscribePlan(maxTokensPerFrame);
    }

    /**
     * Tokens remembered (subscribed, whether or not LIVE), any thread.
     *
     * @return the token count.
     */
    int subscribedCount()
    {
        return subscribedCount;
    }

    /**
     * Mode code of a remembered token.
     *
     * @param token instrument token.
     * @return its {@link io.kiteticker.codec.Mode#code() mode code}, or 0 when not subscribed.
     */
    int modeCode(final int token)
    {
        return tokenModes.modeCode(token);
    }

    /**
     * Is a resubscription still being sent.
     *
     * @return true while the plan has frames left.
     */
    boolean isResubscribing()
    {
        return resubscribePlan.hasNext();
    }

    /**
     * Take up to the drain limit of commands, the one a refused send left pending first; nothing while a
     * resubscription is still being sent.
     *
     * @return the number of commands worked on.
     */
    int drain()
    {
        int workCount = 0;
        for (int i = 0; i < drainLimit; i++)
        {
            if (resubscribePlan.hasNext())
            {
                break;
            }

            ConnectionCommand command = pendingCommand;
            if (null == command)
            {
                command = commandQueue.poll();
                if (null == command)
                {
                    break;
                }
            }

            workCount++;
            if (process(command))
            {
                pendingCommand = null;
            }
            else
            {
                pendingCommand = command;
                break;
            }
        }

        return workCount;
    }

    /**
     * A session went LIVE: plan the resubscription of every remembered token and start sending it; a command left
     * pending by the last session is covered by the plan, since it was applied to the map already.
     *
     * @return the number of frames queued and flushes that wrote.
     */
    int onLive()
    {
        tokenModes.onNewSession();
        resubscribePlan.build(tokenModes.map());
        pendingCommand = null;
        return sendPlan();
    }

    /**
     * Send what is left of the resubscription, as far as the send buffer takes it.
     *
     * @return the number of frames queued and flushes that wrote, 0 when there is no plan.
     */
    int resubscribe()
    {
        return resubscribePlan.hasNext() ? sendPlan() : 0;
    }

    /**
     * Stop sending the resubscription (the connection is closing).
     */
    void cancelResubscribe()
    {
        resubscribePlan.clear();
    }

    /**
     * The session ended: forget the plan and the pending command (the map keeps every token for the next session).
     */
    void reset()
    {
        resubscribePlan.clear();
        pendingCommand = null;
    }

    private int sendPlan()
    {
        final ResubscribePlan plan = resubscribePlan;
        final SenderEndPoint sender = this.sender;
        final Conductor conductor = this.conductor;
        int workCount = 0;
        while (plan.hasNext() && conductor.isLive())
        {
            final boolean isQueued = plan.isSubscribe() ?
                sender.sendSubscribe(plan.tokens(), plan.offset(), plan.count()) :
                sender.sendMode(plan.mode(), plan.tokens(), plan.offset(), plan.count());
            if (!isQueued)
            {
                break;
            }
            plan.advance();
            workCount++;
            conductor.flush();
        }

        workCount += conductor.flush();
        return workCount;
    }

    /**
     * Apply a command and send its frames while LIVE.
     *
     * @return false when the send buffer refused a frame (the command is to be resumed), else true.
     */
    private boolean process(final ConnectionCommand command)
    {
        if (ConnectionCommand.PHASE_APPLY == command.phase)
        {
            if (ConnectionCommand.CLOSE == command.type)
            {
                command.phase = ConnectionCommand.PHASE_DONE;
                conductor.onCloseCommand();
                return true;
            }
            tokenModes.apply(command);
            subscribedCount = tokenModes.size();
        }

        while (ConnectionCommand.PHASE_DONE != command.phase)
        {
            if (!conductor.isLive())
            {
                return true;
            }

            final int remaining = command.count - command.cursor;
            if (remaining <= 0)
            {
                command.phase = ConnectionCommand.PHASE_SUBSCRIBE == command.phase ?
                    ConnectionCommand.PHASE_MODE : ConnectionCommand.PHASE_DONE;
                command.cursor = 0;
                continue;
            }

            final int count = Math.min(remaining, maxTokensPerFrame);
            final boolean isQueued;
            switch (command.phase)
            {
                case ConnectionCommand.PHASE_SUBSCRIBE:
                    isQueued = sender.sendSubscribe(command.tokens, command.cursor, count);
                    break;

                case ConnectionCommand.PHASE_UNSUBSCRIBE:
                    isQueued = sender.sendUnsubscribe(command.tokens, command.cursor, count);
                    break;

                default:
                    isQueued = sender.sendMode(command.mode, command.tokens, command.cursor, count);
                    break;
            }

            if (!isQueued)
            {
                return false;
            }
            command.cursor += count;
            conductor.flush();
        }

        return true;
    }
}
