package dev.tributary.opensearch.model;

/** When a write becomes visible to search. */
public enum Refresh {
    /** At the next periodic refresh (fastest; the default). */
    NONE,
    /** The call returns once a refresh has made the write visible. */
    WAIT_FOR,
    /** Forces a refresh now (expensive; for tests and rare admin writes). */
    IMMEDIATE
}
