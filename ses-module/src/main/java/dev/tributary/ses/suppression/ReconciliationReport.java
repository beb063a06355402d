package dev.tributary.ses.suppression;

import java.time.Duration;

/**
 * Counts of one {@link SuppressionReconciler} run, or of a run so far when passed to
 * {@link ReconciliationListener#onProgress}.
 *
 * @param direction which way entries were copied
 * @param accountEntries entries read from the SES account-level suppression list
 * @param storeEntries active entries read from the store (push only)
 * @param added entries added to the target (the store on pull, the account list on push)
 * @param alreadyPresent entries the target already had
 * @param removed entries deleted from the account list because the store lacks them (push with removal)
 * @param skipped temporary store entries not pushed (the account list cannot expire entries)
 * @param failed entries refused one by one (for example an address SES rejects); see
 *     {@link ReconciliationListener#onEntryFailed}
 * @param took time taken so far
 */
public record ReconciliationReport(
        Direction direction,
        long accountEntries,
        long storeEntries,
        long added,
        long alreadyPresent,
        long removed,
        long skipped,
        long failed,
        Duration took) {

    /** Which way a reconciliation copies entries. */
    public enum Direction {
        /** From the SES account-level suppression list into the store. */
        PULL,
        /** From the store to the SES account-level suppression list. */
        PUSH
    }
}
