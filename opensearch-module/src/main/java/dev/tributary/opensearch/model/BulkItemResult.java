package dev.tributary.opensearch.model;

/**
 * The final outcome of one bulk operation that OpenSearch accepted.
 *
 * @param id the document id
 * @param status the HTTP status of the item (200, 201, or 409 for a stale external-version write)
 * @param stale true when an external-version write was older than the stored document: a newer write
 *     already landed, so nothing changed and nothing is wrong
 * @param attempts how many times the item was sent
 */
public record BulkItemResult(String id, int status, boolean stale, int attempts) {}
