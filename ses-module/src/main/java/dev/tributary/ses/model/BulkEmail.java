package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A templated send to many destinations, each with its own data. The mailer splits it into SES
 * {@code SendBulkEmail} calls of at most 50 destinations and returns one result per destination, in order.
 * Immutable.
 */
public final class BulkEmail {
    private final EmailAddress from;
    private final List<EmailAddress> replyTo;
    private final String template;
    private final @Nullable Object defaultData;
    private final List<BulkDestination> destinations;
    private final List<MessageTag> tags;
    private final @Nullable String configurationSet;

    private BulkEmail(Builder b) {
        this.from = b.from;
        this.replyTo = List.copyOf(b.replyTo);
        this.template = b.template;
        this.defaultData = b.defaultData;
        this.destinations = List.copyOf(b.destinations);
        this.tags = List.copyOf(b.tags);
        this.configurationSet = b.configurationSet;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this bulk e-mail, to send a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the sender. */
    public EmailAddress from() {
        return from;
    }

    /** Returns the Reply-To addresses. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Returns the template name. */
    public String template() {
        return template;
    }

    /** Returns the default template data. */
    public Optional<Object> defaultData() {
        return Optional.ofNullable(defaultData);
    }

    /** Returns the destinations, in order. */
    public List<BulkDestination> destinations() {
        return destinations;
    }

    /** Returns the message tags. */
    public List<MessageTag> tags() {
        return tags;
    }

    /** Returns the configuration set. */
    public Optional<String> configurationSet() {
        return Optional.ofNullable(configurationSet);
    }

    @Override
    public String toString() {
        return "BulkEmail[template=" + template + ", destinations=" + destinations.size() + "]";
    }

    /** Builds a {@link BulkEmail}. Not thread-safe. */
    public static final class Builder {
        private @Nullable EmailAddress from;
        private final List<EmailAddress> replyTo = new ArrayList<>();
        private @Nullable String template;
        private @Nullable Object defaultData;
        private final List<BulkDestination> destinations = new ArrayList<>();
        private final List<MessageTag> tags = new ArrayList<>();
        private @Nullable String configurationSet;

        private Builder() {}

        private Builder(BulkEmail e) {
            this.from = e.from;
            replyTo.addAll(e.replyTo);
            this.template = e.template;
            this.defaultData = e.defaultData;
            destinations.addAll(e.destinations);
            tags.addAll(e.tags);
            this.configurationSet = e.configurationSet;
        }

        /** Sets the sender. */
        public Builder from(String from) {
            this.from = EmailAddress.parse("from", from);
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

        /** Sets the default template data, used where a destination has none. */
        public Builder defaultData(@Nullable Object data) {
            this.defaultData = data;
            return this;
        }

        /** Adds a destination. */
        public Builder destination(BulkDestination destination) {
            destinations.add(destination);
            return this;
        }

        /** Adds destinations. */
        public Builder destinations(List<BulkDestination> list) {
            destinations.addAll(list);
            return this;
        }

        /** Removes every destination added so far (for a copy from {@link BulkEmail#toBuilder()}). */
        public Builder clearDestinations() {
            destinations.clear();
            return this;
        }

        /** Adds a message tag applied to every destination. */
        public Builder tag(String name, String value) {
            tags.add(MessageTag.of(name, value));
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
         * @return the bulk e-mail
         * @throws TributaryValidationException naming the first invalid field
         */
        public BulkEmail build() {
            if (from == null) {
                throw TributaryValidationException.of("from", "is required");
            }
            Checks.tag("template", template == null ? "" : template);
            if (destinations.isEmpty()) {
                throw TributaryValidationException.of("destinations", "at least one destination is required");
            }
            if (configurationSet != null) {
                Checks.tag("configurationSet", configurationSet);
            }
            return new BulkEmail(this);
        }
    }
}
