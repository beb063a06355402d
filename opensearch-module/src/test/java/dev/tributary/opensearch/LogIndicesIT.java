package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
            try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(c, stream).build()) {
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
            c.client().generic().execute(org.opensearch.client.opensearch.generic.Requests.builder().method("DELETE")
                    .endpoint("/_data_stream/" + stream).build()).close();
        }
    }

    private static void delete(OpenSearchConnection c, String path) throws Exception {
        c.client().generic().execute(org.opensearch.client.opensearch.generic.Requests.builder().method("DELETE")
                .endpoint(path).build()).close();
    }

    @Test
    void deleteExpired_dailyIndices_deletesOnlyDaysOlderThanMaxAge(LocalOpenSearch node) throws Exception {
        String prefix = "logs-ret" + System.nanoTime();
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        try (OpenSearchConnection c = OpenSearchConnection.builder().url(node.url()).build()) {
            for (String day : List.of("2026.11.20", "2026.11.27", "2026.11.28", "2026.11.29")) {
                c.client().indices().create(i -> i.index(prefix + "-" + day));
            }
            c.client().indices().create(i -> i.index(prefix + "-archive")); // not daily: never touched
            try {
                List<String> deleted = LogIndices.deleteExpired(c, prefix + "*", Duration.ofDays(2),
                        Clock.fixed(now, ZoneOffset.UTC));

                // Cut-off 2026-11-27T10:00Z: the 27th still holds younger events, so it stays.
                assertThat(deleted).containsExactly(prefix + "-2026.11.20");
                assertThat(c.client().indices().get(g -> g.index(prefix + "*")).result().keySet())
                        .containsExactlyInAnyOrder(prefix + "-2026.11.27", prefix + "-2026.11.28",
                                prefix + "-2026.11.29", prefix + "-archive");
                assertThat(LogIndices.deleteExpired(c, prefix + "*", Duration.ofDays(2),
                        Clock.fixed(now, ZoneOffset.UTC))).isEmpty();
            } finally {
                delete(c, "/" + prefix + "*");
            }
        }
    }

    @Test
    void deleteExpired_dataStream_rollsOverAndDeletesOnlyGenerationsPastMaxAge(LocalOpenSearch node) throws Exception {
        String stream = "logs-dsret" + System.nanoTime();
        try (OpenSearchConnection c = OpenSearchConnection.builder().url(node.url()).build()) {
            IndexSpec spec = IndexSpec.builder("ignored").shards(1, 0).text("message").build();
            LogIndices.ensureTemplate(c, "tpl-" + stream, stream + "*", spec, true);
            try {
                SearchIndex<Map> logs = SearchIndex.create(c, IndexSpec.builder(stream).build(), Map.class);
                try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(c, stream).build()) {
                    for (int i = 0; i < 10; i++) {
                        bulk.create("old" + i, Map.of("@timestamp", Instant.now().toString(), "message", "old " + i));
                    }
                }
                Clock now = Clock.systemUTC();
                // Young data: nothing to do.
                assertThat(LogIndices.deleteExpired(c, stream + "*", Duration.ofDays(1), now)).isEmpty();
                List<String> before = backing(c, stream);
                assertThat(before).hasSize(1);

                // Two days later everything written so far is past a one-day retention.
                Clock later = Clock.offset(now, Duration.ofDays(2));
                List<String> deleted = LogIndices.deleteExpired(c, stream + "*", Duration.ofDays(1), later);

                assertThat(deleted).containsExactlyElementsOf(before);
                List<String> after = backing(c, stream);
                assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
                logs.refresh();
                assertThat(logs.count()).isZero();
                try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(c, stream).build()) {
                    assertThat(bulk.create("new", Map.of("@timestamp", Instant.now().toString(), "message", "new"))
                            .get().status()).isEqualTo(201);
                }
                // Seen from two days later, that write is expired too: its index is rolled over, then deleted, and
                // the stream keeps a fresh write index (a write index itself is never deleted).
                List<String> second = LogIndices.deleteExpired(c, stream + "*", Duration.ofDays(1), later);
                assertThat(second).containsExactlyElementsOf(after);
                assertThat(backing(c, stream)).hasSize(1).doesNotContainAnyElementsOf(after);
                assertThat(LogIndices.deleteExpired(c, stream + "*", Duration.ofDays(1), now)).isEmpty();
            } finally {
                delete(c, "/_data_stream/" + stream);
                delete(c, "/_index_template/tpl-" + stream);
            }
        }
    }

    private static List<String> backing(OpenSearchConnection c, String stream) throws Exception {
        return c.client().indices().getDataStream(g -> g.name(stream)).dataStreams().get(0).indices().stream()
                .map(i -> i.indexName()).toList();
    }

    @Test
    void ensureRetentionPolicy_nodeWithoutIsmPlugin_clearErrorNamingTheFallback(LocalOpenSearch node) {
        // The test kit's node cannot load ISM: its plugin zip is not published on Maven Central.
        try (OpenSearchConnection c = OpenSearchConnection.builder().url(node.url()).build()) {
            assertThatThrownBy(() -> LogIndices.ensureRetentionPolicy(c, "logs-30d", "logs-app*", Duration.ofDays(30)))
                    .isInstanceOf(dev.tributary.core.TributaryServiceException.class)
                    .hasMessageContaining("no Index State Management plugin")
                    .hasMessageContaining("deleteExpired");
        }
    }

    @Test
    void deleteExpired_badArguments_refusedBeforeAnyCall(LocalOpenSearch node) {
        try (OpenSearchConnection c = OpenSearchConnection.builder().url(node.url()).build()) {
            assertThatThrownBy(() -> LogIndices.deleteExpired(c, "logs-a*,logs-b*", Duration.ofDays(1)))
                    .isInstanceOf(dev.tributary.core.TributaryValidationException.class).hasMessageContaining("pattern");
            assertThatThrownBy(() -> LogIndices.deleteExpired(c, "logs-a*", Duration.ZERO))
                    .isInstanceOf(dev.tributary.core.TributaryValidationException.class).hasMessageContaining("maxAge");
        }
    }
}
