package dev.tributary.opensearch.model;

/**
 * A stored document with the values needed for optimistic concurrency control.
 *
 * @param id the id
 * @param source the document
 * @param seqNo the sequence number, for {@code ifSeqNo}
 * @param primaryTerm the primary term, for {@code ifPrimaryTerm}
 * @param version the document version (internal or external)
 * @param <T> the document type
 */
public record Document<T>(String id, T source, long seqNo, long primaryTerm, long version) {}
