package dev.tributary.ses;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.SenderDomainGuard;
import dev.tributary.ses.suppression.SuppressionList;
import dev.tributary.ses.model.ConfigurationSet;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sending policy shared by {@link SesMailer} and {@link SesAsyncMailer}: quota awareness and pacing, default
 * configuration set, sender-domain guard, suppression list, shared send rate and whether unknown outcomes are
 * retried. Transport and lifecycle (client, resilience, listener, clock) are set on the mailer's builder.
 * Immutable.
 *
 * <p>With {@link Builder#quotaAware(boolean) quota awareness} on (the default), the mailer reads the account
 * with GetAccount (again every {@link #quotaRefreshInterval()}), paces sends to its maximum send rate, one
 * permit per recipient, and refuses a send before it is made when the 24-hour quota is used up.
 */
public final class SesOptions {
    private final @Nullable String defaultConfigurationSet;
    private final boolean quotaAware;
    private final @Nullable Double maxSendRate;
    private final double fallbackSendRate;
    private final Duration quotaRefreshInterval;
    private final Duration permitTimeout;
    private final SenderDomainGuard senderDomainGuard;
    private final SuppressionList suppressionList;
    private final @Nullable SharedSendRate sharedSendRate;
    private final boolean retryUnknownOutcome;

    private SesOptions(Builder b) {
        this.defaultConfigurationSet = b.defaultConfigurationSet;
        this.quotaAware = b.quotaAware;
        this.maxSendRate = b.maxSendRate;
        this.fallbackSendRate = b.fallbackSendRate;
        this.quotaRefreshInterval = b.quotaRefreshInterval;
        this.permitTimeout = b.permitTimeout;
        this.senderDomainGuard = b.senderDomainGuard;
        this.suppressionList = b.suppressionList;
        this.sharedSendRate = b.sharedSendRate;
        this.retryUnknownOutcome = b.retryUnknownOutcome;
    }

    /** Returns the defaults: quota-aware, refresh every minute, 30 s permit timeout, guard off, no suppression. */
    public static SesOptions defaults() {
        return builder().build();
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the configuration set used when a message names none. */
    public Optional<String> defaultConfigurationSet() {
        return Optional.ofNullable(defaultConfigurationSet);
    }

    /** Returns whether sends are paced by the account's quota. */
    public boolean quotaAware() {
        return quotaAware;
    }

    /** Returns a configured send rate that overrides the account's, if set. */
    public Optional<Double> maxSendRate() {
        return Optional.ofNullable(maxSendRate);
    }

    /** Returns the rate used when GetAccount cannot be read (default 1/s, the sandbox rate). */
    public double fallbackSendRate() {
        return fallbackSendRate;
    }

    /** Returns how often the account is re-read. */
    public Duration quotaRefreshInterval() {
        return quotaRefreshInterval;
    }

    /** Returns how long a send waits for rate permits before it is refused. */
    public Duration permitTimeout() {
        return permitTimeout;
    }

    /** Returns the pre-send check of the sender domain (default off). */
    public SenderDomainGuard senderDomainGuard() {
        return senderDomainGuard;
    }

    /** Returns the suppression list consulted before every send (default none). */
    public SuppressionList suppressionList() {
        return suppressionList;
    }

    /** Returns the send rate shared with mailers in other processes, if set (default: this process alone). */
    public Optional<SharedSendRate> sharedSendRate() {
        return Optional.ofNullable(sharedSendRate);
    }

    /**
     * Returns whether a send whose outcome is unknown (the request may have reached SES, no answer came) is
     * retried; default false, so such a send fails with {@link SesFailure#UNKNOWN_OUTCOME} instead of
     * risking a second delivery.
     */
    public boolean retryUnknownOutcome() {
        return retryUnknownOutcome;
    }

    /** Builds {@link SesOptions}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String defaultConfigurationSet;
        private boolean quotaAware = true;
        private @Nullable Double maxSendRate;
        private double fallbackSendRate = 1.0;
        private Duration quotaRefreshInterval = Duration.ofMinutes(1);
        private Duration permitTimeout = Duration.ofSeconds(30);
        private SenderDomainGuard senderDomainGuard = SenderDomainGuard.off();
        private SuppressionList suppressionList = SuppressionList.NONE;
        private @Nullable SharedSendRate sharedSendRate;
        private boolean retryUnknownOutcome;

        private Builder() {}

        /**
         * Retries sends whose outcome is unknown: a read timeout, or a connection that broke after the request
         * (API) or after the end of DATA (SMTP) was sent. Off by default because SES may already have accepted
         * the mail, so a retry can deliver it twice; turn it on only where a duplicate is harmless. Failures
         * before the request left (connection refused, DNS, TLS handshake) and throttling are retried either way.
         */
        public Builder retryUnknownOutcome(boolean retry) {
            this.retryUnknownOutcome = retry;
            return this;
        }

        /**
         * Checks the sender domain's DKIM, SPF and DMARC before sending; with policy ENFORCE a failing domain
         * is refused with {@link dev.tributary.ses.auth.SenderDomainRejectedException} and nothing is sent.
         */
        public Builder senderDomainGuard(SenderDomainGuard guard) {
            this.senderDomainGuard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** Skips suppressed recipients (bounced or complained), reporting them in the result. */
        public Builder suppressionList(SuppressionList list) {
            this.suppressionList = Objects.requireNonNull(list, "list");
            return this;
        }

        /**
         * Shares the maximum send rate with mailers in other processes (see {@link SharedSendRate}): all of
         * them together stay within it. Needs quota awareness or {@link #maxSendRate(double)}; null turns it off.
         */
        public Builder sharedSendRate(@Nullable SharedSendRate shared) {
            this.sharedSendRate = shared;
            return this;
        }

        /** Sets the configuration set for messages that name none. */
        public Builder defaultConfigurationSet(@Nullable String name) {
            this.defaultConfigurationSet = name;
            return this;
        }

        /** Turns quota awareness on (default) or off. */
        public Builder quotaAware(boolean quotaAware) {
            this.quotaAware = quotaAware;
            return this;
        }

        /** Paces sends at this many messages per second instead of the account's maximum send rate. */
        public Builder maxSendRate(double perSecond) {
            this.maxSendRate = perSecond;
            return this;
        }

        /** Sets the rate used when GetAccount cannot be read. */
        public Builder fallbackSendRate(double perSecond) {
            this.fallbackSendRate = perSecond;
            return this;
        }

        /** Sets how often the account is re-read; default one minute. */
        public Builder quotaRefreshInterval(Duration interval) {
            this.quotaRefreshInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Sets how long a send may wait for rate permits; default 30 s. */
        public Builder permitTimeout(Duration timeout) {
            this.permitTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws TributaryValidationException naming the invalid field
         */
        public SesOptions build() {
            if (maxSendRate != null && !(maxSendRate > 0)) {
                throw TributaryValidationException.of("maxSendRate", "must be a positive number of messages per second");
            }
            if (!(fallbackSendRate > 0)) {
                throw TributaryValidationException.of("fallbackSendRate", "must be positive");
            }
            if (permitTimeout.isNegative() || quotaRefreshInterval.isNegative() || quotaRefreshInterval.isZero()) {
                throw TributaryValidationException.of("quotaRefreshInterval", "durations must be positive");
            }
            if (defaultConfigurationSet != null) {
                ConfigurationSet.checkName("defaultConfigurationSet", defaultConfigurationSet);
            }
            if (sharedSendRate != null && !quotaAware && maxSendRate == null) {
                throw TributaryValidationException.of("sharedSendRate", "needs a rate to share: keep quotaAware"
                        + " on (the account's maximum send rate) or set maxSendRate");
            }
            return new SesOptions(this);
        }
    }
}
