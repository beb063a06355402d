package dev.tributary.core;

import dev.tributary.core.support.Redaction;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns SDK, Resilience4j and I/O failures into Tributary's exception tree, the same way in every module.
 *
 * <p>Service messages are kept but redacted: anything that looks like an e-mail address or a credential is
 * masked, so the message is safe to log.
 */
public final class TributaryExceptions {
    private TributaryExceptions() {}

    /**
     * Translates {@code error} into a {@link TributaryException}, returning it unchanged if it already is one.
     *
     * @param error the failure, possibly wrapped in a {@code CompletionException}
     * @param operation what was being done, for the message, for example {@code "ses.SendEmail"}
     * @param classifier decides {@code retryable()} for client-side failures
     * @return the translated exception, with {@code error} as its cause
     */
    public static TributaryException translate(Throwable error, String operation, ErrorClassifier classifier) {
        Throwable t = ErrorClassifier.unwrap(error);
        if (t instanceof TributaryException te) {
            return te;
        }
        TributaryRejectedException refused = refusedLocally(t, operation);
        if (refused != null) {
            return refused;
        }
        if (t instanceof SdkServiceException se) {
            return fromService(se, operation, classifier);
        }
        boolean retryable = classifier.retryable(t);
        String kind = t.getClass().getSimpleName();
        if (retryable) {
            return TributaryClientException.ioFailure(
                    operation + " could not reach the service (" + kind + ": " + Redaction.redact(t.getMessage())
                            + "); check the endpoint and network, the call may be retried",
                    t);
        }
        return TributaryClientException.create(
                operation + " failed on the client side (" + kind + ": " + Redaction.redact(t.getMessage()) + ")", t);
    }

    /**
     * Translates with the {@linkplain ErrorClassifier#defaults() default classifier}.
     *
     * @param error the failure
     * @param operation what was being done
     * @return the translated exception
     */
    public static TributaryException translate(Throwable error, String operation) {
        return translate(error, operation, ErrorClassifier.defaults());
    }

    /** Returns the rejection for a call a Resilience4j guard did not let through, or null for any other failure. */
    private static @Nullable TributaryRejectedException refusedLocally(Throwable t, String operation) {
        TributaryRejectedException.Reason reason;
        String why;
        if (t instanceof CallNotPermittedException) {
            reason = TributaryRejectedException.Reason.CIRCUIT_OPEN;
            why = "the circuit breaker for this backend is open after repeated failures; it lets calls through again"
                    + " after its wait duration";
        } else if (t instanceof RequestNotPermitted) {
            reason = TributaryRejectedException.Reason.RATE_LIMITED;
            why = "no rate-limiter permit within the timeout; lower the call rate or raise the limiter's timeout";
        } else {
            return null;
        }
        return TributaryRejectedException.of(reason, operation + " was not attempted: " + why, t);
    }

    private static TributaryServiceException fromService(
            SdkServiceException se, String operation, ErrorClassifier classifier) {
        String errorCode = null;
        String serviceMessage = se.getMessage();
        if (se instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            AwsErrorDetails details = ase.awsErrorDetails();
            errorCode = details.errorCode();
            if (details.errorMessage() != null) {
                serviceMessage = details.errorMessage();
            }
        }
        StringBuilder msg = new StringBuilder(operation).append(" failed: ");
        msg.append(errorCode != null ? errorCode : "service error");
        msg.append(" (HTTP ").append(se.statusCode()).append(')');
        if (serviceMessage != null && !serviceMessage.isBlank()) {
            msg.append(": ").append(Redaction.redact(serviceMessage));
        }
        boolean throttled = ErrorClassifier.throttling(se);
        if (throttled) {
            msg.append(". The service is throttling: lower the request rate; the call may be retried");
        } else if (se.statusCode() >= 500) {
            msg.append(". The service failed on its side; the call may be retried");
        }
        return TributaryServiceException.builder()
                .message(msg.toString())
                .cause(se)
                .statusCode(se.statusCode())
                .requestId(se.requestId())
                .errorCode(errorCode)
                .throttled(throttled)
                .retryable(throttled || classifier.retryable(se))
                .build();
    }
}
