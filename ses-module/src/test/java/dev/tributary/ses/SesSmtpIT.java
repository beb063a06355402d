package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tributary.ses.model.Attachment;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.SendResult;
import dev.tributary.testkit.LocalSmtp;
import dev.tributary.testkit.LocalSmtpExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SesSmtpIT {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static LocalSmtpExtension startTls = LocalSmtpExtension.of(LocalSmtp.builder().credentials("ses-user", "ses-pass"));

    private static SesOptions noQuota() {
        return SesOptions.builder().quotaAware(false).build();
    }

    private static dev.tributary.core.ResilienceSettings fastRetries() {
        return dev.tributary.core.ResilienceSettings.builder().backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
    }

    private static Email.Builder email() {
        return Email.builder().from("Shop <shop@example.com>").to("ann@example.com").bcc("audit@example.com")
                .subject("Receipt").text("plain").html("<p>html</p>").tag("flow", "receipt")
                .listUnsubscribe("mailto:unsub@example.com");
    }

    @Test
    void send_overPlainSmtp_rawMessageCarriesSesHeadersButNoBcc() throws Exception {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
                .security(SmtpSettings.Security.NONE).build();
        try (SesMailer mailer = SesMailer.builder().smtp(smtp)
                .options(SesOptions.builder().quotaAware(false).defaultConfigurationSet("tx").build()).build()) {
            SendResult r = mailer.send(email()
                    .attachment(Attachment.of("r.csv", "text/csv", "a,b".getBytes())).build());

            assertThat(r.messageId()).isNotBlank();
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2); // To and Bcc each receive the message
        String raw = GreenMailUtil.getWholeMessage(received[0]);
        assertThat(raw).contains("X-SES-CONFIGURATION-SET: tx", "X-SES-MESSAGE-TAGS: flow=receipt",
                "List-Unsubscribe: <mailto:unsub@example.com>", "filename=r.csv");
        assertThat(raw).doesNotContain("audit@example.com");
    }

    @Test
    void send_startTlsWithAuth_isDeliveredOverTls(LocalSmtp server) {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(server.port())
                .security(SmtpSettings.Security.STARTTLS).credentials("ses-user", "ses-pass")
                .socketFactory(server.clientSslContext().getSocketFactory()).build();
        try (SesMailer mailer = SesMailer.builder().smtp(smtp).options(noQuota()).resilience(fastRetries()).build()) {
            mailer.send(email().build());
        }

        assertThat(server.messages()).extracting(LocalSmtp.ReceivedMessage::envelopeTo)
                .containsExactlyInAnyOrder("ann@example.com", "audit@example.com");
        assertThat(server.messages().get(0).rawText()).contains("Subject: Receipt").doesNotContain("Bcc:");
    }

    @Test
    void send_wrongSmtpPassword_isTypedAuthenticationFailureNotRetried(LocalSmtp server) {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(server.port())
                .credentials("ses-user", "wrong").socketFactory(server.clientSslContext().getSocketFactory()).build();
        try (SesMailer mailer = SesMailer.builder().smtp(smtp).options(noQuota()).resilience(fastRetries()).build()) {
            assertThatThrownBy(() -> mailer.send(email().build()))
                    .isInstanceOf(SesSendException.class)
                    .satisfies(e -> {
                        assertThat(((SesSendException) e).reason()).isEqualTo(SesFailure.SMTP_AUTHENTICATION);
                        assertThat(((SesSendException) e).retryable()).isFalse();
                        assertThat(e.getMessage()).doesNotContain("wrong");
                    });
        }
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void build_smtpTransportWithoutSettings_isRefused() {
        assertThatThrownBy(() -> SesMailer.builder().transport(SesTransport.SMTP).build())
                .isInstanceOf(dev.tributary.core.TributaryValidationException.class);
    }
}
