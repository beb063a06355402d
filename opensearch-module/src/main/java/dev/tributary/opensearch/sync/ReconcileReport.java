package dev.tributary.opensearch.sync;

/**
 * What {@link IndexReconciler} found and fixed.
 *
 * @param matched documents present with the expected version
 * @param missing documents absent from the index (indexed now)
 * @param outdated documents with an older version (re-indexed now)
 * @param extra live documents the source does not have (deleted or tombstoned now)
 * @param newerInIndex documents whose index version is newer than the source's (left alone: a change the
 *     source snapshot predates)
 */
public record ReconcileReport(long matched, long missing, long outdated, long extra, long newerInIndex) {
    /** Returns whether the index already matched. */
    public boolean clean() {
        return missing == 0 && outdated == 0 && extra == 0;
    }
}
