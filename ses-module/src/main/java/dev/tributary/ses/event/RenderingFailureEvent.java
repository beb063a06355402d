package dev.tributary.ses.event;

import java.time.Instant;

/**
 * A template could not be rendered with the given data, so the message was not sent.
 *
 * @param mail the message
 * @param templateName the template
 * @param errorMessage SES's explanation, e.g. which variable was missing
 */
public record RenderingFailureEvent(MailInfo mail, String templateName, String errorMessage) implements SesEvent {
    @Override
    public SesEventType type() {
        return SesEventType.RENDERING_FAILURE;
    }

    @Override
    public Instant occurredAt() {
        return mail.timestamp();
    }

    @Override
    public String toString() {
        return "RenderingFailureEvent[messageId=" + mail.messageId() + ", templateName=" + templateName + "]";
    }
}
