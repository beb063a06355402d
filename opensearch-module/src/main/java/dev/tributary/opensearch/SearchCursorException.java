package dev.tributary.opensearch;

import dev.tributary.core.TributaryClientException;

/**
 * A page cursor given to {@link SearchQuery.Builder#after(String)} was refused before any request was sent:
 * it is not a cursor, it was altered, or it belongs to another query or index. Not retryable: start again
 * from the first page (a query without {@code after}).
 */
public final class SearchCursorException extends TributaryClientException {
    private static final long serialVersionUID = 1L;

    /** Why the cursor was refused. */
    public enum Reason {
        /** Not a cursor of this library (wrong format, encoding or version). */
        MALFORMED,
        /** The cursor's contents do not match its checksum: it was altered or cut short. */
        TAMPERED,
        /** The cursor came from a different query, sort order or index. */
        OTHER_QUERY
    }

    private final Reason reason;

    private SearchCursorException(Reason reason, String message) {
        super(message, null, false);
        this.reason = reason;
    }

    /**
     * Creates the exception.
     *
     * @param reason why the cursor was refused
     * @param message what is wrong and what to do; never the cursor itself
     * @return the exception
     */
    public static SearchCursorException of(Reason reason, String message) {
        return new SearchCursorException(reason, "cursor: " + message);
    }

    /** Returns why the cursor was refused. */
    public Reason reason() {
        return reason;
    }
}
