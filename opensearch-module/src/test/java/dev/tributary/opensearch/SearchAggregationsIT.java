package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.aggregation.Aggregation;
import dev.tributary.opensearch.aggregation.Aggregations;
import dev.tributary.opensearch.aggregation.DateHistogramAggregation;
import dev.tributary.opensearch.aggregation.DateHistogramResult;
import dev.tributary.opensearch.aggregation.StatsResult;
import dev.tributary.opensearch.aggregation.TermsAggregation;
import dev.tributary.opensearch.aggregation.TermsResult;
import dev.tributary.opensearch.aggregation.TopHitsAggregation;
import dev.tributary.opensearch.aggregation.TopHitsResult;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.model.SortOrder;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each aggregation type against a real node, with twelve hand-counted documents. */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchAggregationsIT {
    /** Test document. */
    record Line(String id, String service, String level, int status, double latency, String at) {}

    private static final List<Line> LINES = List.of(
            new Line("1", "api", "INFO", 200, 10, "2026-01-01T00:00:10Z"),
            new Line("2", "api", "INFO", 200, 20, "2026-01-01T00:00:50Z"),
            new Line("3", "api", "ERROR", 500, 300, "2026-01-01T00:01:05Z"),
            new Line("4", "api", "WARN", 200, 40, "2026-01-01T00:01:30Z"),
            new Line("5", "api", "ERROR", 500, 500, "2026-01-01T00:03:00Z"),
            new Line("6", "api", "INFO", 200, 30, "2026-01-01T00:03:59Z"),
            new Line("7", "web", "INFO", 200, 5, "2026-01-01T00:00:01Z"),
            new Line("8", "web", "ERROR", 500, 250, "2026-01-01T00:01:59Z"),
            new Line("9", "web", "INFO", 200, 15, "2026-01-01T00:03:10Z"),
            new Line("10", "web", "WARN", 200, 60, "2026-01-01T00:03:20Z"),
            new Line("11", "db", "ERROR", 500, 1000, "2026-01-01T00:01:00Z"),
            new Line("12", "db", "INFO", 200, 2, "2026-01-01T00:03:30Z"));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final OpenSearchConnection connection;
    private final SearchIndex<Line> lines;

    SearchAggregationsIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        this.lines = SearchIndex.create(connection, IndexSpec.builder("aggs-" + System.nanoTime()).shards(1, 0)
                .keyword("id").keyword("service").keyword("level").integer("status").number("latency").date("at")
                .build(), Line.class);
    }

    @BeforeAll
    void load() {
        lines.ensureExists();
        LINES.forEach(l -> lines.put(l.id(), l));
        lines.refresh();
    }

    @AfterAll
    void drop() {
        lines.drop();
        connection.close();
    }

    @Test
    void terms_keywordField_bucketsByCountDescending() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().size(0)
                .aggregation("services", Aggregation.terms("service")).build());

        assertThat(page.hits()).isEmpty();
        assertThat(page.total()).isEqualTo(12);
        TermsResult services = page.aggregations().terms("services");
        assertThat(services.counts()).containsExactly(Map.entry("api", 6L), Map.entry("web", 4L), Map.entry("db", 2L));
        assertThat(services.otherDocCount()).isZero();
    }

    @Test
    void terms_sizeAndKeyOrder_keepsFirstKeysAndCountsTheRest() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().size(0)
                .aggregation("services", TermsAggregation.builder("service").size(2)
                        .order(TermsAggregation.OrderBy.KEY, SortOrder.ASC).build())
                .aggregation("statuses", Aggregation.terms("status")).build());

        TermsResult services = page.aggregations().terms("services");
        assertThat(services.counts()).containsExactly(Map.entry("api", 6L), Map.entry("db", 2L));
        assertThat(services.otherDocCount()).isEqualTo(4);
        // A long field answers lterms: keys come back as text all the same.
        assertThat(page.aggregations().terms("statuses").counts())
                .containsExactly(Map.entry("200", 8L), Map.entry("500", 4L));
    }

    @Test
    void stats_wholeIndexAndFiltered_exactValues() {
        SearchPage<Line> all = lines.search(SearchQuery.builder().size(0)
                .aggregation("latency", Aggregation.stats("latency")).build());
        assertThat(all.aggregations().stats("latency")).isEqualTo(new StatsResult(12, 2, 1000, 186, 2232));

        SearchPage<Line> web = lines.search(SearchQuery.builder().filter("service", "web").size(0)
                .aggregation("latency", Aggregation.stats("latency")).build());
        assertThat(web.aggregations().stats("latency")).isEqualTo(new StatsResult(4, 5, 250, 82.5, 330));

        SearchPage<Line> none = lines.search(SearchQuery.builder().filter("service", "nothing").size(0)
                .aggregation("latency", Aggregation.stats("latency")).build());
        StatsResult empty = none.aggregations().stats("latency");
        assertThat(empty.count()).isZero();
        assertThat(empty.min()).isNaN();
        assertThat(empty.avg()).isNaN();
        assertThat(empty.sum()).isZero();
    }

    @Test
    void dateHistogram_fixedMinute_instantKeysWithAndWithoutEmptyBuckets() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().size(0)
                .aggregation("perMinute", Aggregation.dateHistogram("at", Duration.ofMinutes(1)))
                .aggregation("withGaps", DateHistogramAggregation.builder("at").fixedInterval(Duration.ofMinutes(1)).build())
                .aggregation("daily", DateHistogramAggregation.builder("at")
                        .calendarInterval(DateHistogramAggregation.CalendarUnit.DAY).timeZone(ZoneId.of("Europe/Berlin"))
                        .build())
                .build());

        assertThat(page.aggregations().dateHistogram("perMinute").counts()).containsExactly(
                Map.entry(T0, 3L), Map.entry(T0.plusSeconds(60), 4L), Map.entry(T0.plusSeconds(180), 5L));
        assertThat(page.aggregations().dateHistogram("withGaps").counts()).containsExactly(
                Map.entry(T0, 3L), Map.entry(T0.plusSeconds(60), 4L), Map.entry(T0.plusSeconds(120), 0L),
                Map.entry(T0.plusSeconds(180), 5L));
        // 00:00-00:04 UTC is 01:00-01:04 in Berlin: one day starting at Berlin midnight, 23:00 UTC.
        assertThat(page.aggregations().dateHistogram("daily").counts())
                .containsExactly(Map.entry(Instant.parse("2025-12-31T23:00:00Z"), 12L));
    }

    @Test
    void topHits_perTermsBucket_typedDocumentsSortedByLatency() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().size(0)
                .aggregation("services", TermsAggregation.builder("service")
                        .subAggregation("latency", Aggregation.stats("latency"))
                        .subAggregation("slowest", TopHitsAggregation.builder().size(2).sort("latency", SortOrder.DESC)
                                .build())
                        .build())
                .build());

        Map<String, List<String>> slowest = new LinkedHashMap<>();
        Map<String, StatsResult> latency = new LinkedHashMap<>();
        for (TermsResult.Bucket b : page.aggregations().terms("services").buckets()) {
            TopHitsResult<Line> top = b.aggregations().topHits("slowest", Line.class);
            assertThat(top.total()).isEqualTo(b.docCount());
            slowest.put(b.key(), top.ids());
            latency.put(b.key(), b.aggregations().stats("latency"));
        }
        assertThat(slowest).containsExactly(Map.entry("api", List.of("5", "3")), Map.entry("web", List.of("8", "10")),
                Map.entry("db", List.of("11", "12")));
        assertThat(latency).containsExactly(Map.entry("api", new StatsResult(6, 10, 500, 150, 900)),
                Map.entry("web", new StatsResult(4, 5, 250, 82.5, 330)), Map.entry("db", new StatsResult(2, 2, 1000, 501, 1002)));
        TopHitsResult<Line> api = page.aggregations().terms("services").buckets().get(0).aggregations()
                .topHits("slowest", Line.class);
        assertThat(api.documents()).containsExactly(LINES.get(4), LINES.get(2));
    }

    @Test
    void topHits_perHistogramBucketWithSourceFields_onlyThoseFields() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().filter("level", "ERROR").size(0)
                .aggregation("perMinute", DateHistogramAggregation.builder("at").fixedInterval(Duration.ofMinutes(1))
                        .minDocCount(1)
                        .subAggregation("first", TopHitsAggregation.builder().size(1).sort("at", SortOrder.ASC)
                                .sourceFields("id", "latency").build())
                        .build())
                .build());

        List<DateHistogramResult.Bucket> buckets = page.aggregations().dateHistogram("perMinute").buckets();
        assertThat(buckets).extracting(DateHistogramResult.Bucket::key).containsExactly(T0.plusSeconds(60), T0.plusSeconds(180));
        Line first = buckets.get(0).aggregations().topHits("first", Line.class).documents().get(0);
        assertThat(first).isEqualTo(new Line("11", null, null, 0, 1000, null));
        assertThat(buckets.get(1).aggregations().topHits("first", Line.class).ids()).containsExactly("5");
    }

    @Test
    void terms_nestedTermsAndHistogram_countsPerLevelAndMinute() {
        SearchPage<Line> page = lines.search(SearchQuery.builder().size(0)
                .aggregation("levels", TermsAggregation.builder("level")
                        .subAggregation("perMinute", Aggregation.dateHistogram("at", Duration.ofMinutes(1)))
                        .subAggregation("services", Aggregation.terms("service"))
                        .build())
                .build());

        TermsResult levels = page.aggregations().terms("levels");
        assertThat(levels.counts()).containsExactly(Map.entry("INFO", 6L), Map.entry("ERROR", 4L), Map.entry("WARN", 2L));
        Aggregations error = levels.buckets().get(1).aggregations();
        assertThat(error.dateHistogram("perMinute").counts())
                .containsExactly(Map.entry(T0.plusSeconds(60), 3L), Map.entry(T0.plusSeconds(180), 1L));
        assertThat(error.terms("services").counts())
                .containsExactly(Map.entry("api", 2L), Map.entry("db", 1L), Map.entry("web", 1L));
    }

    @Test
    void read_missingNameOrOtherKind_typedErrorNamingTheAggregation() {
        Aggregations aggs = lines.search(SearchQuery.builder().size(0)
                .aggregation("latency", Aggregation.stats("latency")).build()).aggregations();

        assertThatThrownBy(() -> aggs.terms("services")).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("no aggregation named 'services'").hasMessageContaining("[latency]");
        assertThatThrownBy(() -> aggs.terms("latency")).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("StatsResult");
        assertThat(lines.search(SearchQuery.all()).aggregations().isEmpty()).isTrue();
    }
}
