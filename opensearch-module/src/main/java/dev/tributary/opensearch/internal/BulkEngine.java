package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.Resilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryException;
import dev.tributary.core.support.Listeners;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkFailure;
import dev.tributary.opensearch.BulkListener;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.model.BulkMetrics;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk indexer's machinery: a byte budget (semaphore) held by every operation until it completes, a
 * request-concurrency semaphore, an interval flusher, per-item retries on a timer, and response handling.
 */
public final class BulkEngine {
    private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);
    /** {@code _index} and {@code _version} are what a write must copy to the other index while a reindex runs. */
    private static final String FILTER_PATH = "errors,items.*._index,items.*._version,items.*.status,"
            + "items.*.error.type,items.*.error.reason";

    private final OpenSearchConnection connection;
    private final String index;
    private final String endpoint;
    private final int maxActions;
    private final long maxBytes;
    private final int maxItemRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    /** How long whole-request failures are retried, or -1 to count them against maxItemRetries. */
    private final long maxOutageNanos;
    private final boolean blockWhenFull;
    private final Consumer<BulkFailure> failureHandler;
    private final BulkListener listener;
    private final @Nullable DualWrites dualWrites;
    private final Resilience guard;
    private final ScheduledExecutorService timer;
    private final BulkBudget budget;
    private final Semaphore inFlight;
    private final boolean intervalFlush;
    private final Object lock = new Object();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();

    private List<BulkOp> batch = new ArrayList<>();
    private long batchBytes;
    private volatile boolean closed;
    /** Set when a close timeout ran out: operations waiting for a retry, or answered retryable, fail for good. */
    private volatile boolean givenUp;
    /** Operations waiting on the timer for their retry, so a close timeout can fail them at once. */
    private final java.util.Set<BulkOp> waitingForRetry = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Creates the engine and starts the interval flusher when an interval is given. */
    public BulkEngine(OpenSearchConnection connection, String index, String endpoint, int maxActions, long maxBytes,
            @Nullable Duration flushInterval, int concurrentRequests, long maxBufferedBytes, boolean blockWhenFull,
            int maxItemRetries, Duration initialBackoff, Duration maxBackoff, @Nullable Duration maxOutage,
            Consumer<BulkFailure> failureHandler, BulkListener listener, @Nullable DualWrites dualWrites) {
        this.connection = connection;
        this.index = index;
        this.endpoint = endpoint;
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
        this.maxItemRetries = maxItemRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxOutageNanos = maxOutage == null ? -1 : maxOutage.toNanos();
        this.blockWhenFull = blockWhenFull;
        this.failureHandler = guardedHandler(failureHandler);
        this.listener = Listeners.guarded(BulkListener.class, listener);
        this.dualWrites = dualWrites;
        this.guard = Connections.guard(connection, "opensearch." + index + ".bulk");
        this.budget = new BulkBudget(maxBufferedBytes);
        this.inFlight = new Semaphore(concurrentRequests);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-bulk-" + index);
            t.setDaemon(true);
            return t;
        });
        this.intervalFlush = flushInterval != null;
        if (flushInterval != null) {
            long ms = flushInterval.toMillis();
            timer.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Creates an operation (no side effect). */
    public BulkOp newOp(String id, String action, byte[] actionLine, byte @Nullable [] source, boolean external) {
        return new BulkOp(id, action, actionLine, source, external);
    }

    /**
     * Queues an operation, waiting for (or refusing on) the byte budget; may flush on the caller's thread.
     * The operation counts as outstanding before it waits, so {@link #close()} waits for a blocked caller too.
     */
    public void add(BulkOp op) {
        long size = op.size();
        if (size > budget.capacity()) {
            throw TributaryValidationException.of("document", "is larger than the indexer's maxBufferedBytes");
        }
        synchronized (outstanding) {
            if (closed) {
                throw TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED,
                        "the bulk indexer is closed: build a new one", null);
            }
            outstanding.incrementAndGet();
        }
        try {
            acquire(size);
        } catch (RuntimeException e) {
            done();
            throw e;
        }
        held.addAndGet(size);
        enqueue(op);
    }

    private void acquire(long size) {
        if (budget.tryAcquire(size)) {
            return;
        }
        if (!blockWhenFull) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                    "The bulk indexer's buffer (" + budget.capacity() + " bytes) is full: OpenSearch is slower than"
                            + " the producer. Slow down, or build the indexer with blockWhenFull(true)", null);
        }
        try {
            // What is queued may be what holds the budget: send it, or nothing would ever free it when there is
            // no interval flusher. Flushing again while waiting covers operations other callers queued meanwhile.
            do {
                flush();
            } while (!budget.tryAcquire(size, 50, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryClientException.create("interrupted while waiting for room in the bulk buffer; nothing queued", e);
        }
    }

    private void enqueue(BulkOp op) {
        List<BulkOp> ready = null;
        synchronized (lock) {
            batch.add(op);
            batchBytes += op.size();
            if (batch.size() >= maxActions || batchBytes >= maxBytes) {
                ready = takeBatch();
            }
        }
        if (ready != null) {
            send(ready);
        }
    }

    /** Sends what is queued. */
    public void flush() {
        List<BulkOp> ready;
        synchronized (lock) {
            ready = takeBatch();
        }
        if (!ready.isEmpty()) {
            send(ready);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("Interval flush failed [index={}]", index, e);
        }
    }

    private List<BulkOp> takeBatch() {
        List<BulkOp> ready = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        return ready;
    }

    private void send(List<BulkOp> queued) {
        // A caller that gave up (its thread was interrupted, as when a capture is aborted) cancelled its futures:
        // those writes must not land later and overwrite what a newer writer wrote meanwhile.
        List<BulkOp> ops = new ArrayList<>(queued.size());
        for (BulkOp op : queued) {
            if (op.future.isCancelled()) {
                finish(op);
            } else {
                ops.add(op);
            }
        }
        if (ops.isEmpty()) {
            return;
        }
        byte[] bytes = body(ops);
        // The body is ready before a slot is taken: when a request completes, the next one leaves at once.
        inFlight.acquireUninterruptibly();
        @Nullable ReindexState sentUnder = dualWrites == null ? null : dualWrites.cachedActive();
        long requestId = requestIds.incrementAndGet();
        listener.beforeBulk(requestId, ops.size(), bytes.length);
        requests.incrementAndGet();
        bytesSent.addAndGet(bytes.length);
        long start = System.nanoTime();
        String operation = "opensearch.bulk[" + index + "]";
        execute(endpoint, bytes, ops.size(), operation)
                .whenComplete((answer, error) -> {
                    // The request counts as outstanding until its listener calls are done, so close() never
                    // returns while afterBulk of the last request is still to come.
                    synchronized (outstanding) {
                        outstanding.incrementAndGet();
                    }
                    try {
                        answered(requestId, ops, answer, error, start, operation, sentUnder);
                    } finally {
                        done();
                    }
                });
    }

    private void answered(long requestId, List<BulkOp> ops, @Nullable BulkResponse answer, @Nullable Throwable error,
            long start, String operation, @Nullable ReindexState sentUnder) {
        inFlight.release();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (error != null) {
            TributaryException te = OpenSearchErrors.translate(error, operation);
            listener.onRequestFailure(requestId, te);
            LOG.debug("Bulk request failed [index={}, request={}, retryable={}]", index, requestId, te.retryable());
            int[] counts = new int[3];
            for (BulkOp op : ops) {
                retryOrFail(op, te.statusCode().orElse(-1), "request_failed", te.getMessage(), te.retryable(),
                        counts, te);
            }
            listener.afterBulk(requestId, 0, counts[1], counts[2], took);
        } else {
            handle(requestId, ops, answer, took, sentUnder);
        }
    }

    /**
     * Sends one {@code _bulk} request once. This engine owns every retry of its operations, so the guard's Retry
     * is not used here (it would multiply attempts); its circuit breaker and rate limiter are.
     */
    private CompletableFuture<BulkResponse> execute(String path, byte[] bytes, int items, String operation) {
        Supplier<CompletionStage<BulkResponse>> call = () -> Connections.generic(connection)
                .executeAsync(Requests.builder().method("POST").endpoint(path)
                        .query(Map.of("filter_path", FILTER_PATH))
                        .body(Body.from(bytes, "application/x-ndjson"))
                        .build())
                .thenApply(r -> parse(r, items, operation));
        Optional<RateLimiter> limiter = guard.rateLimiter();
        if (limiter.isPresent()) {
            call = RateLimiter.decorateCompletionStage(limiter.get(), call);
        }
        call = CircuitBreaker.decorateCompletionStage(guard.circuitBreaker(), call);
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Builds the NDJSON body in one exactly sized array (no stream buffer and no copy of it). */
    private static byte[] body(List<BulkOp> ops) {
        int size = 0;
        for (BulkOp op : ops) {
            size += op.size();
        }
        byte[] body = new byte[size];
        int at = 0;
        for (BulkOp op : ops) {
            op.attempts++;
            System.arraycopy(op.actionLine, 0, body, at, op.actionLine.length);
            at += op.actionLine.length;
            body[at++] = '\n';
            if (op.source != null) {
                System.arraycopy(op.source, 0, body, at, op.source.length);
                at += op.source.length;
                body[at++] = '\n';
            }
        }
        return body;
    }

    private BulkResponse parse(Response response, int items, String operation) {
        try (response) {
            if (response.getStatus() >= 300) {
                String text = response.getBody().map(Body::bodyAsString).orElse("{}");
                JsonNode error = (text.isBlank() ? connection.json().createObjectNode()
                        : connection.json().readTree(text)).path("error");
                throw OpenSearchErrors.service(operation, response.getStatus(),
                        error.path("type").asText(null), error.path("reason").asText(null), null);
            }
            Optional<Body> body = response.getBody();
            if (body.isEmpty()) {
                return BulkResponse.read(connection.json().getFactory(), InputStream.nullInputStream(), items);
            }
            try (InputStream in = body.get().body()) {
                return BulkResponse.read(connection.json().getFactory(), in, items);
            }
        } catch (java.io.IOException e) {
            throw OpenSearchErrors.translate(e, operation);
        }
    }

    private void handle(long requestId, List<BulkOp> ops, BulkResponse answer, long took,
            @Nullable ReindexState sentUnder) {
        int[] counts = new int[3];
        List<Integer> landed = new ArrayList<>(dualWrites == null ? 0 : ops.size());
        for (int i = 0; i < ops.size(); i++) {
            BulkOp op = ops.get(i);
            int status = answer.status(i);
            // Counters first: close() may return as soon as the last operation is finished.
            if (status >= 200 && status < 300 && dualWrites != null) {
                // Written: completes once the reindex state says no copy is needed, or the copy is written.
                counts[0]++;
                landed.add(i);
            } else if ((status >= 200 && status < 300) || (status == 404 && "delete".equals(op.action))) {
                succeeded.incrementAndGet();
                counts[0]++;
                complete(op, new BulkItemResult(op.id, status, false, op.attempts));
            } else if (status == 409 && op.externalVersion) {
                // A newer version already landed: this write is stale, which is the ordering guarantee working.
                // Its writer copies that newer version, so nothing is copied for this one.
                stale.incrementAndGet();
                succeeded.incrementAndGet();
                counts[0]++;
                complete(op, new BulkItemResult(op.id, status, true, op.attempts));
            } else if (status == BulkResponse.MISSING) {
                retryOrFail(op, 500, "missing_item", "no item in the response", true, counts, null);
            } else {
                String type = answer.type(i);
                String reason = answer.reason(i);
                retryOrFail(op, status, type == null ? "unknown" : type, reason == null ? "" : reason,
                        status == 429 || status >= 500, counts, null);
            }
        }
        listener.afterBulk(requestId, counts[0], counts[1], counts[2], took);
        if (!landed.isEmpty()) {
            mirror(ops, answer, landed, sentUnder);
        }
    }

    /**
     * Copies writes that landed to the other physical index while a reindex of the alias runs (see
     * {@link DualWrites} for why asking after the write is enough), with the version each write got and
     * {@code external_gte}, so a newer copy already there wins. An operation completes only when its copy is
     * written: a caller that orders writes of a document by their futures (as {@code ChangeEventIndexer} does)
     * orders the copies too. Without a reindex, which the cached state says at once, nothing is sent.
     *
     * <p>The end of a reindex: a request sent while dual writes were on may have resolved the alias to the
     * source just before the swap and answer after dual writes ended. Its writes that landed in that source are
     * copied to the target the request was sent under, if it still exists (an aborted reindex deletes it).
     */
    private void mirror(List<BulkOp> ops, BulkResponse answer, List<Integer> landed,
            @Nullable ReindexState sentUnder) {
        CompletableFuture<Optional<ReindexState>> decision = Objects.requireNonNull(dualWrites)
                .mirrorAfterWriteAsync(timer);
        if (decision.isDone() && !decision.isCompletedExceptionally() && decision.join().isEmpty()
                && !landedIn(answer, landed, sentUnder)) {
            completeLanded(ops, answer, landed);
            return;
        }
        decision.whenComplete((state, error) -> {
            if (error != null) {
                TributaryException te = OpenSearchErrors.translate(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error,
                        "opensearch.reindex.state[" + index + "]");
                int[] ignored = new int[3];
                for (int i : landed) {
                    retryOrFail(ops.get(i), te.statusCode().orElse(-1), "reindex_state_unavailable",
                            te.getMessage(), te.retryable(), ignored, te);
                }
            } else if (state.isPresent()) {
                ReindexState s = state.get();
                MirrorWrites.send(this, ops, answer, landed,
                        i -> s.other(answer.index(i) != null ? answer.index(i) : s.source()));
            } else if (landedIn(answer, landed, sentUnder)) {
                ReindexState s = Objects.requireNonNull(sentUnder);
                timer.execute(() -> lateMirror(ops, answer, landed, s));
            } else {
                completeLanded(ops, answer, landed);
            }
        });
    }

    /** Whether a write of a request sent under a reindex landed in its source. */
    private static boolean landedIn(BulkResponse answer, List<Integer> landed, @Nullable ReindexState sentUnder) {
        if (sentUnder == null) {
            return false;
        }
        for (int i : landed) {
            if (sentUnder.source().equals(answer.index(i))) {
                return true;
            }
        }
        return false;
    }

    private void lateMirror(List<BulkOp> ops, BulkResponse answer, List<Integer> landed, ReindexState s) {
        boolean targetExists;
        try {
            targetExists = Objects.requireNonNull(dualWrites, "dualWrites").targetExists(s);
        } catch (java.io.IOException | RuntimeException e) {
            mirrorFailedAll(ops, landed, e);
            return;
        }
        LOG.debug("Bulk writes landed in the source after the reindex ended [index={}, source={}, copied={}]", index,
                s.source(), targetExists);
        MirrorWrites.send(this, ops, answer, landed,
                i -> targetExists && s.source().equals(answer.index(i)) ? s.target() : null);
    }

    private void mirrorFailedAll(List<BulkOp> ops, List<Integer> landed, Throwable e) {
        for (int i : landed) {
            mirrorFailed(ops.get(i), e);
        }
    }

    private void completeLanded(List<BulkOp> ops, BulkResponse answer, List<Integer> landed) {
        for (int i : landed) {
            BulkOp op = ops.get(i);
            succeeded.incrementAndGet();
            complete(op, new BulkItemResult(op.id, answer.status(i), false, op.attempts));
        }
    }

    /** Sends a mirror request (index names in the action lines) and counts it as a request. */
    CompletableFuture<BulkResponse> sendMirror(byte[] body, int items) {
        requests.incrementAndGet();
        bytesSent.addAndGet(body.length);
        return execute("/_bulk", body, items, "opensearch.bulk.mirror[" + index + "]");
    }

    /** Settles an operation after its mirror answered: {@code status} is the mirror item's. */
    void mirrored(BulkOp op, int primaryStatus, int status, @Nullable String type, @Nullable String reason) {
        if ((status >= 200 && status < 300) || status == 409 || (status == 404 && "delete".equals(op.action))) {
            // 409: the other index already has this version or a newer one; 404: nothing to delete there.
            succeeded.incrementAndGet();
            complete(op, new BulkItemResult(op.id, primaryStatus, false, op.attempts));
        } else {
            retryOrFail(op, status, type == null ? "mirror_failed" : type, reason == null ? "" : reason,
                    status == 429 || status >= 500 || status == BulkResponse.MISSING, new int[3], null);
        }
    }

    /** Settles an operation whose mirror request failed as a whole. */
    void mirrorFailed(BulkOp op, Throwable error) {
        TributaryException te = OpenSearchErrors.translate(
                error instanceof CompletionException && error.getCause() != null ? error.getCause() : error,
                "opensearch.bulk.mirror[" + index + "]");
        retryOrFail(op, te.statusCode().orElse(-1), "request_failed", te.getMessage(), te.retryable(), new int[3],
                te);
    }

    com.fasterxml.jackson.databind.ObjectMapper json() {
        return connection.json();
    }

    /**
     * Retries an operation or fails it for good. Item rejections (429/5xx) spend one of {@code maxItemRetries};
     * so do whole-request failures (I/O, timeout, 429/5xx for the request, circuit open), unless a
     * {@code maxOutage} is set: then those are retried until the outage has lasted that long.
     */
    private void retryOrFail(BulkOp op, int status, String type, String reason, boolean retryable, int[] counts,
            @Nullable TributaryException requestError) {
        if (retryable && givenUp) {
            // A close timeout ran out: this write would be retried, but the indexer no longer waits for it.
            requestError = closedBeforeSuccess(requestError);
            retryable = false;
        }
        if (retryable && mayRetry(op, requestError != null)) {
            retried.incrementAndGet();
            counts[1]++;
            long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(20, op.attempts - 1));
            long delay = ThreadLocalRandom.current().nextLong(Math.max(1, cap / 2), Math.max(2, cap) + 1);
            waitingForRetry.add(op);
            timer.schedule(() -> {
                if (!waitingForRetry.remove(op)) {
                    return; // a close timeout failed it meanwhile
                }
                if (op.future.isCancelled()) {
                    finish(op);
                    return;
                }
                enqueue(op);
                // Without an interval flusher nothing else would send a retried item that fills no batch.
                if (!intervalFlush) {
                    flushQuietly();
                }
            }, delay, TimeUnit.MILLISECONDS);
            return;
        }
        failed.incrementAndGet();
        counts[2]++;
        String safeReason = OpenSearchErrors.safeReason(reason);
        BulkFailure failure = new BulkFailure(index, op.id, op.action, status, type, safeReason, op.source, op.attempts);
        failureHandler.accept(failure);
        releaseBytes(op);
        // A request-level failure (I/O, circuit open) keeps its own retryability; an item error is judged by status.
        op.future.completeExceptionally(requestError != null ? requestError
                : OpenSearchErrors.service("opensearch.bulk[" + index + "]", status, type, safeReason, null));
        done();
    }

    private boolean mayRetry(BulkOp op, boolean requestFailure) {
        if (requestFailure && maxOutageNanos >= 0) {
            long now = System.nanoTime();
            if (op.outageSince == 0) {
                op.outageSince = now;
            }
            return now - op.outageSince < maxOutageNanos;
        }
        if (!requestFailure) {
            // The cluster answered: a later outage gets its own window.
            op.outageSince = 0;
        }
        if (op.retries >= maxItemRetries) {
            return false;
        }
        op.retries++;
        return true;
    }

    /**
     * Frees the bytes first (a caller's callback may queue more), completes the future, and only then stops
     * counting the operation as outstanding: close() returns when every future is complete.
     */
    private void complete(BulkOp op, BulkItemResult result) {
        releaseBytes(op);
        op.future.complete(result);
        done();
    }

    private void finish(BulkOp op) {
        releaseBytes(op);
        done();
    }

    private void releaseBytes(BulkOp op) {
        held.addAndGet(-op.size());
        budget.release(op.size());
    }

    /** One operation less outstanding. Callers waiting for the budget count as outstanding, so none is missed. */
    private void done() {
        synchronized (outstanding) {
            if (outstanding.decrementAndGet() == 0) {
                outstanding.notifyAll();
            }
        }
    }

    /** Returns the counters. */
    public BulkMetrics metrics() {
        return new BulkMetrics(requests.get(), succeeded.get(), stale.get(), retried.get(), failed.get(),
                bytesSent.get(), held.get());
    }

    /**
     * Flushes and waits for every operation (retries and callers blocked on the budget included), then stops
     * the timer. Later {@link #add} calls fail. Idempotent.
     *
     * @param timeout how long operations may still retry; null waits until each one succeeded or spent its
     *     retries. When it runs out, operations waiting for a retry and those answered retryable later fail for
     *     good (failure handler, future completed with a {@code CLOSED} rejection); requests in flight are still
     *     awaited, bounded by the connection's response timeout.
     * @return true when every operation settled within the timeout
     */
    public boolean close(@Nullable Duration timeout) {
        synchronized (outstanding) {
            if (closed) {
                return outstanding.get() == 0;
            }
            closed = true;
        }
        // nanoTime may be negative, so no sentinel deadline: without a timeout, never give up.
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        boolean settled = true;
        while (true) {
            flush();
            if (timeout != null && !givenUp && System.nanoTime() - deadline >= 0) {
                settled = false;
                giveUp();
            }
            synchronized (outstanding) {
                if (outstanding.get() == 0) {
                    break;
                }
                try {
                    outstanding.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    settled = false;
                    break;
                }
            }
        }
        timer.shutdownNow();
        return settled;
    }

    private void giveUp() {
        givenUp = true;
        LOG.warn("Bulk indexer close timed out; failing the operations still waiting for a retry [index={}, waiting={}]",
                index, waitingForRetry.size());
        for (BulkOp op : List.copyOf(waitingForRetry)) {
            if (waitingForRetry.remove(op)) {
                retryOrFail(op, -1, "closed", "the indexer closed before this write succeeded", false, new int[3],
                        closedBeforeSuccess(null));
            }
        }
    }

    private static TributaryRejectedException closedBeforeSuccess(@Nullable Throwable lastError) {
        return TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED,
                "the bulk indexer closed (close timeout) before this write succeeded; it was handed to the failure"
                        + " handler", lastError);
    }

    @SuppressWarnings("unchecked")
    private static Consumer<BulkFailure> guardedHandler(Consumer<BulkFailure> handler) {
        return Listeners.guarded(Consumer.class, handler);
    }
}
