package dev.tributary.ses.model;

import java.util.List;

/**
 * The outcome of a {@link BulkEmail}: one entry per destination, in the order given.
 *
 * @param entries the per-destination results
 */
public record BulkResult(List<BulkEntryResult> entries) {
    /** Copies the list. */
    public BulkResult {
        entries = List.copyOf(entries);
    }

    /** Returns how many destinations SES accepted. */
    public long succeeded() {
        return entries.stream().filter(BulkEntryResult::succeeded).count();
    }

    /** Returns the entries SES refused. */
    public List<BulkEntryResult> failures() {
        return entries.stream().filter(e -> !e.succeeded()).toList();
    }
}
