package dev.tributary.opensearch.sync;

/**
 * What {@link IndexReconciler} found and fixed.
 *
 * @param matched documents present with the expected version
 * @param missing documents absent from the index or tombstoned although the source has them (written now)
 * @param outdated settled documents whose content differs from the source's (re-written now)
 * @param extra settled live documents the source does not have (tombstoned or deleted now)
 * @param unsettled documents that differ but were written within the settle time: left to the capture, which
 *     is most likely still delivering their change
 */
public record ReconcileReport(long matched, long missing, long outdated, long extra, long unsettled) {
    /** Returns whether the index already matched the snapshot everywhere. */
    public boolean clean() {
        return missing == 0 && outdated == 0 && extra == 0 && unsettled == 0;
    }
}
