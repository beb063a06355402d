package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to an {@link Email}: a name, a MIME type and the bytes, optionally inline with a
 * content-id for {@code cid:} references from the HTML body. File types SES refuses (such as {@code .exe})
 * are rejected when the attachment is created. Immutable: the bytes are copied in and out.
 */
public final class Attachment {
    private final String fileName;
    private final String contentType;
    private final byte[] content;
    private final @Nullable String contentId;

    private Attachment(String fileName, String contentType, byte[] content, @Nullable String contentId) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.contentId = contentId;
    }

    /**
     * Creates a regular attachment.
     *
     * @param fileName the file name shown to the recipient
     * @param contentType the MIME type, such as {@code application/pdf}
     * @param content the bytes (copied)
     * @return the attachment
     * @throws TributaryValidationException if a part is invalid or SES blocks the file type
     */
    public static Attachment of(String fileName, String contentType, byte[] content) {
        return create(fileName, contentType, content.clone(), null);
    }

    /**
     * Creates a regular attachment from a stream, read fully now and not closed.
     *
     * @param fileName the file name
     * @param contentType the MIME type
     * @param content the stream to read
     * @return the attachment
     * @throws dev.tributary.core.TributaryClientException if the stream cannot be read
     */
    public static Attachment of(String fileName, String contentType, InputStream content) {
        try {
            return create(fileName, contentType, content.readAllBytes(), null);
        } catch (IOException e) {
            throw dev.tributary.core.TributaryClientException.create("Could not read the stream of attachment '"
                    + fileName + "' ("
                    + e.getClass().getSimpleName() + "); check that it is open and readable", e);
        }
    }

    /**
     * Creates an inline attachment referenced from the HTML body as {@code cid:<contentId>}.
     *
     * @param fileName the file name
     * @param contentType the MIME type, such as {@code image/png}
     * @param content the bytes (copied)
     * @param contentId the content-id without angle brackets
     * @return the attachment
     */
    public static Attachment inline(String fileName, String contentType, byte[] content, String contentId) {
        Checks.notBlank("attachment.contentId", contentId);
        Checks.noLineBreaks("attachment.contentId", contentId);
        if (contentId.contains("<") || contentId.contains(">") || contentId.contains(" ")) {
            throw TributaryValidationException.of("attachment.contentId", "must not contain '<', '>' or spaces");
        }
        return create(fileName, contentType, content.clone(), contentId);
    }

    private static Attachment create(String fileName, String contentType, byte[] content, @Nullable String cid) {
        Checks.notBlank("attachment.fileName", fileName);
        Checks.noLineBreaks("attachment.fileName", fileName);
        Checks.notBlank("attachment.contentType", contentType);
        Checks.noLineBreaks("attachment.contentType", contentType);
        if (!contentType.contains("/")) {
            throw TributaryValidationException.of("attachment.contentType", "must be a MIME type like application/pdf");
        }
        Checks.allowedAttachment("attachment.fileName", fileName);
        return new Attachment(fileName, contentType, content, cid);
    }

    /** Returns the file name. */
    public String fileName() {
        return fileName;
    }

    /** Returns the MIME type. */
    public String contentType() {
        return contentType;
    }

    /** Returns a copy of the bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** Returns the size in bytes before encoding. */
    public int size() {
        return content.length;
    }

    /** Returns the content-id of an inline attachment. */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    @Override
    public String toString() {
        return "Attachment[" + contentType + ", " + content.length + " bytes" + (contentId != null ? ", inline" : "") + "]";
    }
}
