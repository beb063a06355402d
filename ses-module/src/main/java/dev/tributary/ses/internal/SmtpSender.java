package dev.tributary.ses.internal;

import dev.tributary.ses.SmtpSettings;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an {@link Email} over SMTP with Jakarta Mail, returning SES's message id from the 250 reply. A
 * connection that breaks after the end of DATA was sent (before the server's reply) is reported as
 * {@link OutcomeUnknownException}: the server may have accepted the message.
 */
public final class SmtpSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSender.class);

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
        TrackingTransport transport = new TrackingTransport(session);
        String id;
        try {
            transport.connect(settings.username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, recipients);
            id = messageId(transport.getLastServerResponse(), message);
        } catch (MessagingException e) {
            closeQuietly(transport);
            // A reply (such as 4xx or 5xx after DATA) is a known outcome; a broken connection or EOF after the
            // dot is not (Angus reports EOF as a send failure with reply code -1).
            boolean replied = e instanceof SMTPSendFailedException sf && sf.getReturnCode() > 0;
            if (transport.dataFinishing && !replied
                    && (causedByIo(e) || e instanceof SMTPSendFailedException || transport.getLastReturnCode() < 0)) {
                throw new OutcomeUnknownException(e);
            }
            throw e;
        }
        // The message is accepted: a failing QUIT must not turn it into an error that a retry would resend.
        closeQuietly(transport);
        return id;
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.debug("SMTP connection did not close cleanly; ignored [host={}]", transport.getURLName(), e);
        }
    }

    private static boolean causedByIo(MessagingException e) {
        for (Throwable c = e; c != null; c = c instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException() : c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The SMTP connection broke after the end of the message data was sent: the server may have taken it. */
    public static final class OutcomeUnknownException extends MessagingException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknownException(MessagingException cause) {
            super("connection lost after the end of DATA was sent, before the server's reply", cause);
        }
    }

    /** Notes when the message's terminating dot is about to be sent, which is when delivery may happen. */
    private static final class TrackingTransport extends SMTPTransport {
        private volatile boolean dataFinishing;

        TrackingTransport(Session session) {
            super(session, new URLName("smtp", null, -1, null, null, null));
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            dataFinishing = true;
            super.finishData();
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
