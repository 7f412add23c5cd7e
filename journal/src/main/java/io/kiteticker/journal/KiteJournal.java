package io.kiteticker.journal;

import io.kiteticker.engine.KiteManager;
import io.kiteticker.engine.KiteManagerBuilder;

/**
 * A {@link KiteManager} with a {@link JournalWriter} attached, closed in the right order.
 * <pre>
 * final KiteManagerBuilder builder = KiteManager.builder().addApiKey("main", apiKey, accessToken);
 * try (KiteJournal journal = KiteJournal.build(builder, new JournalContext().directory(Path.of("journal"))))
 * {
 *     final KiteManager manager = journal.manager();
 *     manager.start();
 *     manager.subscribe(new int[]{ 256265 }, Mode.FULL);
 *     ...
 * } // closes the manager (handler threads drained, halted, joined), then the writer and its queue
 * </pre>
 */
public final class KiteJournal implements AutoCloseable
{
    private final KiteManager manager;
    private final JournalWriter writer;

    private KiteJournal(final KiteManager manager, final JournalWriter writer)
    {
        this.manager = manager;
        this.writer = writer;
    }

    /**
     * Register a journal writer for ticks and text messages on the builder, build the manager and record the
     * session document (key ids, connections per key, the builder's settings summary, start time). The ticks
     * appended are counted in the engine's status ({@value JournalWriter#TICKS_APPENDED_COUNTER_LABEL}).
     * <p>
     * Add every key and setting (and any other handler) to the builder first; do not call its {@code build()}.
     *
     * @param builder with keys and settings, not yet built.
     * @param context of the journal.
     * @return the journal holding the built, unstarted manager.
     */
    public static KiteJournal build(final KiteManagerBuilder builder, final JournalContext context)
    {
        context.conclude();
        final JournalWriter writer = JournalWriter.open(context);
        try
        {
            builder.onTick(writer).onText(writer);
            final String settings = builder + " journal=" + context.rollCycle();
            final KiteManager manager = builder.build();
            writer.countTicksInto(manager.engineStatus().countersManager().newCounter(
                JournalWriter.TICKS_APPENDED_COUNTER_LABEL, JournalWriter.TICKS_APPENDED_COUNTER_TYPE_ID));
            writer.writeSession(SessionInfo.of(manager, settings, context.epochNanoClock().nanoTime()));
            return new KiteJournal(manager, writer);
        }
        catch (final RuntimeException ex)
        {
            writer.close();
            throw ex;
        }
    }

    /**
     * The manager, built and not started.
     *
     * @return the manager.
     */
    public KiteManager manager()
    {
        return manager;
    }

    /**
     * The writer registered on the manager.
     *
     * @return the writer.
     */
    public JournalWriter writer()
    {
        return writer;
    }

    /**
     * Close the manager (which stops and joins its handler threads), then the writer.
     */
    @Override
    public void close()
    {
        try
        {
            manager.close();
        }
        finally
        {
            writer.close();
        }
    }
}
