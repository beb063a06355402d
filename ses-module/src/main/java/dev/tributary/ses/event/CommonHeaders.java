package dev.tributary.ses.event;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The original message's most used headers, as SES extracts them into {@code commonHeaders}.
 *
 * @param from the From mailboxes, as written (may include display names)
 * @param to the To mailboxes
 * @param cc the Cc mailboxes
 * @param bcc the Bcc mailboxes (present only when SES saw them)
 * @param replyTo the Reply-To mailboxes
 * @param returnPath the Return-Path, or null
 * @param messageId the Message-ID header (not SES's message id), or null
 * @param subject the Subject, or null
 * @param date the Date header as written (RFC 5322 text), or null
 */
public record CommonHeaders(
        List<String> from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        List<String> replyTo,
        @Nullable String returnPath,
        @Nullable String messageId,
        @Nullable String subject,
        @Nullable String date) {

    /** Headers of a record that had no {@code commonHeaders}. */
    public static final CommonHeaders EMPTY =
            new CommonHeaders(List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, null);

    /** Copies the lists so the headers are immutable. */
    public CommonHeaders {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
    }

    /** Returns the subject when the message had one. */
    public Optional<String> subjectText() {
        return Optional.ofNullable(subject);
    }

    @Override
    public String toString() {
        return "CommonHeaders[from=" + from.size() + ", to=" + to.size() + ", cc=" + cc.size()
                + ", hasSubject=" + (subject != null) + "]";
    }
}
