package dev.tributary.opensearch.internal;

import dev.tributary.core.ErrorClassifier;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.support.Redaction;
import dev.tributary.opensearch.OpenSearchException;
import dev.tributary.opensearch.OpenSearchFailure;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.transport.TransportException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Normalises OpenSearch failures from every transport (Apache HTTP 5, AWS SDK SigV4) into core exceptions:
 * status code, OpenSearch error type as error code, retryable for 429, 5xx and I/O. Every answer with an HTTP
 * error status becomes an {@link OpenSearchException} with its {@link OpenSearchFailure}.
 */
public final class OpenSearchErrors {
    /** Retryable: 429, 502, 503, 504, other 5xx and I/O. */
    public static final ErrorClassifier CLASSIFIER = OpenSearchErrors::retryable;

    private OpenSearchErrors() {}

    /**
     * Translates a failure of an OpenSearch call.
     *
     * @param error the failure
     * @param operation for example {@code opensearch.index[products]}
     * @return the Tributary exception
     */
    public static TributaryException translate(Throwable error, String operation) {
        Throwable t = ErrorClassifier.unwrap(error);
        if (t instanceof TributaryException te) {
            return te;
        }
        if (t instanceof org.opensearch.client.opensearch._types.OpenSearchException ose) {
            ErrorCause cause = ose.error();
            String type = cause == null ? null : cause.type();
            String reason = cause == null ? ose.getMessage() : cause.reason();
            return service(operation, ose.status(), type, reason, t);
        }
        if (t instanceof ResponseException re) {
            return service(operation, re.status(), null, "HTTP error", t);
        }
        // The Apache transport reports 401 and 403 as I/O failures ("Unauthorized access") wrapping the
        // response: a credentials problem, not an unreachable node.
        ResponseException wrapped = wrappedResponse(t);
        if (wrapped != null) {
            return service(operation, wrapped.status(), null, t.getMessage(), t);
        }
        if (untrustedPeer(t)) {
            return TributaryClientException.create(operation + " refused the node's TLS certificate ("
                    + t.getClass().getSimpleName() + "): it is not trusted or does not name the host in the URL."
                    + " Set trustStore(...) to the cluster's CA and use a host name the certificate names", t);
        }
        if (t instanceof IOException) {
            return TributaryClientException.ioFailure(operation + " could not reach OpenSearch ("
                    + t.getClass().getSimpleName() + ": " + Redaction.redact(t.getMessage())
                    + "); check the URL, network and TLS settings", t);
        }
        return TributaryExceptions.translate(t, operation, CLASSIFIER);
    }

    /**
     * Builds a service exception from an HTTP status and an OpenSearch error type.
     *
     * @param operation the operation
     * @param status the HTTP status
     * @param type OpenSearch's error type, such as {@code version_conflict_engine_exception}, or null
     * @param reason OpenSearch's reason text (redacted here), or null
     * @param cause the original exception, or null
     * @return the exception
     */
    public static OpenSearchException service(String operation, int status, @Nullable String type,
            @Nullable String reason, @Nullable Throwable cause) {
        boolean retryable = status == 429 || status >= 500;
        String msg = operation + " failed: " + (type == null ? "HTTP error" : type) + " (HTTP " + status + ")"
                + (reason == null ? "" : ": " + safeReason(reason)) + hint(status, type);
        return OpenSearchException.of(TributaryServiceException.builder()
                .message(msg)
                .cause(cause)
                .statusCode(status)
                .errorCode(type)
                .throttled(status == 429)
                .retryable(retryable), status, type);
    }

    /**
     * Builds an {@link OpenSearchException} that Tributary raises itself (no HTTP status), such as an
     * incomplete reindex.
     *
     * @param reason the reason
     * @param errorCode a stable error code, such as {@code reindex_count_mismatch}
     * @param statusCode the HTTP-like status to report, or -1
     * @param message what happened and what to do
     * @return the exception (not retryable)
     */
    public static OpenSearchException failure(OpenSearchFailure reason, String errorCode, int statusCode,
            String message) {
        return OpenSearchException.of(TributaryServiceException.builder().message(message).errorCode(errorCode)
                .statusCode(statusCode), reason);
    }

    /**
     * Returns OpenSearch's reason without document values: mapping errors quote the offending field value
     * ("Preview of field's value: ..."), which must not reach logs.
     *
     * @param reason the reason text
     * @return the reason, cut and redacted
     */
    public static String safeReason(String reason) {
        int preview = reason.indexOf("Preview of field's value");
        return Redaction.redact(preview >= 0 ? reason.substring(0, preview).trim() : reason);
    }

    private static String hint(int status, String type) {
        if (status == 429) {
            return ". OpenSearch is rejecting work (queue full or circuit breaker): slow down; the call may be retried";
        }
        if (status == 409) {
            return ". A newer write already exists (version conflict): re-read the document";
        }
        if ("index_not_found_exception".equals(type)) {
            return ". Create the index first (SearchIndex.ensureExists())";
        }
        if ("mapper_parsing_exception".equals(type) || "illegal_argument_exception".equals(type)) {
            return ". The document or mapping does not fit the index mapping: fix the field types";
        }
        if (status == 401 || status == 403) {
            return ". Check credentials, the IAM policy or the domain's access policy";
        }
        return status >= 500 ? ". OpenSearch failed on its side; the call may be retried" : "";
    }

    /** Returns the HTTP error response inside I/O wrappers (the transport's 401/403 shape), or null. */
    private static @Nullable ResponseException wrappedResponse(Throwable t) {
        Throwable c = t;
        for (int depth = 0; depth < 5 && c instanceof IOException; depth++) {
            if (c instanceof ResponseException re) {
                return re;
            }
            c = c.getCause();
        }
        return null;
    }

    /**
     * Returns whether TLS failed on the certificate itself (untrusted chain, wrong host name): repeating the
     * call cannot help, unlike a handshake cut off by the network.
     */
    private static boolean untrustedPeer(Throwable t) {
        Throwable c = t;
        for (int depth = 0; depth < 8 && c != null; depth++) {
            if (c instanceof CertificateException || c instanceof SSLPeerUnverifiedException) {
                return true;
            }
            c = c.getCause();
        }
        return false;
    }

    /** An HTTP status decides when there is one (a 401 wrapped as I/O is not retried); else the defaults. */
    private static boolean retryable(Throwable error) {
        Throwable t = ErrorClassifier.unwrap(error);
        int status = -1;
        if (t instanceof org.opensearch.client.opensearch._types.OpenSearchException ose) {
            status = ose.status();
        } else if (t instanceof ResponseException re) {
            status = re.status();
        } else if (wrappedResponse(t) != null) {
            status = wrappedResponse(t).status();
        }
        if (status > 0) {
            return status == 429 || status >= 500;
        }
        if (untrustedPeer(t)) {
            return false;
        }
        return ErrorClassifier.defaults().retryable(error) || t instanceof TransportException;
    }
}
