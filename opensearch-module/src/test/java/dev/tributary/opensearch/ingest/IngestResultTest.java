package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestResultTest {

    @Test
    void plus_twoResults_sumsCountsAndKeepsFailureOrder() {
        IngestFailure f1 = new IngestFailure("a", "i", null, null, 400, "mapper_parsing_exception", "bad", false);
        IngestFailure f2 = new IngestFailure("b", "i", null, null, 429, "es_rejected_execution_exception", "busy", true);
        IngestResult r = new IngestResult(3, 2, 1, 0, 0, List.of(f1))
                .plus(new IngestResult(2, 1, 0, 1, 1, List.of(f2)));

        assertThat(r).isEqualTo(new IngestResult(5, 3, 1, 1, 1, List.of(f1, f2)));
        assertThat(r.allSucceeded()).isFalse();
        assertThat(IngestResult.empty().allSucceeded()).isTrue();
    }
}
