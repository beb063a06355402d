package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.model.Attachment;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SesEmulatorExtension.class)
class SesMailerIT {
    private final LocalSes ses;
    @AutoClose
    private final SesMailer mailer;

    SesMailerIT(LocalSes ses) {
        this.ses = ses;
        this.mailer = SesMailer.builder()
                .clientSettings(settings(ses))
                .options(SesOptions.builder().defaultConfigurationSet("default-cs").build())
                .build();
    }

    static ClientSettings settings(LocalSes ses) {
        return ClientSettings.local(ses.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(5)).build();
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    @Test
    void send_simpleEmail_isStoredWithRecipientsBodiesAndHeaders() {
        SendResult r = mailer.send(Email.builder()
                .from("Shop <shop@example.com>")
                .to("ann@example.com").cc("bob@example.com").bcc("audit@example.com")
                .replyTo("help@example.com")
                .subject("Welcome")
                .text("Hello Ann").html("<p>Hello Ann</p>")
                .header("X-Order", "42")
                .listUnsubscribe("https://example.com/unsub")
                .build());

        assertThat(r.recipients()).isEqualTo(3);
        StoredEmail stored = ses.emails().get(0);
        assertThat(ses.emails()).hasSize(1);
        assertThat(stored.messageId()).isEqualTo(r.messageId());
        assertThat(stored.to()).containsExactly("ann@example.com");
        assertThat(stored.cc()).containsExactly("bob@example.com");
        assertThat(stored.bcc()).containsExactly("audit@example.com");
        assertThat(stored.replyTo()).containsExactly("help@example.com");
        assertThat(stored.subject()).isEqualTo("Welcome");
        assertThat(stored.text()).isEqualTo("Hello Ann");
        assertThat(stored.html()).isEqualTo("<p>Hello Ann</p>");
        assertThat(stored.headers()).containsEntry("X-Order", "42")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    @Test
    void send_withAttachment_goesRawAndAttachmentArrivesIntact() {
        byte[] csv = "sku,qty\nA-1,2\n".getBytes(StandardCharsets.UTF_8);
        mailer.send(Email.builder().from("shop@example.com").to("ann@example.com").subject("Receipt")
                .text("See attached").attachment(Attachment.of("receipt.csv", "text/csv", csv)).build());

        StoredEmail stored = ses.emails().get(0);
        assertThat(stored.subject()).isEqualTo("Receipt");
        assertThat(stored.text()).contains("See attached");
        assertThat(stored.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("receipt.csv");
            assertThat(a.content()).isEqualTo(csv);
        });
    }

    @Test
    void send_invalidInput_sendsNothing() {
        assertThatThrownBy(() -> mailer.send(Email.builder().from("shop@example.com").to("ann@example.com")
                        .subject("x").text("y")
                        .attachment(Attachment.of("big.bin", "application/octet-stream", new byte[31 * 1024 * 1024]))
                        .build()))
                .isInstanceOf(TributaryValidationException.class);

        assertThat(ses.emails()).isEmpty();
    }

    @Test
    void templates_lifecycle_createRenderSendUpdateDelete() {
        String name = "welcome_" + System.nanoTime();
        mailer.createTemplate(EmailTemplate.of(name, "Hi {{name}}", "Welcome, {{name}}!", "<b>{{name}}</b>"));

        assertThat(mailer.getTemplate(name)).get().extracting(EmailTemplate::subject).isEqualTo("Hi {{name}}");
        assertThat(mailer.listTemplates()).contains(name);
        assertThat(mailer.renderTemplate(name, Map.of("name", "Ann"))).contains("Hi Ann");

        mailer.send(TemplatedEmail.builder().from("shop@example.com").to("ann@example.com").template(name)
                .data(Map.of("name", "Ann")).build());
        StoredEmail stored = ses.emails().get(0);
        assertThat(stored.subject()).isEqualTo("Hi Ann");
        assertThat(stored.text()).isEqualTo("Welcome, Ann!");

        mailer.updateTemplate(EmailTemplate.of(name, "Hello {{name}}", "v2", null));
        assertThat(mailer.getTemplate(name)).get().extracting(EmailTemplate::subject).isEqualTo("Hello {{name}}");
        mailer.deleteTemplate(name);
        assertThat(mailer.getTemplate(name)).isEmpty();
    }

    @Test
    void send_missingTemplate_isTypedNotFoundOrBadRequest() {
        assertThatThrownBy(() -> mailer.send(TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                        .template("does_not_exist").build()))
                .isInstanceOf(SesSendException.class)
                .satisfies(e -> assertThat(((SesSendException) e).reason())
                        .isIn(SesFailure.NOT_FOUND, SesFailure.BAD_REQUEST));
    }

    @Test
    void sendBulk_120Destinations_deliversEachWithOwnDataAndReportsEveryDestination() {
        String name = "bulk_" + System.nanoTime();
        mailer.createTemplate(EmailTemplate.of(name, "Order {{n}}", "Your number is {{n}}", null));
        BulkEmail.Builder b = BulkEmail.builder().from("shop@example.com").template(name).defaultData(Map.of("n", -1));
        for (int i = 0; i < 120; i++) {
            b.destination(BulkDestination.to("user" + i + "@example.com", Map.of("n", i)));
        }

        BulkResult result = mailer.sendBulk(b.build());

        assertThat(result.entries()).hasSize(120);
        assertThat(result.succeeded()).isEqualTo(120);
        assertThat(result.entries()).extracting(e -> e.index()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 120).boxed().toList());
        assertThat(ses.emails()).hasSize(120);
        assertThat(ses.emails()).filteredOn(e -> e.to().contains("user77@example.com"))
                .singleElement().extracting(StoredEmail::subject).isEqualTo("Order 77");
        mailer.deleteTemplate(name);
    }

    @Test
    void send_quotaAlmostUsedUp_isRefusedEarlyAndNothingSent() {
        try (LocalSes nearlyFull = LocalSes.start(SesAccount.defaults().withSendQuota(10, 5, 4));
                SesMailer m = SesMailer.builder().clientSettings(settings(nearlyFull)).build()) {
            m.send(Email.builder().from("shop@example.com").to("a@example.com").subject("1").text("1").build());

            assertThatThrownBy(() -> m.send(Email.builder().from("shop@example.com").to("b@example.com")
                            .subject("2").text("2").build()))
                    .isInstanceOf(TributaryRejectedException.class)
                    .satisfies(e -> assertThat(((TributaryRejectedException) e).reason())
                            .isEqualTo(TributaryRejectedException.Reason.QUOTA_EXHAUSTED));
            assertThat(nearlyFull.emails()).hasSize(1);
        }
    }

    @Test
    void account_fromGetAccount_drivesTheSendRate() {
        assertThat(mailer.account().maxSendRate()).isEqualTo(14.0);
        mailer.send(Email.builder().from("shop@example.com").to("a@example.com").subject("s").text("t").build());

        assertThat(mailer.metrics().sendRate()).isEqualTo(14.0);
    }

    @Test
    void close_userClient_isLeftOpen() {
        var client = settings(ses).applyTo(software.amazon.awssdk.services.sesv2.SesV2Client.builder())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        SesMailer.create(client).close();

        assertThat(client.getAccount(r -> {}).sendQuota().maxSendRate()).isEqualTo(14.0);
        client.close();
    }
}
