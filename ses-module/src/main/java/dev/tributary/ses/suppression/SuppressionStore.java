package dev.tributary.ses.suppression;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A place to keep suppressed addresses, written by {@link SuppressionPolicy} and read through the
 * {@link SuppressionList} view: implement it over your database, or use {@link InMemorySuppressionStore} or
 * {@link DynamoDbSuppressionStore}.
 *
 * <p>Implementations must be thread-safe, compare addresses by their {@linkplain SuppressionList#normalize
 * normalised} form, and make {@link #suppress} idempotent (the same event may be delivered more than once).
 * Exceptions thrown by an implementation propagate to the caller of {@link SuppressionPolicy#apply}.
 */
public interface SuppressionStore extends SuppressionList {
    /**
     * Adds or refreshes an address permanently.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     * @param reason why
     * @param at when the bounce or complaint happened
     */
    void suppress(String address, SuppressionReason reason, Instant at);

    /**
     * Adds an address until {@code expiresAt} (a transient bounce); a permanent entry for the address stays
     * permanent. The default refuses: stores that cannot expire entries must not turn them into permanent ones.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     * @param reason why
     * @param at when the bounce happened
     * @param expiresAt when the address may be sent to again
     * @throws UnsupportedOperationException when the store cannot expire entries
     */
    default void suppressUntil(String address, SuppressionReason reason, Instant at, Instant expiresAt) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot expire entries; use"
                + " InMemorySuppressionStore or DynamoDbSuppressionStore for transient-bounce suppression");
    }

    /**
     * Removes an address, e.g. after the recipient asked to receive mail again; no-op when absent.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     */
    void remove(String address);

    /**
     * Returns the entry for an address; expired temporary entries are absent.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     * @return the entry, or empty when the address is not suppressed
     * @throws UnsupportedOperationException when the store cannot read entries back
     */
    default Optional<SuppressedAddress> find(String address) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read entries back");
    }

    /**
     * Passes every active entry to {@code action}, in no particular order; used to push the store to the
     * SES account-level suppression list.
     *
     * @param action called once per entry, on the calling thread
     * @throws UnsupportedOperationException when the store cannot list its entries
     */
    default void forEachEntry(Consumer<SuppressedAddress> action) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list its entries");
    }
}
