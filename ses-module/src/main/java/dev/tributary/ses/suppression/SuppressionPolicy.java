package dev.tributary.ses.suppression;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.suppression.internal.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * Suppresses the addresses of hard bounces and complaints: adds them to a local {@link SuppressionStore}
 * and/or to the SES account-level suppression list ({@code PutSuppressedDestination}). With
 * {@link Builder#suppressTransientBouncesFor} set, transient (soft) bounces suppress in the store only, until
 * the bounce time plus that duration. Undetermined bounces and all other events are ignored.
 *
 * <p>{@link #apply} writes the store first, then calls SES once per address (no retries here: redeliver the
 * event, which is safe because both writes are idempotent). Addresses SES reports as already on the account
 * list ({@code OnAccountSuppressionList}) are stored locally but not sent to SES again. The SES client is the
 * caller's and is never closed. Thread-safe.
 *
 * <pre>{@code
 * SuppressionPolicy policy = SuppressionPolicy.builder()
 *         .store(store)
 *         .sesClient(sesV2Client)
 *         .suppressOn(SuppressionTrigger.HARD_BOUNCE, SuppressionTrigger.COMPLAINT)
 *         .build();
 * policy.apply(SesEvents.fromSqs(message.body()));
 * }</pre>
 */
public final class SuppressionPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionPolicy.class);
    private static final String OPERATION = "ses.PutSuppressedDestination";

    private final @Nullable SuppressionStore store;
    private final @Nullable SesV2Client ses;
    private final Set<SuppressionTrigger> triggers;
    private final @Nullable Duration transientFor;

    private SuppressionPolicy(Builder b) {
        this.store = b.store;
        this.ses = b.ses;
        this.triggers = Set.copyOf(b.triggers);
        this.transientFor = b.transientFor;
    }

    /** Returns a builder that suppresses on hard bounces and complaints until told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the events this policy suppresses on. */
    public Set<SuppressionTrigger> triggers() {
        return triggers;
    }

    /**
     * Suppresses the addresses an event calls for; does nothing for other events.
     *
     * @param event a parsed SES event
     * @throws TributaryException when the SES call fails (translated, with {@code retryable()} set); the store
     *     has been written by then, and redelivering the event is safe
     */
    public void apply(SesEvent event) {
        Objects.requireNonNull(event, "event");
        if (transientFor != null && store != null && applyTransient(event, store, transientFor)) {
            return;
        }
        List<Targets.Target> targets = Targets.of(event, triggers);
        if (targets.isEmpty()) {
            LOG.debug("[op=suppression.apply, messageId={}, type={}] nothing to suppress", event.messageId(),
                    event.type());
            return;
        }
        if (store != null) {
            for (Targets.Target t : targets) {
                store.suppress(t.address(), t.reason(), t.at());
            }
        }
        int sentToSes = 0;
        if (ses != null) {
            for (Targets.Target t : targets) {
                if (!t.alreadyOnAccountList()) {
                    putSuppressedDestination(ses, t);
                    sentToSes++;
                }
            }
        }
        LOG.debug("[op=suppression.apply, messageId={}, type={}] suppressed {} address(es), {} sent to SES",
                event.messageId(), event.type(), targets.size(), sentToSes);
    }

    /** Returns whether the event was a transient bounce (handled here, never sent to SES). */
    private static boolean applyTransient(SesEvent event, SuppressionStore store, Duration duration) {
        List<Targets.Target> targets = Targets.transientBounce(event);
        if (targets.isEmpty()) {
            return false;
        }
        Instant expiresAt = targets.get(0).at().plus(duration);
        for (Targets.Target t : targets) {
            store.suppressUntil(t.address(), t.reason(), t.at(), expiresAt);
        }
        LOG.debug("[op=suppression.apply, messageId={}, type={}] suppressed {} address(es) until {}",
                event.messageId(), event.type(), targets.size(), expiresAt);
        return true;
    }

    private static void putSuppressedDestination(SesV2Client ses, Targets.Target t) {
        SuppressionListReason reason = t.reason() == SuppressionReason.BOUNCE
                ? SuppressionListReason.BOUNCE : SuppressionListReason.COMPLAINT;
        try {
            ses.putSuppressedDestination(r -> r.emailAddress(t.address()).reason(reason));
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, OPERATION);
        }
    }

    @Override
    public String toString() {
        return "SuppressionPolicy[triggers=" + triggers + ", store=" + (store != null) + ", ses=" + (ses != null)
                + (transientFor == null ? "" : ", transientFor=" + transientFor) + "]";
    }

    /** Builds a {@link SuppressionPolicy}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable SuppressionStore store;
        private @Nullable SesV2Client ses;
        private Set<SuppressionTrigger> triggers = EnumSet.allOf(SuppressionTrigger.class);
        private @Nullable Duration transientFor;

        private Builder() {}

        /**
         * Suppresses the addresses of transient (soft) bounces in the store for {@code duration} after the
         * bounce; off (null) by default. The store must support {@link SuppressionStore#suppressUntil}, as
         * {@link InMemorySuppressionStore} and {@link DynamoDbSuppressionStore} do. SES's account list has no
         * expiry, so these entries are never sent to SES.
         */
        public Builder suppressTransientBouncesFor(@Nullable Duration duration) {
            this.transientFor = duration;
            return this;
        }

        /** Sets the local store to write; optional when an SES client is set. */
        public Builder store(@Nullable SuppressionStore store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the client used to add addresses to the SES account-level suppression list; optional when a
         * store is set. Needs {@code ses:PutSuppressedDestination}; never closed by the policy.
         */
        public Builder sesClient(@Nullable SesV2Client sesClient) {
            this.ses = sesClient;
            return this;
        }

        /** Sets the events to suppress on, replacing the default (both). */
        public Builder suppressOn(SuppressionTrigger... triggers) {
            Set<SuppressionTrigger> set = EnumSet.noneOf(SuppressionTrigger.class);
            Arrays.stream(triggers).map(t -> Objects.requireNonNull(t, "triggers")).forEach(set::add);
            this.triggers = set;
            return this;
        }

        /**
         * Validates and builds the policy.
         *
         * @return the policy
         * @throws TributaryValidationException when neither a store nor an SES client is set, no trigger is, or
         *     a transient-bounce duration is not positive or has no store
         */
        public SuppressionPolicy build() {
            if (store == null && ses == null) {
                throw TributaryValidationException.of("store",
                        "set a SuppressionStore, an SesV2Client (sesClient), or both; otherwise nothing is suppressed");
            }
            if (triggers.isEmpty()) {
                throw TributaryValidationException.of("suppressOn", "name at least one trigger: HARD_BOUNCE, COMPLAINT");
            }
            if (transientFor != null && (transientFor.isNegative() || transientFor.isZero())) {
                throw TributaryValidationException.of("suppressTransientBouncesFor", "must be positive, such as"
                        + " Duration.ofDays(3), or null to ignore transient bounces");
            }
            if (transientFor != null && store == null) {
                throw TributaryValidationException.of("suppressTransientBouncesFor", "needs a store: SES's account"
                        + " suppression list cannot expire entries");
            }
            return new SuppressionPolicy(this);
        }
    }
}
