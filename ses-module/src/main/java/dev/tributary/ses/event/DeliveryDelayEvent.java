package dev.tributary.ses.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Delivery is delayed by a temporary problem; SES keeps retrying until {@link #expirationTime()}.
 *
 * @param mail the message
 * @param delayType why, e.g. {@code MailboxFull}, {@code TransientCommunicationFailure}, {@code SpamDetected}
 * @param expirationTime when SES stops retrying, or null
 * @param delayedRecipients the recipients affected
 * @param timestamp when the delay occurred
 * @param reportingMta the server that reported it, or null
 */
public record DeliveryDelayEvent(
        MailInfo mail,
        String delayType,
        @Nullable Instant expirationTime,
        List<DelayedRecipient> delayedRecipients,
        Instant timestamp,
        @Nullable String reportingMta) implements SesEvent {

    /** Copies the recipient list. */
    public DeliveryDelayEvent {
        delayedRecipients = List.copyOf(delayedRecipients);
    }

    /** Returns when SES stops retrying, when SES said. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expirationTime);
    }

    @Override
    public SesEventType type() {
        return SesEventType.DELIVERY_DELAY;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "DeliveryDelayEvent[messageId=" + mail.messageId() + ", delayType=" + delayType + ", recipients="
                + delayedRecipients.size() + ", expirationTime=" + expirationTime + "]";
    }
}
