package dev.tributary.opensearch.sync;

import dev.tributary.core.ChangeEvent;
import dev.tributary.opensearch.model.VersionType;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * The external versions {@link ChangeEventIndexer} writes, and why they make the index converge to the table.
 *
 * <p><b>The scheme.</b> A change's version is its stream record's {@code ApproximateCreationDateTime} in whole
 * epoch seconds, written with {@code version_type=external_gte}; a backfilled (scanned) copy gets version
 * {@value #BACKFILL_VERSION}, so it only fills a document that no change has written. Sequence numbers are never
 * compared, and the times are only compared with each other, never with the wall clock, so their precision does
 * not matter (AWS rounds them down to the second; DynamoDB Local, measured, to the minute).
 *
 * <p><b>Why it converges.</b> The last write OpenSearch accepts for a document is the one it keeps. Three facts
 * make that write the table's current state:
 * <ol>
 *   <li>Every change of one item is in one shard lineage, and the capture engines (embedded, KCL, Lambda)
 *       deliver a lineage in stream order: a shard's batches in order (KCL and Lambda one at a time; the
 *       embedded engine keeps up to a few in flight, checkpoints them in order, and when one is refused lets
 *       all of them settle and delivers it and every later one again, in order), a parent shard to its end
 *       before its children. {@link ChangeEventIndexer} keeps only the last change per document of a batch,
 *       and sends a document's write only after that document's earlier write still in flight settled. So an
 *       item's changes are applied in exactly the order of its stream.</li>
 *   <li>Creation times never decrease along a lineage (AWS rounds them down to the second), so under
 *       {@code external_gte} no change is refused by an earlier one, however many share a second (bursts,
 *       delete then re-create). With second precision there is no tie to break: ties are simply accepted,
 *       and the order of application decides.</li>
 *   <li>What can arrive out of order is older by at least a whole second and is refused: a replay after a
 *       crash re-applies a suffix of the lineage from its checkpoint and ends with the newest change again
 *       (a replayed change may briefly show an older state of an item changed within the same second, until
 *       the replay reaches the newest); a scanned copy has version 0, below every change, so it is refused
 *       wherever a change (or a tombstone) already landed and replaced by any change that lands later. That is
 *       right because the capture, started before the scan, delivers every change made after the scan began:
 *       an item with such a change gets its newest state from the stream, and an item without one is exactly
 *       as the scan read it.</li>
 * </ol>
 * A deletion is a tombstone with the REMOVE's own second, whether or not the record has an old image, so a
 * re-created item (its second is the same or later) replaces it. Nothing depends on sequence-number length,
 * on timestamp precision, or on a version attribute: the Enhanced Client's {@code @DynamoDbVersionAttribute}
 * restarts at 1 after a delete, which is why {@link #attribute} no longer uses it.
 *
 * <p><b>Measured alternative.</b> Comparing full sequence numbers stored in the document needs a scripted
 * update per write (a read and a script on the server; sequence numbers of 21-40 digits do not fit OpenSearch's
 * 64-bit versions) and an order between parent and child shards' numbers that AWS does not document; plain
 * index operations with {@code external_gte} keep the bulk path at full speed (see {@code sync-vs-limit} in
 * benchmarks/RESULTS.md).
 *
 * <p><b>The limit.</b> The argument needs one writer per lineage at a time. A consumer that keeps writing after
 * it lost its shard (a pause longer than the KCL lease failover time) could overwrite a same-second newer
 * write; KCL's graceful lease handoff, on by default, finishes the old owner's batch before the new owner
 * starts, and {@link IndexReconciler} repairs what an ungraceful takeover may leave.
 */
public final class DocumentVersions {
    /** The version type every versioned sync write uses. */
    public static final VersionType VERSION_TYPE = VersionType.EXTERNAL_GTE;
    /** The version of a backfilled (scanned) copy: below every change, so it never replaces one. */
    public static final long BACKFILL_VERSION = 0;

    private DocumentVersions() {}

    /**
     * Returns the stream-order version function (see the class comment): the change's creation second, or
     * {@value #BACKFILL_VERSION} for a backfilled copy (metadata {@link ChangeEvent#BACKFILL_METADATA}).
     *
     * @param <T> the item type
     * @return the version function
     */
    public static <T> ToLongFunction<ChangeEvent<T>> streamOrder() {
        return DocumentVersions::versionOf;
    }

    /**
     * Returns {@link #streamOrder()}.
     *
     * @param version ignored
     * @param <T> the item type
     * @return the stream-order version function
     * @deprecated a version attribute restarts at 1 when an item is deleted and re-created, so it cannot order
     *     a tombstone against the re-created item; stream order can. Use {@link #streamOrder()}.
     */
    @Deprecated
    public static <T> ToLongFunction<ChangeEvent<T>> attribute(ToLongFunction<T> version) {
        return streamOrder();
    }

    /**
     * Returns the version of a change made at {@code creationTime}.
     *
     * @param creationTime the stream record's approximate creation time
     * @return the epoch second
     */
    public static long ofChange(Instant creationTime) {
        return creationTime.getEpochSecond();
    }

    private static long versionOf(ChangeEvent<?> e) {
        if ("true".equals(e.metadata().get(ChangeEvent.BACKFILL_METADATA))) {
            return BACKFILL_VERSION;
        }
        return ofChange(e.approximateCreationTime());
    }
}
