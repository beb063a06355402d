package dev.tributary.ses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesFailure;
import dev.tributary.ses.SesSendException;
import dev.tributary.ses.model.AccountStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class QuotaAndErrorsTest {

    private static QuotaGuard guard(AccountStatus status, AtomicInteger fetches) {
        return new QuotaGuard(() -> {
            fetches.incrementAndGet();
            return status;
        }, null, 1, Duration.ofMinutes(1), Duration.ofMillis(10), SesMailerListener.NONE, Clock.systemUTC());
    }

    @Test
    void acquire_quotaUsedUp_isRejectedBeforeSending() {
        QuotaGuard g = guard(new AccountStatus(1000, 10, 9, true, true, "HEALTHY"), new AtomicInteger());
        g.acquire(1);

        assertThatThrownBy(() -> g.acquire(1))
                .isInstanceOf(TributaryRejectedException.class)
                .satisfies(e -> assertThat(((TributaryRejectedException) e).reason())
                        .isEqualTo(TributaryRejectedException.Reason.QUOTA_EXHAUSTED));
    }

    @Test
    void acquire_sendingDisabled_isRejected() {
        QuotaGuard g = guard(new AccountStatus(10, 1000, 0, true, false, "SHUTDOWN"), new AtomicInteger());

        assertThatThrownBy(() -> g.acquire(1)).isInstanceOf(TributaryRejectedException.class)
                .hasMessageContaining("disabled");
    }

    @Test
    void acquire_accountRate_isAdoptedAndAccountReadOncePerInterval() {
        AtomicInteger fetches = new AtomicInteger();
        QuotaGuard g = guard(new AccountStatus(1000, 1_000_000, 0, true, true, "HEALTHY"), fetches);
        g.acquire(1);
        g.acquire(1);

        assertThat(g.currentRate()).isEqualTo(1000);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void acquire_morePermitsThanTimeoutAllows_isRateLimited() {
        QuotaGuard g = new QuotaGuard(null, 1.0, 1, Duration.ofMinutes(1), Duration.ofMillis(10),
                SesMailerListener.NONE, Clock.systemUTC());

        assertThatThrownBy(() -> g.acquire(3)).isInstanceOf(TributaryRejectedException.class)
                .satisfies(e -> assertThat(((TributaryException) e).throttled()).isTrue());
    }

    @Test
    void translate_unverifiedIdentity_isTypedAndMasksAddress() {
        MessageRejectedException sdk = MessageRejectedException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected")
                        .errorMessage("Email address is not verified. The following identities failed the check in"
                                + " region EU-WEST-1: ann@example.com").build())
                .build();

        TributaryException e = SesErrors.translate(sdk, "ses.SendEmail");

        assertThat(e).isInstanceOf(SesSendException.class);
        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.IDENTITY_NOT_VERIFIED);
        assertThat(e.getMessage()).doesNotContain("ann@example.com").contains("Verify");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void translate_tooManyRequests_isThrottledAndRetryable() {
        TooManyRequestsException sdk = TooManyRequestsException.builder()
                .statusCode(429)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").build())
                .build();

        TributaryException e = SesErrors.translate(sdk, "ses.SendEmail");

        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.THROTTLED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.throttled()).isTrue();
    }
}
