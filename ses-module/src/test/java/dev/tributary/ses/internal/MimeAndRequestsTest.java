package dev.tributary.ses.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.model.Attachment;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.TemplatedEmail;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

class MimeAndRequestsTest {

    private static Email.Builder base() {
        return Email.builder().from("Shop <shop@example.com>").to("ann@example.com").bcc("hidden@example.com")
                .subject("Grüße").text("plain").html("<p>html</p>");
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @Test
    void toBytes_textHtmlAndAttachment_isMixedWithAlternativeAndNoBcc() throws Exception {
        Email email = base().attachment(Attachment.of("r.csv", "text/csv", "a,b\n1,2".getBytes(StandardCharsets.UTF_8)))
                .header("X-Order", "42").build();

        byte[] raw = MimeBuilder.toBytes(MimeBuilder.build(email, null, null, false));
        String text = new String(raw, StandardCharsets.UTF_8);
        MimeMessage parsed = parse(raw);

        assertThat(text).doesNotContain("hidden@example.com").contains("X-Order: 42").doesNotContain("X-SES-");
        assertThat(parsed.getSubject()).isEqualTo("Grüße");
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("r.csv");
    }

    @Test
    void build_inlineImage_isRelatedWithContentId() throws Exception {
        Email email = base().attachment(Attachment.inline("logo.png", "image/png", new byte[] {1, 2}, "logo")).build();

        MimeMessage parsed = parse(MimeBuilder.toBytes(MimeBuilder.build(email, null, null, false)));

        assertThat(parsed.getContentType()).startsWith("multipart/related");
        Multipart related = (Multipart) parsed.getContent();
        assertThat(related.getBodyPart(1).getHeader("Content-ID")).containsExactly("<logo>");
    }

    @Test
    void build_smtpHeaders_carryConfigurationSetAndTags() throws Exception {
        Email email = base().tag("flow", "receipt").tag("tenant", "t1").build();

        MimeMessage m = MimeBuilder.build(email, null, "transactional", true);

        assertThat(m.getHeader("X-SES-CONFIGURATION-SET")).containsExactly("transactional");
        assertThat(m.getHeader("X-SES-MESSAGE-TAGS")).containsExactly("flow=receipt, tenant=t1");
    }

    @Test
    void toBytes_over40Megabytes_isRefusedBeforeSending() {
        // 31 MB grows past 40 MB once base64-encoded.
        Email email = base().attachment(Attachment.of("big.bin", "application/octet-stream", new byte[31 * 1024 * 1024]))
                .build();

        assertThatThrownBy(() -> ApiRequests.sendEmail(email, null))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("40 MB");
    }

    @Test
    void sendEmail_noAttachments_usesSimpleContentWithHeadersAndDefaults() {
        SendEmailRequest r = ApiRequests.sendEmail(base().header("X-A", "1").tag("k", "v").build(), "default-cs");

        assertThat(r.content().simple()).isNotNull();
        assertThat(r.content().raw()).isNull();
        assertThat(r.content().simple().headers()).extracting(h -> h.name()).containsExactly("X-A");
        assertThat(r.configurationSetName()).isEqualTo("default-cs");
        assertThat(r.destination().bccAddresses()).containsExactly("hidden@example.com");
        assertThat(r.emailTags()).hasSize(1);
    }

    @Test
    void sendEmail_noReplyToTagsCcBccOrHeaders_leavesThoseListsOutOfTheRequest() {
        SendEmailRequest r = ApiRequests.sendEmail(Email.builder().from("Shop <shop@example.com>")
                .to("ann@example.com").subject("Welcome").text("Hello Ann").build(), null);

        // Unset lists are not marshalled; explicitly empty ones would be sent as "[]" on every request.
        assertThat(r.destination().toAddresses()).containsExactly("ann@example.com");
        assertThat(r.destination().hasCcAddresses()).isFalse();
        assertThat(r.destination().hasBccAddresses()).isFalse();
        assertThat(r.hasReplyToAddresses()).isFalse();
        assertThat(r.hasEmailTags()).isFalse();
        assertThat(r.content().simple().hasHeaders()).isFalse();
    }

    @Test
    void sendEmail_withAttachment_usesRawContentAndKeepsBccInEnvelopeOnly() {
        SendEmailRequest r = ApiRequests.sendEmail(
                base().attachment(Attachment.of("a.txt", "text/plain", new byte[] {65})).configurationSet("own").build(),
                "default-cs");

        assertThat(r.content().raw()).isNotNull();
        assertThat(r.content().raw().data().asUtf8String()).doesNotContain("hidden@example.com");
        assertThat(r.destination().bccAddresses()).containsExactly("hidden@example.com");
        assertThat(r.configurationSetName()).isEqualTo("own");
    }

    @Test
    void sendBulk_120Destinations_isSplitIntoChunksOf50InOrder() {
        BulkEmail.Builder b = BulkEmail.builder().from("shop@example.com").template("welcome").defaultData(Map.of("n", 0));
        for (int i = 0; i < 120; i++) {
            b.destination(BulkDestination.to("u" + i + "@example.com", Map.of("n", i)));
        }

        List<SendBulkEmailRequest> requests = ApiRequests.sendBulk(b.build(), null);

        assertThat(requests).extracting(r -> r.bulkEmailEntries().size()).containsExactly(50, 50, 20);
        assertThat(requests.get(2).bulkEmailEntries().get(19).destination().toAddresses())
                .containsExactly("u119@example.com");
        assertThat(requests.get(1).bulkEmailEntries().get(0).replacementEmailContent().replacementTemplate()
                .replacementTemplateData()).isEqualTo("{\"n\":50}");
        assertThat(ApiRequests.recipients(requests.get(0))).isEqualTo(50);
    }

    @Test
    void sendTemplate_dataNotAnObject_isRefused() {
        TemplatedEmail e = TemplatedEmail.builder().from("a@example.com").to("b@example.com").template("t")
                .data(List.of(1, 2)).build();

        assertThatThrownBy(() -> ApiRequests.sendTemplate(e, null))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("JSON object");
    }

    record Welcome(String name, int visits) {}

    @Test
    void sendTemplate_recordData_isSerialisedAsJsonObject() {
        TemplatedEmail e = TemplatedEmail.builder().from("a@example.com").to("b@example.com").template("t")
                .data(new Welcome("Ann", 3)).build();

        assertThat(ApiRequests.sendTemplate(e, null).content().template().templateData())
                .isEqualTo("{\"name\":\"Ann\",\"visits\":3}");
    }
}
