package dev.tributary.ses.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The message bounced for one or more recipients.
 *
 * @param mail the message
 * @param bounceType hard, soft or undetermined
 * @param bounceSubType SES's sub-type, e.g. {@code General}, {@code NoEmail}, {@code MailboxFull},
 *     {@code Suppressed}, {@code OnAccountSuppressionList}
 * @param bouncedRecipients the recipients that bounced
 * @param timestamp when the bounce was received
 * @param feedbackId SES's id for the bounce
 * @param reportingMta the server that reported it, or null
 * @param remoteMtaIp the receiving server's IP address, or null
 */
public record BounceEvent(
        MailInfo mail,
        BounceType bounceType,
        String bounceSubType,
        List<BouncedRecipient> bouncedRecipients,
        Instant timestamp,
        @Nullable String feedbackId,
        @Nullable String reportingMta,
        @Nullable String remoteMtaIp) implements SesEvent {

    /** Copies the recipient list. */
    public BounceEvent {
        bouncedRecipients = List.copyOf(bouncedRecipients);
    }

    /** Returns whether this is a hard bounce ({@link BounceType#PERMANENT}). */
    public boolean isHard() {
        return bounceType == BounceType.PERMANENT;
    }

    @Override
    public SesEventType type() {
        return SesEventType.BOUNCE;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "BounceEvent[messageId=" + mail.messageId() + ", bounceType=" + bounceType + ", bounceSubType="
                + bounceSubType + ", recipients=" + bouncedRecipients.size() + ", timestamp=" + timestamp + "]";
    }
}
