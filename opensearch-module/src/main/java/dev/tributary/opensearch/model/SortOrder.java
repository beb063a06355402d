package dev.tributary.opensearch.model;

/** Sort direction. */
public enum SortOrder {
    /** Smallest first. */
    ASC,
    /** Largest first. */
    DESC
}
