package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The setters and checks every message builder shares (sender, Reply-To, tags, configuration set), written once.
 * Package-private: users see these methods on the public builders.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class SenderBuilder<B extends SenderBuilder<B>> {
    @Nullable EmailAddress from;
    final List<EmailAddress> replyTo = new ArrayList<>();
    final List<MessageTag> tags = new ArrayList<>();
    @Nullable String configurationSet;

    SenderBuilder() {}

    SenderBuilder(SenderMessage m) {
        from = m.from;
        replyTo.addAll(m.replyTo);
        tags.addAll(m.tags);
        configurationSet = m.configurationSet;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Sets the sender, bare or with a display name ({@code "Shop <shop@example.com>"}). */
    public B from(String from) {
        this.from = EmailAddress.parse("from", from);
        return self();
    }

    /** Adds Reply-To addresses. */
    public B replyTo(String... addresses) {
        return add(replyTo, "replyTo", addresses);
    }

    final B add(List<EmailAddress> list, String field, String... addresses) {
        for (String a : addresses) {
            list.add(EmailAddress.parse(field + "[" + list.size() + "]", a));
        }
        return self();
    }

    /** Adds an SES message tag. */
    public B tag(String name, String value) {
        tags.add(MessageTag.of(name, value));
        return self();
    }

    /** Sets the configuration set for this message. */
    public B configurationSet(@Nullable String configurationSet) {
        this.configurationSet = configurationSet;
        return self();
    }

    /** Checks the sender and the configuration set's name. */
    final void checkSender() {
        if (from == null) {
            throw TributaryValidationException.of("from", "is required");
        }
        if (configurationSet != null) {
            Checks.noLineBreaks("configurationSet", configurationSet);
            Checks.tag("configurationSet", configurationSet);
        }
    }
}
