package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryServiceException;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;

/**
 * The persisted state of one alias's reindex: a document (id = the alias) in the index {@value #INDEX}, so that
 * writers in any process learn that they must write to both physical indices and a new process can resume or
 * roll back a reindex that a crashed one started. Updates are conditional on the sequence number read, so two
 * processes never drive the same reindex at once. Immutable.
 *
 * @param alias the alias being reindexed
 * @param source the physical index the alias pointed to when the reindex began
 * @param target the new physical index
 * @param phase how far the reindex got
 * @param taskId the {@code _reindex} task, once started
 * @param specJson the new index's create body, so a resumed reindex can still create it
 * @param deleteOld whether the source is deleted at the end
 * @param seqNo the state document's sequence number (for conditional updates), or -1 when not stored yet
 * @param primaryTerm the state document's primary term, or -1
 */
public record ReindexState(String alias, String source, String target, Phase phase, @Nullable String taskId,
        String specJson, boolean deleteOld, long seqNo, long primaryTerm) {

    /** The index holding one state document per alias being reindexed. */
    public static final String INDEX = "tributary-reindex-state";

    /** The steps of a reindex, in order; each is done (and may be redone) on its own after a crash. */
    public enum Phase {
        /** State stored; the target index may not exist yet. Writers write the source only. */
        CREATING,
        /** The target exists; writers write both indices; the copy has not started. */
        DUAL_WRITE,
        /** The {@code _reindex} task runs (or ran); writers write both. */
        COPYING,
        /** Copy verified; the alias is being swapped; writers write both. */
        SWAPPING,
        /** The alias points to the target; writers write the target only; cleanup is left. */
        FINISHING;

        /** Returns whether writers must write both physical indices in this phase. */
        public boolean dualWrite() {
            return this == DUAL_WRITE || this == COPYING || this == SWAPPING;
        }
    }

    /** Returns a copy in another phase. */
    public ReindexState with(Phase next, @Nullable String task) {
        return new ReindexState(alias, source, target, next, task, specJson, deleteOld, seqNo, primaryTerm);
    }

    /** Returns the other physical index of the pair, the one a write that landed in {@code written} must reach. */
    public String other(String written) {
        return written.equals(target) ? source : target;
    }

    /**
     * Reads the state of an alias's reindex (a real-time get, no refresh needed).
     *
     * @return the state, or empty when no reindex of the alias is in progress
     */
    public static Optional<ReindexState> load(OpenSearchClient client, String alias) throws IOException {
        try {
            var r = client.get(g -> g.index(INDEX).id(alias), JsonNode.class);
            if (!r.found() || r.source() == null) {
                return Optional.empty();
            }
            JsonNode s = r.source();
            return Optional.of(new ReindexState(alias, s.path("source").asText(), s.path("target").asText(),
                    Phase.valueOf(s.path("phase").asText()), s.hasNonNull("taskId") ? s.path("taskId").asText() : null,
                    s.path("spec").asText(), s.path("deleteOld").asBoolean(), r.seqNo(), r.primaryTerm()));
        } catch (IOException | RuntimeException e) {
            if (hasStatus(e, 404)) {
                return Optional.empty(); // the state index does not exist: no reindex ever ran
            }
            throw e;
        }
    }

    /**
     * Stores the state: creates it when {@code seqNo < 0} (failing when another reindex of the alias is in
     * progress), otherwise replaces it only if nobody changed it since it was read.
     *
     * @return the stored state with its new sequence number
     * @throws TributaryServiceException with status 409 when another process started or advanced the reindex
     */
    public ReindexState save(OpenSearchClient client, ObjectMapper json) throws IOException {
        ObjectNode doc = json.createObjectNode().put("alias", alias).put("source", source).put("target", target)
                .put("phase", phase.name()).put("taskId", taskId).put("spec", specJson).put("deleteOld", deleteOld)
                .put("updatedAt", java.time.Instant.now().toString());
        try {
            var r = client.index(i -> {
                i.index(INDEX).id(alias).document(doc).refresh(Refresh.False);
                return seqNo < 0 ? i.opType(OpType.Create) : i.ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm);
            });
            return new ReindexState(alias, source, target, phase, taskId, specJson, deleteOld, r.seqNo(),
                    r.primaryTerm());
        } catch (IOException | RuntimeException e) {
            if (hasStatus(e, 409)) {
                throw OpenSearchErrors.failure(dev.tributary.opensearch.OpenSearchFailure.CONFLICT,
                        "reindex_in_progress", 409, "opensearch.reindex[" + alias + "]: another process started or"
                                + " advanced this reindex; call resumeReindex() or abortReindex() from one process only");
            }
            throw e;
        }
    }

    /** Deletes the state: from now on writers write through the alias only. */
    public void delete(OpenSearchClient client) throws IOException {
        client.delete(d -> d.index(INDEX).id(alias).ifSeqNo(seqNo).ifPrimaryTerm(primaryTerm));
    }

    /**
     * Returns whether a failed call was answered with an HTTP status (the typed client reports some statuses
     * as {@code OpenSearchException}, others, such as a version conflict, as a {@code ResponseException}).
     */
    public static boolean hasStatus(Exception e, int status) {
        return OpenSearchErrors.translate(e, "status").statusCode().orElse(-1) == status;
    }
}
