package dev.tributary.ses.inbound;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A non-body part of a received message: an attachment, an inline image or an attached message. Immutable:
 * the bytes are copied out.
 */
public final class InboundAttachment {
    private final @Nullable String fileName;
    private final String contentType;
    private final byte[] content;
    private final @Nullable String contentId;
    private final boolean inline;

    private InboundAttachment(@Nullable String fileName, String contentType, byte[] content,
            @Nullable String contentId, boolean inline) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.contentId = contentId;
        this.inline = inline;
    }

    /**
     * Creates an attachment (used by the parser; handy in tests).
     *
     * @param fileName the decoded file name, or null when the part has none
     * @param contentType the MIME base type, lower case, e.g. {@code application/pdf}
     * @param content the decoded bytes (copied)
     * @param contentId the Content-ID without angle brackets, or null
     * @param inline whether the part is displayed inline (e.g. an image referenced by {@code cid:})
     * @return the attachment
     */
    public static InboundAttachment of(@Nullable String fileName, String contentType, byte[] content,
            @Nullable String contentId, boolean inline) {
        return new InboundAttachment(fileName, contentType, content.clone(), contentId, inline);
    }

    // What the part's headers say (name, type, Content-ID, disposition), then its decoded body.

    /** Returns the decoded file name, when the part has one. */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /** Returns the MIME base type in lower case, e.g. {@code application/pdf}. */
    public String contentType() {
        return contentType;
    }

    /** Returns the Content-ID without angle brackets, when the part has one. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /** Returns whether the part is shown inline rather than as a download. */
    public boolean inline() {
        return inline;
    }

    /** Returns a copy of the decoded bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** Returns the size of the decoded bytes. */
    public int size() {
        return content.length;
    }

    @Override
    public String toString() {
        return "InboundAttachment[fileName=" + fileName + ", contentType=" + contentType + ", size="
                + content.length + ", inline=" + inline + "]";
    }
}
