package dev.tributary.opensearch.ingest;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.opensearch.model.BulkItemResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Collects the outcome of one ingestion call in input order: queued writes, failures found before writing,
 * skipped records and dropped control messages. Used by one thread; the result is built once every write
 * completed.
 */
final class Outcomes {
    private record Sent(String id, String index, @Nullable String shardId, @Nullable String sequenceNumber,
            boolean createOnly, CompletableFuture<BulkItemResult> future) {}

    // Sent or IngestFailure, in input order, so failures come out in the order of the records.
    private final List<Object> entries = new ArrayList<>();
    private int skipped;
    private int dropped;

    /** Queues one document through the target; a refusal at queue time is recorded as a failure. */
    <T> void send(IngestTarget<T> target, String index, String id, T document, @Nullable String shardId,
            @Nullable String sequenceNumber) {
        try {
            entries.add(new Sent(id, index, shardId, sequenceNumber, target.createOnly(),
                    target.write(index, id, document)));
        } catch (TributaryException e) {
            entries.add(failure(id, index, shardId, sequenceNumber, e));
        }
    }

    void failed(IngestFailure failure) {
        entries.add(failure);
    }

    void skipped() {
        skipped++;
    }

    void droppedControlMessage() {
        dropped++;
    }

    /** Completes when every queued write has completed. */
    CompletableFuture<IngestResult> result() {
        CompletableFuture<?>[] futures = entries.stream()
                .filter(Sent.class::isInstance)
                .map(e -> ((Sent) e).future())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(futures).handle((v, e) -> build());
    }

    private IngestResult build() {
        int documents = 0;
        int succeeded = 0;
        int duplicates = 0;
        List<IngestFailure> failures = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof IngestFailure f) {
                failures.add(f);
                continue;
            }
            Sent s = (Sent) entry;
            documents++;
            Throwable error = errorOf(s.future());
            if (error == null) {
                succeeded++;
            } else if (s.createOnly() && error instanceof TributaryException te && te.statusCode().orElse(-1) == 409) {
                // create into a data stream: the id is already there, so this is a replay that changes nothing.
                succeeded++;
                duplicates++;
            } else {
                failures.add(failure(s.id(), s.index(), s.shardId(), s.sequenceNumber(), error));
            }
        }
        return new IngestResult(documents, succeeded, duplicates, skipped, dropped, failures);
    }

    private static @Nullable Throwable errorOf(CompletableFuture<BulkItemResult> future) {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    static IngestFailure failure(@Nullable String id, String index, @Nullable String shardId,
            @Nullable String sequenceNumber, Throwable error) {
        if (error instanceof TributaryException te) {
            String type = te instanceof TributaryServiceException se ? se.errorCode().orElse("unknown") : "client_error";
            return new IngestFailure(id, index, shardId, sequenceNumber, te.statusCode().orElse(-1), type,
                    te.getMessage(), te.retryable());
        }
        return new IngestFailure(id, index, shardId, sequenceNumber, -1, "unexpected_error",
                error.getClass().getSimpleName(), false);
    }
}
