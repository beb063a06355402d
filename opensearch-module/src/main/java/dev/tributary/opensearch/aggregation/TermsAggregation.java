package dev.tributary.opensearch.aggregation;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.AggregationNames;
import dev.tributary.opensearch.model.SortOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code terms} aggregation: one bucket per distinct value of a keyword, number or boolean field (text fields
 * need their keyword subfield, such as {@code level.keyword} under dynamic mapping), most documents first by
 * default, each with optional sub-aggregations. Read the result with {@link Aggregations#terms(String)}.
 * Immutable.
 */
public final class TermsAggregation implements Aggregation {
    /** What buckets are ordered by. */
    public enum OrderBy {
        /** The number of documents in the bucket. */
        COUNT,
        /** The bucket key. */
        KEY
    }

    private final String field;
    private final int size;
    private final int minDocCount;
    private final OrderBy orderBy;
    private final SortOrder order;
    private final Map<String, Aggregation> subAggregations;

    private TermsAggregation(Builder b) {
        this.field = b.field;
        this.size = b.size;
        this.minDocCount = b.minDocCount;
        this.orderBy = b.orderBy;
        this.order = b.order;
        this.subAggregations = AggregationNames.copy(b.subAggregations);
    }

    /**
     * Returns the top 10 values of {@code field}, most documents first, buckets with at least one document.
     *
     * @param field the field
     * @return the aggregation
     * @throws TributaryValidationException when the field is blank
     */
    public static TermsAggregation of(String field) {
        return builder(field).build();
    }

    /**
     * Returns a builder for {@code field}.
     *
     * @param field the field
     * @return the builder
     */
    public static Builder builder(String field) {
        return new Builder(field);
    }

    /** Returns a builder holding this aggregation's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(field).size(size).minDocCount(minDocCount).order(orderBy, order);
        b.subAggregations.putAll(subAggregations);
        return b;
    }

    /** Returns the field. */
    public String field() {
        return field;
    }

    /** Returns the maximum number of buckets. */
    public int size() {
        return size;
    }

    /** Returns the minimum number of documents a bucket needs. */
    public int minDocCount() {
        return minDocCount;
    }

    /** Returns what the buckets are ordered by. */
    public OrderBy orderBy() {
        return orderBy;
    }

    /** Returns the bucket order's direction. */
    public SortOrder order() {
        return order;
    }

    /** Returns the sub-aggregations by name, in the order they were added. */
    public Map<String, Aggregation> subAggregations() {
        return subAggregations;
    }

    @Override
    public String toString() {
        return "TermsAggregation[field=" + field + ", size=" + size + ", sub=" + subAggregations.keySet() + "]";
    }

    /** Builds a {@link TermsAggregation}. Not thread-safe. */
    public static final class Builder {
        private final String field;
        private int size = 10;
        private int minDocCount = 1;
        private OrderBy orderBy = OrderBy.COUNT;
        private SortOrder order = SortOrder.DESC;
        private final Map<String, Aggregation> subAggregations = new LinkedHashMap<>();

        private Builder(String field) {
            this.field = field;
        }

        /** Sets the maximum number of buckets (default 10, at most 10,000). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Sets the minimum number of documents a bucket needs (default 1; 0 also lists unused values). */
        public Builder minDocCount(int minDocCount) {
            this.minDocCount = minDocCount;
            return this;
        }

        /** Orders the buckets (default: by count, descending; ties by key, ascending). */
        public Builder order(OrderBy by, SortOrder direction) {
            this.orderBy = by;
            this.order = direction;
            return this;
        }

        /**
         * Adds an aggregation computed within each bucket.
         *
         * @param name the name, unique among this aggregation's sub-aggregations
         * @param aggregation the aggregation
         * @return this builder
         * @throws TributaryValidationException when the name is blank, contains {@code [ ] >} or is taken
         */
        public Builder subAggregation(String name, Aggregation aggregation) {
            AggregationNames.add(subAggregations, name, aggregation, "subAggregation");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the aggregation
         * @throws TributaryValidationException naming the bad setting
         */
        public TermsAggregation build() {
            if (field == null || field.isBlank()) {
                throw TributaryValidationException.of("field", "a terms aggregation needs a field name");
            }
            if (size < 1 || size > 10_000) {
                throw TributaryValidationException.of("size", "must be 1-10,000 buckets");
            }
            if (minDocCount < 0) {
                throw TributaryValidationException.of("minDocCount", "must not be negative");
            }
            if (orderBy == null || order == null) {
                throw TributaryValidationException.of("order", "needs what to order by and a direction");
            }
            return new TermsAggregation(this);
        }
    }
}
