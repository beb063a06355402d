package dev.tributary.opensearch.model;

/**
 * The outcome of one write.
 *
 * @param id the document id
 * @param result {@code created}, {@code updated}, {@code deleted}, {@code not_found} or {@code noop}
 * @param seqNo the new sequence number
 * @param primaryTerm the primary term
 * @param version the new version
 */
public record WriteResult(String id, String result, long seqNo, long primaryTerm, long version) {}
