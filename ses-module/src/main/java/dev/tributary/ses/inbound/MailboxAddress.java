package dev.tributary.ses.inbound;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox from a received message's address header, as written by the sender (not validated: inbound
 * mail may carry addresses SES would refuse to send to).
 *
 * @param address the address, e.g. {@code ann@example.com}
 * @param displayName the decoded display name, or null
 */
public record MailboxAddress(String address, @Nullable String displayName) {
    /** Returns the display name when there is one. */
    public Optional<String> name() {
        return Optional.ofNullable(displayName);
    }

    @Override
    public String toString() {
        return "MailboxAddress[<address>]";
    }
}
