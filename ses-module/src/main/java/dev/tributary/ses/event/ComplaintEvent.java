package dev.tributary.ses.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recipient reported the message as spam (feedback loop).
 *
 * @param mail the message
 * @param complainedRecipients the addresses that complained
 * @param timestamp when SES received the complaint
 * @param feedbackId SES's id for the complaint, or null
 * @param complaintFeedbackType the ARF feedback type, e.g. {@code abuse}, or null when the ISP gave none
 * @param complaintSubType SES's sub-type (e.g. {@code OnAccountSuppressionList}), or null
 * @param userAgent the reporting agent, or null
 * @param arrivalDate when the ISP says the message arrived, or null
 */
public record ComplaintEvent(
        MailInfo mail,
        List<String> complainedRecipients,
        Instant timestamp,
        @Nullable String feedbackId,
        @Nullable String complaintFeedbackType,
        @Nullable String complaintSubType,
        @Nullable String userAgent,
        @Nullable Instant arrivalDate) implements SesEvent {

    /** Copies the recipient list. */
    public ComplaintEvent {
        complainedRecipients = List.copyOf(complainedRecipients);
    }

    /** Returns the ARF feedback type when the ISP gave one. */
    public Optional<String> feedbackType() {
        return Optional.ofNullable(complaintFeedbackType);
    }

    @Override
    public SesEventType type() {
        return SesEventType.COMPLAINT;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "ComplaintEvent[messageId=" + mail.messageId() + ", complaintFeedbackType=" + complaintFeedbackType
                + ", recipients=" + complainedRecipients.size() + ", timestamp=" + timestamp + "]";
    }
}
