package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonpDeserializer;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;
import org.opensearch.client.opensearch.indices.IndexSettings;
import org.opensearch.client.opensearch.indices.put_index_template.IndexTemplateMapping;

/** Creates a physical index, or an index template's body, from an {@code IndexSpec}'s create body with the typed client. */
public final class IndexCreation {
    private IndexCreation() {}

    /**
     * Creates {@code physical} from a create body ({@code settings}, {@code mappings}).
     *
     * @param client the client
     * @param json the mapper to read the body
     * @param physical the index to create
     * @param specJson the create body
     * @param alias an alias to add in the same call, or null
     * @param gcDeletes an {@code index.gc_deletes} value to set, or null for the spec's
     * @throws IOException on transport failure
     */
    public static void create(OpenSearchClient client, ObjectMapper json, String physical, String specJson,
            @Nullable String alias, @Nullable String gcDeletes) throws IOException {
        JsonNode body = json.readTree(specJson);
        JsonpMapper mapper = client._transport().jsonpMapper();
        TypeMapping mappings = parse(mapper, body.path("mappings"), TypeMapping._DESERIALIZER);
        IndexSettings settings = parse(mapper, body.path("settings"), IndexSettings._DESERIALIZER);
        if (gcDeletes != null) {
            settings = (settings == null ? new IndexSettings.Builder() : settings.toBuilder())
                    .gcDeletes(t -> t.time(gcDeletes)).build();
        }
        CreateIndexRequest.Builder b = new CreateIndexRequest.Builder().index(physical);
        if (mappings != null) {
            b.mappings(mappings);
        }
        if (settings != null) {
            b.settings(settings);
        }
        if (alias != null) {
            b.aliases(alias, a -> a);
        }
        client.indices().create(b.build());
    }

    /**
     * Builds an index template's body from an {@code IndexSpec}'s create body.
     *
     * @param client the client
     * @param json the mapper to read the body
     * @param specJson the create body ({@code settings}, {@code mappings})
     * @param timestamp whether to map {@code @timestamp} as a date (data streams need it)
     * @return the template's settings and mappings
     * @throws IOException when the body cannot be read
     */
    public static IndexTemplateMapping template(OpenSearchClient client, ObjectMapper json, String specJson,
            boolean timestamp) throws IOException {
        JsonNode body = json.readTree(specJson);
        JsonpMapper mapper = client._transport().jsonpMapper();
        ObjectNode mappingsJson = body.path("mappings").isObject() ? (ObjectNode) body.path("mappings")
                : json.createObjectNode();
        if (timestamp) {
            ((ObjectNode) mappingsJson.with("properties")).putObject("@timestamp").put("type", "date");
        }
        IndexTemplateMapping.Builder b = new IndexTemplateMapping.Builder();
        TypeMapping mappings = parse(mapper, mappingsJson, TypeMapping._DESERIALIZER);
        if (mappings != null) {
            b.mappings(mappings);
        }
        IndexSettings settings = parse(mapper, body.path("settings"), IndexSettings._DESERIALIZER);
        if (settings != null) {
            b.settings(settings);
        }
        return b.build();
    }

    private static <T> @Nullable T parse(JsonpMapper mapper, JsonNode node, JsonpDeserializer<T> deserializer) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try (JsonParser p = mapper.jsonProvider().createParser(new StringReader(node.toString()))) {
            return deserializer.deserialize(p, mapper);
        }
    }
}
