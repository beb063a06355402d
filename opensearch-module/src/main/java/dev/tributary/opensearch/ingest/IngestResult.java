package dev.tributary.opensearch.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What one ingestion call did: documents sent to OpenSearch, how many landed, what was dropped on purpose and
 * what failed for good. Immutable.
 *
 * <pre>{@code
 * IngestResult r = ingester.ingest(payload);
 * if (!r.failures().isEmpty()) {
 *     LOG.warn("{} of {} log events were not indexed", r.failures().size(), r.documents());
 * }
 * }</pre>
 *
 * @param documents documents sent to OpenSearch
 * @param succeeded documents written, or already present (duplicates included)
 * @param duplicates data-stream writes answered 409 because the id was already written (a replay): counted as
 *     success
 * @param skipped records the decoder chose to skip (returned null)
 * @param droppedControlMessages CloudWatch Logs control messages dropped
 * @param failures documents and records that failed for good, in input order
 */
public record IngestResult(int documents, int succeeded, int duplicates, int skipped, int droppedControlMessages,
        List<IngestFailure> failures) {

    /** Copies the list. */
    public IngestResult {
        failures = List.copyOf(failures);
    }

    /** Returns a result with nothing in it. */
    public static IngestResult empty() {
        return new IngestResult(0, 0, 0, 0, 0, List.of());
    }

    /** Returns whether nothing failed. */
    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    /**
     * Adds another result to this one, such as those of several payloads in one invocation.
     *
     * @param other the other result
     * @return the sum
     */
    public IngestResult plus(IngestResult other) {
        List<IngestFailure> all = new ArrayList<>(failures);
        all.addAll(other.failures);
        return new IngestResult(documents + other.documents, succeeded + other.succeeded,
                duplicates + other.duplicates, skipped + other.skipped,
                droppedControlMessages + other.droppedControlMessages, all);
    }
}
