package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The setters and checks {@link Email.Builder} and {@link TemplatedEmail.Builder} share, written once.
 * Package-private: users see these methods on the two public builders.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class AddressedBuilder<B extends AddressedBuilder<B>> {
    @Nullable EmailAddress from;
    final List<EmailAddress> to = new ArrayList<>();
    final List<EmailAddress> cc = new ArrayList<>();
    final List<EmailAddress> bcc = new ArrayList<>();
    final List<EmailAddress> replyTo = new ArrayList<>();
    final List<MessageTag> tags = new ArrayList<>();
    @Nullable String configurationSet;
    @Nullable ListManagement listManagement;

    AddressedBuilder() {}

    AddressedBuilder(AddressedMessage m) {
        from = m.from;
        to.addAll(m.to);
        cc.addAll(m.cc);
        bcc.addAll(m.bcc);
        replyTo.addAll(m.replyTo);
        tags.addAll(m.tags);
        configurationSet = m.configurationSet;
        listManagement = m.listManagement;
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

    /** Adds To recipients. */
    public B to(String... addresses) {
        return add(to, "to", addresses);
    }

    /** Adds Cc recipients. */
    public B cc(String... addresses) {
        return add(cc, "cc", addresses);
    }

    /** Adds Bcc recipients. */
    public B bcc(String... addresses) {
        return add(bcc, "bcc", addresses);
    }

    /** Adds Reply-To addresses. */
    public B replyTo(String... addresses) {
        return add(replyTo, "replyTo", addresses);
    }

    private B add(List<EmailAddress> list, String field, String... addresses) {
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

    /** Sets SES list management: SES adds one-click unsubscribe for this contact list and topic. */
    public B listManagement(@Nullable ListManagement listManagement) {
        this.listManagement = listManagement;
        return self();
    }

    /** Sets the configuration set for this message. */
    public B configurationSet(@Nullable String configurationSet) {
        this.configurationSet = configurationSet;
        return self();
    }

    /**
     * Drops the given recipients (compared case-insensitively).
     *
     * @return whether any recipient remains
     */
    final boolean dropRecipients(Collection<String> addresses) {
        Set<String> drop = new HashSet<>();
        addresses.forEach(a -> drop.add(a.toLowerCase(Locale.ROOT)));
        to.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        cc.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        bcc.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        return !(to.isEmpty() && cc.isEmpty() && bcc.isEmpty());
    }

    /** Checks the sender, the recipients (1-50, SES's limit per message) and the configuration set's name. */
    final void checkAddressing(String tooManyAdvice) {
        if (from == null) {
            throw TributaryValidationException.of("from", "is required");
        }
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw TributaryValidationException.of("to", "at least one To, Cc or Bcc recipient is required");
        }
        if (to.size() + cc.size() + bcc.size() > 50) {
            throw TributaryValidationException.of("to", "SES accepts at most 50 recipients per message; "
                    + tooManyAdvice);
        }
        if (configurationSet != null) {
            Checks.noLineBreaks("configurationSet", configurationSet);
            Checks.tag("configurationSet", configurationSet);
        }
    }
}
