package dev.tributary.ses.inbound;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.MailInfo;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An SES receipt notification ({@code notificationType} {@code Received}): the verdicts and action in
 * {@link #receipt()}, the message metadata in {@link #mail()}, and, for an SNS action, the raw message
 * itself in {@link #content()}. Immutable; {@code toString} shows neither addresses nor content.
 *
 * @param receipt the verdicts and the action taken
 * @param mail the message metadata (headers when the rule includes them)
 * @param content the raw message as SES encoded it ({@link ReceiptAction#encoding()}), present only for SNS
 *     actions; null otherwise (fetch S3 actions' messages from {@link ReceiptAction#s3Location()})
 */
public record InboundNotification(Receipt receipt, MailInfo mail, @Nullable String content) {

    /**
     * Returns the raw MIME message decoded from {@link #content()}: Base64 when the action's encoding is
     * {@code BASE64}, otherwise the UTF-8 bytes of the text.
     *
     * @return the raw message, or empty when the notification carries none
     * @throws TributaryValidationException when the content is not valid Base64
     */
    public Optional<byte[]> rawMessage() {
        if (content == null) {
            return Optional.empty();
        }
        if ("BASE64".equalsIgnoreCase(receipt.action().encoding())) {
            try {
                // SES may wrap long Base64 lines; anything else outside the alphabet is an error.
                return Optional.of(Base64.getDecoder().decode(content.replaceAll("\\s", "")));
            } catch (IllegalArgumentException e) {
                throw TributaryValidationException.of("content", "is not valid Base64 although the action's "
                        + "encoding is BASE64");
            }
        }
        return Optional.of(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses the raw message carried by an SNS action.
     *
     * @return the parsed message, or empty when the notification carries none
     * @throws TributaryValidationException when the content cannot be decoded or parsed
     */
    public Optional<InboundMessage> message() {
        return rawMessage().map(InboundMessage::parse);
    }

    @Override
    public String toString() {
        return "InboundNotification[messageId=" + mail.messageId() + ", receipt=" + receipt + ", hasContent="
                + (content != null) + "]";
    }
}
