package dev.tributary.ses.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesMetrics;
import dev.tributary.ses.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a mailer's listener hears, for {@link SesMetrics}, then passes every callback on to the user's
 * (guarded) listener. Counting from the listener calls keeps one source for metrics and listeners: a meter
 * bound to {@code metrics()} and a listener can never disagree.
 */
final class MailerCounters implements SesMailerListener {
    private final SesMailerListener delegate;
    private final LongAdder sent = new LongAdder();
    private final LongAdder recipients = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder suppressed = new LongAdder();

    MailerCounters(SesMailerListener guardedDelegate) {
        this.delegate = guardedDelegate;
    }

    SesMetrics snapshot(double sendRate) {
        return new SesMetrics(sent.sum(), recipients.sum(), failed.sum(), suppressed.sum(), sendRate);
    }

    @Override
    public void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {
        sent.increment();
        this.recipients.add(recipients);
        delegate.onSent(operation, messageId, recipients, at, latency);
    }

    @Override
    public void onFailed(String operation, TributaryException error) {
        failed.increment();
        delegate.onFailed(operation, error);
    }

    @Override
    public void onSuppressed(String operation, int recipients) {
        suppressed.add(recipients);
        delegate.onSuppressed(operation, recipients);
    }

    @Override
    public void onQuotaRefreshed(AccountStatus status) {
        delegate.onQuotaRefreshed(status);
    }
}
