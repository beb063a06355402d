package dev.tributary.ses.suppression;

import dev.tributary.core.TributaryException;

/**
 * Hears a {@link SuppressionReconciler} run's progress. Methods are called on the reconciling thread and must
 * be fast; an exception thrown by one is logged at WARN and ignored. Default methods do nothing.
 */
public interface ReconciliationListener {
    /** A listener that does nothing. */
    ReconciliationListener NONE = new ReconciliationListener() {};

    /**
     * Called after each page of the account list and every 100 store entries, with the counts so far.
     *
     * @param soFar the counts so far
     */
    default void onProgress(ReconciliationReport soFar) {}

    /**
     * Called when one entry could not be copied or removed and the run went on; the error names no address.
     *
     * @param direction the run's direction
     * @param error why
     */
    default void onEntryFailed(ReconciliationReport.Direction direction, TributaryException error) {}
}
