package dev.tributary.opensearch.model;

/**
 * How OpenSearch compares an external version with the stored document's: a write whose version loses is
 * refused with a 409, which {@link dev.tributary.opensearch.BulkIndexer} counts as a stale success.
 */
public enum VersionType {
    /** The write wins only with a strictly greater version ({@code version_type=external}). */
    EXTERNAL("external"),
    /** The write wins with a greater or equal version ({@code version_type=external_gte}). */
    EXTERNAL_GTE("external_gte");

    private final String wireName;

    VersionType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name OpenSearch expects in {@code version_type}. */
    public String wireName() {
        return wireName;
    }
}
