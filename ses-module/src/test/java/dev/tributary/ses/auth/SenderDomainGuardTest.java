package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SenderDomainGuardTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicInteger identities = new AtomicInteger();

    /** A guard over {@code dns} that counts its identity look-ups in {@link #identities}. */
    private SenderDomainGuard guard(SenderDomainGuard.Policy policy, FakeDns dns) {
        return SenderDomainGuard.builder().policy(policy).clock(clock)
                .checker(DomainAuthChecker.create(dns, clock))
                .identitySource(domain -> {
                    identities.incrementAndGet();
                    return DomainAuthCheckerTest.identity(domain);
                })
                .reportTtl(Duration.ofMinutes(10)).errorTtl(Duration.ofSeconds(30))
                .build();
    }

    private static FakeDns good() {
        return DomainAuthCheckerTest.goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject");
    }

    private static FakeDns withoutDkim() {
        return DomainAuthCheckerTest.goodDns("other.com").txt("mail.example.com", "v=spf1 include:amazonses.com ~all")
                .mx("mail.example.com", "feedback-smtp.us-east-1.amazonses.com");
    }

    static Stream<Arguments> sendingCases() {
        return Stream.of(
                Arguments.of(SenderDomainGuard.Policy.ENFORCE, Named.of("good domain", good())),
                Arguments.of(SenderDomainGuard.Policy.WARN, Named.of("failing DKIM", withoutDkim())));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("sendingCases")
    void check_enforcedAndPassingOrOnlyWarned_sends(SenderDomainGuard.Policy policy, FakeDns dns) {
        SenderDomainGuard guard = guard(policy, dns);

        assertThatCode(() -> guard.check("sender@example.com")).doesNotThrowAnyException();
    }

    @Test
    void check_enforceWithFailingDkim_refusesWithReport() {
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.ENFORCE, withoutDkim());

        assertThatThrownBy(() -> guard.check("example.com"))
                .isInstanceOf(SenderDomainRejectedException.class)
                .isInstanceOf(TributaryClientException.class)
                .hasMessageContaining("[dkim]")
                .satisfies(e -> {
                    SenderDomainRejectedException r = (SenderDomainRejectedException) e;
                    assertThat(r.retryable()).isFalse();
                    assertThat(r.failedCheckIds()).containsExactly("dkim");
                    assertThat(r.report().domain()).isEqualTo("example.com");
                    assertThat(r.report().failedCheckIds()).contains("dkim", "dmarc");
                });
    }

    @Test
    void check_enforceWithOnlyDmarcFailing_sends() {
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.ENFORCE, DomainAuthCheckerTest.goodDns("example.com"));

        assertThat(guard.report("example.com").failedCheckIds()).containsExactly("dmarc");
        assertThatCode(() -> guard.check("example.com")).doesNotThrowAnyException();
    }

    @Test
    void check_off_readsNoDns() {
        FakeDns dns = withoutDkim();
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.OFF, dns);

        guard.check("example.com");

        assertThat(dns.queries).hasValue(0);
        assertThat(identities).hasValue(0);
    }

    @Test
    void check_repeated_reusesReportUntilTtl() {
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.ENFORCE, good());

        guard.check("a@example.com");
        guard.check("b@EXAMPLE.com");
        clock.advance(Duration.ofMinutes(9));
        guard.check("example.com");
        assertThat(identities).hasValue(1);

        clock.advance(Duration.ofMinutes(1));
        guard.check("example.com");
        assertThat(identities).hasValue(2);
    }

    @Test
    void check_reportWithDnsErrors_isReusedOnlyForErrorTtl() {
        FakeDns dns = good().fail("_dmarc.example.com", Type.TXT, DnsStatus.SERVFAIL);
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.ENFORCE, dns);

        guard.check("example.com");
        clock.advance(Duration.ofSeconds(30));
        guard.check("example.com");

        assertThat(identities).hasValue(2);
    }

    @Test
    void check_customEnforcedChecks_refusesOnDmarc() {
        SenderDomainGuard guard = SenderDomainGuard.builder().policy(SenderDomainGuard.Policy.ENFORCE)
                .checker(DomainAuthChecker.create(DomainAuthCheckerTest.goodDns("example.com"), clock))
                .identitySource(DomainAuthCheckerTest::identity).enforcedChecks(List.of(CheckIds.DMARC)).build();

        assertThatThrownBy(() -> guard.check("example.com")).isInstanceOf(SenderDomainRejectedException.class);
    }

    @Test
    void check_notADomain_isValidationError() {
        SenderDomainGuard guard = guard(SenderDomainGuard.Policy.WARN, good());

        assertThatThrownBy(() -> guard.check("not a domain")).isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void build_unknownEnforcedCheck_isRejected() {
        assertThatThrownBy(() -> SenderDomainGuard.builder().enforcedChecks(List.of("dkim", "nope")).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("enforcedChecks");
    }
}
