package dev.tributary.opensearch;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.aggregation.Aggregation;
import dev.tributary.opensearch.internal.AggregationNames;
import dev.tributary.opensearch.internal.Cursors;
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
 * and paging, with typed {@link Builder#aggregation aggregations}. User text is only ever used in match queries,
 * never parsed as query syntax (except by {@link Builder#simple}, whose syntax cannot fail). Immutable.
 *
 * <p>Paging: {@link Builder#from} and {@link Builder#size} for the first 10,000 hits, or a cursor
 * ({@link Builder#cursorPaging()}): each page returns {@link dev.tributary.opensearch.model.SearchPage#nextCursor()},
 * an opaque URL-safe string a client hands back with {@link #after(String)} to get the next page at any depth.
 * Cursor paging sorts by the sort keys (by score if none) and then by a unique tie-breaker, {@code _id} unless
 * {@link Builder#tieBreaker} names a keyword field with a unique id per document, so every document appears
 * exactly once even when many share a sort value. Pages are read from the index as it is when each page is
 * asked for: documents written between pages may appear, or be missed when they sort before the cursor. For a
 * consistent snapshot of a whole result set use {@link SearchIndex#stream}.
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
    private final Map<String, Aggregation> aggregations;
    private final boolean cursorPaging;
    private final @Nullable String after;
    private final String tieBreaker;

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
        this.aggregations = AggregationNames.copy(b.aggregations);
        this.cursorPaging = b.cursorPaging || b.after != null;
        this.after = b.after;
        this.tieBreaker = b.tieBreaker;
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

    /** Returns the aggregations by name, in the order they were added. */
    public Map<String, Aggregation> aggregations() {
        return aggregations;
    }

    /** Returns whether pages are read by cursor ({@link Builder#cursorPaging()} or {@link Builder#after}). */
    public boolean cursorPaging() {
        return cursorPaging;
    }

    /** Returns the cursor this page starts after; empty for the first page. */
    public Optional<String> after() {
        return Optional.ofNullable(after);
    }

    /** Returns the unique field that breaks ties between equal sort values in cursor paging. */
    public String tieBreaker() {
        return tieBreaker;
    }

    /** Returns a copy for another page. */
    public SearchQuery page(int newFrom, int newSize) {
        Builder b = new Builder(this);
        return b.from(newFrom).size(newSize).build();
    }

    /**
     * Returns a copy that reads the page after {@code cursor}, a value of
     * {@link dev.tributary.opensearch.model.SearchPage#nextCursor()} for this same query.
     *
     * @param cursor the cursor
     * @return the query for the next page
     * @throws SearchCursorException when the cursor is not one or was altered (a cursor of another query is
     *     refused by the search)
     */
    public SearchQuery after(String cursor) {
        return toBuilder().after(cursor).build();
    }

    /** Returns a builder holding this query's settings. */
    public Builder toBuilder() {
        return new Builder(this);
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
        private final Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        private boolean cursorPaging;
        private @Nullable String after;
        private String tieBreaker = "_id";

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
            aggregations.putAll(q.aggregations);
            cursorPaging = q.cursorPaging;
            after = q.after;
            tieBreaker = q.tieBreaker;
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
         * Adds an aggregation, computed over every match (not just this page); read its result by the same name
         * from {@link dev.tributary.opensearch.model.SearchPage#aggregations()}. Set {@code size(0)} when only
         * the aggregations are wanted.
         *
         * @param name the name, unique in this query, without {@code [ ] >}
         * @param aggregation the aggregation, see {@link Aggregation}
         * @return this builder
         * @throws TributaryValidationException when the name is blank, malformed or taken
         */
        public Builder aggregation(String name, Aggregation aggregation) {
            AggregationNames.add(aggregations, name, aggregation, "aggregation");
            return this;
        }

        /**
         * Reads pages by cursor: the page answers {@link dev.tributary.opensearch.model.SearchPage#nextCursor()}
         * and {@code from} must stay 0. See the class comment.
         *
         * @return this builder
         */
        public Builder cursorPaging() {
            this.cursorPaging = true;
            return this;
        }

        /**
         * Starts the page after {@code cursor} (implies {@link #cursorPaging()}); null starts at the first page.
         * The cursor must come from this same query on the same index.
         *
         * @param cursor a value of {@link dev.tributary.opensearch.model.SearchPage#nextCursor()}, or null
         * @return this builder
         */
        public Builder after(@Nullable String cursor) {
            this.after = cursor;
            return this;
        }

        /**
         * Names the unique field that orders documents with equal sort values in cursor paging (default
         * {@code _id}). {@code _id} has no doc values: OpenSearch loads it into heap memory (fielddata) to sort;
         * on large indices name a {@code keyword} field that holds a unique id per document instead.
         *
         * @param field a keyword field with a unique value per document
         * @return this builder
         */
        public Builder tieBreaker(String field) {
            this.tieBreaker = field;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the query
         * @throws TributaryValidationException for negative paging, from + size over 10,000, both text and
         *     simple set, a blank tie-breaker, or {@code from} with cursor paging
         * @throws SearchCursorException when {@link #after} is not a cursor or was altered
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
            if (tieBreaker == null || tieBreaker.isBlank()) {
                throw TributaryValidationException.of("tieBreaker", "must name a field with a unique value per document");
            }
            if ((cursorPaging || after != null) && from != 0) {
                throw TributaryValidationException.of("from", "must be 0 with cursor paging: the cursor says where the"
                        + " page starts");
            }
            if (after != null) {
                Cursors.decode(after);
            }
            return new SearchQuery(this);
        }
    }
}
