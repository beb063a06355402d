package dev.tributary.ses.event;

import dev.tributary.ses.event.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A recipient clicked a tracked link.
 *
 * @param mail the message
 * @param link the link's target URL
 * @param linkTags the tags set on the link ({@code ses:tags} attribute), name to values
 * @param ipAddress the clicker's IP address, or null
 * @param userAgent the clicker's user agent, or null
 * @param timestamp when the link was clicked
 */
public record ClickEvent(
        MailInfo mail,
        String link,
        Map<String, List<String>> linkTags,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        Instant timestamp) implements SesEvent {

    /** Copies the link tags. */
    public ClickEvent {
        linkTags = Copies.tags(linkTags);
    }

    @Override
    public SesEventType type() {
        return SesEventType.CLICK;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        // Links may carry personal tokens in their query string.
        return "ClickEvent[messageId=" + mail.messageId() + ", linkTags=" + linkTags.keySet() + ", timestamp="
                + timestamp + "]";
    }
}
