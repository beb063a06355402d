package dev.tributary.ses.event;

import dev.tributary.ses.event.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What SES reports about the message an event is about: the {@code mail} object common to every event and
 * to inbound receipt notifications.
 *
 * @param messageId SES's message id, as returned by the send call; correlate events with sends by it
 * @param timestamp when the message was sent (or, for inbound mail, received)
 * @param source the envelope MAIL FROM address, or null when absent
 * @param sourceArn the ARN of the sending identity, or null
 * @param sourceIp the IP address the send request came from, or null
 * @param sendingAccountId the AWS account that sent the message, or null
 * @param destination the envelope recipients
 * @param tags the message tags, including SES's automatic {@code ses:*} tags; empty for identity
 *     notifications, which carry no tags
 * @param headersTruncated whether SES cut the header list short
 * @param headers all headers, when the configuration includes them; otherwise empty
 * @param commonHeaders the most used headers, or {@link CommonHeaders#EMPTY}
 */
public record MailInfo(
        String messageId,
        Instant timestamp,
        @Nullable String source,
        @Nullable String sourceArn,
        @Nullable String sourceIp,
        @Nullable String sendingAccountId,
        List<String> destination,
        Map<String, List<String>> tags,
        boolean headersTruncated,
        List<MailHeader> headers,
        CommonHeaders commonHeaders) {

    /** Copies the collections so the value is immutable. */
    public MailInfo {
        destination = List.copyOf(destination);
        tags = Copies.tags(tags);
        headers = List.copyOf(headers);
    }

    /** Returns the subject from the common headers, when present. */
    public Optional<String> subject() {
        return commonHeaders.subjectText();
    }

    /**
     * Returns the values of one tag.
     *
     * @param name the tag name, e.g. {@code ses:configuration-set} or one of your own
     * @return the values, empty when the tag is absent
     */
    public List<String> tag(String name) {
        return tags.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        return "MailInfo[messageId=" + messageId + ", timestamp=" + timestamp + ", destinations="
                + destination.size() + ", tags=" + tags.keySet() + "]";
    }
}
