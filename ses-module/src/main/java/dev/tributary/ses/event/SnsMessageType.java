package dev.tributary.ses.event;

/** The kinds of message SNS posts to an HTTP(S) subscription, by their {@code Type} field. */
public enum SnsMessageType {
    /** A message published to the topic; for an SES event topic, {@code Message} is the SES record. */
    NOTIFICATION("Notification"),
    /** Sent once after Subscribe: confirm by visiting {@code SubscribeURL} or calling ConfirmSubscription. */
    SUBSCRIPTION_CONFIRMATION("SubscriptionConfirmation"),
    /** Sent after the subscription was deleted; re-subscribe by visiting {@code SubscribeURL} if unintended. */
    UNSUBSCRIBE_CONFIRMATION("UnsubscribeConfirmation");

    private final String wireName;

    SnsMessageType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the value of the {@code Type} field, such as {@code Notification}. */
    public String wireName() {
        return wireName;
    }
}
