package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.Resilience;
import dev.tributary.core.TributaryClientException;
import dev.tributary.opensearch.OpenSearchException;
import dev.tributary.opensearch.OpenSearchFailure;
import dev.tributary.opensearch.internal.ReindexState.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.tasks.GetTasksResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one alias's zero-downtime reindex through its persisted phases (see {@link ReindexState}); every
 * step checks what is already done, so running it again after a crash, from any process, finishes the job.
 * Not thread-safe: one reindexer per alias at a time, enforced by the state's conditional updates.
 */
public final class Reindexer {
    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    /** Long enough that a delete's tombstone in the target outlives any copy of the older document. */
    private static final String GC_DELETES_DURING_COPY = "7d";
    /** OpenSearch's default {@code index.gc_deletes}, restored when the reindex ends. */
    private static final String GC_DELETES_DEFAULT = "60s";
    /** How often a difference is looked up again before it counts as a lost write. */
    private static final int RECHECKS = 5;

    private final OpenSearchClient client;
    private final ObjectMapper json;
    private final Resilience guard;
    private final String alias;
    private final LongConsumer progress;
    private final Duration pollInterval;

    /**
     * Creates the reindexer.
     *
     * @param client the client
     * @param json the mapper
     * @param guard the index's guard; each step runs under it on its own
     * @param alias the alias
     * @param progress told the number of documents copied so far
     * @param pollInterval how often the task is polled
     */
    public Reindexer(OpenSearchClient client, ObjectMapper json, Resilience guard, String alias, LongConsumer progress,
            Duration pollInterval) {
        this.client = client;
        this.json = json;
        this.guard = guard;
        this.alias = alias;
        this.progress = progress;
        this.pollInterval = pollInterval;
    }

    /**
     * Stores the state of a new reindex (failing when one is in progress) and runs it to the end.
     *
     * @return the new physical index
     */
    public String start(String source, String target, String specJson, boolean deleteOld) {
        ReindexState s = step("begin", () -> new ReindexState(alias, source, target, Phase.CREATING, null, specJson,
                deleteOld, -1, -1).save(client, json));
        return run(s);
    }

    /**
     * Runs a reindex from the phase it was left in.
     *
     * @param s the stored state
     * @return the new physical index
     */
    public String run(ReindexState s) {
        if (s.phase() == Phase.CREATING) {
            ReindexState c = s;
            s = step("createTarget", () -> createTarget(c));
        }
        if (s.phase() == Phase.DUAL_WRITE) {
            // Every writer sees dual writes on before the copy's snapshot is taken (see DualWrites).
            sleep(DualWrites.SETTLE);
            ReindexState d = s;
            s = step("startCopy", () -> startCopy(d));
        }
        if (s.phase() == Phase.COPYING) {
            Copied done = awaitCopy(s);
            s = done.state();
            ReindexState c = s;
            step("verify", () -> verify(c, done.counts()));
            s = step("swapping", () -> c.with(Phase.SWAPPING, c.taskId()).save(client, json));
        }
        if (s.phase() == Phase.SWAPPING) {
            ReindexState w = s;
            s = step("swap", () -> swap(w));
        }
        ReindexState f = s;
        step("finish", () -> finish(f));
        LOG.debug("Reindexed [alias={}, from={}, to={}]", alias, f.source(), f.target());
        return f.target();
    }

    /**
     * Rolls back a reindex that has not swapped the alias: cancels the copy, turns dual writes off and deletes
     * the target. After the swap there is nothing to roll back: the reindex is finished instead.
     *
     * @return whether a reindex was rolled back
     */
    public boolean abort(ReindexState s) {
        if (s.phase() == Phase.FINISHING || aliasPoints(s.target())) {
            run(s);
            return false;
        }
        if (s.taskId() != null) {
            step("cancel", () -> {
                try {
                    client.tasks().cancel(c -> c.taskId(s.taskId()));
                } catch (IOException | RuntimeException e) {
                    if (!ReindexState.hasStatus(e, 404)) {
                        throw e; // 404: the task finished or its node forgot it; nothing runs any more
                    }
                }
                return null;
            });
        }
        step("dualWriteOff", () -> {
            s.delete(client);
            return null;
        });
        sleep(DualWrites.SETTLE);
        step("deleteTarget", () -> deleteIfExists(s.target()));
        step("sourceSettings", () -> {
            gcDeletes(s.source(), GC_DELETES_DEFAULT, false);
            return null;
        });
        LOG.debug("Reindex rolled back [alias={}, target={}]", alias, s.target());
        return true;
    }

