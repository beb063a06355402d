package dev.tributary.ses.event;

import dev.tributary.core.TributaryClientException;
import org.jspecify.annotations.Nullable;

/**
 * An SNS message failed verification: it is unsigned, forged, altered, signed with a certificate that is not
 * Amazon SNS's, or from a topic that is not allowed. Nothing was applied. Never retryable: the same message
 * fails the same way; answer the HTTP request with a 4xx status and do not act on the content.
 *
 * <p>{@link #reason()} says which check failed. The message says what to fix and never repeats values from
 * the message (it may hold addresses).
 */
public final class SnsMessageRejectedException extends TributaryClientException {
    private static final long serialVersionUID = 1L;

    /** Which verification step refused the message. */
    public enum Reason {
        /** Not an SNS message, or a field the signature covers is missing. */
        MALFORMED,
        /** No {@code Signature}, {@code SignatureVersion} or {@code SigningCertURL}. */
        UNSIGNED,
        /** {@code SignatureVersion} is neither 1 (SHA1withRSA) nor 2 (SHA256withRSA). */
        UNSUPPORTED_SIGNATURE_VERSION,
        /** {@code SigningCertURL} is not https on a host {@code sns.<region>.amazonaws.com[.cn]}. */
        UNTRUSTED_CERTIFICATE_URL,
        /** The certificate is unreadable, expired, not for an Amazon host or does not chain to a trusted root. */
        UNTRUSTED_CERTIFICATE,
        /** The signature does not match the message: it was forged or altered. */
        BAD_SIGNATURE,
        /** {@code TopicArn} is not in the verifier's allowed topics. */
        TOPIC_NOT_ALLOWED,
        /** {@code SubscribeURL} is not https on a host {@code sns.<region>.amazonaws.com[.cn]}. */
        UNTRUSTED_SUBSCRIBE_URL
    }

    private final Reason reason;

    private SnsMessageRejectedException(Reason reason, String message, @Nullable Throwable cause) {
        super("SNS message rejected (" + reason + "): " + message, cause, false);
        this.reason = reason;
    }

    /**
     * Creates the exception.
     *
     * @param reason the check that failed
     * @param message what is wrong and what to fix, without values from the message
     * @return the exception
     */
    public static SnsMessageRejectedException of(Reason reason, String message) {
        return new SnsMessageRejectedException(reason, message, null);
    }

    /**
     * Creates the exception keeping the original failure (a certificate or signature error).
     *
     * @param reason the check that failed
     * @param message what is wrong and what to fix, without values from the message
     * @param cause the original exception
     * @return the exception
     */
    public static SnsMessageRejectedException of(Reason reason, String message, Throwable cause) {
        return new SnsMessageRejectedException(reason, message, cause);
    }

    /** Returns which verification step refused the message. */
    public Reason reason() {
        return reason;
    }
}
