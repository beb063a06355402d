package dev.tributary.opensearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregationRequestsTest {

    @Test
    void interval_durations_largestWholeUnit() {
        assertThat(AggregationRequests.interval(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(AggregationRequests.interval(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(AggregationRequests.interval(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(AggregationRequests.interval(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(AggregationRequests.interval(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
