package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.internal.IndexCreation;
import dev.tributary.opensearch.internal.IndexNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.indices.IndexSettings;
import org.opensearch.client.opensearch.indices.PutIndexTemplateRequest;

/**
 * Helpers for log-style data: time-based index names and index templates, optionally backing a data
 * stream, so that daily indices or a data stream get the right mappings the moment the first document
 * arrives.
 *
 * <pre>{@code
 * LogIndices.ensureTemplate(connection, "app-logs", "logs-app*", spec, true);   // data stream logs-app
 * bulk.create(eventId, logEvent);                                              // op_type create
 * String daily = LogIndices.dailyIndex("logs-app", event.timestamp());        // logs-app-2026.11.22
 * // Retention: ISM on clusters that have it (Amazon OpenSearch Service does) ...
 * LogIndices.ensureRetentionPolicy(connection, "logs-app-30d", "logs-app*", Duration.ofDays(30));
 * // ... or from the application, for example once an hour on a ScheduledExecutorService:
 * List<String> deleted = LogIndices.deleteExpired(connection, "logs-app*", Duration.ofDays(30));
 * }</pre>
 */
public final class LogIndices {
    private LogIndices() {}

    /**
     * Returns the daily index for an event time (UTC), such as {@code logs-app-2026.11.22}.
     *
     * @param prefix the index prefix
     * @param at the event time
     * @return the index name
     */
    public static String dailyIndex(String prefix, Instant at) {
        return IndexNames.daily(prefix, at);
    }

    /**
     * Creates or replaces a composable index template for {@code pattern} with the spec's settings and
     * mappings; with {@code dataStream} the matching names become data streams (documents need an
     * {@code @timestamp} field and are written with {@code create}).
     *
     * @param connection the connection
     * @param templateName the template name
     * @param pattern the index pattern, such as {@code logs-app*}
     * @param spec settings and mappings (its name is ignored)
     * @param dataStream whether matching names are data streams
     */
    public static void ensureTemplate(
            OpenSearchConnection connection, String templateName, String pattern, IndexSpec spec, boolean dataStream) {
        IndexNames.validate(templateName);
        if (pattern.isBlank() || pattern.contains(" ")) {
            throw TributaryValidationException.of("pattern", "must be an index pattern like logs-app*");
        }
        String op = "opensearch.putIndexTemplate[" + templateName + "]";
        Calls.run(Connections.guard(connection, "opensearch.template." + templateName), op, () -> {
            OpenSearchClient c = connection.client();
            PutIndexTemplateRequest.Builder b = new PutIndexTemplateRequest.Builder().name(templateName)
                    .indexPatterns(pattern).priority(200)
                    .template(IndexCreation.template(c, connection.json(), spec.toJson(), dataStream));
            if (dataStream) {
                b.dataStream(d -> d);
            }
            return c.indices().putIndexTemplate(b.build());
        });
    }

