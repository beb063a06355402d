package dev.tributary.opensearch;

import org.jspecify.annotations.Nullable;

/**
 * Why OpenSearch refused a call; carried by {@link OpenSearchException#reason()}, so callers switch on it
 * instead of parsing messages or status codes.
 */
public enum OpenSearchFailure {
    /** The index, alias or data stream does not exist (404 {@code index_not_found_exception}). Create it first. */
    INDEX_NOT_FOUND,
    /** Another document, policy or object of that name was not found (other 404s). */
    NOT_FOUND,
    /** A newer write of the document exists (409 {@code version_conflict_engine_exception}). Re-read it. */
    VERSION_CONFLICT,
    /** Another process holds the work, such as a reindex of the same alias (other 409s). */
    CONFLICT,
    /** The index or object exists already (400 {@code resource_already_exists_exception}). */
    ALREADY_EXISTS,
    /** The document or mapping does not fit the index mapping ({@code mapper_parsing_exception} and kin). */
    MAPPING_REJECTED,
    /** The request is malformed or not supported by the cluster (other 4xx). */
    BAD_REQUEST,
    /** No or wrong credentials (401): check the user, password or SigV4 credentials. */
    UNAUTHORIZED,
    /** The credentials may not do this (403): check the IAM policy, the domain's access policy or roles. */
    FORBIDDEN,
    /** OpenSearch is rejecting work (429: queue full, circuit breaker). Retryable. */
    TOO_MANY_REQUESTS,
    /** OpenSearch failed on its side (5xx). Retryable. */
    SERVICE_ERROR,
    /**
     * A reindex copy is incomplete or does not match its source; the alias was not switched. Resume or abort
     * the reindex.
     */
    REINDEX_INCOMPLETE;

    /**
     * Classifies an HTTP status and OpenSearch error type.
     *
     * @param status the HTTP status
     * @param type OpenSearch's error type, such as {@code index_not_found_exception}, or null
     * @return the reason
     */
    static OpenSearchFailure of(int status, @Nullable String type) {
        if (status == 429) {
            return TOO_MANY_REQUESTS;
        }
        if (status >= 500) {
            return SERVICE_ERROR;
        }
        if (status == 401) {
            return UNAUTHORIZED;
        }
        if (status == 403) {
            return FORBIDDEN;
        }
        if ("index_not_found_exception".equals(type)) {
            return INDEX_NOT_FOUND;
        }
        if (status == 409) {
            return type == null || type.startsWith("version_conflict") ? VERSION_CONFLICT : CONFLICT;
        }
        if ("resource_already_exists_exception".equals(type)) {
            return ALREADY_EXISTS;
        }
        if (type != null && (type.startsWith("mapper_") || type.contains("mapping_exception")
                || "illegal_argument_exception".equals(type) || "document_parsing_exception".equals(type))) {
            return MAPPING_REJECTED;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return BAD_REQUEST;
    }
}
