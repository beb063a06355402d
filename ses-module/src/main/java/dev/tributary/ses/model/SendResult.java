package dev.tributary.ses.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one send.
 *
 * @param messageId the SES message id (use it to correlate bounce, complaint and delivery events), or null
 *     when every recipient was suppressed and nothing was sent
 * @param recipients how many recipients the message was sent to
 * @param suppressed recipients skipped because they are on the suppression list
 */
public record SendResult(@Nullable String messageId, int recipients, List<String> suppressed) {
    /** Copies the list. */
    public SendResult {
        suppressed = List.copyOf(suppressed);
    }

    /** Creates a result for a message sent to every recipient. */
    public SendResult(String messageId, int recipients) {
        this(messageId, recipients, List.of());
    }

    /** Returns whether a message was sent at all. */
    public boolean sent() {
        return messageId != null;
    }

    /** Returns the message id when a message was sent. */
    public Optional<String> sentMessageId() {
        return Optional.ofNullable(messageId);
    }
}
