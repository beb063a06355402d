package dev.tributary.opensearch.aggregation;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.AggregationNames;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code date_histogram} aggregation: one bucket per interval of a date field, oldest first, keyed by the
 * interval's start as an {@link java.time.Instant}, each with optional sub-aggregations. Intervals are either
 * fixed ({@link Builder#fixedInterval(Duration)}: 1 minute, 90 seconds) or calendar-aware
 * ({@link Builder#calendarInterval(CalendarUnit)}: months, days across DST changes in a {@link Builder#timeZone
 * time zone}). Read the result with {@link Aggregations#dateHistogram(String)}. Immutable.
 */
public final class DateHistogramAggregation implements Aggregation {
    /** Calendar intervals; their length depends on the date and the time zone. */
    public enum CalendarUnit {
        /** One minute. */
        MINUTE,
        /** One hour. */
        HOUR,
        /** One calendar day. */
        DAY,
        /** One week, starting Monday. */
        WEEK,
        /** One calendar month. */
        MONTH,
        /** One quarter. */
        QUARTER,
        /** One calendar year. */
        YEAR
    }

    private final String field;
    private final @Nullable Duration fixedInterval;
    private final @Nullable CalendarUnit calendarInterval;
    private final @Nullable ZoneId timeZone;
    private final int minDocCount;
    private final Map<String, Aggregation> subAggregations;

    private DateHistogramAggregation(Builder b) {
        this.field = b.field;
        this.fixedInterval = b.fixedInterval;
        this.calendarInterval = b.calendarInterval;
        this.timeZone = b.timeZone;
        this.minDocCount = b.minDocCount;
        this.subAggregations = AggregationNames.copy(b.subAggregations);
    }

    /**
     * Returns a histogram with fixed-length buckets that lists only intervals with documents.
     *
     * @param field a date field
     * @param interval the bucket length, positive whole milliseconds
     * @return the aggregation
     * @throws TributaryValidationException when the field is blank or the interval is not positive
     */
    public static DateHistogramAggregation of(String field, Duration interval) {
        return builder(field).fixedInterval(interval).minDocCount(1).build();
    }

    /**
     * Returns a builder for {@code field}; set exactly one of the intervals.
     *
     * @param field a date field
     * @return the builder
     */
    public static Builder builder(String field) {
        return new Builder(field);
    }

    /** Returns a builder holding this aggregation's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(field);
        b.fixedInterval = fixedInterval;
        b.calendarInterval = calendarInterval;
        b.timeZone = timeZone;
        b.minDocCount = minDocCount;
        b.subAggregations.putAll(subAggregations);
        return b;
    }

    /** Returns the field. */
    public String field() {
        return field;
    }

    /** Returns the fixed interval, when set. */
    public Optional<Duration> fixedInterval() {
        return Optional.ofNullable(fixedInterval);
    }

    /** Returns the calendar interval, when set. */
    public Optional<CalendarUnit> calendarInterval() {
        return Optional.ofNullable(calendarInterval);
    }

    /** Returns the time zone bucket boundaries are computed in, when set (UTC otherwise). */
    public Optional<ZoneId> timeZone() {
        return Optional.ofNullable(timeZone);
    }

    /** Returns the minimum number of documents a bucket needs (0: empty intervals are listed too). */
    public int minDocCount() {
        return minDocCount;
    }

    /** Returns the sub-aggregations by name, in the order they were added. */
    public Map<String, Aggregation> subAggregations() {
        return subAggregations;
    }

    @Override
    public String toString() {
        return "DateHistogramAggregation[field=" + field + ", interval="
                + (fixedInterval != null ? fixedInterval : calendarInterval) + ", sub=" + subAggregations.keySet() + "]";
    }

    /** Builds a {@link DateHistogramAggregation}. Not thread-safe. */
    public static final class Builder {
        private final String field;
        private @Nullable Duration fixedInterval;
        private @Nullable CalendarUnit calendarInterval;
        private @Nullable ZoneId timeZone;
        private int minDocCount;
        private final Map<String, Aggregation> subAggregations = new LinkedHashMap<>();

        private Builder(String field) {
            this.field = field;
        }

        /** Sets fixed-length buckets (positive, whole milliseconds). */
        public Builder fixedInterval(Duration interval) {
            this.fixedInterval = interval;
            return this;
        }

        /** Sets calendar-aware buckets. */
        public Builder calendarInterval(CalendarUnit unit) {
            this.calendarInterval = unit;
            return this;
        }

        /** Sets the time zone for bucket boundaries (default UTC); keys stay instants. */
        public Builder timeZone(ZoneId zone) {
            this.timeZone = zone;
            return this;
        }

        /** Sets the minimum number of documents a bucket needs (default 0: gaps are listed as empty buckets). */
        public Builder minDocCount(int minDocCount) {
            this.minDocCount = minDocCount;
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
        public DateHistogramAggregation build() {
            if (field == null || field.isBlank()) {
                throw TributaryValidationException.of("field", "a date histogram needs a date field name");
            }
            if ((fixedInterval == null) == (calendarInterval == null)) {
                throw TributaryValidationException.of("interval", "set exactly one of fixedInterval and calendarInterval");
            }
            if (fixedInterval != null && (fixedInterval.isNegative() || fixedInterval.isZero()
                    || fixedInterval.getNano() % 1_000_000 != 0)) {
                throw TributaryValidationException.of("fixedInterval", "must be positive whole milliseconds, such as"
                        + " Duration.ofMinutes(1)");
            }
            if (minDocCount < 0) {
                throw TributaryValidationException.of("minDocCount", "must not be negative");
            }
            return new DateHistogramAggregation(this);
        }
    }
}
