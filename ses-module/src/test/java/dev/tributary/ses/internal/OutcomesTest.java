package dev.tributary.ses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.SesFailure;
import dev.tributary.ses.SesOperation;
import dev.tributary.ses.SesSendException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class OutcomesTest {
    private static SdkClientException sdk(Throwable cause) {
        return SdkClientException.builder().message("Unable to execute HTTP request: " + cause.getMessage())
                .cause(cause).build();
    }

    @Test
    void translate_readTimeoutOnSend_isUnknownOutcomeNotRetryable() {
        TributaryException e = SesErrors.translate(sdk(new SocketTimeoutException("Read timed out")),
                SesOperation.SEND_EMAIL, false);

        assertThat(e).isInstanceOf(SesSendException.class);
        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("ses.SendEmail", "may have been sent", "retryUnknownOutcome");
    }

    @Test
    void translate_connectionResetOnBulkWithOptIn_isUnknownOutcomeRetryable() {
        TributaryException e = SesErrors.translate(sdk(new SocketException("Connection reset")),
                SesOperation.SEND_BULK_EMAIL, true);

        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void translate_attemptTimeoutOnSend_isUnknownOutcome() {
        TributaryException e = SesErrors.translate(ApiCallAttemptTimeoutException.create(1000),
                SesOperation.SEND_TEMPLATE, false);

        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME);
    }

    @Test
    void translate_connectFailuresOnSend_stayRetryable() {
        for (Throwable cause : new Throwable[] {new ConnectException("Connection refused"),
                new UnknownHostException("email.example.invalid"), new SocketTimeoutException("Connect timed out")}) {
            TributaryException e = SesErrors.translate(sdk(cause), SesOperation.SEND_EMAIL, false);

            assertThat(e.retryable()).as(cause.toString()).isTrue();
            assertThat(e).as(cause.toString()).isNotInstanceOf(SesSendException.class);
        }
    }

    @Test
    void translate_throttlingOnSend_staysRetryableThrottled() {
        TooManyRequestsException sdk = (TooManyRequestsException) TooManyRequestsException.builder()
                .statusCode(429).awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException")
                        .errorMessage("Maximum sending rate exceeded.").build()).build();

        TributaryException e = SesErrors.translate(sdk, SesOperation.SEND_EMAIL, false);

        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.THROTTLED);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void translate_readTimeoutOnManagementCall_staysRetryable() {
        TributaryException e = SesErrors.translate(sdk(new SocketTimeoutException("Read timed out")),
                SesOperation.GET_TEMPLATE, false);

        assertThat(e.retryable()).isTrue();
        assertThat(e).isNotInstanceOf(SesSendException.class);
    }
}
