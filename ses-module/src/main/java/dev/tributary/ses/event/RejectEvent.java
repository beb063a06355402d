package dev.tributary.ses.event;

import java.time.Instant;

/**
 * SES accepted the request but refused to send the message, e.g. because it contained a virus.
 *
 * @param mail the message
 * @param reason why, e.g. {@code Bad content}
 */
public record RejectEvent(MailInfo mail, String reason) implements SesEvent {
    @Override
    public SesEventType type() {
        return SesEventType.REJECT;
    }

    @Override
    public Instant occurredAt() {
        return mail.timestamp();
    }

    @Override
    public String toString() {
        return "RejectEvent[messageId=" + mail.messageId() + ", reason=" + reason + "]";
    }
}
