package dev.tributary.ses.event.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.ses.event.SnsMessageRejectedException;
import dev.tributary.ses.event.SnsMessageRejectedException.Reason;
import dev.tributary.ses.event.SnsMessageType;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an SNS HTTP(S) message and the string SNS signed, built exactly as AWS documents it: for a
 * Notification {@code Message, MessageId, Subject} (only when present){@code , Timestamp, TopicArn, Type};
 * for SubscriptionConfirmation and UnsubscribeConfirmation {@code Message, MessageId, SubscribeURL,
 * Timestamp, Token, TopicArn, Type}; each as the name, a newline, the (JSON-unescaped) value, a newline.
 *
 * @param type the message type
 * @param messageId the message id
 * @param topicArn the topic
 * @param subject the subject of a notification, or null
 * @param message the message text
 * @param timestamp the timestamp text as sent
 * @param subscribeUrl the SubscribeURL of a confirmation, or null
 * @param token the Token of a confirmation, or null
 * @param signatureVersion SignatureVersion, or null when absent
 * @param signature Signature (base64), or null when absent
 * @param signingCertUrl SigningCertURL, or null when absent
 */
public record SnsFields(
        SnsMessageType type,
        String messageId,
        String topicArn,
        @Nullable String subject,
        String message,
        String timestamp,
        @Nullable String subscribeUrl,
        @Nullable String token,
        @Nullable String signatureVersion,
        @Nullable String signature,
        @Nullable String signingCertUrl) {

    /**
     * Reads the fields of an SNS message.
     *
     * @param root the parsed JSON body
     * @return the fields
     * @throws SnsMessageRejectedException (MALFORMED) when it is not an SNS message or a signed field is missing
     */
    public static SnsFields read(JsonNode root) {
        String typeName = text(root, "Type");
        SnsMessageType type = null;
        for (SnsMessageType t : SnsMessageType.values()) {
            if (t.wireName().equals(typeName)) {
                type = t;
            }
        }
        if (type == null) {
            throw SnsMessageRejectedException.of(Reason.MALFORMED, "Type must be Notification, "
                    + "SubscriptionConfirmation or UnsubscribeConfirmation; pass the HTTP body SNS posted");
        }
        boolean confirmation = type != SnsMessageType.NOTIFICATION;
        return new SnsFields(type,
                required(root, "MessageId"),
                required(root, "TopicArn"),
                confirmation ? null : text(root, "Subject"),
                required(root, "Message"),
                required(root, "Timestamp"),
                confirmation ? required(root, "SubscribeURL") : null,
                confirmation ? required(root, "Token") : null,
                text(root, "SignatureVersion"),
                text(root, "Signature"),
                // Lambda's SNS record spells it SigningCertUrl.
                text(root, "SigningCertURL") != null ? text(root, "SigningCertURL") : text(root, "SigningCertUrl"));
    }

    /** Returns the UTF-8 bytes SNS signed. */
    public byte[] stringToSign() {
        StringBuilder b = new StringBuilder(message.length() + 256);
        append(b, "Message", message);
        append(b, "MessageId", messageId);
        if (type == SnsMessageType.NOTIFICATION) {
            if (subject != null) {
                append(b, "Subject", subject);
            }
        } else {
            append(b, "SubscribeURL", subscribeUrl);
        }
        append(b, "Timestamp", timestamp);
        if (type != SnsMessageType.NOTIFICATION) {
            append(b, "Token", token);
        }
        append(b, "TopicArn", topicArn);
        append(b, "Type", type.wireName());
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder b, String name, @Nullable String value) {
        b.append(name).append('\n').append(value).append('\n');
    }

    private static String required(JsonNode root, String name) {
        String v = text(root, name);
        if (v == null) {
            throw SnsMessageRejectedException.of(Reason.MALFORMED, name + " is required in an SNS message of "
                    + "this Type and must be a string; pass the HTTP body exactly as SNS posted it");
        }
        return v;
    }

    private static @Nullable String text(JsonNode root, String name) {
        JsonNode v = root.get(name);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