    private ReindexState createTarget(ReindexState s) throws IOException {
        if (!client.indices().exists(e -> e.index(s.target())).value()) {
            // Deletes made during the copy must stay known (as tombstones) until the copy has passed them.
            IndexCreation.create(client, json, s.target(), s.specJson(), null, GC_DELETES_DURING_COPY);
        }
        // The source keeps its tombstones as long: a document deleted and written again a minute later would
        // otherwise restart at version 1 in the source, below the target's tombstone, and its mirror be refused.
        if (!s.source().equals(alias) || client.indices().exists(e -> e.index(s.source())).value()) {
            gcDeletes(s.source(), GC_DELETES_DURING_COPY, false);
        }
        return s.with(Phase.DUAL_WRITE, null).save(client, json);
    }

    private ReindexState startCopy(ReindexState s) throws IOException {
        // The copy's scroll sees only refreshed documents: make every write that skipped the mirror visible.
        client.indices().refresh(r -> r.index(s.source()));
        var r = client.reindex(x -> x.source(src -> src.index(s.source()))
                .dest(d -> d.index(s.target()).versionType(VersionType.External))
                .conflicts(Conflicts.Proceed)
                .waitForCompletion(false));
        LOG.debug("Reindex copy started [alias={}, task={}]", alias, r.task());
        return s.with(Phase.COPYING, r.task()).save(client, json);
    }

    private record Copied(ReindexState state, @Nullable TaskCounts counts) {}

    private Copied awaitCopy(ReindexState s) {
        while (true) {
            Optional<GetTasksResponse> t = step("tasks", () -> task(s.taskId()));
            if (t.isEmpty()) {
                // The task is unknown (its node restarted): copying again is safe, versions decide.
                ReindexState restarted = step("restartCopy", () -> startCopy(s.with(Phase.DUAL_WRITE, null)));
                return awaitCopy(restarted);
            }
            GetTasksResponse r = t.get();
            if (r.completed()) {
                if (r.error() != null) {
                    throw OpenSearchErrors.failure(OpenSearchFailure.REINDEX_INCOMPLETE, "reindex_failed", -1,
                            "opensearch.reindex[" + alias + "] copy task failed: " + r.error().type()
                                    + "; the alias was not switched. Fix the cause, then resumeReindex() or abortReindex()");
                }
                var resp = r.response();
                if (resp == null) {
                    return new Copied(s, null);
                }
                progress.accept(nz(resp.created()) + nz(resp.updated()));
                if (resp.failures() != null && !resp.failures().isEmpty()) {
                    throw reindexFailed(resp.failures().size());
                }
                return new Copied(s, new TaskCounts(resp.total(), nz(resp.created()), nz(resp.updated()),
                        resp.versionConflicts(), resp.noops()));
            }
            var status = r.task() == null ? null : r.task().status();
            if (status != null) {
                progress.accept(nz(status.created()) + nz(status.updated()));
            }
            sleep(pollInterval);
        }
    }

