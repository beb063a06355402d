package dev.tributary.ses.suppression;

import java.time.Instant;

/**
 * A place to keep suppressed addresses, written by {@link SuppressionPolicy} and read through the
 * {@link SuppressionList} view: implement it over your database, or use {@link InMemorySuppressionStore}.
 *
 * <p>Implementations must be thread-safe, compare addresses by their {@linkplain SuppressionList#normalize
 * normalised} form, and make {@link #suppress} idempotent (the same event may be delivered more than once).
 * Exceptions thrown by an implementation propagate to the caller of {@link SuppressionPolicy#apply}.
 */
public interface SuppressionStore extends SuppressionList {
    /**
     * Adds or refreshes an address.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     * @param reason why
     * @param at when the bounce or complaint happened
     */
    void suppress(String address, SuppressionReason reason, Instant at);

    /**
     * Removes an address, e.g. after the recipient asked to receive mail again; no-op when absent.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     */
    void remove(String address);
}
