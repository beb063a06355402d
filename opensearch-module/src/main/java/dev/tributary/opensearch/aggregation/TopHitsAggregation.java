package dev.tributary.opensearch.aggregation;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code top_hits} aggregation: the best {@code size} documents of its scope, usually as a sub-aggregation of
 * {@link TermsAggregation} or {@link DateHistogramAggregation} ("the newest 3 errors per service"). Sorted by
 * score unless sort keys are given; may fetch only some source fields. Read the result, typed, with
 * {@link Aggregations#topHits(String, Class)}. Immutable.
 */
public final class TopHitsAggregation implements Aggregation {
    private final int size;
    private final List<SearchQuery.Sort> sorts;
    private final List<String> sourceFields;

    private TopHitsAggregation(Builder b) {
        this.size = b.size;
        this.sorts = List.copyOf(b.sorts);
        this.sourceFields = List.copyOf(b.sourceFields);
    }

    /** Returns a builder (3 documents by score, whole source). */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this aggregation's settings. */
    public Builder toBuilder() {
        Builder b = new Builder().size(size);
        b.sorts.addAll(sorts);
        b.sourceFields.addAll(sourceFields);
        return b;
    }

    /** Returns the number of documents per scope. */
    public int size() {
        return size;
    }

    /** Returns the sort keys; empty means by score. */
    public List<SearchQuery.Sort> sorts() {
        return sorts;
    }

    /** Returns the source fields fetched; empty means the whole document. */
    public List<String> sourceFields() {
        return sourceFields;
    }

    @Override
    public String toString() {
        return "TopHitsAggregation[size=" + size + ", sorts=" + sorts + "]";
    }

    /** Builds a {@link TopHitsAggregation}. Not thread-safe. */
    public static final class Builder {
        private int size = 3;
        private final List<SearchQuery.Sort> sorts = new ArrayList<>();
        private final List<String> sourceFields = new ArrayList<>();

        private Builder() {}

        /** Sets the number of documents (default 3, at most 100: the index's max_inner_result_window). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Adds a sort key (text fields sort by their {@code .raw} subfield when the index spec has one). */
        public Builder sort(String field, SortOrder order) {
            if (field == null || field.isBlank() || order == null) {
                throw TributaryValidationException.of("sort", "needs a field name and a direction");
            }
            sorts.add(new SearchQuery.Sort(field, order));
            return this;
        }

        /** Fetches only these source fields (the document type must tolerate the missing ones). */
        public Builder sourceFields(String... fields) {
            for (String f : fields) {
                if (f == null || f.isBlank()) {
                    throw TributaryValidationException.of("sourceFields", "field names must not be blank");
                }
                sourceFields.add(f);
            }
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the aggregation
         * @throws TributaryValidationException when the size is not 1-100
         */
        public TopHitsAggregation build() {
            if (size < 1 || size > 100) {
                throw TributaryValidationException.of("size", "top hits must return 1-100 documents");
            }
            return new TopHitsAggregation(this);
        }
    }
}
