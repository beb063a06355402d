package dev.tributary.dynamo.internal;

import dev.tributary.core.TributaryExceptions;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;

/**
 * Reads one shard's next pages while its reader hands the current ones to the handlers: a chain of GetRecords
 * calls, back to back, that goes on while the pages come back behind (full, or old) and stops at the first page
 * that is not, at the shard's end, or at a failure, which is queued in its place so that the reader meets it in
 * order. At most {@code depth} pages wait to be taken; KCL's prefetching record publisher keeps 3 by default for
 * the same reason. GetRecords of one shard cannot run in parallel (each needs the previous page's iterator), so
 * only keeping the chain going while the reader is busy (or waiting for acknowledgements) lets a shard that is
 * behind be read at the rate of the GetRecords calls themselves.
 *
 * <p>Thread-safe: one chain runs at a time, on the engine's executor; the shard reader starts, takes and cancels.
 * The executor must run a chain at once or refuse it (as a cached thread pool does), never queue it: a queued
 * chain dropped by {@code shutdownNow()} would leave {@link #pending()} true with nothing to take.
 */
final class ReadAhead {
    private final Function<String, GetRecordsResponse> fetch;
    private final Predicate<GetRecordsResponse> readOn;
    private final int depth;
    private final Executor executor;
    /** Fetched pages not yet taken, oldest first: a {@link GetRecordsResponse} or the RuntimeException thrown. */
    private final ArrayDeque<Object> pages = new ArrayDeque<>();
    private boolean chainRunning;
    /** Bumped by {@link #cancel()} so that a chain still waiting for its call drops what it fetched. */
    private long generation;

    /**
     * Creates the read-ahead.
     *
     * @param fetch one GetRecords call for an iterator
     * @param readOn whether the page after this one should be read at once
     * @param depth pages fetched and not yet taken, at most
     * @param executor where the chain runs
     */
    ReadAhead(Function<String, GetRecordsResponse> fetch, Predicate<GetRecordsResponse> readOn, int depth,
            Executor executor) {
        this.fetch = fetch;
        this.readOn = readOn;
        this.depth = depth;
        this.executor = executor;
    }

    /** Returns whether a page is queued or being fetched: then the next page must be {@link #take() taken}. */
    synchronized boolean pending() {
        return chainRunning || !pages.isEmpty();
    }

    /**
     * Starts a chain at {@code iterator}; nothing may be pending. When the executor is shutting down, nothing
     * starts and nothing is pending.
     */
    synchronized void start(String iterator) {
        long chain = generation;
        chainRunning = true;
        try {
            executor.execute(() -> run(iterator, chain));
        } catch (RejectedExecutionException stopping) {
            chainRunning = false;
        }
    }

    /**
     * Takes the oldest page, waiting for it.
     *
     * @return the page
     * @throws RuntimeException what the page's GetRecords call threw
     * @throws InterruptedException when interrupted while waiting
     */
    GetRecordsResponse take() throws InterruptedException {
        Object page;
        synchronized (this) {
            while (pages.isEmpty() && chainRunning) {
                wait();
            }
            page = pages.pollFirst();
            notifyAll();
        }
        if (page instanceof RuntimeException failure) {
            throw failure;
        }
        if (page == null) {
            throw new IllegalStateException("take() called with nothing pending");
        }
        return (GetRecordsResponse) page;
    }

    /** Stops the chain and drops the pages not taken. */
    synchronized void cancel() {
        generation++;
        chainRunning = false;
        pages.clear();
        notifyAll();
    }

    private void run(String first, long chain) {
        try {
            @Nullable String iterator = first;
            while (iterator != null) {
                iterator = fetchOne(iterator, chain);
            }
        } catch (InterruptedException e) {
            // The engine is stopping (its executor was shut down now).
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                if (chain == generation) {
                    chainRunning = false;
                    notifyAll();
                }
            }
        }
    }

    /** Fetches one page and queues it; returns the iterator to read on at, or null to end the chain. */
    private @Nullable String fetchOne(String iterator, long chain) throws InterruptedException {
        Object page;
        try {
            page = fetch.apply(iterator);
        } catch (RuntimeException e) {
            page = e;
        } catch (Error e) {
            // As the reader's own call would have met it: translated, and retried with backoff by the reader.
            page = TributaryExceptions.translate(e, "dynamodbstreams.GetRecords");
        }
        synchronized (this) {
            if (chain != generation) {
                return null;
            }
            if (!(page instanceof GetRecordsResponse r) || r.nextShardIterator() == null || !readsOn(r)) {
                // Ended together with queueing the last page: a reader that took it finds nothing pending.
                chainRunning = false;
                pages.addLast(page);
                notifyAll();
                return null;
            }
            pages.addLast(page);
            notifyAll();
            while (pages.size() >= depth && chain == generation) {
                wait();
            }
            return chain == generation ? r.nextShardIterator() : null;
        }
    }

    private boolean readsOn(GetRecordsResponse page) {
        try {
            return readOn.test(page);
        } catch (RuntimeException e) {
            // The reader meets the page itself and decides there; the chain only stops early.
            return false;
        }
    }
}
