package dev.tributary.opensearch;

import dev.tributary.core.TributaryException;
import dev.tributary.core.support.Listeners;

/**
 * Observes a {@link BulkIndexer}: one call per bulk request and per item that failed for good. Methods have
 * no-op defaults, run on the I/O thread that completed the request and must be fast; an exception thrown
 * here is logged at WARN and ignored.
 */
public interface BulkListener {
    /** A listener that does nothing. */
    BulkListener NONE = new BulkListener() {};

    /**
     * Returns a listener that calls {@code first}, then {@code second}; {@code second} is called even when
     * {@code first} throws (that exception is then passed on, to be logged by the indexer).
     *
     * @param first called first, such as a metrics listener
     * @param second called next, such as the application's own listener
     * @return the combined listener
     */
    static BulkListener both(BulkListener first, BulkListener second) {
        return Listeners.both(BulkListener.class, first, second);
    }

    /**
     * A bulk request is about to be sent.
     *
     * @param requestId a sequence number of the request
     * @param actions operations in it
     * @param bytes uncompressed body size
     */
    default void beforeBulk(long requestId, int actions, long bytes) {}

    /**
     * A bulk request was answered.
     *
     * @param requestId the request's sequence number
     * @param succeeded items written (stale external-version writes included)
     * @param retried items sent again later (429/5xx)
     * @param failed items that failed for good
     * @param tookMillis round-trip time
     */
    default void afterBulk(long requestId, int succeeded, int retried, int failed, long tookMillis) {}

    /**
     * A whole request failed after its retries; its items are retried or failed one by one.
     *
     * @param requestId the request's sequence number
     * @param error the failure
     */
    default void onRequestFailure(long requestId, TributaryException error) {}
}
