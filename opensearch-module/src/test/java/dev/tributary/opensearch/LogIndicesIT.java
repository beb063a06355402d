package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
class LogIndicesIT {

    @Test
    void dailyIndex_utcDate_isFormatted() {
        assertThat(LogIndices.dailyIndex("logs-app", Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo("logs-app-2026.11.22");
    }

    @Test
    void ensureTemplate_dataStream_acceptsCreatesWithTimestamp(LocalOpenSearch node) throws Exception {
        String stream = "logs-ds" + System.nanoTime();
        try (OpenSearchConnection c = OpenSearchConnection.builder().url(node.url()).build()) {
            IndexSpec spec = IndexSpec.builder("ignored").shards(1, 0).text("message").keyword("level").build();
            LogIndices.ensureTemplate(c, "tpl-" + stream, stream + "*", spec, true);
            CompletableFuture<BulkItemResult> last = null;
            try (BulkIndexer<Map> bulk = BulkIndexer.builder(c, stream, Map.class).build()) {
                for (int i = 0; i < 100; i++) {
                    last = bulk.create("e" + i, Map.of("@timestamp", Instant.now().toString(), "message",
                            "request " + i + " failed", "level", i % 10 == 0 ? "ERROR" : "INFO"));
                }
            }
            assertThat(last.get().status()).isEqualTo(201);
            SearchIndex<Map> logs = SearchIndex.create(c, IndexSpec.builder(stream).text("message").build(), Map.class);
            logs.refresh();
            assertThat(logs.count()).isEqualTo(100);
            assertThat(logs.count(SearchQuery.builder().filter("level", "ERROR").build())).isEqualTo(10);
            c.generic().execute(org.opensearch.client.opensearch.generic.Requests.builder().method("DELETE")
                    .endpoint("/_data_stream/" + stream).build()).close();
        }
    }
}
