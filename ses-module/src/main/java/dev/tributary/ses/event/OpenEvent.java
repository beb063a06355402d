package dev.tributary.ses.event;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recipient opened the message (open tracking through a configuration set).
 *
 * @param mail the message
 * @param ipAddress the opener's IP address, or null
 * @param userAgent the opener's user agent, or null
 * @param timestamp when it was opened
 */
public record OpenEvent(MailInfo mail, @Nullable String ipAddress, @Nullable String userAgent, Instant timestamp)
        implements SesEvent {
    @Override
    public SesEventType type() {
        return SesEventType.OPEN;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "OpenEvent[messageId=" + mail.messageId() + ", timestamp=" + timestamp + "]";
    }
}
