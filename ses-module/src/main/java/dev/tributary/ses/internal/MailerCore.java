package dev.tributary.ses.internal;

import dev.tributary.core.ErrorClassifier;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.support.Listeners;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesMetrics;
import dev.tributary.ses.SesOperation;
import dev.tributary.ses.SesOptions;
import dev.tributary.ses.model.AccountStatus;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sync and async mailers share: the pre-send step, the Resilience guard (Retry(CircuitBreaker(quota
 * permits + call))) with SES error translation inside it, the quota guard, and listener notification. Every
 * name given to listeners and errors is a {@link SesOperation}.
 */
public final class MailerCore {
    private static final Logger LOG = LoggerFactory.getLogger(MailerCore.class);

    private final Resilience resilience;
    private final @Nullable QuotaGuard quota;
    private final MailerCounters listener;
    private final SesOptions options;
    private final Clock clock;
    private final PreSend preSend;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the core.
     *
     * @param options the sending policy
     * @param resilience retries and circuit breaking (its rate limit is ignored: the quota guard paces sends)
     * @param listener the user's listener, guarded here
     * @param clock the clock
     * @param fetchAccount reads GetAccount, or null without API access
     */
    public MailerCore(SesOptions options, ResilienceSettings resilience, SesMailerListener listener, Clock clock,
            @Nullable Supplier<AccountStatus> fetchAccount) {
        this.options = options;
        this.clock = clock;
        this.listener = new MailerCounters(Listeners.guarded(SesMailerListener.class, listener));
        this.preSend = new PreSend(options, this.listener);
        // Quota refusals are final for this call: retrying them would only wait again for the same permits.
        ErrorClassifier classifier = e -> !(ErrorClassifier.unwrap(e) instanceof TributaryRejectedException)
                && SesErrors.CLASSIFIER.retryable(e);
        this.resilience = Resilience.create("ses",
                resilience.toBuilder().noRateLimit().classifier(classifier).build());
        this.quota = options.quotaAware() || options.maxSendRate().isPresent()
                ? new QuotaGuard(options.quotaAware() ? fetchAccount : null, options.maxSendRate().orElse(null),
                        options.fallbackSendRate(), options.quotaRefreshInterval(), options.permitTimeout(),
                        this.listener, clock, options.sharedSendRate().orElse(null))
                : null;
    }

    /** Returns the options. */
    public SesOptions options() {
        return options;
    }

    /**
     * Returns the pre-send step (sender-domain guard, suppression list) both mailers run.
     *
     * @throws TributaryRejectedException with {@code CLOSED} after {@link #close()}
     */
    public PreSend preSend() {
        ensureOpen();
        return preSend;
    }

    /** Returns the listener (counting, then the user's, guarded). */
    public SesMailerListener listener() {
        return listener;
    }

    /** Returns the metrics snapshot. */
    public SesMetrics metrics() {
        return listener.snapshot(quota == null ? 0 : quota.currentRate());
    }

    /**
     * Marks the mailer closed; later calls fail with {@link TributaryRejectedException.Reason#CLOSED}.
     *
     * @return true the first time only, so the caller releases its resources once
     */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Refuses work after {@link #close()}.
     *
     * @throws TributaryRejectedException with {@code CLOSED} when closed
     */
    public void ensureOpen() {
        if (closed.get()) {
            throw closedError();
        }
    }

    private static TributaryRejectedException closedError() {
        return TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED,
                "The SES mailer is closed; build a new one", null);
    }

    /** Returns the last account status the quota guard read, if any. */
    public @Nullable AccountStatus lastAccountStatus() {
        return quota == null ? null : quota.status();
    }

    /**
     * Runs a blocking SES call under resilience, taking {@code recipients} rate permits per attempt.
     *
     * @param operation the operation
     * @param recipients rate permits to take (0 for management calls)
     * @param call the call
     * @return the result
     */
    public <T> T call(SesOperation operation, int recipients, Supplier<T> call) {
        ensureOpen();
        try {
            return resilience.execute(operation.qualifiedName(), () -> {
                try {
                    if (quota != null && recipients > 0) {
                        quota.acquire(recipients);
                    }
                    return call.get();
                } catch (RuntimeException e) {
                    throw translate(e, operation);
                }
            });
        } catch (TributaryException e) {
            listener.onFailed(operation.id(), e);
            throw e;
        }
    }

    /**
     * Runs an async SES call under resilience; waits for rate permits on a timer, never a caller's thread.
     *
     * @param operation the operation name
     * @param recipients rate permits to take
     * @param call starts one attempt
     * @return the result future
     */
    public <T> CompletableFuture<T> callAsync(
            SesOperation operation, int recipients, Supplier<? extends CompletionStage<T>> call) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedError());
        }
        return resilience.executeAsync(operation.qualifiedName(), () -> {
                    try {
                        long waitNanos = quota != null && recipients > 0 ? quota.reserve(recipients) : 0;
                        CompletableFuture<T> attempt = waitNanos <= 0
                                ? call.get().toCompletableFuture()
                                : CompletableFuture.supplyAsync(() -> null, delayed(waitNanos))
                                        .thenCompose(ignored -> call.get());
                        return attempt.handle((v, e) -> {
                            if (e != null) {
                                throw translate(e, operation);
                            }
                            return v;
                        });
                    } catch (RuntimeException e) {
                        return CompletableFuture.<T>failedFuture(translate(e, operation));
                    }
                })
                .whenComplete((v, e) -> {
                    Throwable t = e == null ? null : ErrorClassifier.unwrap(e);
                    if (t instanceof TributaryException te) {
                        listener.onFailed(operation.id(), te);
                    }
                });
    }

    private TributaryException translate(Throwable e, SesOperation operation) {
        return SesErrors.translate(e, operation, options.retryUnknownOutcome());
    }

    /** Notifies the listener of an accepted message and logs its id at DEBUG. */
    public void sent(SesOperation operation, String messageId, int recipients, long startNanos) {
        LOG.debug("SES accepted message [op={}, messageId={}, recipients={}]", operation.id(), messageId, recipients);
        listener.onSent(operation.id(), messageId, recipients, clock.instant(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * Maps one SendBulkEmail answer to results numbered from {@code offset}, notifying the listener once per
     * accepted destination.
     *
     * @param bulk the bulk e-mail the call was made for (its destinations give the recipient counts)
     * @param results SES's entry results
     * @param offset the index of the call's first destination in {@code bulk}
     * @param startNanos when the call started
     * @return the results
     */
    public List<BulkEntryResult> bulkAccepted(BulkEmail bulk,
            List<software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult> results, int offset,
            long startNanos) {
        List<BulkEntryResult> chunk = ApiRequests.bulkResults(results, offset);
        chunk.stream().filter(BulkEntryResult::succeeded).forEach(r -> sent(SesOperation.SEND_BULK_EMAIL,
                r.messageId(), bulk.destinations().get(r.index()).recipientCount(), startNanos));
        return chunk;
    }

    private static Executor delayed(long nanos) {
        return CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS);
    }
}
