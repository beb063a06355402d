package dev.tributary.opensearch.model;

/**
 * A snapshot of a {@link dev.tributary.opensearch.BulkIndexer}: counters since it was built and the bytes it
 * holds now. Returned by {@link dev.tributary.opensearch.BulkIndexer#metrics()}.
 *
 * @param requests bulk requests sent
 * @param succeeded items written
 * @param stale external-version writes that were older than the stored document (counted as success)
 * @param retried item retries (429/5xx)
 * @param failed items failed for good (sent to the failure handler)
 * @param bytesSent uncompressed bytes of request bodies sent
 * @param bufferedBytes bytes held now (queued, in flight or waiting for a retry)
 */
public record BulkMetrics(long requests, long succeeded, long stale, long retried, long failed, long bytesSent,
        long bufferedBytes) {}
