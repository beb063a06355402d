package dev.tributary.opensearch.internal;

import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.aggregation.Aggregation;
import dev.tributary.opensearch.aggregation.DateHistogramAggregation;
import dev.tributary.opensearch.aggregation.StatsAggregation;
import dev.tributary.opensearch.aggregation.TermsAggregation;
import dev.tributary.opensearch.aggregation.TopHitsAggregation;
import dev.tributary.opensearch.model.SortOrder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch._types.aggregations.CalendarInterval;
import org.opensearch.client.opensearch.core.search.SourceConfig;

/** Turns Tributary aggregations into opensearch-java typed aggregations. */
public final class AggregationRequests {
    private AggregationRequests() {}

    /**
     * Converts named aggregations, sub-aggregations included.
     *
     * @param aggregations name to aggregation
     * @param sortField maps a sort field to the field actually sorted on (text fields to their .raw subfield)
     * @return name to opensearch-java aggregation, same order
     */
    public static Map<String, org.opensearch.client.opensearch._types.aggregations.Aggregation> toRequest(
            Map<String, Aggregation> aggregations, UnaryOperator<String> sortField) {
        Map<String, org.opensearch.client.opensearch._types.aggregations.Aggregation> out = new LinkedHashMap<>();
        aggregations.forEach((name, a) -> out.put(name, one(a, sortField)));
        return out;
    }

    private static org.opensearch.client.opensearch._types.aggregations.Aggregation one(Aggregation a,
            UnaryOperator<String> sortField) {
        if (a instanceof TermsAggregation t) {
            var subs = toRequest(t.subAggregations(), sortField);
            String key = t.orderBy() == TermsAggregation.OrderBy.COUNT ? "_count" : "_key";
            return org.opensearch.client.opensearch._types.aggregations.Aggregation.of(x -> {
                var c = x.terms(tb -> tb.field(t.field()).size(t.size()).minDocCount(t.minDocCount())
                        .order(List.of(Map.of(key, order(t.order())))));
                return subs.isEmpty() ? c : c.aggregations(subs);
            });
        }
        if (a instanceof DateHistogramAggregation h) {
            var subs = toRequest(h.subAggregations(), sortField);
            return org.opensearch.client.opensearch._types.aggregations.Aggregation.of(x -> {
                var c = x.dateHistogram(d -> {
                    d.field(h.field()).minDocCount(h.minDocCount());
                    h.fixedInterval().ifPresent(i -> d.fixedInterval(Time.of(tm -> tm.time(interval(i)))));
                    h.calendarInterval().ifPresent(u -> d.calendarInterval(calendar(u)));
                    h.timeZone().ifPresent(z -> d.timeZone(z.getId()));
                    return d;
                });
                return subs.isEmpty() ? c : c.aggregations(subs);
            });
        }
        if (a instanceof StatsAggregation s) {
            return org.opensearch.client.opensearch._types.aggregations.Aggregation.of(x -> x.stats(st -> st.field(s.field())));
        }
        TopHitsAggregation t = (TopHitsAggregation) a;
        return org.opensearch.client.opensearch._types.aggregations.Aggregation.of(x -> x.topHits(th -> {
            th.size(t.size());
            for (SearchQuery.Sort s : t.sorts()) {
                String field = sortField.apply(s.field());
                th.sort(SortOptions.of(o -> o.field(f -> f.field(field).order(order(s.order())))));
            }
            if (!t.sourceFields().isEmpty()) {
                th.source(SourceConfig.of(sc -> sc.filter(f -> f.includes(t.sourceFields()))));
            }
            return th;
        }));
    }

    /** Writes a duration in the largest unit that divides it: 1m, 90s, 1500ms. */
    static String interval(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    private static CalendarInterval calendar(DateHistogramAggregation.CalendarUnit u) {
        return switch (u) {
            case MINUTE -> CalendarInterval.Minute;
            case HOUR -> CalendarInterval.Hour;
            case DAY -> CalendarInterval.Day;
            case WEEK -> CalendarInterval.Week;
            case MONTH -> CalendarInterval.Month;
            case QUARTER -> CalendarInterval.Quarter;
            case YEAR -> CalendarInterval.Year;
        };
    }

    static org.opensearch.client.opensearch._types.SortOrder order(SortOrder o) {
        return o == SortOrder.ASC ? org.opensearch.client.opensearch._types.SortOrder.Asc
                : org.opensearch.client.opensearch._types.SortOrder.Desc;
    }
}
