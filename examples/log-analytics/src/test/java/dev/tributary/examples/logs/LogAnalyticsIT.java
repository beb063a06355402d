package dev.tributary.examples.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Generated CloudWatch Logs payloads -> daily indices -> searches that agree with what was generated. */
@ExtendWith(OpenSearchExtension.class)
class LogAnalyticsIT {

    @Test
    void demo_tenMinutesAcrossMidnight_countsAndErrorsPerMinuteMatchGenerated(LocalOpenSearch node) {
        String prefix = "logs-app-it" + System.nanoTime();
        LogGenerator.Generated g = LogGenerator.generate(Instant.parse("2026-01-31T23:55:00Z"), 25, 40, 7);
        try (OpenSearchConnection os = OpenSearchConnection.builder().url(node.url()).build()) {
            LogAnalytics.DemoResult r = LogAnalytics.demo(os, prefix, g);

            assertThat(g.payloads()).hasSize(41);
            assertThat(CloudWatchLogsPayload.decode(g.payloads().get(0)).isControl()).isTrue();
            assertThat(r.ingested().droppedControlMessages()).isEqualTo(1);
            assertThat(r.ingested().documents()).isEqualTo(1000);
            assertThat(r.ingested().allSucceeded()).isTrue();
            assertThat(r.indices()).containsExactly(prefix + "-2026.01.31", prefix + "-2026.02.01");
            assertThat(r.documents()).isEqualTo(g.dataEvents()).isEqualTo(1000);
            assertThat(g.plainLines()).isPositive();
            assertThat(r.timeoutHits()).isEqualTo(g.timeoutLines()).isPositive();
            assertThat(r.errorHits()).isEqualTo(g.errors());
            Map<Instant, Long> expected = new LinkedHashMap<>();
            g.errorsPerMinute().forEach((k, v) -> expected.put(k, v.longValue()));
            assertThat(r.errorsPerMinute()).containsExactlyInAnyOrderEntriesOf(expected).hasSize(10);
            assertThat(r.levels()).extracting(LogSearches.LevelSummary::level).containsExactlyInAnyOrder("INFO", "WARN",
                    "ERROR");
            assertThat(r.levels().stream().mapToLong(LogSearches.LevelSummary::lines).sum())
                    .isEqualTo(g.dataEvents() - g.plainLines());
            LogSearches.LevelSummary errors = r.levels().stream().filter(l -> l.level().equals("ERROR")).findFirst()
                    .orElseThrow();
            assertThat(errors.lines()).isEqualTo(g.errors());
            // Timeouts are ERROR lines of 3000-3499 ms; other lines take at most 404 ms.
            assertThat(errors.maxLatencyMs()).isBetween(3000.0, 3499.0);
            assertThat(errors.slowest()).contains("upstream timeout");
            assertThat(r.levels()).filteredOn(l -> !l.level().equals("ERROR"))
                    .allSatisfy(l -> assertThat(l.maxLatencyMs()).isLessThan(405));
            assertThat(r.pagedTimeouts()).hasSize(g.timeoutLines()).allSatisfy(m -> assertThat(m).contains("timeout"));
            assertThat(r.pagedTimeouts()).containsAll(r.latestTimeouts().stream()
                    .map(m -> m.substring(m.indexOf("  ") + 2)).toList());

            // A redelivered batch overwrites by event id: nothing is duplicated.
            LogAnalytics.DemoResult again = LogAnalytics.demo(os, prefix, g);
            assertThat(again.documents()).isEqualTo(1000);
            assertThat(again.errorsPerMinute()).isEqualTo(r.errorsPerMinute());
        }
    }
}
