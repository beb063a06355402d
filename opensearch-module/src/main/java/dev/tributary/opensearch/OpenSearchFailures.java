package dev.tributary.opensearch;

import dev.tributary.core.TributaryServiceException;

/** Factory for failures the facade detects itself (not answered as HTTP errors). */
final class OpenSearchFailures {
    private OpenSearchFailures() {}

    static TributaryServiceException reindexFailed(String index, int failures) {
        return TributaryServiceException.builder()
                .message("opensearch.reindex[" + index + "] copied with " + failures + " document failures; the alias"
                        + " was not switched. Check the new mapping against the documents and run it again")
                .errorCode("reindex_failures")
                .build();
    }
}
