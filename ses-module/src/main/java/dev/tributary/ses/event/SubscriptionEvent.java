package dev.tributary.ses.event;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recipient changed their subscription through SES list management (e.g. the List-Unsubscribe header).
 *
 * @param mail the message the recipient acted on
 * @param contactList the contact list
 * @param timestamp when the preferences changed
 * @param source how, e.g. {@code UnsubscribeHeader} or {@code UnsubscribeLink}, or null
 * @param newTopicPreferences the preferences after the change
 * @param oldTopicPreferences the preferences before, or null when SES did not report them
 */
public record SubscriptionEvent(
        MailInfo mail,
        String contactList,
        Instant timestamp,
        @Nullable String source,
        TopicPreferences newTopicPreferences,
        @Nullable TopicPreferences oldTopicPreferences) implements SesEvent {

    /** Returns the preferences before the change, when reported. */
    public Optional<TopicPreferences> previousPreferences() {
        return Optional.ofNullable(oldTopicPreferences);
    }

    @Override
    public SesEventType type() {
        return SesEventType.SUBSCRIPTION;
    }

    @Override
    public Instant occurredAt() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "SubscriptionEvent[messageId=" + mail.messageId() + ", contactList=" + contactList
                + ", unsubscribeAll=" + newTopicPreferences.unsubscribeAll() + "]";
    }
}
