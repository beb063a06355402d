package dev.tributary.dynamo.internal;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;

/** The idempotency ledgers' shared rules for their claim timeout and time to live. */
public final class LedgerDurations {
    private LedgerDurations() {}

    /**
     * Checks both durations.
     *
     * @param claimTimeout after how long a claim counts as abandoned
     * @param ttl how long entries are remembered
     * @throws TributaryValidationException naming the bad field
     */
    public static void validate(Duration claimTimeout, Duration ttl) {
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw TributaryValidationException.of("claimTimeout", "must be a positive duration such as 5 minutes");
        }
        if (ttl.compareTo(claimTimeout) <= 0) {
            throw TributaryValidationException.of(
                    "ttl", "must be longer than the claim timeout; keep it above the stream's 24-hour retention");
        }
        if (ttl.toSeconds() < 1) {
            throw TributaryValidationException.of("ttl", "must be at least one second");
        }
    }
}
