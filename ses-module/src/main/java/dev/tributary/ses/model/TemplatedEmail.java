package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail rendered by SES from a stored template with typed data: any object that serialises to a JSON
 * object (a record, a bean or a {@code Map}). Validated when built. Immutable.
 *
 * <pre>{@code
 * TemplatedEmail welcome = TemplatedEmail.builder()
 *         .from("Shop <shop@example.com>")
 *         .to("ann@example.com")
 *         .template("welcome")
 *         .data(new WelcomeData("Ann", "https://example.com/start"))
 *         .build();
 * }</pre>
 */
public final class TemplatedEmail {
    private final EmailAddress from;
    private final List<EmailAddress> to;
    private final List<EmailAddress> cc;
    private final List<EmailAddress> bcc;
    private final List<EmailAddress> replyTo;
    private final String template;
    private final @Nullable Object data;
    private final List<MessageTag> tags;
    private final @Nullable String configurationSet;
    private final @Nullable ListManagement listManagement;

    private TemplatedEmail(Builder b) {
        this.from = b.from;
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.template = b.template;
        this.data = b.data;
        this.tags = List.copyOf(b.tags);
        this.configurationSet = b.configurationSet;
        this.listManagement = b.listManagement;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this e-mail, to send a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the sender. */
    public EmailAddress from() {
        return from;
    }

    /** Returns the To recipients. */
    public List<EmailAddress> to() {
        return to;
    }

    /** Returns the Cc recipients. */
    public List<EmailAddress> cc() {
        return cc;
    }

    /** Returns the Bcc recipients. */
    public List<EmailAddress> bcc() {
        return bcc;
    }

    /** Returns the Reply-To addresses. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Returns every recipient: To, then Cc, then Bcc. */
    public List<EmailAddress> allRecipients() {
        List<EmailAddress> all = new java.util.ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return List.copyOf(all);
    }

    /** Returns the number of recipients (To + Cc + Bcc). */
    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }

    /** Returns the template name. */
    public String template() {
        return template;
    }

    /** Returns the template data, if any. */
    public Optional<Object> data() {
        return Optional.ofNullable(data);
    }

    /** Returns the message tags. */
    public List<MessageTag> tags() {
        return tags;
    }

    /** Returns the configuration set, if any. */
    public Optional<String> configurationSet() {
        return Optional.ofNullable(configurationSet);
    }

    /** Returns the SES list management (contact list and topic) for one-click unsubscribe, if set. */
    public Optional<ListManagement> listManagement() {
        return Optional.ofNullable(listManagement);
    }

    /**
     * Returns a copy without the given recipients (compared case-insensitively), or empty when none remain.
     *
     * @param addresses bare addresses to drop
     * @return the remaining e-mail
     */
    public Optional<TemplatedEmail> withoutRecipients(java.util.Collection<String> addresses) {
        java.util.Set<String> drop = new java.util.HashSet<>();
        addresses.forEach(a -> drop.add(a.toLowerCase(java.util.Locale.ROOT)));
        Builder b = toBuilder();
        b.to.removeIf(a -> drop.contains(a.address().toLowerCase(java.util.Locale.ROOT)));
        b.cc.removeIf(a -> drop.contains(a.address().toLowerCase(java.util.Locale.ROOT)));
        b.bcc.removeIf(a -> drop.contains(a.address().toLowerCase(java.util.Locale.ROOT)));
        return b.to.isEmpty() && b.cc.isEmpty() && b.bcc.isEmpty() ? Optional.empty() : Optional.of(b.build());
    }

    @Override
    public String toString() {
        return "TemplatedEmail[template=" + template + ", recipients=" + recipientCount() + "]";
    }

    /** Builds a {@link TemplatedEmail}. Not thread-safe. */
    public static final class Builder {
        private @Nullable EmailAddress from;
        private final List<EmailAddress> to = new ArrayList<>();
        private final List<EmailAddress> cc = new ArrayList<>();
        private final List<EmailAddress> bcc = new ArrayList<>();
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private @Nullable String template;
        private @Nullable Object data;
        private final List<MessageTag> tags = new ArrayList<>();
        private @Nullable String configurationSet;
        private @Nullable ListManagement listManagement;

        private Builder() {}

        private Builder(TemplatedEmail e) {
            this.from = e.from;
            to.addAll(e.to);
            cc.addAll(e.cc);
            bcc.addAll(e.bcc);
            replyTo.addAll(e.replyTo);
            this.template = e.template;
            this.data = e.data;
            tags.addAll(e.tags);
            this.configurationSet = e.configurationSet;
            this.listManagement = e.listManagement;
        }

        /** Sets the sender. */
        public Builder from(String from) {
            this.from = EmailAddress.parse("from", from);
            return this;
        }

        /** Adds To recipients. */
        public Builder to(String... addresses) {
            for (String a : addresses) {
                to.add(EmailAddress.parse("to[" + to.size() + "]", a));
            }
            return this;
        }

        /** Adds Cc recipients. */
        public Builder cc(String... addresses) {
            for (String a : addresses) {
                cc.add(EmailAddress.parse("cc[" + cc.size() + "]", a));
            }
            return this;
        }

        /** Adds Bcc recipients. */
        public Builder bcc(String... addresses) {
            for (String a : addresses) {
                bcc.add(EmailAddress.parse("bcc[" + bcc.size() + "]", a));
            }
            return this;
        }

        /** Adds Reply-To addresses. */
        public Builder replyTo(String... addresses) {
            for (String a : addresses) {
                replyTo.add(EmailAddress.parse("replyTo[" + replyTo.size() + "]", a));
            }
            return this;
        }

        /** Sets the stored template's name. */
        public Builder template(String template) {
            this.template = template;
            return this;
        }

        /** Sets the template data: a record, bean or Map serialised to a JSON object. */
        public Builder data(@Nullable Object data) {
            this.data = data;
            return this;
        }

        /** Adds a message tag. */
        public Builder tag(String name, String value) {
            tags.add(MessageTag.of(name, value));
            return this;
        }

        /** Sets SES list management: SES adds one-click unsubscribe for this contact list and topic. */
        public Builder listManagement(@Nullable ListManagement listManagement) {
            this.listManagement = listManagement;
            return this;
        }

        /** Sets the configuration set. */
        public Builder configurationSet(@Nullable String configurationSet) {
            this.configurationSet = configurationSet;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the e-mail
         * @throws TributaryValidationException naming the first invalid field
         */
        public TemplatedEmail build() {
            if (from == null) {
                throw TributaryValidationException.of("from", "is required");
            }
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                throw TributaryValidationException.of("to", "at least one To, Cc or Bcc recipient is required");
            }
            if (to.size() + cc.size() + bcc.size() > 50) {
                throw TributaryValidationException.of("to", "SES accepts at most 50 recipients per message");
            }
            Checks.tag("template", template == null ? "" : template);
            if (configurationSet != null) {
                Checks.tag("configurationSet", configurationSet);
            }
            return new TemplatedEmail(this);
        }
    }
}
