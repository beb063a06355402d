package dev.tributary.ses.event;

import java.util.Locale;
import java.util.Optional;

/** The kinds of SES sending event, with their names in SES records and in EventBridge. */
public enum SesEventType {
    /** SES accepted the send request. */
    SEND("Send", "send", "Email Sent"),
    /** The receiving mail server accepted the message. */
    DELIVERY("Delivery", "delivery", "Email Delivered"),
    /** The message bounced (hard, soft or undetermined). */
    BOUNCE("Bounce", "bounce", "Email Bounced"),
    /** A recipient marked the message as spam. */
    COMPLAINT("Complaint", "complaint", "Email Complaint Received"),
    /** SES refused the message (for example it contained a virus). */
    REJECT("Reject", "reject", "Email Rejected"),
    /** A recipient opened the message (open tracking). */
    OPEN("Open", "open", "Email Opened"),
    /** A recipient clicked a link (click tracking). */
    CLICK("Click", "click", "Email Clicked"),
    /** A template could not be rendered, so nothing was sent. */
    RENDERING_FAILURE("Rendering Failure", "failure", "Email Rendering Failed"),
    /** Delivery is delayed; SES keeps retrying until the expiration time. */
    DELIVERY_DELAY("DeliveryDelay", "deliveryDelay", "Email Delivery Delayed"),
    /** A recipient changed their subscription preferences through SES list management. */
    SUBSCRIPTION("Subscription", "subscription", "Email Subscribed");

    private final String wireName;
    private final String objectName;
    private final String detailType;

    SesEventType(String wireName, String objectName, String detailType) {
        this.wireName = wireName;
        this.objectName = objectName;
        this.detailType = detailType;
    }

    /** Returns the value of {@code eventType} / {@code notificationType} in SES records, e.g. {@code Rendering Failure}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the name of the record's type-specific object, e.g. {@code failure} for rendering failures. */
    public String objectName() {
        return objectName;
    }

    /** Returns the EventBridge {@code detail-type}, e.g. {@code Email Bounced}. */
    public String eventBridgeDetailType() {
        return detailType;
    }

    /**
     * Finds the type for a record's {@code eventType} or {@code notificationType}, ignoring case and spaces.
     *
     * @param name the value from the record
     * @return the type, or empty when SES does not define it
     */
    public static Optional<SesEventType> fromWireName(String name) {
        String key = squash(name);
        for (SesEventType t : values()) {
            if (squash(t.wireName).equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Finds the type for an EventBridge {@code detail-type}.
     *
     * @param detailType the value from the event
     * @return the type, or empty when it is not an SES sending event
     */
    public static Optional<SesEventType> fromDetailType(String detailType) {
        for (SesEventType t : values()) {
            if (t.detailType.equalsIgnoreCase(detailType.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static String squash(String s) {
        return s.replace(" ", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
