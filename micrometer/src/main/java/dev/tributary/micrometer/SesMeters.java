package dev.tributary.micrometer;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.SesAsyncMailer;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesSendException;
import dev.tributary.ses.model.AccountStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SesMailerListener} that records a mailer's sends as Micrometer meters:
 * <ul>
 *   <li>{@code tributary.ses.sends}: a timer of accepted messages (count and latency, retries included),
 *       tagged {@code operation};</li>
 *   <li>{@code tributary.ses.recipients}: recipients of accepted messages, tagged {@code operation};</li>
 *   <li>{@code tributary.ses.failures}: final failures, tagged {@code operation} and {@code reason} (an
 *       {@link dev.tributary.ses.SesFailure} name, {@code THROTTLED}, or the exception type);</li>
 *   <li>quota gauges from the last account read: {@code tributary.ses.quota.max.24h},
 *       {@code tributary.ses.quota.sent.24h}, {@code tributary.ses.quota.used} (0 to 1) and
 *       {@code tributary.ses.quota.max.send.rate} (NaN until the first read);</li>
 *   <li>{@code tributary.ses.suppressed}: recipients skipped by the suppression list, tagged {@code operation};</li>
 *   <li>after {@link #bindTo(SesMailer)}: {@code tributary.ses.send.rate}, the rate the mailer paces to now
 *       (from {@link SesMailer#metrics()}).</li>
 * </ul>
 * Addresses, subjects and message ids are never tags. Thread-safe.
 *
 * <pre>{@code
 * SesMeters meters = SesMeters.create(registry);
 * SesMailer mailer = SesMailer.builder()
 *         .listener(meters)
 *         .build();
 * meters.bindTo(mailer);
 * }</pre>
 */
public final class SesMeters implements SesMailerListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicReference<@Nullable AccountStatus> quota = new AtomicReference<>();

    private SesMeters(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        quotaGauge("tributary.ses.quota.max.24h", "Messages the account may send per rolling 24 hours",
                AccountStatus::max24HourSend);
        quotaGauge("tributary.ses.quota.sent.24h", "Messages sent in the last 24 hours",
                AccountStatus::sentLast24Hours);
        quotaGauge("tributary.ses.quota.used", "Share of the 24-hour quota used, 0 to 1",
                s -> s.max24HourSend() <= 0 ? Double.NaN : s.sentLast24Hours() / s.max24HourSend());
        quotaGauge("tributary.ses.quota.max.send.rate", "Messages per second SES accepts", AccountStatus::maxSendRate);
    }

    private void quotaGauge(String name, String description, ToDoubleFunction<AccountStatus> value) {
        Gauge.builder(name, quota, q -> {
            AccountStatus s = q.get();
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).tags(tags).description(description).strongReference(true).register(registry);
    }

    /**
     * Creates the listener and registers its gauges.
     *
     * @param registry where the meters go
     * @return the listener
     */
    public static SesMeters create(MeterRegistry registry) {
        return create(registry, Tags.empty());
    }

    /**
     * Creates the listener with tags on every meter, to tell several mailers apart.
     *
     * @param registry where the meters go
     * @param tags tags on every meter
     * @return the listener
     */
    public static SesMeters create(MeterRegistry registry, Tags tags) {
        return new SesMeters(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Registers {@code tributary.ses.send.rate}, the messages per second the mailer paces to now.
     *
     * @param mailer the mailer this listener was given to; held weakly
     * @return this, for chaining
     */
    public SesMeters bindTo(SesMailer mailer) {
        Gauge.builder("tributary.ses.send.rate", Objects.requireNonNull(mailer, "mailer"), m -> m.metrics().sendRate())
                .tags(tags).description("Messages per second the mailer paces to").register(registry);
        return this;
    }

    /**
     * Registers {@code tributary.ses.send.rate} for an async mailer.
     *
     * @param mailer the mailer this listener was given to; held weakly
     * @return this, for chaining
     */
    public SesMeters bindTo(SesAsyncMailer mailer) {
        Gauge.builder("tributary.ses.send.rate", Objects.requireNonNull(mailer, "mailer"),
                        m -> m.metrics().sendRate())
                .tags(tags).description("Messages per second the mailer paces to").register(registry);
        return this;
    }

    @Override
    public void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {
        Timer.builder("tributary.ses.sends").tags(tags).tag("operation", operation)
                .description("Messages SES accepted, with the call's latency").register(registry).record(latency);
        Counter.builder("tributary.ses.recipients").tags(tags).tag("operation", operation)
                .description("Recipients of accepted messages").register(registry).increment(recipients);
    }

    @Override
    public void onFailed(String operation, TributaryException error) {
        Counter.builder("tributary.ses.failures").tags(tags).tag("operation", operation).tag("reason", reason(error))
                .description("Sends and calls that failed for good").register(registry).increment();
    }

    @Override
    public void onSuppressed(String operation, int recipients) {
        Counter.builder("tributary.ses.suppressed").tags(tags).tag("operation", operation)
                .description("Recipients skipped by the suppression list").register(registry).increment(recipients);
    }

    @Override
    public void onQuotaRefreshed(AccountStatus status) {
        quota.set(status);
    }

    static String reason(TributaryException error) {
        if (error instanceof SesSendException ses) {
            return ses.reason().name();
        }
        return error.throttled() ? "THROTTLED" : error.getClass().getSimpleName();
    }
}
