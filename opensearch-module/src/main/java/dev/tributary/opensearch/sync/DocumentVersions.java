package dev.tributary.opensearch.sync;

import dev.tributary.core.ChangeEvent;
import java.math.BigInteger;
import java.util.function.ToLongFunction;

/**
 * Ways to give each change an external version that only grows for one item, so OpenSearch keeps the newest
 * write whatever order writes arrive in (replays, restarts, parallel shards).
 *
 * <p>Prefer {@link #attribute}: a version attribute on the item (the Enhanced Client's
 * {@code @DynamoDbVersionAttribute}) grows with every write by construction. Without one,
 * {@link #streamOrder()} derives the version from the change's approximate creation time in milliseconds
 * times 1,000 plus the last three digits of its sequence number: the creation time orders changes across
 * restarts and shards (DynamoDB records an item's changes in order, milliseconds apart at most once per
 * millisecond for one item in practice), and the sequence digits break ties within a millisecond. A backfill
 * uses the scan's start time times 1,000, so any change made after the scan began wins over the scanned copy.
 */
public final class DocumentVersions {
    private DocumentVersions() {}

    /**
     * Returns versions from an item attribute; a removal uses the old image's version plus one.
     *
     * @param version reads the version attribute of an item
     * @param <T> the item type
     * @return the version function
     */
    public static <T> ToLongFunction<ChangeEvent<T>> attribute(ToLongFunction<T> version) {
        return e -> e.newImage().isPresent()
                ? version.applyAsLong(e.newImage().get())
                : e.oldImage().map(version::applyAsLong).map(v -> v + 1).orElseGet(() -> streamOrderOf(e));
    }

    /** Returns versions derived from stream order (see the class comment). */
    public static <T> ToLongFunction<ChangeEvent<T>> streamOrder() {
        return DocumentVersions::streamOrderOf;
    }

    /**
     * Returns the version a backfilled (scanned) document gets: lower than any change made after the scan
     * started.
     *
     * @param scanStartMillis when the scan began, epoch milliseconds
     * @return the version
     */
    public static long backfill(long scanStartMillis) {
        return scanStartMillis * 1000;
    }

    private static long streamOrderOf(ChangeEvent<?> e) {
        long millis = e.approximateCreationTime().toEpochMilli();
        int tie = new BigInteger(e.sequenceNumber()).mod(BigInteger.valueOf(1000)).intValue();
        return millis * 1000 + tie;
    }
}
