package dev.tributary.ses.event;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One recipient of a bounce.
 *
 * @param emailAddress the address that bounced
 * @param action the DSN action, e.g. {@code failed}, or null
 * @param status the enhanced status code, e.g. {@code 5.1.1}, or null
 * @param diagnosticCode the receiving server's diagnostic, e.g. {@code smtp; 550 5.1.1 user unknown}, or null
 */
public record BouncedRecipient(
        String emailAddress, @Nullable String action, @Nullable String status, @Nullable String diagnosticCode) {

    /** Returns the diagnostic code when the bounce message had one. */
    public Optional<String> diagnostic() {
        return Optional.ofNullable(diagnosticCode);
    }

    @Override
    public String toString() {
        return "BouncedRecipient[emailAddress=<address>, action=" + action + ", status=" + status + "]";
    }
}
