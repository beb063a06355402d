package dev.tributary.ses.event;

import java.time.Instant;

/**
 * One SES sending event: a common {@link MailInfo} plus what happened. The set of kinds is closed, so a
 * {@code switch} over {@link #type()} or {@code instanceof} checks on the records cover every event.
 * Instances are immutable and thread-safe; {@code toString} never shows addresses.
 *
 * <pre>{@code
 * SesEvent event = SesEvents.parse(sqsMessage.body());
 * if (event instanceof BounceEvent bounce && bounce.isHard()) {
 *     bounce.bouncedRecipients().forEach(r -> crm.markUndeliverable(r.emailAddress()));
 * }
 * }</pre>
 */
public sealed interface SesEvent
        permits SendEvent, DeliveryEvent, BounceEvent, ComplaintEvent, RejectEvent, OpenEvent, ClickEvent,
                RenderingFailureEvent, DeliveryDelayEvent, SubscriptionEvent {

    /** Returns the kind of event. */
    SesEventType type();

    /** Returns what SES reports about the message the event is about. */
    MailInfo mail();

    /**
     * Returns when the event happened: the event's own timestamp, or the send time for kinds that have
     * none (send, reject, rendering failure).
     */
    Instant occurredAt();

    /** Returns SES's message id, the same as {@code mail().messageId()}. */
    default String messageId() {
        return mail().messageId();
    }
}
