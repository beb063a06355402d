package dev.tributary.ses.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SharedSendRate;
import dev.tributary.ses.model.AccountStatus;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sends inside the account's SES limits: a Resilience4j RateLimiter driven by the maximum send rate
 * (one permit per recipient, spread evenly so no burst exceeds the rate), and an early refusal when the
 * 24-hour quota is used up or sending is paused. The account is read with GetAccount and re-read every
 * refresh interval; sends since the last read are counted locally so the quota is not overshot between reads.
 * With a {@link SharedSendRate} the permits come from the schedule shared with other processes instead of the
 * local limiter.
 */
public final class QuotaGuard {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaGuard.class);

    private final @Nullable Supplier<AccountStatus> fetch;
    private final @Nullable Double fixedRate;
    private final double fallbackRate;
    private final Duration refreshInterval;
    private final Duration permitTimeout;
    private final SesMailerListener listener;
    private final Clock clock;
    private final @Nullable SharedSendRate shared;
    private final AtomicLong sentSinceRefresh = new AtomicLong();

    private volatile @Nullable AccountStatus status;
    private volatile @Nullable Instant refreshedAt;
    private volatile RateLimiter limiter;
    private volatile double rate;
    private volatile boolean warnedFetchFailure;

    /**
     * Creates the guard.
     *
     * @param fetch reads the account (GetAccount), or null when only a fixed rate applies (SMTP without API)
     * @param fixedRate a configured rate that overrides the account's, or null
     * @param fallbackRate the rate used when the account cannot be read
     * @param refreshInterval how often to re-read the account
     * @param permitTimeout how long a send may wait for rate permits before it is refused
     * @param listener told about refreshes
     * @param clock the clock
     */
    public QuotaGuard(@Nullable Supplier<AccountStatus> fetch, @Nullable Double fixedRate, double fallbackRate,
            Duration refreshInterval, Duration permitTimeout, SesMailerListener listener, Clock clock) {
        this(fetch, fixedRate, fallbackRate, refreshInterval, permitTimeout, listener, clock, null);
    }

    /**
     * Creates the guard, pacing through a schedule shared with other processes when {@code shared} is given.
     *
     * @param fetch reads the account (GetAccount), or null when only a fixed rate applies (SMTP without API)
     * @param fixedRate a configured rate that overrides the account's, or null
     * @param fallbackRate the rate used when the account cannot be read
     * @param refreshInterval how often to re-read the account
     * @param permitTimeout how long a send may wait for rate permits before it is refused
     * @param listener told about refreshes
     * @param clock the clock
     * @param shared the shared send rate, or null to pace this process alone
     */
    public QuotaGuard(@Nullable Supplier<AccountStatus> fetch, @Nullable Double fixedRate, double fallbackRate,
            Duration refreshInterval, Duration permitTimeout, SesMailerListener listener, Clock clock,
            @Nullable SharedSendRate shared) {
        this.shared = shared;
        this.fetch = fetch;
        this.fixedRate = fixedRate;
        this.fallbackRate = fallbackRate;
        this.refreshInterval = refreshInterval;
        this.permitTimeout = permitTimeout;
        this.listener = listener;
        this.clock = clock;
        this.rate = fixedRate != null ? fixedRate : fallbackRate;
        this.limiter = limiterFor(rate);
    }

    /** Returns the rate in messages per second currently enforced. */
    public double currentRate() {
        return rate;
    }

    /** Returns the last account status read, if any. */
    public @Nullable AccountStatus status() {
        return status;
    }

    /**
     * Blocks until {@code recipients} permits are granted.
     *
     * @param recipients how many messages SES will count
     * @throws TributaryRejectedException when the quota is used up, sending is paused, or permits do not
     *     come within the permit timeout
     */
    public void acquire(int recipients) {
        checkQuota(recipients);
        if (shared != null && recipients > 0) {
            sleepNanos(sharedWaitNanos(recipients));
            sentSinceRefresh.addAndGet(recipients);
            return;
        }
        RateLimiter l = limiter;
        for (int i = 0; i < recipients; i++) {
            if (!l.acquirePermission()) {
                throw rateLimited();
            }
        }
        sentSinceRefresh.addAndGet(recipients);
    }

    /**
     * Reserves {@code recipients} permits without blocking.
     *
     * @param recipients how many messages SES will count
     * @return nanoseconds to wait before sending
     * @throws TributaryRejectedException as {@link #acquire(int)}
     */
    public long reserve(int recipients) {
        checkQuota(recipients);
        if (shared != null && recipients > 0) {
            long wait = sharedWaitNanos(recipients);
            sentSinceRefresh.addAndGet(recipients);
            return wait;
        }
        RateLimiter l = limiter;
        long wait = 0;
        for (int i = 0; i < recipients; i++) {
            long w = l.reservePermission();
            if (w < 0) {
                throw rateLimited();
            }
            wait = Math.max(wait, w);
        }
        sentSinceRefresh.addAndGet(recipients);
        return wait;
    }

    /** Forces the next send to re-read the account. */
    public void invalidate() {
        refreshedAt = null;
    }

    private void checkQuota(int recipients) {
        refreshIfStale();
        AccountStatus s = status;
        if (s == null) {
            return;
        }
        if (!s.canSend()) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.POLICY,
                    "SES sending is disabled for this account (enforcement status " + s.enforcementStatus()
                            + "); nothing was sent. Check the account in the SES console", null);
        }
        if (s.max24HourSend() >= 0 && s.sentLast24Hours() + sentSinceRefresh.get() + recipients > s.max24HourSend()) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.QUOTA_EXHAUSTED,
                    "The SES 24-hour sending quota (" + (long) s.max24HourSend() + ") is used up; nothing was"
                            + " sent. Wait for the rolling window or request a higher quota", null);
        }
    }

    private void refreshIfStale() {
        if (fetch == null) {
            return;
        }
        Instant at = refreshedAt;
        Instant now = clock.instant();
        if (at != null && now.isBefore(at.plus(refreshInterval))) {
            return;
        }
        synchronized (this) {
            at = refreshedAt;
            if (at != null && now.isBefore(at.plus(refreshInterval))) {
                return;
            }
            try {
                AccountStatus s = fetch.get();
                status = s;
                sentSinceRefresh.set(0);
                listener.onQuotaRefreshed(s);
                if (fixedRate == null && s.maxSendRate() > 0 && s.maxSendRate() != rate) {
                    rate = s.maxSendRate();
                    limiter = limiterFor(rate);
                }
                LOG.debug("SES quota read [maxSendRate={}, max24HourSend={}, sentLast24Hours={}, production={}]",
                        s.maxSendRate(), s.max24HourSend(), s.sentLast24Hours(), s.productionAccess());
            } catch (TributaryException e) {
                if (!warnedFetchFailure) {
                    warnedFetchFailure = true;
                    LOG.warn("Could not read the SES account quota (GetAccount): {}. Sending at {} messages/s;"
                            + " grant ses:GetAccount or configure maxSendRate", e.getMessage(), rate);
                }
            } finally {
                refreshedAt = now;
            }
        }
    }

    private long sharedWaitNanos(int recipients) {
        Instant start = java.util.Objects.requireNonNull(shared).reserve(recipients, rate, permitTimeout);
        return Math.max(0, Duration.between(clock.instant(), start).toNanos());
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                    "Interrupted while waiting for the shared SES send-rate slot; nothing was sent", e);
        }
    }

    private TributaryRejectedException rateLimited() {
        return TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                "No SES send-rate permit within " + permitTimeout + " at " + rate + " messages/s; nothing was sent."
                        + " Send less at once or raise the permit timeout", null);
    }

    private RateLimiter limiterFor(double perSecond) {
        return EvenPacer.of("ses-send-rate", perSecond, permitTimeout);
    }
}
