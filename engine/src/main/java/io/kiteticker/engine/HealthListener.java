package io.kiteticker.engine;

/**
 * Told when the manager's health changes; see {@link KiteManagerBuilder#onHealthChange(HealthListener)}.
 * <p>
 * <b>Note:</b> called on the manager's {@code kite-health} control thread, never on a connection thread.
 */
@FunctionalInterface
public interface HealthListener
{
    /**
     * The set of live and not-live connections changed since the previous check.
     *
     * @param health the new summary.
     */
    void onHealthChange(HealthSummary health);
}
