package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.IndexNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an index looks like: its name (an alias over versioned physical indices), settings and mappings,
 * built from a typed builder with partial matching set up, or taken from a JSON body.
 *
 * <p>Every {@linkplain Builder#text text field} gets a {@code .prefix} edge-ngram subfield (so "wire mou"
 * finds "Wireless Mouse"), a {@code .raw} keyword subfield for sorting and exact filters, and, when asked
 * with {@link Builder#infix}, an {@code .infix} trigram subfield (so "less" finds "Wireless"). Text is
 * lower-cased and ASCII-folded. Immutable.
 *
 * <pre>{@code
 * IndexSpec products = IndexSpec.builder("products")
 *         .text("name").infix("name")
 *         .text("description")
 *         .keyword("brand")
 *         .number("price")
 *         .date("updatedAt")
 *         .build();
 * }</pre>
 */
public final class IndexSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ObjectNode body;
    private final List<String> textFields;
    private final Set<String> infixFields;
    private final Map<String, Float> boosts;

    private IndexSpec(String name, ObjectNode body, List<String> textFields, Set<String> infixFields,
            Map<String, Float> boosts) {
        this.name = name;
        this.body = body;
        this.textFields = List.copyOf(textFields);
        this.infixFields = Set.copyOf(infixFields);
        this.boosts = Map.copyOf(boosts);
    }

    /**
     * Starts a typed spec.
     *
     * @param name the index (alias) name
     * @return the builder
     * @throws TributaryValidationException when the name breaks OpenSearch's index-name rules
     */
    public static Builder builder(String name) {
        return new Builder(IndexNames.validate(name));
    }

    /**
     * Takes the settings and mappings from a JSON body such as {@code {"settings":...,"mappings":...}}. Text
     * fields are read from the mapping for {@link SearchIndex#search}.
     *
     * @param name the index (alias) name
     * @param json the create-index body
     * @return the spec
     * @throws TributaryValidationException when the JSON is not an object
     */
    public static IndexSpec fromJson(String name, String json) {
        IndexNames.validate(name);
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode obj)) {
                throw TributaryValidationException.of("json", "must be a JSON object with settings and mappings");
            }
            List<String> text = new ArrayList<>();
            Set<String> infix = new LinkedHashSet<>();
            Iterator<Map.Entry<String, JsonNode>> it = obj.path("mappings").path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("text".equals(e.getValue().path("type").asText())) {
                    text.add(e.getKey());
                    if (e.getValue().path("fields").has("infix")) {
                        infix.add(e.getKey());
                    }
                }
            }
            return new IndexSpec(name, obj, text, infix, Map.of());
        } catch (IOException e) {
            throw TributaryValidationException.of("json", "is not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Reads {@link #fromJson} from a class-path resource.
     *
     * @param name the index name
     * @param resource the resource path, such as {@code /indices/products.json}
     * @return the spec
     */
    public static IndexSpec fromResource(String name, String resource) {
        try (InputStream in = IndexSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw TributaryValidationException.of("resource", "not found on the class path: " + resource);
            }
            return fromJson(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw TributaryValidationException.of("resource", "could not be read: " + resource);
        }
    }

    /** Returns the index (alias) name. */
    public String name() {
        return name;
    }

    /** Returns the create-index body as JSON text. */
    public String toJson() {
        return body.toString();
    }

    /** Returns the text fields searched by {@link SearchQuery#text}. */
    public List<String> textFields() {
        return textFields;
    }

    /** Returns the text fields with an infix subfield. */
    public Set<String> infixFields() {
        return infixFields;
    }

    /** Returns the search weight of a text field (1 unless set with {@link Builder#text(String, float)}). */
    public float boost(String field) {
        return boosts.getOrDefault(field, 1f);
    }

    /** Builds an {@link IndexSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Map<String, ObjectNode> fields = new LinkedHashMap<>();
        private final List<String> textFields = new ArrayList<>();
        private final Set<String> infix = new LinkedHashSet<>();
        private final Map<String, Float> boosts = new LinkedHashMap<>();
        private final Map<String, Object> settings = new LinkedHashMap<>();
        private int shards = 1;
        private int replicas = 1;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds a full-text field with prefix and keyword subfields. */
        public Builder text(String field) {
            ObjectNode f = JSON.createObjectNode().put("type", "text").put("analyzer", "tributary_text");
            ObjectNode sub = f.putObject("fields");
            sub.putObject("prefix").put("type", "text").put("analyzer", "tributary_prefix")
                    .put("search_analyzer", "tributary_text");
            sub.putObject("raw").put("type", "keyword").put("ignore_above", 256);
            fields.put(checkField(field), f);
            textFields.add(field);
            return this;
        }

        /**
         * Adds a full-text field that weighs {@code boost} times as much as others in text search, for example
         * a name over a description.
         */
        public Builder text(String field, float boost) {
            if (!(boost > 0)) {
                throw TributaryValidationException.of("boost", "must be positive");
            }
            boosts.put(field, boost);
            return text(field);
        }

        /** Adds an infix (trigram) subfield to a text field already added, for matches inside words. */
        public Builder infix(String field) {
            ObjectNode f = fields.get(field);
            if (f == null || !textFields.contains(field)) {
                throw TributaryValidationException.of("infix", "field '" + field + "' must be added with text() first");
            }
            ((ObjectNode) f.get("fields")).putObject("infix").put("type", "text").put("analyzer", "tributary_infix")
                    .put("search_analyzer", "tributary_infix");
            infix.add(field);
            return this;
        }

        /** Adds an exact-value field (filters, aggregations, sorting). */
        public Builder keyword(String field) {
            return plain(field, "keyword");
        }

        /** Adds a floating-point number field. */
        public Builder number(String field) {
            return plain(field, "double");
        }

        /** Adds a whole-number field. */
        public Builder integer(String field) {
            return plain(field, "long");
        }

        /** Adds a date field (ISO-8601 strings or epoch millis). */
        public Builder date(String field) {
            return plain(field, "date");
        }

        /** Adds a boolean field. */
        public Builder bool(String field) {
            return plain(field, "boolean");
        }

        /** Adds a field with a raw mapping such as {@code {"type":"geo_point"}}. */
        public Builder field(String field, String mappingJson) {
            try {
                fields.put(checkField(field), (ObjectNode) JSON.readTree(mappingJson));
                return this;
            } catch (IOException | ClassCastException e) {
                throw TributaryValidationException.of("mapping." + field, "must be a JSON object");
            }
        }

        /** Sets primary shards (default 1) and replicas (default 1). */
        public Builder shards(int shards, int replicas) {
            if (shards < 1 || replicas < 0) {
                throw TributaryValidationException.of("shards", "need at least 1 shard and 0 or more replicas");
            }
            this.shards = shards;
            this.replicas = replicas;
            return this;
        }

        /** Sets an index setting such as {@code refresh_interval}. */
        public Builder setting(String key, Object value) {
            settings.put(key, value);
            return this;
        }

        private Builder plain(String field, String type) {
            fields.put(checkField(field), JSON.createObjectNode().put("type", type));
            return this;
        }

        private static String checkField(String field) {
            if (field == null || field.isBlank() || field.startsWith("_") || field.contains(" ")) {
                throw TributaryValidationException.of("field", "names must be non-blank, without spaces, not start with '_'");
            }
            return field;
        }

        /** Builds the spec. */
        public IndexSpec build() {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode index = body.putObject("settings").putObject("index");
            index.put("number_of_shards", shards).put("number_of_replicas", replicas);
            settings.forEach((k, v) -> index.set(k, JSON.valueToTree(v)));
            ObjectNode analysis = index.putObject("analysis");
            ObjectNode filters = analysis.putObject("filter");
            filters.putObject("tributary_prefix").put("type", "edge_ngram").put("min_gram", 1).put("max_gram", 20);
            filters.putObject("tributary_infix").put("type", "ngram").put("min_gram", 3).put("max_gram", 3);
            ObjectNode analyzers = analysis.putObject("analyzer");
            analyzer(analyzers, "tributary_text");
            analyzer(analyzers, "tributary_prefix").withArray("filter").add("tributary_prefix");
            analyzer(analyzers, "tributary_infix").withArray("filter").add("tributary_infix");
            ObjectNode props = body.putObject("mappings").putObject("properties");
            fields.forEach(props::set);
            return new IndexSpec(name, body, textFields, infix, boosts);
        }

        private static ObjectNode analyzer(ObjectNode analyzers, String name) {
            ObjectNode a = analyzers.putObject(name).put("type", "custom").put("tokenizer", "standard");
            a.putArray("filter").add("lowercase").add("asciifolding");
            return a;
        }
    }
}
