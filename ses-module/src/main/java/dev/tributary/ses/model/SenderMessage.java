package dev.tributary.ses.model;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every message type shares: the sender, Reply-To, tags and the configuration set. Package-private: users
 * see these accessors on {@link Email}, {@link TemplatedEmail} and {@link BulkEmail}.
 */
abstract class SenderMessage {
    final EmailAddress from;
    final List<EmailAddress> replyTo;
    final List<MessageTag> tags;
    final @Nullable String configurationSet;

    SenderMessage(SenderBuilder<?> b) {
        this.from = java.util.Objects.requireNonNull(b.from, "from");
        this.replyTo = List.copyOf(b.replyTo);
        this.tags = List.copyOf(b.tags);
        this.configurationSet = b.configurationSet;
    }

    /** Returns the sender. */
    public EmailAddress from() {
        return from;
    }

    /** Returns the Reply-To addresses. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Returns the SES message tags. */
    public List<MessageTag> tags() {
        return tags;
    }

    /** Returns the configuration set for this message, overriding the mailer's default. */
    public Optional<String> configurationSet() {
        return Optional.ofNullable(configurationSet);
    }
}
