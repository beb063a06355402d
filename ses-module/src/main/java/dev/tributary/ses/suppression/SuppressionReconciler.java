package dev.tributary.ses.suppression;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.suppression.ReconciliationReport.Direction;
import dev.tributary.ses.suppression.internal.AccountSuppressionList;
import dev.tributary.ses.suppression.internal.ReconcileCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestinationSummary;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * Reconciles a {@link SuppressionStore} with the SES account-level suppression list: {@link #pull()} copies
 * account entries the store lacks into it, {@link #push()} puts the store's permanent entries the account
 * lacks to SES and, with {@link Builder#removeFromAccountWhenNotInStore}, deletes account entries the store
 * does not hold (the store becomes the source of truth).
 *
 * <p>Every SES call waits for a permit of a pacer ({@link Builder#maxCallsPerSecond}, 5 by default: SES
 * publishes no per-operation rate for these calls and has no rate-limit headers) and throttled calls are
 * retried with exponential backoff. An entry SES refuses is counted as failed and reported to the listener;
 * the run goes on. Push reads the whole account list first and keeps its addresses in memory (about 100 bytes
 * each). Addresses are compared case-insensitively and never logged. Temporary (transient-bounce) store
 * entries are never pushed: the account list cannot expire them. An address the store holds temporarily
 * is left so by a pull.
 *
 * <p>Runs are synchronous and may take long on big lists; run one at a time per account (for example from a
 * daily scheduled job). The SES client is the caller's and is never closed. Thread-safe, but concurrent runs
 * share the pacer.
 *
 * <pre>{@code
 * SuppressionReconciler reconciler = SuppressionReconciler.builder()
 *         .sesClient(sesV2Client)
 *         .store(dynamoDbSuppressionStore)
 *         .listener(new ReconciliationListener() {
 *             public void onProgress(ReconciliationReport soFar) { log.info("{}", soFar); }
 *         })
 *         .build();
 * ReconciliationReport pulled = reconciler.pull();   // account -> store
 * ReconciliationReport pushed = reconciler.push();   // store -> account
 * }</pre>
 */
public final class SuppressionReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionReconciler.class);
    private static final int PROGRESS_EVERY = 100;

    private final SuppressionStore store;
    private final AccountSuppressionList account;
    private final ReconciliationListener listener;
    private final boolean removeFromAccount;

    private SuppressionReconciler(Builder b) {
        this.store = Objects.requireNonNull(b.store);
        this.account = new AccountSuppressionList(Objects.requireNonNull(b.ses), b.callsPerSecond, b.pageSize);
        this.listener = b.listener;
        this.removeFromAccount = b.removeFromAccount;
    }

    /** Returns a builder; an SES client and a store are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Copies account-list entries the store lacks into the store (permanent, with SES's reason and last
     * update time). Reads the account list page by page and checks each page against the store with
     * {@link SuppressionStore#suppressedAmong} (one BatchGetItem per 100 on DynamoDB).
     *
     * @return the counts
     * @throws TributaryException when a page cannot be read or the store fails; entries written so far stay
     */
    public ReconciliationReport pull() {
        ReconcileCounts c = new ReconcileCounts(Direction.PULL);
        account.forEachPage(page -> {
            List<String> addresses = new ArrayList<>(page.size());
            page.forEach(s -> addresses.add(s.emailAddress()));
            Set<String> present = present(addresses);
            for (SuppressedDestinationSummary s : page) {
                c.accountEntries++;
                if (present.contains(s.emailAddress().toLowerCase(Locale.ROOT))) {
                    c.alreadyPresent++;
                    continue;
                }
                try {
                    store.suppress(s.emailAddress(), reason(s.reason()), at(s.lastUpdateTime()));
                    c.added++;
                } catch (TributaryValidationException bad) {
                    failed(c, bad);
                }
            }
            progress(c);
        });
        return finish(c);
    }

    /**
     * Puts the store's permanent entries the account list lacks to SES and, when configured, deletes account
     * entries the store does not hold.
     *
     * @return the counts
     * @throws TributaryException when the account list or the store cannot be read, or SES keeps throttling
     */
    public ReconciliationReport push() {
        ReconcileCounts c = new ReconcileCounts(Direction.PUSH);
        Map<String, String> onAccount = new HashMap<>();
        account.forEachPage(page -> {
            for (SuppressedDestinationSummary s : page) {
                onAccount.put(s.emailAddress().toLowerCase(Locale.ROOT), s.emailAddress());
                c.accountEntries++;
            }
        });
        progress(c);
        Set<String> inStore = new HashSet<>();
        store.forEachEntry(e -> {
            c.storeEntries++;
            String key = e.address().toLowerCase(Locale.ROOT);
            inStore.add(key);
            if (!e.permanent()) {
                c.skipped++;
            } else if (onAccount.containsKey(key)) {
                c.alreadyPresent++;
            } else {
                tryCall(c, () -> account.put(e.address(), e.reason() == SuppressionReason.COMPLAINT
                        ? SuppressionListReason.COMPLAINT : SuppressionListReason.BOUNCE), () -> c.added++);
            }
            if (c.storeEntries % PROGRESS_EVERY == 0) {
                progress(c);
            }
        });
        if (removeFromAccount) {
            for (Map.Entry<String, String> a : onAccount.entrySet()) {
                if (!inStore.contains(a.getKey())) {
                    tryCall(c, () -> account.delete(a.getValue()), () -> c.removed++);
                }
            }
        }
        return finish(c);
    }

    private void tryCall(ReconcileCounts c, Runnable call, Runnable counted) {
        try {
            call.run();
            counted.run();
        } catch (TributaryException e) {
            if (e.throttled() || e.retryable()) {
                throw e; // the account or the network is in trouble: stop rather than fail every entry
            }
            failed(c, e);
        }
    }

    private void failed(ReconcileCounts c, TributaryException e) {
        c.failed++;
        try {
            listener.onEntryFailed(c.direction, e);
        } catch (RuntimeException thrown) {
            LOG.warn("ReconciliationListener.onEntryFailed threw; ignored [op=suppression.reconcile]", thrown);
        }
    }

    private void progress(ReconcileCounts c) {
        try {
            listener.onProgress(c.report());
        } catch (RuntimeException thrown) {
            LOG.warn("ReconciliationListener.onProgress threw; ignored [op=suppression.reconcile]", thrown);
        }
    }

    private ReconciliationReport finish(ReconcileCounts c) {
        ReconciliationReport r = c.report();
        progress(c);
        LOG.debug("[op=suppression.reconcile, direction={}] {}", r.direction(), r);
        return r;
    }

    /** Returns the lower-cased addresses the store holds; one per call when the store refuses one of them. */
    private Set<String> present(List<String> addresses) {
        Set<String> out = new HashSet<>();
        try {
            store.suppressedAmong(addresses).forEach(a -> out.add(a.toLowerCase(Locale.ROOT)));
        } catch (TributaryValidationException oneIsBad) {
            for (String a : addresses) {
                try {
                    if (store.isSuppressed(a)) {
                        out.add(a.toLowerCase(Locale.ROOT));
                    }
                } catch (TributaryValidationException bad) {
                    // Counted as failed when the copy is refused for the same reason.
                }
            }
        }
        return out;
    }

    private static SuppressionReason reason(@Nullable SuppressionListReason r) {
        return r == SuppressionListReason.COMPLAINT ? SuppressionReason.COMPLAINT : SuppressionReason.BOUNCE;
    }

    private static Instant at(@Nullable Instant lastUpdate) {
        return lastUpdate == null ? Instant.now() : lastUpdate;
    }

    @Override
    public String toString() {
        return "SuppressionReconciler[store=" + store + ", removeFromAccount=" + removeFromAccount + "]";
    }

    /** Builds a {@link SuppressionReconciler}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable SesV2Client ses;
        private @Nullable SuppressionStore store;
        private ReconciliationListener listener = ReconciliationListener.NONE;
        private double callsPerSecond = 5;
        private int pageSize = 1000;
        private boolean removeFromAccount;

        private Builder() {}

        /**
         * Sets the client (required); needs {@code ses:ListSuppressedDestinations},
         * {@code PutSuppressedDestination} and, for removal, {@code DeleteSuppressedDestination}. Never closed.
         */
        public Builder sesClient(SesV2Client sesClient) {
            this.ses = sesClient;
            return this;
        }

        /** Sets the store (required); push needs one that can {@link SuppressionStore#forEachEntry list}. */
        public Builder store(SuppressionStore store) {
            this.store = store;
            return this;
        }

        /** Sets the progress listener; {@link ReconciliationListener#NONE} by default. */
        public Builder listener(ReconciliationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Sets the most SES calls a second, above 0 (fractions allowed); 5 by default. */
        public Builder maxCallsPerSecond(double callsPerSecond) {
            this.callsPerSecond = callsPerSecond;
            return this;
        }

        /** Sets the ListSuppressedDestinations page size, 1 to 1000 (SES's maximum and the default). */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Makes {@link #push()} delete account entries the store holds no entry for; off by default. Use only
         * when the store is the complete source of truth: SES itself adds addresses to the account list.
         */
        public Builder removeFromAccountWhenNotInStore(boolean remove) {
            this.removeFromAccount = remove;
            return this;
        }

        /**
         * Validates and builds the reconciler; makes no call.
         *
         * @return the reconciler
         * @throws TributaryValidationException naming the field that is missing or out of range
         */
        public SuppressionReconciler build() {
            if (ses == null) {
                throw TributaryValidationException.of("sesClient", "is required; pass an SesV2Client");
            }
            if (store == null) {
                throw TributaryValidationException.of("store", "is required; pass a SuppressionStore");
            }
            if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
                throw TributaryValidationException.of("maxCallsPerSecond", "must be a finite number above 0");
            }
            if (pageSize < 1 || pageSize > 1000) {
                throw TributaryValidationException.of("pageSize", "must be 1 to 1000");
            }
            return new SuppressionReconciler(this);
        }
    }
}
