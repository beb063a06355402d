package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.TcpProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A send whose request reached the peer but whose answer was lost is not repeated by default: exactly one mail
 * arrives and the caller learns the outcome is unknown. A {@link TcpProxy} between the mailer and the real
 * SES emulator (or an SMTP server) forwards the request and drops the answer.
 */
@ExtendWith(SesEmulatorExtension.class)
class SesUnknownOutcomeIT {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final LocalSes ses;
    private TcpProxy proxy;

    SesUnknownOutcomeIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void start() {
        ses.clearStore();
        proxy = TcpProxy.to(ses.endpoint());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private static SesOptions.Builder options() {
        return SesOptions.builder().quotaAware(false);
    }

    // Three attempts with short backoff: a retry, if any, would happen within the test.
    private static final ResilienceSettings RETRIES = ResilienceSettings.builder()
            .maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();

    private static SesMailer.Builder mailer() {
        return SesMailer.builder().resilience(RETRIES);
    }

    private static ClientSettings via(URI endpoint) {
        return ClientSettings.local(endpoint).toBuilder().apiCallTimeout(Duration.ofSeconds(5)).build();
    }

    private static Email email() {
        return Email.builder().from("shop@example.com").to("ann@example.com").subject("Order 1").text("t").build();
    }

    @Test
    void send_responseLost_failsWithUnknownOutcomeAndMailIsStoredOnce() {
        try (SesMailer mailer = mailer().clientSettings(via(proxy.url())).options(options().build()).build()) {
            proxy.dropResponses(1);

            assertThatThrownBy(() -> mailer.send(email()))
                    .isInstanceOf(SesSendException.class)
                    .satisfies(e -> {
                        SesSendException se = (SesSendException) e;
                        assertThat(se.reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME);
                        assertThat(se.mayHaveBeenSent()).isTrue();
                        assertThat(se.retryable()).isFalse();
                        assertThat(se.operation()).contains(SesOperation.SEND_EMAIL);
                        assertThat(se.getMessage()).contains("may have been sent").doesNotContain("ann@example.com");
                    });
        }
        assertThat(proxy.droppedResponses()).isEqualTo(1);
        assertThat(ses.emails()).hasSize(1);
    }

    @Test
    void send_responseLostWithRetryUnknownOutcome_isRetriedAndStoredTwice() {
        try (SesMailer mailer = mailer().clientSettings(via(proxy.url()))
                .options(options().retryUnknownOutcome(true).build()).build()) {
            proxy.dropResponses(1);

            SendResult r = mailer.send(email());

            assertThat(r.sent()).isTrue();
        }
        assertThat(proxy.droppedResponses()).isEqualTo(1);
        assertThat(ses.emails()).hasSize(2);
    }

    @Test
    void sendAsync_responseLost_failsWithUnknownOutcomeAndMailIsStoredOnce() throws Exception {
        try (SesAsyncMailer mailer = SesAsyncMailer.builder().resilience(RETRIES).clientSettings(via(proxy.url()))
                .options(options().build()).build()) {
            proxy.dropResponses(1);

            assertThatThrownBy(() -> mailer.send(email()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SesSendException.class)
                    .satisfies(e -> assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME));
        }
        assertThat(proxy.droppedResponses()).isEqualTo(1);
        assertThat(ses.emails()).hasSize(1);
    }

    @Test
    void sendBulk_responseLost_marksDestinationsUnknownAndSendsEachOnce() {
        String template = "unknown_" + System.nanoTime();
        try (SesMailer mailer = mailer().clientSettings(via(proxy.url())).options(options().build()).build()) {
            mailer.createTemplate(EmailTemplate.of(template, "Hi {{n}}", "x", null));
            proxy.dropResponses(1);

            BulkResult result = mailer.sendBulk(BulkEmail.builder().from("shop@example.com").template(template)
                    .destination(BulkDestination.to("a@example.com", Map.of("n", 1)))
                    .destination(BulkDestination.to("b@example.com", Map.of("n", 2)))
                    .destination(BulkDestination.to("c@example.com", Map.of("n", 3))).build());

            assertThat(result.entries()).extracting(e -> e.status()).containsOnly("UNKNOWN_OUTCOME");
            assertThat(ses.emails()).hasSize(3);
            mailer.deleteTemplate(template);
        }
    }

    @Test
    void send_connectionRefused_isRetryableServiceErrorNotUnknown() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (SesMailer mailer = mailer().clientSettings(via(URI.create("http://127.0.0.1:" + closedPort)))
                .options(options().build()).build()) {
            assertThatThrownBy(() -> mailer.send(email()))
                    .satisfies(e -> {
                        if (e instanceof SesSendException se) {
                            assertThat(se.reason()).isNotEqualTo(SesFailure.UNKNOWN_OUTCOME);
                        }
                        assertThat(e.getMessage()).doesNotContain("may have been sent");
                        assertThat(((dev.tributary.core.TributaryException) e).retryable()).isTrue();
                    });
        }
    }

    private SmtpSettings smtpViaProxy(TcpProxy smtpProxy) {
        return SmtpSettings.builder().host("127.0.0.1").port(smtpProxy.port())
                .security(SmtpSettings.Security.NONE).timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();
    }

    @Test
    void sendSmtp_replyAfterDataLost_failsWithUnknownOutcomeAndOneMessageDelivered() {
        try (TcpProxy smtpProxy = TcpProxy.to("127.0.0.1", greenMail.getSmtp().getPort());
                SesMailer mailer = mailer().smtp(smtpViaProxy(smtpProxy)).options(options().build()).build()) {
            smtpProxy.dropRepliesAfter("\r\n.\r\n", 1);

            assertThatThrownBy(() -> mailer.send(email()))
                    .isInstanceOf(SesSendException.class)
                    .satisfies(e -> {
                        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME);
                        assertThat(((SesSendException) e).operation()).contains(SesOperation.SMTP);
                    });
            assertThat(smtpProxy.droppedResponses()).isEqualTo(1);
        }
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void sendSmtp_replyAfterDataTimesOut_failsWithUnknownOutcomeAndOneMessageDelivered() {
        try (TcpProxy smtpProxy = TcpProxy.to("127.0.0.1", greenMail.getSmtp().getPort());
                SesMailer mailer = mailer().smtp(SmtpSettings.builder().host("127.0.0.1")
                                .port(smtpProxy.port()).security(SmtpSettings.Security.NONE)
                                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                        .options(options().build()).build()) {
            smtpProxy.withholdRepliesAfter("\r\n.\r\n", 1);

            assertThatThrownBy(() -> mailer.send(email()))
                    .isInstanceOf(SesSendException.class)
                    .satisfies(e -> assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.UNKNOWN_OUTCOME));
        }
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void sendSmtp_replyAfterDataLostWithRetryUnknownOutcome_isRetried() {
        try (TcpProxy smtpProxy = TcpProxy.to("127.0.0.1", greenMail.getSmtp().getPort());
                SesMailer mailer = mailer().smtp(smtpViaProxy(smtpProxy))
                        .options(options().retryUnknownOutcome(true).build()).build()) {
            smtpProxy.dropRepliesAfter("\r\n.\r\n", 1);

            assertThat(mailer.send(email()).sent()).isTrue();
            assertThat(smtpProxy.droppedResponses()).isEqualTo(1);
        }
        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }
}
