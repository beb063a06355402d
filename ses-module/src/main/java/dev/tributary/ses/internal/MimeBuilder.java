package dev.tributary.ses.internal;

import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.model.Attachment;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailAddress;
import dev.tributary.ses.model.MessageTag;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds the MIME message for an {@link Email} with Jakarta Mail: text and/or HTML as
 * multipart/alternative, inline parts in multipart/related, attachments in multipart/mixed.
 */
public final class MimeBuilder {
    private static void setHeader(MimeMessage m, String name, String value) {
        try {
            m.setHeader(name, value);
        } catch (MessagingException e) {
            throw TributaryValidationException.of(name, "could not be set: " + e.getClass().getSimpleName());
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private MimeBuilder() {}

    /**
     * Builds the message.
     *
     * @param email the e-mail
     * @param session the session (SMTP settings for SMTP sends), or null for a plain one
     * @param configurationSet the effective configuration set, written as an SES header when
     *     {@code sesSmtpHeaders}
     * @param sesSmtpHeaders whether to add SES's SMTP headers for configuration set and tags
     * @return the message, with Bcc set (strip it when serialising)
     */
    public static MimeMessage build(
            Email email, @Nullable Session session, @Nullable String configurationSet, boolean sesSmtpHeaders) {
        try {
            MimeMessage m = new MimeMessage(session == null ? SESSION : session);
            m.setFrom(email.from().toInternetAddress());
            m.setRecipients(Message.RecipientType.TO, addresses(email.to()));
            m.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
            m.setRecipients(Message.RecipientType.BCC, addresses(email.bcc()));
            if (!email.replyTo().isEmpty()) {
                m.setReplyTo(addresses(email.replyTo()));
            }
            m.setSubject(email.subject(), UTF_8);
            m.setSentDate(new Date());
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            if (sesSmtpHeaders) {
                if (configurationSet != null) {
                    m.setHeader("X-SES-CONFIGURATION-SET", configurationSet);
                }
                // SES's SMTP form of ListManagementOptions: "<contact list>; topic=<topic>".
                email.listManagement().ifPresent(l -> setHeader(m, "X-SES-LIST-MANAGEMENT-OPTIONS",
                        l.contactList() + l.topic().map(t -> "; topic=" + t).orElse("")));
                if (!email.tags().isEmpty()) {
                    m.setHeader("X-SES-MESSAGE-TAGS", email.tags().stream()
                            .map(t -> t.name() + "=" + t.value())
                            .collect(Collectors.joining(", ")));
                }
            }
            setBody(m, email);
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw TributaryValidationException.of("email", "could not be encoded as MIME: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Serialises the message without its Bcc header, refusing it when over SES's 40 MB limit.
     *
     * @param message the message
     * @return the RFC 5322 bytes
     * @throws TributaryValidationException if the encoded message is larger than 40 MB
     */
    public static byte[] toBytes(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            message.writeTo(out, new String[] {"Bcc", "Content-Length"});
            if (out.size() > Email.MAX_MESSAGE_BYTES) {
                throw TributaryValidationException.of("email", "is " + (out.size() / (1024 * 1024))
                        + " MB after MIME encoding; SES accepts at most 40 MB: send large files as links");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw TributaryClientException.create("Could not write the MIME message: "
                    + e.getClass().getSimpleName(), e);
        } catch (MessagingException e) {
            throw TributaryValidationException.of("email", "could not be serialised as MIME: " + e.getClass().getSimpleName());
        }
    }

    private static InternetAddress[] addresses(List<EmailAddress> list) {
        return list.stream().map(EmailAddress::toInternetAddress).toArray(InternetAddress[]::new);
    }

    private static void setBody(MimeMessage m, Email email) throws MessagingException {
        List<Attachment> inline = email.attachments().stream().filter(a -> a.contentId().isPresent()).toList();
        List<Attachment> regular = email.attachments().stream().filter(a -> a.contentId().isEmpty()).toList();
        if (email.attachments().isEmpty()) {
            if (email.html().isEmpty()) {
                m.setText(email.text().orElseThrow(), UTF_8);
            } else {
                m.setContent(alternative(email));
            }
            return;
        }
        MimeMultipart content = alternative(email);
        if (!inline.isEmpty()) {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(wrap(content));
            for (Attachment a : inline) {
                related.addBodyPart(part(a, Part.INLINE));
            }
            content = related;
        }
        if (!regular.isEmpty()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(wrap(content));
            for (Attachment a : regular) {
                mixed.addBodyPart(part(a, Part.ATTACHMENT));
            }
            content = mixed;
        }
        m.setContent(content);
    }

    private static MimeBodyPart wrap(Multipart multipart) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setContent(multipart);
        return p;
    }

    private static MimeMultipart alternative(Email email) throws MessagingException {
        MimeMultipart alt = new MimeMultipart("alternative");
        if (email.text().isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text().get(), UTF_8);
            alt.addBodyPart(text);
        }
        if (email.html().isPresent()) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html().get(), UTF_8, "html");
            alt.addBodyPart(html);
        }
        return alt;
    }

    private static MimeBodyPart part(Attachment a, String disposition) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
        try {
            p.setFileName(jakarta.mail.internet.MimeUtility.encodeText(a.fileName(), UTF_8, null));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        p.setDisposition(disposition);
        if (a.contentId().isPresent()) {
            p.setContentID("<" + a.contentId().get() + ">");
        }
        return p;
    }
}
