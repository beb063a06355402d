package dev.tributary.ses.model;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome for one destination of a {@link BulkEmail}.
 *
 * @param index the destination's position in {@link BulkEmail#destinations()}
 * @param status SES's status, such as {@code SUCCESS}, {@code MESSAGE_REJECTED} or {@code ACCOUNT_DAILY_QUOTA_EXCEEDED}
 * @param messageId the message id when accepted, else null
 * @param error SES's error text when refused (addresses masked), else null
 */
public record BulkEntryResult(int index, String status, @Nullable String messageId, @Nullable String error) {
    /** Returns whether SES accepted this destination. */
    public boolean succeeded() {
        return "SUCCESS".equals(status);
    }

    /** Returns the message id when accepted. */
    public Optional<String> acceptedMessageId() {
        return Optional.ofNullable(messageId);
    }

    /** Returns the error text when refused. */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(error);
    }
}
