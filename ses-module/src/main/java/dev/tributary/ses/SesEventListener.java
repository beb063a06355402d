package dev.tributary.ses;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Observes the mailer: sends, failures and quota refreshes, for metrics. Methods have no-op defaults; they
 * are called synchronously on the sending thread and must be fast; an exception thrown by a listener is
 * logged at WARN and otherwise ignored.
 */
public interface SesEventListener {
    /** A listener that does nothing. */
    SesEventListener NONE = new SesEventListener() {};

    /**
     * Returns a listener that calls {@code first}, then {@code second}; {@code second} is called even when
     * {@code first} throws (that exception is then passed on, to be logged by the mailer).
     *
     * @param first called first, such as a metrics listener
     * @param second called next, such as the application's own listener
     * @return the combined listener
     */
    static SesEventListener both(SesEventListener first, SesEventListener second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        return new SesEventListener() {
            @Override
            public void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {
                try {
                    first.onSent(operation, messageId, recipients, at, latency);
                } finally {
                    second.onSent(operation, messageId, recipients, at, latency);
                }
            }

            @Override
            public void onFailed(String operation, TributaryException error) {
                try {
                    first.onFailed(operation, error);
                } finally {
                    second.onFailed(operation, error);
                }
            }

            @Override
            public void onQuotaRefreshed(AccountStatus status) {
                try {
                    first.onQuotaRefreshed(status);
                } finally {
                    second.onQuotaRefreshed(status);
                }
            }
        };
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
     * The account's quota was read from SES.
     *
     * @param status the new status
     */
    default void onQuotaRefreshed(AccountStatus status) {}
}
