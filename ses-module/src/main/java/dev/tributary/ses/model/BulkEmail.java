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
public final class BulkEmail extends SenderMessage {
    private final String template;
    private final @Nullable Object defaultData;
    private final List<BulkDestination> destinations;

    private BulkEmail(Builder b) {
        super(b);
        this.template = b.template;
        this.defaultData = b.defaultData;
        this.destinations = List.copyOf(b.destinations);
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this bulk e-mail, to send a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
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

    @Override
    public String toString() {
        return "BulkEmail[template=" + template + ", destinations=" + destinations.size() + "]";
    }

    /** Builds a {@link BulkEmail}. Not thread-safe. */
    public static final class Builder extends SenderBuilder<Builder> {
        private @Nullable String template;
        private @Nullable Object defaultData;
        private final List<BulkDestination> destinations = new ArrayList<>();

        private Builder() {}

        private Builder(BulkEmail e) {
            super(e);
            this.template = e.template;
            this.defaultData = e.defaultData;
            destinations.addAll(e.destinations);
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

        /**
         * Validates and builds.
         *
         * @return the bulk e-mail
         * @throws TributaryValidationException naming the first invalid field
         */
        public BulkEmail build() {
            checkSender();
            Checks.templateName(template);
            if (destinations.isEmpty()) {
                throw TributaryValidationException.of("destinations", "at least one destination is required");
            }
            return new BulkEmail(this);
        }
    }
}
