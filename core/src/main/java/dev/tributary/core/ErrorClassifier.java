package dev.tributary.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Decides whether a failed call may be retried. Resilience4j's Retry and CircuitBreaker both consult it:
 * only retryable failures are retried and counted against the circuit, so a caller's bad input never opens
 * a circuit.
 *
 * <p>Implementations must be thread-safe and fast.
 */
@FunctionalInterface
public interface ErrorClassifier {

    /**
     * Returns whether the call that failed with {@code error} may succeed when repeated.
     *
     * @param error the failure, possibly wrapped in a {@link CompletionException}
     * @return true for throttling, 5xx and I/O failures; false for validation and other client errors
     */
    boolean retryable(Throwable error);

    /**
     * Returns the default classifier: Tributary exceptions by their {@code retryable()}; SDK service errors
     * when throttling or 5xx; SDK client errors and plain exceptions when caused by I/O or an attempt timeout.
     *
     * @return the shared default classifier
     */
    static ErrorClassifier defaults() {
        return ErrorClassifier::classifyDefault;
    }

    /**
     * Returns a classifier that retries what this one does, plus what {@code other} says is retryable.
     *
     * @param other a further classifier, for example for a service's own error codes
     * @return the combined classifier
     */
    default ErrorClassifier or(ErrorClassifier other) {
        return e -> retryable(e) || other.retryable(e);
    }

    /**
     * Removes {@link CompletionException} and {@link ExecutionException} wrappers.
     *
     * @param error a possibly wrapped failure
     * @return the innermost failure that is not such a wrapper
     */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean classifyDefault(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof TributaryException te) {
            return te.retryable();
        }
        if (t instanceof SdkServiceException se) {
            return throttling(se) || se.statusCode() >= 500 || se.retryable();
        }
        if (t instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (t instanceof SdkClientException || t instanceof UncheckedIOException) {
            return causedByIo(t);
        }
        return t instanceof IOException;
    }

    /**
     * Returns whether a service error is throttling: what the SDK recognises, plus the 400 error codes AWS
     * services use for it that the SDK does not (DynamoDB Streams' {@code LimitExceededException}, DynamoDB's
     * {@code ProvisionedThroughputExceededException} and {@code RequestLimitExceeded}).
     *
     * @param error the service error
     * @return true when the call was refused for its rate
     */
    static boolean throttling(SdkServiceException error) {
        if (error.isThrottlingException()) {
            return true;
        }
        if (error instanceof software.amazon.awssdk.awscore.exception.AwsServiceException aws
                && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
            return THROTTLING_CODES.contains(aws.awsErrorDetails().errorCode());
        }
        return false;
    }

    /** Error codes that mean "slow down" although the SDK does not classify them as throttling. */
    java.util.Set<String> THROTTLING_CODES = java.util.Set.of("LimitExceededException",
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
            "TooManyRequestsException", "Throttling", "SlowDown");

    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