    private Optional<GetTasksResponse> task(@Nullable String taskId) throws IOException {
        if (taskId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.tasks().get(g -> g.taskId(taskId)));
        } catch (IOException | RuntimeException e) {
            if (ReindexState.hasStatus(e, 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Checks the copy before the swap: the task accounted for every document of its snapshot, and source and
     * target hold the same documents at the same versions (see {@link ReindexCheck}; differences left by dual
     * writes in flight are looked up again for {@link #RECHECKS} rounds of {@link DualWrites#SETTLE}). A
     * difference that stays is a write that bypassed the protocol and would be lost by the swap: the state goes
     * back to {@code DUAL_WRITE} (so {@code resumeReindex()} copies again, versions deciding) and the reindex
     * fails without switching the alias.
     */
    private Void verify(ReindexState s, @Nullable TaskCounts copied) throws IOException {
        if (copied != null && copied.total() != copied.created() + copied.updated() + copied.conflicts()
                + copied.noops()) {
            throw OpenSearchErrors.failure(OpenSearchFailure.REINDEX_INCOMPLETE, "reindex_incomplete", -1,
                    "opensearch.reindex[" + alias + "]: the copy handled " + (copied.created() + copied.updated()
                            + copied.conflicts() + copied.noops()) + " of " + copied.total() + " documents; the alias"
                            + " was not switched. resumeReindex() copies again, abortReindex() rolls back");
        }
        ReindexCheck check = new ReindexCheck(client);
        Set<String> differ = check.differences(s.source(), s.target());
        for (int round = 0; round < RECHECKS && !differ.isEmpty(); round++) {
            sleep(DualWrites.SETTLE);
            differ = differ.size() > ReindexCheck.MAX_DIFFERENCES ? check.differences(s.source(), s.target())
                    : check.stillDifferent(s.source(), s.target(), differ);
        }
        if (differ.isEmpty()) {
            LOG.debug("Reindex verified [alias={}, source={}, target={}]", alias, s.source(), s.target());
            return null;
        }
        s.with(Phase.DUAL_WRITE, null).save(client, json);
        throw OpenSearchErrors.failure(OpenSearchFailure.REINDEX_INCOMPLETE, "reindex_documents_differ", -1,
                "opensearch.reindex[" + alias + "]: " + (differ.size() > ReindexCheck.MAX_DIFFERENCES ? "more than "
                        + ReindexCheck.MAX_DIFFERENCES : String.valueOf(differ.size())) + " documents differ between "
                        + s.source() + " and " + s.target() + " (missing or at another version); the alias was not"
                        + " switched. Writes that bypass SearchIndex and BulkIndexer (another client) during the copy"
                        + " cause this: stop them, then resumeReindex() copies again (a document deleted by such a"
                        + " write needs abortReindex() and a new reindex)");
    }

    /** The copy task's final counts. */
    record TaskCounts(long total, long created, long updated, long conflicts, long noops) {}

    private ReindexState swap(ReindexState s) throws IOException {
        client.indices().refresh(r -> r.index(s.target()));
        if (!aliasPointsUnguarded(s.target())) {
            client.indices().updateAliases(u -> {
                if (s.source().equals(alias)) {
                    // A plain index of the alias's name: it is replaced by the alias in the same atomic call.
                    u.actions(a -> a.removeIndex(r -> r.index(s.source())));
                } else {
                    u.actions(a -> a.remove(r -> r.index(s.source()).alias(alias)));
                }
                return u.actions(a -> a.add(r -> r.index(s.target()).alias(alias)));
            });
        }
        return s.with(Phase.FINISHING, s.taskId()).save(client, json);
    }

    private Void finish(ReindexState s) throws IOException {
        gcDeletes(s.target(), GC_DELETES_DEFAULT, false);
        s.delete(client);
        if (s.deleteOld() && !s.source().equals(alias)) {
            // Writers that still mirror (cached state) finish before the old index goes.
            sleep(DualWrites.SETTLE);
            deleteIfExists(s.source());
        } else {
            gcDeletes(s.source(), GC_DELETES_DEFAULT, true);
        }
        return null;
    }

    /** Sets how long an index remembers deleted documents' versions; {@code ignoreMissing} when it may be gone. */
    private void gcDeletes(String index, String time, boolean ignoreMissing) throws IOException {
        client.indices().putSettings(p -> p.index(index).ignoreUnavailable(ignoreMissing)
                .settings(i -> i.gcDeletes(t -> t.time(time))));
    }

    private boolean aliasPoints(String physical) {
        return step("getAlias", () -> aliasPointsUnguarded(physical));
    }

    private boolean aliasPointsUnguarded(String physical) throws IOException {
        try {
            return client.indices().getAlias(a -> a.name(alias)).result().containsKey(physical);
        } catch (IOException | RuntimeException e) {
            if (ReindexState.hasStatus(e, 404)) {
                return false;
            }
            throw e;
        }
    }

    private Void deleteIfExists(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            client.indices().delete(d -> d.index(index));
        }
        return null;
    }

    private <T> T step(String name, Calls.IoCall<T> call) {
        return Calls.run(guard, "opensearch.reindex." + name + "[" + alias + "]", call);
    }

    private OpenSearchException reindexFailed(int failures) {
        return OpenSearchErrors.failure(OpenSearchFailure.REINDEX_INCOMPLETE, "reindex_failures", -1,
                "opensearch.reindex[" + alias + "] copied with " + failures + " document failures; the alias"
                        + " was not switched. Check the new mapping against the documents, then abortReindex()");
    }

    private static long nz(@Nullable Long v) {
        return v == null ? 0 : v;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryClientException.create("interrupted during a reindex; resumeReindex() continues it", e);
        }
    }
}
