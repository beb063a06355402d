package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
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
public final class TemplatedEmail extends AddressedMessage {
    private final String template;
    private final @Nullable Object data;

    private TemplatedEmail(Builder b) {
        super(b);
        this.template = b.template;
        this.data = b.data;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this e-mail, to send a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns a copy without the given recipients (compared case-insensitively), or empty when none remain.
     *
     * @param addresses bare addresses to drop
     * @return the remaining e-mail
     */
    public Optional<TemplatedEmail> withoutRecipients(java.util.Collection<String> addresses) {
        Builder b = toBuilder();
        return b.dropRecipients(addresses) ? Optional.of(b.build()) : Optional.empty();
    }

    /** Returns the template name. */
    public String template() {
        return template;
    }

    /** Returns the template data, if any. */
    public Optional<Object> data() {
        return Optional.ofNullable(data);
    }

    @Override
    public String toString() {
        return "TemplatedEmail[template=" + template + ", recipients=" + recipientCount() + "]";
    }

    /** Builds a {@link TemplatedEmail}. Not thread-safe. */
    public static final class Builder extends AddressedBuilder<Builder> {
        private @Nullable String template;
        private @Nullable Object data;

        private Builder() {}

        private Builder(TemplatedEmail e) {
            super(e);
            this.template = e.template;
            this.data = e.data;
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

        /**
         * Validates and builds.
         *
         * @return the e-mail
         * @throws TributaryValidationException naming the first invalid field
         */
        public TemplatedEmail build() {
            checkAddressing();
            Checks.templateName(template);
            return new TemplatedEmail(this);
        }
    }
}
