package dev.tributary.opensearch.sync;

import dev.tributary.opensearch.model.BulkMetrics;

/**
 * A snapshot of a {@link ChangeEventIndexer}, returned by {@link ChangeEventIndexer#metrics()}.
 *
 * @param written writes OpenSearch acknowledged (stale ones included)
 * @param staleWrites writes refused because the index already held a newer version of the document: replays,
 *     backfills and redeliveries show up here
 * @param bulk the bulk indexer underneath (requests, retries, failures, bytes held)
 */
public record IndexerMetrics(long written, long staleWrites, BulkMetrics bulk) {}
