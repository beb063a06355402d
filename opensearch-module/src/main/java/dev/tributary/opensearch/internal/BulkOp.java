package dev.tributary.opensearch.internal;

import dev.tributary.opensearch.model.BulkItemResult;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** One queued bulk operation: its NDJSON lines, the caller's future and its attempt count. */
public final class BulkOp {
    final String id;
    final String action;
    final byte[] actionLine;
    final byte @Nullable [] source;
    final boolean externalVersion;
    final CompletableFuture<BulkItemResult> future = new CompletableFuture<>();
    int attempts;
    /** Retries spent against maxItemRetries. */
    int retries;
    /** When whole-request failures of this operation began (System.nanoTime), or 0. */
    long outageSince;

    BulkOp(String id, String action, byte[] actionLine, byte @Nullable [] source, boolean externalVersion) {
        this.id = id;
        this.action = action;
        this.actionLine = actionLine;
        this.source = source;
        this.externalVersion = externalVersion;
    }

    /** Returns the bytes this operation adds to a request body. */
    public int size() {
        return actionLine.length + 1 + (source == null ? 0 : source.length + 1);
    }

    /** Returns the caller's future. */
    public CompletableFuture<BulkItemResult> future() {
        return future;
    }
}
