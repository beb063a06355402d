package dev.tributary.ses.inbound;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.MailHeader;
import dev.tributary.ses.inbound.internal.MimeReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A received e-mail parsed from raw MIME (RFC 5322) bytes: addresses, subject, date, bodies, attachments and
 * all headers. The first {@code text/plain} and {@code text/html} parts that are not attachments become the
 * bodies; every other leaf part becomes an {@link InboundAttachment}. Malformed address headers give empty
 * lists rather than errors, since inbound mail is not under your control. Immutable; {@code toString} shows
 * no addresses or content.
 *
 * <pre>{@code
 * InboundMessage m = InboundMessage.parse(s3.getObjectAsBytes(r -> r.bucket(b).key(k)).asByteArray());
 * String body = m.text().or(m::html).orElse("");
 * }</pre>
 */
public final class InboundMessage {
    private final List<MailboxAddress> from;
    private final List<MailboxAddress> to;
    private final List<MailboxAddress> cc;
    private final List<MailboxAddress> replyTo;
    private final @Nullable String subject;
    private final @Nullable Instant date;
    private final @Nullable String messageId;
    private final @Nullable String text;
    private final @Nullable String html;
    private final List<InboundAttachment> attachments;
    private final List<MailHeader> headers;

    private InboundMessage(MimeReader.Parsed p) {
        this.from = List.copyOf(p.from());
        this.to = List.copyOf(p.to());
        this.cc = List.copyOf(p.cc());
        this.replyTo = List.copyOf(p.replyTo());
        this.subject = p.subject();
        this.date = p.date();
        this.messageId = p.messageId();
        this.text = p.text();
        this.html = p.html();
        this.attachments = List.copyOf(p.attachments());
        this.headers = List.copyOf(p.headers());
    }

    /**
     * Parses a raw message.
     *
     * @param rawMessage the message as received (CRLF or LF line ends)
     * @return the parsed message
     * @throws TributaryValidationException when the bytes are not a parseable MIME message
     */
    public static InboundMessage parse(byte[] rawMessage) {
        return new InboundMessage(MimeReader.read(rawMessage));
    }

    /**
     * Parses a raw message from a stream, read fully and not closed.
     *
     * @param rawMessage the stream
     * @return the parsed message
     * @throws dev.tributary.core.TributaryClientException when the stream cannot be read
     * @throws TributaryValidationException when the bytes are not a parseable MIME message
     */
    public static InboundMessage parse(InputStream rawMessage) {
        try {
            return parse(rawMessage.readAllBytes());
        } catch (IOException e) {
            throw dev.tributary.core.TributaryClientException.create("Could not read the raw message stream ("
                    + e.getClass().getSimpleName() + "); check that it is open and readable", e);
        }
    }

    /** Returns the From mailboxes. */
    public List<MailboxAddress> from() {
        return from;
    }

    /** Returns the To mailboxes. */
    public List<MailboxAddress> to() {
        return to;
    }

    /** Returns the Cc mailboxes. */
    public List<MailboxAddress> cc() {
        return cc;
    }

    /** Returns the Reply-To mailboxes. */
    public List<MailboxAddress> replyTo() {
        return replyTo;
    }

    /** Returns the decoded subject, when present. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** Returns the Date header as an instant, when present and parseable. */
    public Optional<Instant> date() {
        return Optional.ofNullable(date);
    }

    /** Returns the Message-ID header (with angle brackets), when present. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** Returns the plain-text body, when the message has one. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** Returns the HTML body, when the message has one. */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** Returns the attachments, inline parts and attached messages, in message order. */
    public List<InboundAttachment> attachments() {
        return attachments;
    }

    /** Returns all top-level headers in order, values unfolded but not decoded. */
    public List<MailHeader> headers() {
        return headers;
    }

    /**
     * Returns the values of one header, in order.
     *
     * @param name the header name, any case
     * @return the values, empty when absent
     */
    public List<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(MailHeader::value).toList();
    }

    @Override
    public String toString() {
        // Message-IDs and addresses may identify people; show shape only.
        return "InboundMessage[hasMessageId=" + (messageId != null) + ", from=" + from.size() + ", to=" + to.size()
                + ", hasText=" + (text != null) + ", hasHtml=" + (html != null) + ", attachments="
                + attachments.size() + "]";
    }
}
