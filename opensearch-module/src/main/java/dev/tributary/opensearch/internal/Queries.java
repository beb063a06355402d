package dev.tributary.opensearch.internal;

import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.TextQueryType;
import org.opensearch.client.opensearch.core.search.Highlight;
import org.opensearch.client.opensearch.core.search.HighlightField;

/** Turns a {@link SearchQuery} into opensearch-java query DSL for an {@link IndexSpec} or a set of text fields. */
public final class Queries {
    private Queries() {}

    /**
     * The text fields of what is searched, with their boosts and which have an infix subfield.
     *
     * @param text the text fields searched by free text (their {@code .raw} subfield is filtered and sorted on)
     * @param boosts field to search weight; missing means 1
     * @param infix the text fields with an {@code .infix} subfield
     * @param exactSuffix the subfield of a text field that holds the whole value as a keyword ({@code raw} in
     *     an {@link IndexSpec}, {@code keyword} under dynamic mapping)
     */
    public record Fields(List<String> text, Map<String, Float> boosts, Set<String> infix, String exactSuffix) {
        /** Copies the collections. */
        public Fields {
            text = List.copyOf(text);
            boosts = Map.copyOf(boosts);
            infix = Set.copyOf(infix);
        }

        /** Returns the fields of an index spec. */
        public static Fields of(IndexSpec spec) {
            Map<String, Float> boosts = new java.util.HashMap<>();
            spec.textFields().forEach(f -> boosts.put(f, spec.boost(f)));
            return new Fields(spec.textFields(), boosts, spec.infixFields(), "raw");
        }

        float boost(String field) {
            return boosts.getOrDefault(field, 1f);
        }

        /** Returns the field that filters and sorts on {@code field}: a text field's keyword subfield. */
        public String exact(String field) {
            return text.contains(field) ? field + "." + exactSuffix : field;
        }
    }

    /** Builds the query part. */
    public static Query query(SearchQuery q, IndexSpec spec) {
        return query(q, Fields.of(spec));
    }

    /** Builds the query part for the given text fields. */
    public static Query query(SearchQuery q, Fields spec) {
        List<String> textFields = q.fields().isEmpty() ? spec.text() : q.fields();
        BoolQuery.Builder bool = new BoolQuery.Builder();
        boolean any = false;
        if (q.text().isPresent() && !q.text().get().isBlank()) {
            for (String token : q.text().get().trim().split("\\s+")) {
                bool.must(tokenQuery(token, textFields, spec, q.fuzzy()));
                any = true;
            }
        }
        if (q.simple().isPresent()) {
            List<String> fields = new ArrayList<>();
            textFields.forEach(f -> {
                fields.add(f + "^2");
                fields.add(f + ".prefix");
            });
            bool.must(m -> m.simpleQueryString(s -> s.query(q.simple().get()).fields(fields)
                    .defaultOperator(Operator.And).lenient(true)));
            any = true;
        }
        for (Map.Entry<String, Object> f : q.filters().entrySet()) {
            String field = spec.exact(f.getKey());
            bool.filter(x -> x.term(t -> t.field(field).value(fieldValue(f.getValue()))));
            any = true;
        }
        for (SearchQuery.Range r : q.ranges()) {
            bool.filter(x -> x.range(rq -> {
                rq.field(r.field());
                if (r.gte() != null) {
                    rq.gte(JsonData.of(r.gte()));
                }
                if (r.lte() != null) {
                    rq.lte(JsonData.of(r.lte()));
                }
                return rq;
            }));
            any = true;
        }
        return any ? Query.of(x -> x.bool(bool.build())) : Query.of(x -> x.matchAll(m -> m));
    }

    private static Query tokenQuery(String token, List<String> textFields, Fields spec, boolean fuzzy) {
        // Whole-word matches outrank prefix matches, which outrank infix matches; field boosts scale all three.
        List<String> partial = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (String f : textFields) {
            float b = spec.boost(f);
            partial.add(f + "^" + (3 * b));
            partial.add(f + ".prefix^" + b);
            whole.add(f + "^" + b);
            if (spec.infix().contains(f)) {
                partial.add(f + ".infix^" + (0.5f * b));
            }
        }
        return Query.of(x -> x.bool(b -> {
            // AND within one word: "usb-c" must match both "usb" and "c", not either of them.
            b.should(s -> s.multiMatch(m -> m.query(token).fields(partial).type(TextQueryType.BestFields)
                    .operator(Operator.And)));
            if (fuzzy) {
                b.should(s -> s.multiMatch(m -> m.query(token).fields(whole).fuzziness("AUTO")
                        .prefixLength(1).type(TextQueryType.BestFields).operator(Operator.And)));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    /** Builds the sort part; text fields sort by their .raw subfield. */
    public static List<SortOptions> sorts(SearchQuery q, IndexSpec spec) {
        return sorts(q, Fields.of(spec));
    }

    /** Builds the sort part for the given text fields; text fields sort by their .raw subfield. */
    public static List<SortOptions> sorts(SearchQuery q, Fields spec) {
        List<SortOptions> out = new ArrayList<>();
        for (SearchQuery.Sort s : q.sorts()) {
            String field = spec.exact(s.field());
            org.opensearch.client.opensearch._types.SortOrder order =
                    s.order() == SortOrder.ASC ? org.opensearch.client.opensearch._types.SortOrder.Asc
                            : org.opensearch.client.opensearch._types.SortOrder.Desc;
            out.add(SortOptions.of(o -> o.field(f -> f.field(field).order(order))));
        }
        return out;
    }

    /** Highlights the prefix subfields: edge n-grams keep the whole word's offsets, so whole words light up. */
    public static Highlight highlight(List<String> textFields) {
        Highlight.Builder h = new Highlight.Builder().preTags("<em>").postTags("</em>").requireFieldMatch(false);
        for (String f : textFields) {
            h.fields(f + ".prefix", HighlightField.of(x -> x.numberOfFragments(3)));
            h.fields(f, HighlightField.of(x -> x.numberOfFragments(3)));
        }
        return h.build();
    }

    static FieldValue fieldValue(Object v) {
        if (v instanceof Boolean b) {
            return FieldValue.of(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return FieldValue.of(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return FieldValue.of(n.doubleValue());
        }
        return FieldValue.of(String.valueOf(v));
    }
}
