package dev.tributary.opensearch.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * A writer's view of whether its alias is being reindexed, cached for {@link #STALENESS}.
 *
 * <p>Why this is enough: a write asks {@link #mirrorAfterWrite} only after its write to the alias completed (at
 * time c). The cached answer was read by a request sent at f, with c - f &lt; STALENESS. If that answer said "no
 * reindex", the state was switched on later than f, so the write landed before switch-on + STALENESS. The
 * reindexer waits {@link #SETTLE} (&gt; STALENESS) after switching dual writes on, then refreshes the source
 * and only then starts the copy, whose snapshot therefore holds every write that skipped the mirror. Writes
 * that completed later read a fresh state and write the target themselves. One state read per alias per
 * STALENESS, not per write. Thread-safe.
 */
public final class DualWrites {
    /** How old a cached state may be when a completed write relies on it. */
    public static final Duration STALENESS = Duration.ofSeconds(1);
    /** How long the reindexer waits after changing the state before relying on every writer having seen it. */
    public static final Duration SETTLE = STALENESS.plusMillis(500);

    private record Cached(@Nullable ReindexState state, long fetchedAtNanos) {}

    private final OpenSearchClient client;
    private final String alias;
    private volatile @Nullable Cached cached;

    /** Creates the view for one alias. */
    public DualWrites(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /**
     * Returns the reindex state a write that just completed must honour: the state with dual writes on, or empty.
     *
     * @return the active state, or empty when the write needs no second copy
     * @throws IOException when the state cannot be read
     */
    public Optional<ReindexState> mirrorAfterWrite() throws IOException {
        long now = System.nanoTime();
        Cached c = cached;
        if (c == null || now - c.fetchedAtNanos() >= STALENESS.toNanos()) {
            long sentAt = System.nanoTime();
            c = new Cached(ReindexState.load(client, alias).orElse(null), sentAt);
            cached = c;
        }
        ReindexState s = c.state();
        return s != null && s.phase().dualWrite() ? Optional.of(s) : Optional.empty();
    }

    /**
     * Returns {@link #mirrorAfterWrite()} without blocking the caller: at once while the cached state is fresh
     * (the common case, so an I/O thread can ask), else read on {@code executor}. Ask only after the writes it
     * decides for completed; the answer is then as fresh as the protocol needs, whenever it is computed.
     *
     * @param executor runs the state read when the cache is stale
     * @return the active state or empty; fails with an {@link UncheckedIOException} when the state cannot be read
     */
    public CompletableFuture<Optional<ReindexState>> mirrorAfterWriteAsync(Executor executor) {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.fetchedAtNanos() < STALENESS.toNanos()) {
            ReindexState s = c.state();
            return CompletableFuture.completedFuture(s != null && s.phase().dualWrite() ? Optional.of(s)
                    : Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return mirrorAfterWrite();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
    }

    /**
     * Returns the cached state when it says dual writes are on, however old, without blocking: what a bulk
     * request remembers when it is sent. A request that resolved the alias to the source before the swap may
     * land there and answer after dual writes ended; the state it was sent under still names the target.
     *
     * @return the cached active state, or null
     */
    public @Nullable ReindexState cachedActive() {
        Cached c = cached;
        ReindexState s = c == null ? null : c.state();
        return s != null && s.phase().dualWrite() ? s : null;
    }

    /**
     * Returns where a write that just completed in {@code written} must be copied: the other index while dual
     * writes are on; or, when the reindex ended meanwhile, the target of the reindex the write was sent under if
     * the write landed in that reindex's source (it resolved the alias just before the swap) and the target still
     * exists (an aborted reindex deleted it); else empty.
     *
     * @param sentUnder {@link #cachedActive()} taken before the write was sent, or null
     * @param written the physical index the write landed in
     * @return the index to copy the write to, or empty
     * @throws IOException when the state or the target cannot be read
     */
    public Optional<String> copyTarget(@Nullable ReindexState sentUnder, String written) throws IOException {
        Optional<ReindexState> now = mirrorAfterWrite();
        if (now.isPresent()) {
            return Optional.of(now.get().other(written));
        }
        if (sentUnder != null && sentUnder.source().equals(written) && targetExists(sentUnder)) {
            return Optional.of(sentUnder.target());
        }
        return Optional.empty();
    }

    /**
     * Returns whether a reindex's target index still exists: a write that landed in the source after the reindex
     * ended is copied there only then (an aborted reindex deleted it; writing would create it again).
     *
     * @param state the reindex the write was sent under
     * @return whether the target exists
     * @throws IOException when the check cannot be made
     */
    public boolean targetExists(ReindexState state) throws IOException {
        return client.indices().exists(e -> e.index(state.target())).value();
    }

    /** Forgets the cached state (this process just changed it). */
    public void invalidate() {
        cached = null;
    }
}
