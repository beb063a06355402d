package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The second copy of bulk writes that landed while a reindex of their alias runs: one {@code _bulk} request to
 * the other physical index, each write with the version it got ({@code version_type=external_gte}), so a newer
 * version already there (a later write's copy, or the copy task's) is never replaced and the same version is
 * written again harmlessly. Deletes are copied as versioned deletes: the target keeps delete tombstones during
 * the copy, so the copy task cannot bring the document back. Used by {@link BulkEngine} only.
 */
final class MirrorWrites {
    private MirrorWrites() {}

    /**
     * Sends the copies of {@code landed} (positions in {@code ops}) to the index {@code destination} names for
     * each (null: no copy, the operation completes), and settles each operation on the answer.
     */
    static void send(BulkEngine engine, List<BulkOp> ops, BulkResponse answer, List<Integer> landed,
            IntFunction<@Nullable String> destination) {
        List<BulkOp> sent = new ArrayList<>(landed.size());
        List<Integer> primaryStatus = new ArrayList<>(landed.size());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i : landed) {
            BulkOp op = ops.get(i);
            String other = destination.apply(i);
            if (other == null) {
                engine.mirrored(op, answer.status(i), answer.status(i), null, null);
                continue;
            }
            long version = answer.version(i);
            if (version < 0) {
                engine.mirrored(op, answer.status(i), 500, "missing_version", "no _version in the bulk answer");
                continue;
            }
            try {
                body.writeBytes(actionLine(engine, "delete".equals(op.action) ? "delete" : "index", other, op.id,
                        version));
            } catch (JsonProcessingException e) {
                engine.mirrorFailed(op, e);
                continue;
            }
            body.write('\n');
            if (op.source != null) {
                body.writeBytes(op.source);
                body.write('\n');
            }
            sent.add(op);
            primaryStatus.add(answer.status(i));
        }
        if (sent.isEmpty()) {
            return;
        }
        engine.sendMirror(body.toByteArray(), sent.size()).whenComplete((copies, error) -> {
            for (int k = 0; k < sent.size(); k++) {
                if (error != null) {
                    engine.mirrorFailed(sent.get(k), error);
                } else {
                    engine.mirrored(sent.get(k), primaryStatus.get(k), copies.status(k), copies.type(k),
                            copies.reason(k));
                }
            }
        });
    }

    private static byte[] actionLine(BulkEngine engine, String action, String index, String id, long version)
            throws JsonProcessingException {
        ObjectNode line = engine.json().createObjectNode();
        line.putObject(action).put("_index", index).put("_id", id).put("version", version)
                .put("version_type", "external_gte");
        return engine.json().writeValueAsBytes(line);
    }
}
