package dev.tributary.ses.model;


/**
 * An SES message tag, published with sending events to CloudWatch, Firehose or SNS. Names and values are
 * 1-256 characters of letters, digits, '_' and '-'.
 *
 * @param name the tag name
 * @param value the tag value
 */
public record MessageTag(String name, String value) {
    /** Validates the tag. */
    public MessageTag {
        Checks.tag("tag.name", name);
        Checks.tag("tag." + name, value);
    }

    /**
     * Creates a tag.
     *
     * @param name the tag name
     * @param value the tag value
     * @return the validated tag
     */
    public static MessageTag of(String name, String value) {
        return new MessageTag(name, value);
    }
}
