package dev.tributary.ses.suppression.internal;

import dev.tributary.ses.suppression.ReconciliationReport;
import dev.tributary.ses.suppression.ReconciliationReport.Direction;
import java.time.Duration;

/** The running counts of one reconciliation; confined to the reconciling thread. */
public final class ReconcileCounts {
    /** The run's direction. */
    public final Direction direction;
    private final long startNanos = System.nanoTime();
    /** See {@link ReconciliationReport}. */
    public long accountEntries;
    /** See {@link ReconciliationReport}. */
    public long storeEntries;
    /** See {@link ReconciliationReport}. */
    public long added;
    /** See {@link ReconciliationReport}. */
    public long alreadyPresent;
    /** See {@link ReconciliationReport}. */
    public long removed;
    /** See {@link ReconciliationReport}. */
    public long skipped;
    /** See {@link ReconciliationReport}. */
    public long failed;

    /** Starts counting a run. */
    public ReconcileCounts(Direction direction) {
        this.direction = direction;
    }

    /** Returns the counts so far. */
    public ReconciliationReport report() {
        return new ReconciliationReport(direction, accountEntries, storeEntries, added, alreadyPresent, removed,
                skipped, failed, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
