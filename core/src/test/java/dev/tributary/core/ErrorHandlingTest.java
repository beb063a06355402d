package dev.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ErrorHandlingTest {
    private final ErrorClassifier classifier = ErrorClassifier.defaults();

    private static AwsServiceException error(int status, String code, String message) {
        return AwsServiceException.builder()
                .statusCode(status)
                .requestId("rid-9")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .message(message)
                .build();
    }

    @Test
    void retryable_serverErrorsAndThrottling_true() {
        assertThat(classifier.retryable(error(500, "InternalFailure", "x"))).isTrue();
        assertThat(classifier.retryable(error(503, "ServiceUnavailable", "x"))).isTrue();
        assertThat(classifier.retryable(error(400, "ThrottlingException", "x"))).isTrue();
        assertThat(classifier.retryable(error(429, "TooManyRequestsException", "x"))).isTrue();
    }

    @Test
    void translate_streamsLimitExceededWithStatus400_isThrottledAndRetryable() {
        TributaryException e = TributaryExceptions.translate(
                error(400, "LimitExceededException", "Rate exceeded for shard"), "dynamodbstreams.GetRecords");

        assertThat(e.throttled()).isTrue();
        assertThat(e.retryable()).isTrue();
        assertThat(classifier.retryable(error(400, "ProvisionedThroughputExceededException", "x"))).isTrue();
    }

    @Test
    void retryable_validationErrors_false() {
        assertThat(classifier.retryable(error(400, "ValidationException", "x"))).isFalse();
        assertThat(classifier.retryable(new IllegalArgumentException("bad"))).isFalse();
        assertThat(classifier.retryable(TributaryValidationException.of("to", "empty"))).isFalse();
    }

    @Test
    void retryable_ioCausesAndWrappers_true() {
        SdkClientException io = SdkClientException.builder().cause(new ConnectException("refused")).build();
        assertThat(classifier.retryable(io)).isTrue();
        assertThat(classifier.retryable(new CompletionException(io))).isTrue();
        assertThat(classifier.retryable(new IOException("reset"))).isTrue();
        assertThat(classifier.retryable(SdkClientException.create("Unable to marshall request"))).isFalse();
    }

    @Test
    void translate_serviceError_keepsStatusRequestIdAndCodeButMasksAddresses() {
        TributaryException e = TributaryExceptions.translate(
                error(400, "MessageRejected", "Email address is not verified: jane.doe@example.com"), "ses.SendEmail");

        assertThat(e).isInstanceOf(TributaryServiceException.class);
        assertThat(e.getMessage())
                .contains("ses.SendEmail", "MessageRejected", "HTTP 400")
                .doesNotContain("jane.doe@example.com");
        assertThat(e.statusCode()).hasValue(400);
        assertThat(e.requestId()).contains("rid-9");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getCause()).isInstanceOf(AwsServiceException.class);
    }

    @Test
    void translate_throttling_isThrottledAndRetryable() {
        TributaryException e = TributaryExceptions.translate(error(400, "Throttling", "Rate exceeded"), "op");

        assertThat(e.throttled()).isTrue();
        assertThat(e.retryable()).isTrue();
    }

    // Built at run time so no string shaped like a real access key id is committed.
    private static final String FAKE_KEY_ID = "AKIA" + "ABCDEFGHIJKLMNOP";

    @Test
    void translate_credentialsInMessage_areMasked() {
        TributaryException e = TributaryExceptions.translate(
                new IllegalStateException("bad key " + FAKE_KEY_ID + " password=hunter2"), "op");

        assertThat(e.getMessage()).doesNotContain(FAKE_KEY_ID, "hunter2");
        assertThat(e).isInstanceOf(TributaryClientException.class);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void translate_tributaryException_isReturnedUnchanged() {
        TributaryValidationException v = TributaryValidationException.of("subject", "must not be empty");

        assertThat(TributaryExceptions.translate(new CompletionException(v), "op")).isSameAs(v);
    }
}