    private static final Pattern DAILY = Pattern.compile(".*-(\\d{4}\\.\\d{2}\\.\\d{2})$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    /**
     * Creates or replaces an Index State Management policy that deletes indices matching {@code pattern} once
     * they are older than {@code maxAge} (ISM's {@code min_index_age}, from each index's creation or rollover),
     * and attaches it to every new matching index or data stream through its {@code ism_template}. Indices that
     * exist already are not attached by ISM; {@link #deleteExpired} covers them.
     *
     * @param connection the connection
     * @param policyId the policy id
     * @param pattern the index pattern, such as {@code logs-app*}
     * @param maxAge how long an index is kept (at least a second)
     * @throws TributaryValidationException when an argument is invalid (nothing is sent)
     * @throws dev.tributary.core.TributaryServiceException when the cluster has no ISM plugin (the message says
     *     so; use {@link #deleteExpired}) or refuses the policy
     */
    public static void ensureRetentionPolicy(OpenSearchConnection connection, String policyId, String pattern,
            Duration maxAge) {
        IndexNames.validate(policyId);
        requirePattern(pattern);
        requireAge(maxAge);
        String body = ismPolicy(connection.json(), pattern, maxAge).toString();
        String op = "opensearch.putIsmPolicy[" + policyId + "]";
        Calls.run(Connections.guard(connection, "opensearch.ism." + policyId), op, () -> {
            Map<String, String> query = Map.of();
            try {
                JsonNode existing = Calls.raw(Connections.generic(connection), connection.json(), "GET",
                        "/_plugins/_ism/policies/" + policyId, null, Map.of(), op);
                query = Map.of("if_seq_no", existing.path("_seq_no").asText(), "if_primary_term",
                        existing.path("_primary_term").asText());
            } catch (dev.tributary.core.TributaryServiceException e) {
                // 404: no such policy yet (create it); 400 "no handler found": the plugin is not installed.
                if (e.statusCode().orElse(-1) != 404) {
                    throw ismMissing(e, op);
                }
            }
            return Calls.raw(Connections.generic(connection), connection.json(), "PUT", "/_plugins/_ism/policies/" + policyId,
                    body, query, op);
        });
    }

    /**
     * Deletes what has outlived {@code maxAge} now; see {@link #deleteExpired(OpenSearchConnection, String,
     * Duration, Clock)}.
     *
     * @return the deleted indices
     */
    public static List<String> deleteExpired(OpenSearchConnection connection, String pattern, Duration maxAge) {
        return deleteExpired(connection, pattern, maxAge, Clock.systemUTC());
    }

    /**
     * Retention without the ISM plugin: deletes the daily indices ({@code prefix-yyyy.MM.dd}, as
     * {@link #dailyIndex} names them) matching {@code pattern} whose whole day is older than {@code maxAge}, and,
     * for data streams matching it, rolls over a write index created before the cut-off and deletes each backing
     * index whose successor was created before the cut-off (so every document in it is older than
     * {@code maxAge}). The write index of a data stream is never deleted. Other matching indices are left alone.
     * Safe to run repeatedly and from several processes (a second delete of the same index finds nothing).
     *
     * @param connection the connection
     * @param pattern the index pattern, such as {@code logs-app*}
     * @param maxAge how long data is kept (at least a second)
     * @param clock the clock giving "now"
     * @return the deleted indices
     * @throws TributaryValidationException when an argument is invalid (nothing is sent)
     */
    public static List<String> deleteExpired(OpenSearchConnection connection, String pattern, Duration maxAge,
            Clock clock) {
        requirePattern(pattern);
        requireAge(maxAge);
        Instant cutoff = clock.instant().minus(maxAge);
        return Calls.run(Connections.guard(connection, "opensearch.retention"), "opensearch.deleteExpired[" + pattern + "]", () -> {
            OpenSearchClient c = connection.client();
            List<String> deleted = new ArrayList<>();
            for (var stream : c.indices().getDataStream(g -> g.name(pattern)).dataStreams()) {
                List<String> backing = stream.indices().stream().map(i -> i.indexName()).toList();
                if (!created(c, backing.get(backing.size() - 1)).isAfter(cutoff)) {
                    c.indices().rollover(r -> r.alias(stream.name()));
                    backing = c.indices().getDataStream(g -> g.name(stream.name())).dataStreams().get(0).indices()
                            .stream().map(i -> i.indexName()).toList();
                }
                for (int i = 0; i < backing.size() - 1; i++) {
                    if (!created(c, backing.get(i + 1)).isAfter(cutoff)) {
                        String index = backing.get(i);
                        c.indices().delete(d -> d.index(index));
                        deleted.add(index);
                    }
                }
            }
            var indices = c.indices().get(g -> g.index(pattern).ignoreUnavailable(true).allowNoIndices(true));
            for (var e : indices.result().entrySet()) {
                Matcher m = DAILY.matcher(e.getKey());
                if (e.getValue().dataStream() != null || !m.matches()) {
                    continue;
                }
                Instant dayEnd = LocalDate.parse(m.group(1), DAY).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (!dayEnd.isAfter(cutoff)) {
                    c.indices().delete(d -> d.index(e.getKey()));
                    deleted.add(e.getKey());
                }
            }
            return deleted;
        });
    }

    /** The ISM policy body: hot until {@code min_index_age}, then delete; attached to new matching indices. */
    static ObjectNode ismPolicy(com.fasterxml.jackson.databind.ObjectMapper json, String pattern, Duration maxAge) {
        ObjectNode root = json.createObjectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("description", "Tributary retention: delete " + pattern + " after " + maxAge.toSeconds() + "s");
        policy.put("default_state", "hot");
        var states = policy.putArray("states");
        states.addObject().put("name", "hot").<ObjectNode>set("actions", json.createArrayNode())
                .putArray("transitions").addObject().put("state_name", "delete")
                .putObject("conditions").put("min_index_age", maxAge.toSeconds() + "s");
        ObjectNode delete = states.addObject().put("name", "delete");
        delete.putArray("actions").addObject().putObject("delete");
        delete.putArray("transitions");
        policy.putArray("ism_template").addObject().put("priority", 100).putArray("index_patterns").add(pattern);
        return root;
    }

    private static Instant created(OpenSearchClient c, String index) throws java.io.IOException {
        IndexSettings s = c.indices().getSettings(g -> g.index(index)).result().get(index).settings();
        IndexSettings inner = s.index() != null ? s.index() : s;
        String millis = inner.creationDateString() != null ? inner.creationDateString()
                : String.valueOf(inner.creationDate());
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static RuntimeException ismMissing(dev.tributary.core.TributaryServiceException e, String op) {
        if (e.statusCode().orElse(-1) == 400) {
            return OpenSearchException.of(dev.tributary.core.TributaryServiceException.builder()
                    .statusCode(e.statusCode().getAsInt()).errorCode("ism_unavailable").cause(e)
                    .message(op + ": the cluster has no Index State Management plugin (_plugins/_ism). Install it"
                            + " (Amazon OpenSearch Service has it) or run LogIndices.deleteExpired on a schedule"),
                    OpenSearchFailure.BAD_REQUEST);
        }
        return e;
    }

    private static void requirePattern(String pattern) {
        if (pattern == null || pattern.isBlank() || pattern.contains(" ") || pattern.contains(",")) {
            throw TributaryValidationException.of("pattern", "must be one index pattern like logs-app*");
        }
    }

    private static void requireAge(Duration maxAge) {
        if (maxAge == null || maxAge.toSeconds() < 1) {
            throw TributaryValidationException.of("maxAge", "must be at least one second");
        }
    }
}
