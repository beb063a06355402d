package dev.tributary.ses;

import dev.tributary.core.TributaryException;
import dev.tributary.core.support.Listeners;
import dev.tributary.ses.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Observes a mailer ({@link SesMailer}, {@link SesAsyncMailer}): sends, failures, suppressed recipients and
 * quota refreshes, for metrics. Not to be confused with {@link dev.tributary.ses.event.SesEvent}s, which SES
 * publishes after sending. Methods have no-op defaults; they are called synchronously on the sending thread
 * and must be fast; an exception thrown by a listener is logged at WARN and otherwise ignored.
 */
public interface SesMailerListener {
    /** A listener that does nothing. */
    SesMailerListener NONE = new SesMailerListener() {};

    /**
     * Returns a listener that calls {@code first}, then {@code second}; {@code second} is called even when
     * {@code first} throws (that exception is then passed on, to be logged by the mailer).
     *
     * @param first called first, such as a metrics listener
     * @param second called next, such as the application's own listener
     * @return the combined listener
     */
    static SesMailerListener both(SesMailerListener first, SesMailerListener second) {
        return Listeners.both(SesMailerListener.class, first, second);
    }

    /**
     * A message was accepted.
     *
     * @param operation the {@link SesOperation#id()}: {@code SendEmail}, {@code SendTemplate},
     *     {@code SendBulkEmail} or {@code SMTP}
     * @param messageId SES's message id (for bulk, one call per accepted destination)
     * @param recipients the message's recipient count
     * @param at when SES accepted it
     * @param latency how long the call took, retries included
     */
    default void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {}

    /**
     * A call failed finally (after retries) or a send was refused before sending (for example by the
     * sender-domain guard).
     *
     * @param operation the {@link SesOperation#id()}, the same name {@link #onSent} uses for that operation
     * @param error the failure
     */
    default void onFailed(String operation, TributaryException error) {}

    /**
     * The suppression list removed recipients from a send before it was made.
     *
     * @param operation the {@link SesOperation#id()} of the send
     * @param recipients how many recipients were skipped (at least 1)
     */
    default void onSuppressed(String operation, int recipients) {}

    /**
     * The account's quota was read from SES.
     *
     * @param status the new status
     */
    default void onQuotaRefreshed(AccountStatus status) {}
}
