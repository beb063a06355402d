package dev.tributary.opensearch.ingest;

import org.jspecify.annotations.Nullable;

/**
 * One document or record that could not be ingested for good: OpenSearch refused it (a mapping error), it
 * still failed after the bulk indexer's retries, or the decoder threw. Carries no document content.
 *
 * @param documentId the document id, or null when the record failed before it had one (decoding)
 * @param index the index or data stream written to (empty when nothing was written)
 * @param shardId the Kinesis shard of the source record, or null for CloudWatch Logs events
 * @param sequenceNumber the Kinesis sequence number of the source record, or null for CloudWatch Logs events
 * @param status the item's HTTP status, or -1 when OpenSearch did not answer for it
 * @param errorType OpenSearch's error type such as {@code mapper_parsing_exception}, or {@code decode_failed}
 * @param message what went wrong, without document values
 * @param retryable whether sending the same document again later may succeed (429, 5xx, I/O)
 */
public record IngestFailure(@Nullable String documentId, String index, @Nullable String shardId,
        @Nullable String sequenceNumber, int status, String errorType, String message, boolean retryable) {}
