package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.internal.MailerCore;
import dev.tributary.ses.model.AccountStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The setters {@link SesMailer.Builder} and {@link SesAsyncMailer.Builder} share (client settings, options,
 * resilience, listener, clock), written once. Package-private: users see these methods on the two public builders,
 * which differ only in the client type and the SMTP transport.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class MailerBuilder<B extends MailerBuilder<B>> {
    private @Nullable ClientSettings clientSettings;
    private SesOptions options = SesOptions.defaults();
    private ResilienceSettings resilience = ResilienceSettings.defaults();
    private SesMailerListener listener = SesMailerListener.NONE;
    private Clock clock = Clock.systemUTC();

    MailerBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Builds (and owns) the SES client from these settings, SDK retries off; closed with the mailer. Exclusive with
     * {@code client(...)}.
     *
     * @param settings region, endpoint, timeouts, credentials, HTTP client
     * @return this builder
     */
    public B clientSettings(ClientSettings settings) {
        this.clientSettings = Objects.requireNonNull(settings, "settings");
        return self();
    }

    /**
     * Sets the sending policy: quota awareness, default configuration set, guard, suppression list.
     *
     * @param options the options
     * @return this builder
     */
    public B options(SesOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Sets retries and circuit breaking around each SES call (backend name {@code ses}); a rate limit set here is
     * ignored, because the quota guard paces sends.
     *
     * @param resilience the settings
     * @return this builder
     */
    public B resilience(ResilienceSettings resilience) {
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        return self();
    }

    /**
     * Sets the listener that observes sends, failures, suppressions and quota refreshes.
     *
     * @param listener the listener; {@link SesMailerListener#NONE} by default
     * @return this builder
     */
    public B listener(SesMailerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Sets the clock for listener timestamps and quota refreshes (tests).
     *
     * @param clock the clock; the system UTC clock by default
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Returns the client settings, if set. */
    @Nullable ClientSettings clientSettings() {
        return clientSettings;
    }

    /** Refuses a user's client together with client settings. */
    void checkOneClient(@Nullable Object client) {
        if (client != null && clientSettings != null) {
            throw TributaryValidationException.of("client", "give either client(...) or clientSettings(...), not both");
        }
    }

    /** Returns the core both mailers run on, from these settings. */
    MailerCore core(@Nullable Supplier<AccountStatus> fetchAccount) {
        return new MailerCore(options, resilience, listener, clock, fetchAccount);
    }
}
