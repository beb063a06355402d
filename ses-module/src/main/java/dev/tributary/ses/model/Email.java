package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One e-mail to send: sender, recipients, subject, text and/or HTML body, attachments, headers, tags and
 * SES options. Validated when built, so a bad message fails before anything is sent.
 *
 * <p>{@link #toString()} shows counts and sizes, never addresses, subject or bodies. Immutable.
 *
 * <pre>{@code
 * Email email = Email.builder()
 *         .from("Shop <shop@example.com>")
 *         .to("ann@example.com")
 *         .subject("Your receipt")
 *         .text("Thanks for your order.")
 *         .html("<p>Thanks for your order.</p>")
 *         .attachment(Attachment.of("receipt.pdf", "application/pdf", pdfBytes))
 *         .tag("flow", "receipt")
 *         .build();
 * }</pre>
 */
public final class Email extends AddressedMessage {
    /** SES's limit for a whole message in bytes, v2 API and SMTP alike, after MIME encoding (40 MB). */
    public static final long MAX_MESSAGE_BYTES = 40L * 1024 * 1024;

    /** Headers the facade sets itself; setting them as custom headers is refused. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "from", "to", "cc", "bcc", "reply-to", "subject", "content-type", "content-transfer-encoding",
            "mime-version", "date", "message-id", "return-path");

    private final String subject;
    private final @Nullable String text;
    private final @Nullable String html;
    private final List<Attachment> attachments;
    private final Map<String, String> headers;
    private final @Nullable EmailAddress feedbackForwardingAddress;

    private Email(Builder b) {
        super(b);
        this.subject = b.subject;
        this.text = b.text;
        this.html = b.html;
        this.attachments = List.copyOf(b.attachments);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.feedbackForwardingAddress = b.feedbackForwardingAddress;
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this e-mail. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the subject. */
    public String subject() {
        return subject;
    }

    /** Returns the plain-text body, if any. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** Returns the HTML body, if any. */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** Returns the attachments. */
    public List<Attachment> attachments() {
        return attachments;
    }

    /** Returns the custom headers, in insertion order (List-Unsubscribe among them when set). */
    public Map<String, String> headers() {
        return headers;
    }

    /** Returns where SES forwards bounce and complaint notifications by e-mail. */
    public Optional<EmailAddress> feedbackForwardingAddress() {
        return Optional.ofNullable(feedbackForwardingAddress);
    }

    /**
     * Returns a copy without the given recipients (compared case-insensitively), or empty when none remain.
     *
     * @param addresses bare addresses to drop
     * @return the remaining e-mail
     */
    public Optional<Email> withoutRecipients(java.util.Collection<String> addresses) {
        Builder b = toBuilder();
        return b.dropRecipients(addresses) ? Optional.of(b.build()) : Optional.empty();
    }

    /** Returns whether the message needs raw MIME (attachments) rather than SES Simple content. */
    public boolean needsRawMime() {
        return !attachments.isEmpty();
    }

    @Override
    public String toString() {
        return "Email[recipients=" + recipientCount() + ", attachments=" + attachments.size()
                + ", text=" + (text != null) + ", html=" + (html != null) + ", headers=" + headers.keySet()
                + ", tags=" + tags.size() + "]";
    }

    /** Builds an {@link Email}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder extends AddressedBuilder<Builder> {
        private @Nullable String subject;
        private @Nullable String text;
        private @Nullable String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable EmailAddress feedbackForwardingAddress;

        private Builder() {}

        private Builder(Email e) {
            super(e);
            subject = e.subject;
            text = e.text;
            html = e.html;
            attachments.addAll(e.attachments);
            headers.putAll(e.headers);
            feedbackForwardingAddress = e.feedbackForwardingAddress;
        }

        /** Sets the sender. */
        public Builder from(EmailAddress from) {
            this.from = java.util.Objects.requireNonNull(from, "from");
            return this;
        }

        /** Adds To recipients. */
        public Builder to(EmailAddress... addresses) {
            to.addAll(List.of(addresses));
            return this;
        }

        /** Sets the subject (any characters but CR/LF). */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** Sets the plain-text body. */
        public Builder text(@Nullable String text) {
            this.text = text;
            return this;
        }

        /** Sets the HTML body. */
        public Builder html(@Nullable String html) {
            this.html = html;
            return this;
        }

        /** Adds an attachment. */
        public Builder attachment(Attachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /** Adds a custom header; names the facade sets itself (From, Subject, ...) are refused. */
        public Builder header(String name, String value) {
            Checks.headerName("headers", name);
            Checks.noLineBreaks("headers." + name, value);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw TributaryValidationException.of("headers." + name,
                        "is set by the facade; use the builder's own method instead of a custom header");
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Adds RFC 2369 {@code List-Unsubscribe} and, with an https URL, RFC 8058 one-click
         * {@code List-Unsubscribe-Post} headers.
         *
         * @param mailtoOrUrl {@code mailto:} and/or {@code https:} URIs, each written in angle brackets
         * @return this builder
         */
        public Builder listUnsubscribe(String... mailtoOrUrl) {
            List<String> parts = new ArrayList<>();
            boolean https = false;
            for (String u : mailtoOrUrl) {
                Checks.noLineBreaks("listUnsubscribe", u);
                if (!(u.startsWith("mailto:") || u.startsWith("https://"))) {
                    throw TributaryValidationException.of("listUnsubscribe", "each value must be a mailto: or https:// URI");
                }
                https |= u.startsWith("https://");
                parts.add("<" + u + ">");
            }
            if (parts.isEmpty()) {
                throw TributaryValidationException.of("listUnsubscribe", "needs at least one URI");
            }
            headers.put("List-Unsubscribe", String.join(", ", parts));
            if (https) {
                headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            return this;
        }

        /** Sets the feedback-forwarding address for bounces and complaints. */
        public Builder feedbackForwardingAddress(String address) {
            this.feedbackForwardingAddress = EmailAddress.parse("feedbackForwardingAddress", address);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the e-mail
         * @throws TributaryValidationException naming the first invalid field: missing sender, no recipients,
         *     blank subject, no body, CR/LF in a header value, more than 50 recipients
         */
        public Email build() {
            checkAddressing();
            Checks.notBlank("subject", subject);
            Checks.noLineBreaks("subject", subject);
            if ((text == null || text.isEmpty()) && (html == null || html.isEmpty())) {
                throw TributaryValidationException.of("body", "a text or an HTML body is required");
            }
            return new Email(this);
        }
    }
}
