package dev.tributary.ses.event;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An SNS message whose signature {@link SnsMessageVerifier} checked: only the verifier creates instances, so
 * holding one means the fields below came from Amazon SNS unaltered. Immutable and thread-safe.
 *
 * <p>{@link #toString()} leaves out {@link #message()} (it may hold addresses) and the subscription token.
 */
public final class SnsMessage {
    private final SnsMessageType type;
    private final String messageId;
    private final String topicArn;
    private final @Nullable String subject;
    private final String message;
    private final Instant timestamp;
    private final @Nullable URI subscribeUrl;
    private final @Nullable String token;

    private SnsMessage(SnsMessageType type, String messageId, String topicArn, @Nullable String subject,
            String message, Instant timestamp, @Nullable URI subscribeUrl, @Nullable String token) {
        this.type = type;
        this.messageId = messageId;
        this.topicArn = topicArn;
        this.subject = subject;
        this.message = message;
        this.timestamp = timestamp;
        this.subscribeUrl = subscribeUrl;
        this.token = token;
    }

    /**
     * For {@link SnsMessageVerifier} after the signature checked out; not for application code.
     *
     * @param type the message type
     * @param messageId the SNS message id
     * @param topicArn the topic
     * @param subject the subject of a notification, or null
     * @param message the message text
     * @param timestamp when SNS published it
     * @param subscribeUrl the confirmation URL of a subscription message, or null
     * @param token the confirmation token of a subscription message, or null
     * @return the message
     */
    static SnsMessage verified(SnsMessageType type, String messageId, String topicArn, @Nullable String subject,
            String message, Instant timestamp, @Nullable URI subscribeUrl, @Nullable String token) {
        return new SnsMessage(type, messageId, topicArn, subject, message, timestamp, subscribeUrl, token);
    }

    /** Returns the kind of message. */
    public SnsMessageType type() {
        return type;
    }

    /** Returns SNS's id of the message; redeliveries of one message share it. */
    public String messageId() {
        return messageId;
    }

    /** Returns the ARN of the topic the message was published to. */
    public String topicArn() {
        return topicArn;
    }

    /** Returns the subject of a notification, when the publisher set one. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** Returns the message text: for an SES event topic, the SES record as JSON. */
    public String message() {
        return message;
    }

    /** Returns when SNS published the message. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Returns the URL that confirms the subscription, for subscription and unsubscribe confirmations. */
    public Optional<URI> subscribeUrl() {
        return Optional.ofNullable(subscribeUrl);
    }

    /** Returns the token for the SNS ConfirmSubscription API, for subscription and unsubscribe confirmations. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SnsMessage)) {
            return false;
        }
        SnsMessage m = (SnsMessage) o;
        return type == m.type && messageId.equals(m.messageId) && topicArn.equals(m.topicArn)
                && Objects.equals(subject, m.subject) && message.equals(m.message) && timestamp.equals(m.timestamp)
                && Objects.equals(subscribeUrl, m.subscribeUrl) && Objects.equals(token, m.token);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, messageId, topicArn, timestamp);
    }

    @Override
    public String toString() {
        return "SnsMessage[type=" + type + ", messageId=" + messageId + ", topicArn=" + topicArn
                + ", timestamp=" + timestamp + "]";
    }
}
