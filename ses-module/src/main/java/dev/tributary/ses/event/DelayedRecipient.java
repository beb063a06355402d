package dev.tributary.ses.event;

import org.jspecify.annotations.Nullable;

/**
 * One recipient whose delivery is delayed.
 *
 * @param emailAddress the address
 * @param status the enhanced status code, e.g. {@code 4.4.1}, or null
 * @param diagnosticCode the receiving server's diagnostic, or null
 */
public record DelayedRecipient(String emailAddress, @Nullable String status, @Nullable String diagnosticCode) {
    @Override
    public String toString() {
        return "DelayedRecipient[emailAddress=<address>, status=" + status + "]";
    }
}
