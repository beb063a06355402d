package dev.tributary.ses.event;

import java.time.Instant;

/**
 * SES accepted a send request and will try to deliver the message.
 *
 * @param mail the message
 */
public record SendEvent(MailInfo mail) implements SesEvent {
    @Override
    public SesEventType type() {
        return SesEventType.SEND;
    }

    @Override
    public Instant occurredAt() {
        return mail.timestamp();
    }

    @Override
    public String toString() {
        return "SendEvent[messageId=" + mail.messageId() + "]";
    }
}
