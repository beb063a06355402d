package dev.tributary.ses.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InboundMessageTest {
    private static final Instant SENT = Instant.parse("2024-03-05T09:15:00Z");
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 1, 2, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    /** A part holding a {@code multipart/<subtype>} of {@code parts}. */
    private static MimeBodyPart nested(String subtype, MimeBodyPart... parts) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(new MimeMultipart(subtype, parts));
        return part;
    }

    /** A part holding {@code bytes} of a content type, shown inline or as an attachment. */
    private static MimeBodyPart binary(byte[] bytes, String contentType, String disposition) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, contentType)));
        part.setDisposition(disposition);
        return part;
    }

    private static byte[] richMessage() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("ann@example.com", "Ann Lée", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, "bob@example.org, Carl <carl@example.org>");
        m.setRecipients(Message.RecipientType.CC, "dora@example.net");
        m.setReplyTo(InternetAddress.parse("replies@example.com"));
        m.setSubject("Quarterly résumé ✓", "UTF-8");
        m.setSentDate(Date.from(SENT));
        m.setHeader("X-Custom", "folded value that is long enough to be\r\n continued on a second line");

        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello Bob, the numbers are attached. Grüße", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello <b>Bob</b> <img src=\"cid:logo@example.com\"></p>", "text/html; charset=UTF-8");
        MimeBodyPart logo = binary(PNG, "image/png", MimeBodyPart.INLINE);
        logo.setContentID("<logo@example.com>");
        MimeBodyPart related = nested("related", nested("alternative", text, html), logo);
        MimeBodyPart pdf = binary(PDF, "application/pdf", MimeBodyPart.ATTACHMENT);
        pdf.setFileName("Q1 report.pdf");

        m.setContent(new MimeMultipart("mixed", related, pdf));
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void parse_multipartMessage_exposesAddressesBodiesAndAttachments() throws Exception {
        InboundMessage m = InboundMessage.parse(richMessage());

        assertThat(m.from()).containsExactly(new MailboxAddress("ann@example.com", "Ann Lée"));
        assertThat(m.to()).containsExactly(new MailboxAddress("bob@example.org", null),
                new MailboxAddress("carl@example.org", "Carl"));
        assertThat(m.cc()).extracting(MailboxAddress::address).containsExactly("dora@example.net");
        assertThat(m.replyTo()).extracting(MailboxAddress::address).containsExactly("replies@example.com");
        assertThat(m.subject()).contains("Quarterly résumé ✓");
        assertThat(m.date()).contains(SENT);
        assertThat(m.messageId()).hasValueSatisfying(id -> assertThat(id).startsWith("<").endsWith(">"));
        assertThat(m.text()).contains("Hello Bob, the numbers are attached. Grüße");
        assertThat(m.html()).hasValueSatisfying(h -> assertThat(h).contains("<b>Bob</b>"));

        assertThat(m.attachments()).hasSize(2);
        InboundAttachment logo = m.attachments().get(0);
        assertThat(logo.contentType()).isEqualTo("image/png");
        assertThat(logo.contentId()).contains("logo@example.com");
        assertThat(logo.inline()).isTrue();
        assertThat(logo.content()).isEqualTo(PNG);
        InboundAttachment pdf = m.attachments().get(1);
        assertThat(pdf.fileName()).contains("Q1 report.pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.content()).isEqualTo(PDF);
        assertThat(pdf.inline()).isFalse();
        assertThat(pdf.size()).isEqualTo(PDF.length);
    }

    @Test
    void headers_foldedValues_areUnfoldedAndLookedUpIgnoringCase() throws Exception {
        InboundMessage m = InboundMessage.parse(richMessage());

        assertThat(m.header("x-custom")).containsExactly(
                "folded value that is long enough to be continued on a second line");
        assertThat(m.header("MIME-Version")).containsExactly("1.0");
        assertThat(m.headers()).extracting(h -> h.name()).contains("From", "To", "Subject", "Date", "Message-ID");
        assertThat(m.header("Absent")).isEmpty();
    }

    @Test
    void parse_plainLfMessageWithBrokenAddress_keepsGoing() {
        String raw = "From: not an address <<<\nTo: bob@example.org\nSubject: hi\n\nplain body\n";

        InboundMessage m = InboundMessage.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        assertThat(m.from()).isEmpty();
        assertThat(m.to()).extracting(MailboxAddress::address).containsExactly("bob@example.org");
        assertThat(m.text()).hasValueSatisfying(t -> assertThat(t).contains("plain body"));
        assertThat(m.html()).isEmpty();
        assertThat(m.date()).isEmpty();
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void parse_emptyBytes_isRejected() {
        assertThatThrownBy(() -> InboundMessage.parse(new byte[0])).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("rawMessage");
    }

    @Test
    void toString_andAttachmentCopies_doNotLeak() throws Exception {
        InboundMessage m = InboundMessage.parse(richMessage());

        assertThat(m.toString()).doesNotContain("@").doesNotContain("Hello");
        assertThat(m.from().get(0).toString()).doesNotContain("@");
        byte[] copy = m.attachments().get(1).content();
        copy[0] = 'X';
        assertThat(m.attachments().get(1).content()).isEqualTo(PDF);
    }
}
