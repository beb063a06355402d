package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.IndexNames;
import java.time.Instant;
import java.util.Map;

/**
 * Helpers for log-style data: time-based index names and index templates, optionally backing a data
 * stream, so that daily indices or a data stream get the right mappings the moment the first document
 * arrives.
 *
 * <pre>{@code
 * LogIndices.ensureTemplate(connection, "app-logs", "logs-app*", spec, true);   // data stream logs-app
 * bulk.create(eventId, logEvent);                                              // op_type create
 * String daily = LogIndices.dailyIndex("logs-app", event.timestamp());        // logs-app-2026.11.22
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
        Calls.run(connection.guard("opensearch.template." + templateName), "opensearch.putIndexTemplate[" + templateName + "]",
                () -> {
                    JsonNode specBody = connection.json().readTree(spec.toJson());
                    ObjectNode body = connection.json().createObjectNode();
                    body.putArray("index_patterns").add(pattern);
                    body.put("priority", 200);
                    if (dataStream) {
                        body.putObject("data_stream");
                    }
                    ObjectNode template = body.putObject("template");
                    template.set("settings", specBody.path("settings"));
                    ObjectNode mappings = ((ObjectNode) specBody.path("mappings")).deepCopy();
                    if (dataStream) {
                        ((ObjectNode) mappings.with("properties")).putObject("@timestamp").put("type", "date");
                    }
                    template.set("mappings", mappings);
                    return Calls.raw(connection.generic(), connection.json(), "PUT", "/_index_template/" + templateName,
                            body.toString(), Map.of(), "opensearch.putIndexTemplate[" + templateName + "]");
                });
    }
}
