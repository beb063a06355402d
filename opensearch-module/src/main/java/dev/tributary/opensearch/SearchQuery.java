package dev.tributary.opensearch;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.model.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A search: free text with partial matching across the index's text fields, or a
 * {@code simple_query_string} for power users, plus exact filters, ranges, sorting, highlighting, fuzziness
 * and paging. User text is only ever used in match queries, never parsed as query syntax (except by
 * {@link Builder#simple}, whose syntax cannot fail). Immutable.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.builder()
 *         .text("wire mou")
 *         .filter("brand", "Contoso")
 *         .range("price", 10, 50)
 *         .sort("price", SortOrder.ASC)
 *         .highlight()
 *         .size(20)
 *         .build();
 * }</pre>
 */
public final class SearchQuery {
    /**
     * A range condition; bounds are numbers or ISO-8601 date strings, either may be null.
     *
     * @param field the field
     * @param gte lower bound, inclusive, or null
     * @param lte upper bound, inclusive, or null
     */
    public record Range(String field, @Nullable Object gte, @Nullable Object lte) {}

    /**
     * A sort key.
     *
     * @param field the field (text fields sort by their {@code .raw} subfield)
     * @param order the direction
     */
    public record Sort(String field, SortOrder order) {}

    private final @Nullable String text;
    private final @Nullable String simple;
    private final List<String> fields;
    private final Map<String, Object> filters;
    private final List<Range> ranges;
    private final List<Sort> sorts;
    private final boolean highlight;
    private final boolean fuzzy;
    private final int from;
    private final int size;

    private SearchQuery(Builder b) {
        this.text = b.text;
        this.simple = b.simple;
        this.fields = List.copyOf(b.fields);
        this.filters = Map.copyOf(b.filters);
        this.ranges = List.copyOf(b.ranges);
        this.sorts = List.copyOf(b.sorts);
        this.highlight = b.highlight;
        this.fuzzy = b.fuzzy;
        this.from = b.from;
        this.size = b.size;
    }

    /** Returns a builder (matches everything until text or filters are set). */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a query for free text with partial matching. */
    public static SearchQuery text(String text) {
        return builder().text(text).build();
    }

    /** Returns a query matching every document. */
    public static SearchQuery all() {
        return builder().build();
    }

    /** Returns the free text. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** Returns the simple_query_string text. */
    public Optional<String> simple() {
        return Optional.ofNullable(simple);
    }

    /** Returns the fields to search; empty means all text fields of the index. */
    public List<String> fields() {
        return fields;
    }

    /** Returns the exact-value filters. */
    public Map<String, Object> filters() {
        return filters;
    }

    /** Returns the ranges. */
    public List<Range> ranges() {
        return ranges;
    }

    /** Returns the sort keys; empty means by score. */
    public List<Sort> sorts() {
        return sorts;
    }

    /** Returns whether matches are highlighted. */
    public boolean highlight() {
        return highlight;
    }

    /** Returns whether typos are tolerated (fuzziness AUTO). */
    public boolean fuzzy() {
        return fuzzy;
    }

    /** Returns the offset of the first hit. */
    public int from() {
        return from;
    }

    /** Returns the page size. */
    public int size() {
        return size;
    }

    /** Returns a copy for another page. */
    public SearchQuery page(int newFrom, int newSize) {
        Builder b = new Builder(this);
        return b.from(newFrom).size(newSize).build();
    }

    /** Builds a {@link SearchQuery}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String text;
        private @Nullable String simple;
        private final List<String> fields = new ArrayList<>();
        private final Map<String, Object> filters = new LinkedHashMap<>();
        private final List<Range> ranges = new ArrayList<>();
        private final List<Sort> sorts = new ArrayList<>();
        private boolean highlight;
        private boolean fuzzy;
        private int from;
        private int size = 10;

        private Builder() {}

        private Builder(SearchQuery q) {
            text = q.text;
            simple = q.simple;
            fields.addAll(q.fields);
            filters.putAll(q.filters);
            ranges.addAll(q.ranges);
            sorts.addAll(q.sorts);
            highlight = q.highlight;
            fuzzy = q.fuzzy;
            from = q.from;
            size = q.size;
        }

        /** Sets free text: every word must match some text field, as a whole word or a prefix. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** Sets a simple_query_string (+, -, "phrases", prefix*) for power users. */
        public Builder simple(String query) {
            this.simple = query;
            return this;
        }

        /** Restricts text search to these fields. */
        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        /** Adds an exact-value filter (keyword, number, boolean; text fields use their .raw subfield). */
        public Builder filter(String field, Object value) {
            filters.put(field, value);
            return this;
        }

        /** Adds an inclusive range; either bound may be null. */
        public Builder range(String field, @Nullable Object gte, @Nullable Object lte) {
            ranges.add(new Range(field, gte, lte));
            return this;
        }

        /** Adds a sort key. */
        public Builder sort(String field, SortOrder order) {
            sorts.add(new Sort(field, order));
            return this;
        }

        /** Highlights matches in text fields. */
        public Builder highlight() {
            this.highlight = true;
            return this;
        }

        /** Tolerates typos (fuzziness AUTO on whole words). */
        public Builder fuzzy() {
            this.fuzzy = true;
            return this;
        }

        /** Sets the offset of the first hit (from + size at most 10,000; use SearchIndex.stream beyond). */
        public Builder from(int from) {
            this.from = from;
            return this;
        }

        /** Sets the page size. */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the query
         * @throws TributaryValidationException for negative paging, from + size over 10,000, or both text and
         *     simple set
         */
        public SearchQuery build() {
            if (from < 0 || size < 0) {
                throw TributaryValidationException.of("from", "from and size must not be negative");
            }
            if (from + size > 10_000) {
                throw TributaryValidationException.of("from", "from + size may not exceed 10,000: iterate with SearchIndex.stream()");
            }
            if (text != null && simple != null) {
                throw TributaryValidationException.of("text", "set either text or simple, not both");
            }
            return new SearchQuery(this);
        }
    }
}
