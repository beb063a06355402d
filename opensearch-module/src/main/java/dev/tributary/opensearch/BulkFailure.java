package dev.tributary.opensearch;

/**
 * An operation the {@link BulkIndexer} gave up on: a mapping error, a conflict, or a retryable error after
 * the last retry. Handed to the failure handler (a dead-letter destination) with what is needed to replay it.
 *
 * @param index the index
 * @param id the document id
 * @param operation {@code index} or {@code delete}
 * @param status the item's HTTP status
 * @param errorType OpenSearch's error type, such as {@code mapper_parsing_exception}
 * @param reason OpenSearch's reason, with any field-value preview removed
 * @param source the document JSON (null for deletes), for replay
 * @param attempts how many times it was sent
 */
public record BulkFailure(String index, String id, String operation, int status, String errorType, String reason,
        byte[] source, int attempts) {

    @Override
    public String toString() {
        // The source is a document: never printed.
        return "BulkFailure[index=" + index + ", operation=" + operation + ", status=" + status + ", errorType="
                + errorType + ", attempts=" + attempts + "]";
    }
}
