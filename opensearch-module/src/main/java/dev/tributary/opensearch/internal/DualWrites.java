package dev.tributary.opensearch.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
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

    /** Forgets the cached state (this process just changed it). */
    public void invalidate() {
        cached = null;
    }
}
