package dev.tributary.opensearch.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.SearchQuery;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregationTest {

    @Test
    void build_badSettings_validationErrorNamingTheField() {
        assertField(() -> TermsAggregation.builder(" ").build(), "field");
        assertField(() -> TermsAggregation.builder("f").size(0).build(), "size");
        assertField(() -> TermsAggregation.builder("f").minDocCount(-1).build(), "minDocCount");
        assertField(() -> StatsAggregation.of(""), "field");
        assertField(() -> TopHitsAggregation.builder().size(101).build(), "size");
        assertField(() -> DateHistogramAggregation.builder("at").build(), "interval");
        assertField(() -> DateHistogramAggregation.builder("at").fixedInterval(Duration.ofMinutes(1))
                .calendarInterval(DateHistogramAggregation.CalendarUnit.DAY).build(), "interval");
        assertField(() -> DateHistogramAggregation.of("at", Duration.ZERO), "fixedInterval");
        assertField(() -> DateHistogramAggregation.of("at", Duration.ofNanos(1500)), "fixedInterval");
    }

    @Test
    void aggregation_duplicateOrMalformedName_refused() {
        assertField(() -> SearchQuery.builder().aggregation("a", Aggregation.stats("x"))
                .aggregation("a", Aggregation.stats("y")), "aggregation");
        assertField(() -> SearchQuery.builder().aggregation("a>b", Aggregation.stats("x")), "aggregation");
        assertField(() -> TermsAggregation.builder("f").subAggregation("[0]", Aggregation.topHits(1)), "subAggregation");
        assertField(() -> TermsAggregation.builder("f").subAggregation(" ", Aggregation.topHits(1)), "subAggregation");
    }

    @Test
    void aggregations_queryOrderAndToBuilder_kept() {
        SearchQuery q = SearchQuery.builder().aggregation("z", Aggregation.stats("x"))
                .aggregation("a", Aggregation.terms("y")).build();
        assertThat(q.aggregations().keySet()).containsExactly("z", "a");
        TermsAggregation t = TermsAggregation.builder("f").size(3).subAggregation("s", Aggregation.stats("x")).build();
        assertThat(t.toBuilder().build().subAggregations().keySet()).containsExactly("s");
        assertThat(t.toBuilder().build().size()).isEqualTo(3);
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(TributaryValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
