package dev.tributary.ses.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The recipients' mail server accepted the message.
 *
 * @param mail the message
 * @param timestamp when the receiving server accepted it
 * @param processingTimeMillis milliseconds from SES accepting the request to delivery
 * @param recipients the recipients this delivery covers
 * @param smtpResponse the receiving server's SMTP reply, or null
 * @param reportingMta the SES host that delivered it, or null
 * @param remoteMtaIp the receiving server's IP address, or null
 */
public record DeliveryEvent(
        MailInfo mail,
        Instant timestamp,
        long processingTimeMillis,
        List<String> recipients,
        @Nullable String smtpResponse,
        @Nullable String reportingMta,
        @Nullable String remoteMtaIp) implements SesEvent {

    /** Copies the recipient list. */
    public DeliveryEvent {
        recipients = List.copyOf(recipients);
    }

    @Override
    public SesEventType type() {
        return SesEventType.DELIVERY;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "DeliveryEvent[messageId=" + mail.messageId() + ", timestamp=" + timestamp + ", recipients="
                + recipients.size() + ", processingTimeMillis=" + processingTimeMillis + "]";
    }
}
