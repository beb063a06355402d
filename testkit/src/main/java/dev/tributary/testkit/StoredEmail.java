package dev.tributary.testkit;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message as the SES emulator stored it, read back through its {@code /store} endpoint. Immutable.
 *
 * @param messageId the id SES returned to the sender
 * @param from the From address as sent
 * @param to To recipients
 * @param cc Cc recipients
 * @param bcc Bcc recipients
 * @param replyTo Reply-To addresses
 * @param subject the subject
 * @param text the text body, or null
 * @param html the HTML body, or null
 * @param attachments the attachments
 * @param headers custom headers (Simple and Template sends only; the emulator drops Raw MIME headers)
 */
public record StoredEmail(
        String messageId,
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        List<String> replyTo,
        String subject,
        @Nullable String text,
        @Nullable String html,
        List<Attachment> attachments,
        Map<String, String> headers) {

    /**
     * One stored attachment.
     *
     * @param filename the file name, or null
     * @param contentType the MIME type
     * @param content the decoded bytes
     */
    public record Attachment(@Nullable String filename, String contentType, byte[] content) {}
}
