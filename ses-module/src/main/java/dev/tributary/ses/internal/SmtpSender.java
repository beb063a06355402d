package dev.tributary.ses.internal;

import dev.tributary.ses.SmtpSettings;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;

/** Sends an {@link Email} over SMTP with Jakarta Mail, returning SES's message id from the 250 reply. */
public final class SmtpSender {
    private final SmtpSettings settings;
    private final Session session;

    /**
     * Creates the sender.
     *
     * @param settings the server and credentials
     */
    public SmtpSender(SmtpSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.readTimeout().toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
        switch (settings.security()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT_TLS -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> p.put("mail.smtp.starttls.enable", "false");
        }
        if (settings.security() != SmtpSettings.Security.NONE) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            settings.socketFactory().ifPresent(f -> p.put("mail.smtp.ssl.socketFactory", f));
        }
        this.session = Session.getInstance(p);
    }

    /**
     * Sends one message.
     *
     * @param email the e-mail
     * @param configurationSet the effective configuration set, or null
     * @return SES's message id, or the Message-ID header when the server's reply carries none
     * @throws MessagingException as Jakarta Mail reports it
     */
    public String send(Email email, @Nullable String configurationSet) throws MessagingException {
        SMTPMessage message = new SMTPMessage(MimeBuilder.build(email, session, configurationSet, true));
        MimeBuilder.toBytes(message);
        // The envelope sender receives bounces and complaints over SMTP.
        email.feedbackForwardingAddress().ifPresent(a -> message.setEnvelopeFrom(a.address()));
        Address[] recipients = email.allRecipients().stream()
                .map(EmailAddress::address)
                .map(SmtpSender::internet)
                .toArray(Address[]::new);
        Transport transport = session.getTransport("smtp");
        try {
            transport.connect(settings.username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, recipients);
            String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
            return messageId(reply, message);
        } finally {
            transport.close();
        }
    }

    private static String messageId(@Nullable String reply, MimeMessage message) throws MessagingException {
        // SES answers "250 Ok <message-id>"; other servers say anything.
        if (reply != null && reply.startsWith("250 Ok ")) {
            return reply.substring("250 Ok ".length()).trim();
        }
        String header = message.getMessageID();
        return header == null ? "" : header.replaceAll("[<>]", "");
    }

    private static InternetAddress internet(String address) {
        try {
            return new InternetAddress(address);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("address was validated", e);
        }
    }
}
