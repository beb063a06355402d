package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.opensearch.BulkFailure;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.LogIndices;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.Document;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.generic.Requests;

@ExtendWith(OpenSearchExtension.class)
@SuppressWarnings({"rawtypes", "unchecked"})
class CloudWatchLogsIngesterIT {
    private static final long T = 1440442987000L; // 2015-08-24T19:03:07Z
    private static final String ID1 = "31953106606966983378809025079804211143289615424298221568";
    private static final String ID2 = "31953106606966983378809025079804211143289615424298221569";

    private final OpenSearchConnection connection;
    private final String prefix = "cwl-it" + System.nanoTime();

    CloudWatchLogsIngesterIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        delete("/_data_stream/" + prefix + "*");
        delete("/_index_template/tpl-" + prefix);
        delete("/" + prefix + "*");
        connection.close();
    }

    private void delete(String path) throws Exception {
        connection.client().generic().execute(Requests.builder().method("DELETE").endpoint(path).build()).close();
    }

    private static String mixedPayload() {
        return Payloads.base64Gzip(Payloads.dataJson("/app/api", "i-0abc",
                ID1, T, "{\"level\":\"ERROR\",\"msg\":\"payment failed\",\"orderId\":\"o-1\"}",
                ID2, T + 1, "GET /health 200"));
    }

    private SearchIndex<Map> index(String name) {
        SearchIndex<Map> idx = SearchIndex.create(connection, IndexSpec.builder(name).build(), Map.class);
        idx.refresh();
        return idx;
    }

    @Test
    void ingest_dailyIndicesReplayedPayload_exactlyTwoDocumentsInDatedIndex() {
        CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(mixedPayload());
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dailyIndices(prefix).build()) {
            IngestResult first = ingester.ingest(payload);
            IngestResult replay = ingester.ingest(payload);

            assertThat(first).isEqualTo(new IngestResult(2, 2, 0, 0, 0, List.of()));
            assertThat(replay).isEqualTo(first);
        }

        String daily = prefix + "-2015.08.24";
        assertThat(daily).isEqualTo(LogIndices.dailyIndex(prefix, Instant.ofEpochMilli(T)));
        SearchIndex<Map> idx = index(daily);
        assertThat(idx.count()).isEqualTo(2);
        assertThat(idx.count(SearchQuery.builder().filter("fields.level.keyword", "ERROR").build())).isEqualTo(1);
        assertThat(idx.count(SearchQuery.builder().filter("logGroup.keyword", "/app/api").build())).isEqualTo(2);

        Document<Map> json = idx.get(ID1).orElseThrow();
        assertThat(json.source()).containsEntry("@timestamp", "2015-08-24T19:03:07Z")
                .containsEntry("logStream", "i-0abc").containsEntry("owner", "111111111111");
        assertThat((Map<String, Object>) json.source().get("fields")).containsEntry("orderId", "o-1");
        Document<Map> text = idx.get(ID2).orElseThrow();
        assertThat(text.source()).containsEntry("message", "GET /health 200").doesNotContainKey("fields")
                .containsEntry("@timestamp", "2015-08-24T19:03:07.001Z");
    }

    @Test
    void ingest_eventsAcrossUtcMidnight_splitIntoTwoDailyIndices() {
        long before = Instant.parse("2026-11-22T23:59:59.999Z").toEpochMilli();
        long after = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
        CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(Payloads.gzip(
                Payloads.dataJson("g", "s", "late", before, "last of the day", "early", after, "first of the day")));

        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dailyIndices(prefix).maxOpenIndices(1).build()) {
            assertThat(ingester.ingest(payload).succeeded()).isEqualTo(2);
        }

        assertThat(index(prefix + "-2026.11.22").get("late")).isPresent();
        assertThat(index(prefix + "-2026.11.23").get("early")).isPresent();
        assertThat(index(prefix + "-2026.11.23").count()).isEqualTo(1);
    }

    @Test
    void ingest_controlMessage_droppedAndNothingWritten() throws Exception {
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dailyIndices(prefix).build()) {
            IngestResult r = ingester.ingest(CloudWatchLogsPayload.decode(Payloads.gzip(Payloads.CONTROL_JSON)));

            assertThat(r).isEqualTo(new IngestResult(0, 0, 0, 0, 1, List.of()));
        }
        assertThat(connection.client().indices().exists(e -> e.index(prefix + "*").allowNoIndices(false)).value())
                .isFalse();
    }

    @Test
    void ingest_dataStreamReplayed_duplicatesCountAsSuccessNotFailures() {
        String stream = prefix + "-ds";
        LogIndices.ensureTemplate(connection, "tpl-" + prefix, stream + "*",
                IndexSpec.builder("ignored").shards(1, 0).keyword("logGroup").build(), true);
        ConcurrentLinkedQueue<BulkFailure> dead = new ConcurrentLinkedQueue<>();
        CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(mixedPayload());
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dataStream(stream).failureHandler(dead::add).build()) {
            assertThat(ingester.ingest(payload)).isEqualTo(new IngestResult(2, 2, 0, 0, 0, List.of()));
            assertThat(ingester.ingest(payload)).isEqualTo(new IngestResult(2, 2, 2, 0, 0, List.of()));
        }

        assertThat(dead).isEmpty();
        SearchIndex<Map> ds = index(stream);
        assertThat(ds.count()).isEqualTo(2);
        assertThat(ds.count(SearchQuery.builder().filter("logGroup", "/app/api").build())).isEqualTo(2);
    }

    @Test
    void lambda_mappingConflict_ingestReportsFailureAndHandleThrows() {
        SearchIndex<Map> fixed = SearchIndex.create(connection, IndexSpec.builder(prefix + "-fixed").shards(1, 0)
                .field("fields", "{\"properties\":{\"count\":{\"type\":\"long\"}}}").build(), Map.class);
        fixed.ensureExists();
        String data = Payloads.base64Gzip(Payloads.dataJson("g", "s",
                "ok", T, "{\"count\":5}", "bad", T, "{\"count\":\"many-secret-widgets\"}"));
        CloudWatchLogsEvent event = new CloudWatchLogsEvent()
                .withAwsLogs(new CloudWatchLogsEvent.AWSLogs().withData(data));
        ConcurrentLinkedQueue<BulkFailure> dead = new ConcurrentLinkedQueue<>();

        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).index(fixed.name()).failureHandler(dead::add).build()) {
            CloudWatchLogsLambda lambda = CloudWatchLogsLambda.create(ingester);

            IngestResult r = lambda.ingest(event);
            assertThat(r.documents()).isEqualTo(2);
            assertThat(r.succeeded()).isEqualTo(1);
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.documentId()).isEqualTo("bad");
                assertThat(f.status()).isEqualTo(400);
                assertThat(f.errorType()).isEqualTo("mapper_parsing_exception");
                assertThat(f.retryable()).isFalse();
                assertThat(f.message()).doesNotContain("many-secret-widgets");
            });
            assertThatThrownBy(() -> lambda.handle(event))
                    .isInstanceOf(TributaryServiceException.class)
                    .hasMessageContaining("1 of 2 log events were not indexed")
                    .satisfies(e -> assertThat(((TributaryServiceException) e).retryable()).isFalse());
        }
        assertThat(dead).hasSize(2).allSatisfy(f -> assertThat(f.id()).isEqualTo("bad"));
        fixed.refresh();
        assertThat(fixed.count()).isEqualTo(1);
    }

    @Test
    void lambda_handleDocumentedSampleEvent_indexesBothEvents() {
        CloudWatchLogsEvent event = new CloudWatchLogsEvent()
                .withAwsLogs(new CloudWatchLogsEvent.AWSLogs().withData(Payloads.LAMBDA_DOC_SAMPLE));
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dailyIndices(prefix).build()) {
            IngestResult r = CloudWatchLogsLambda.create(ingester).handle(event);

            assertThat(r.succeeded()).isEqualTo(2);
        }
        SearchIndex<Map> idx = index(prefix + "-2015.08.24");
        assertThat(idx.get("eventId1")).isPresent();
        assertThat(idx.get("eventId2")).isPresent();
    }

    @Test
    void ingest_concurrentPayloadsOverSixDaysWithTwoOpenIndexers_everyDocumentIndexedOnce() throws Exception {
        long day = 24L * 3600 * 1000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<IngestResult>> results = new ArrayList<>();
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder()
                .connection(connection).dailyIndices(prefix).maxOpenIndices(2).build()) {
            for (int p = 0; p < 40; p++) {
                Object[] events = new Object[15];
                for (int e = 0; e < 5; e++) {
                    events[e * 3] = "p" + p + "-e" + e;
                    events[e * 3 + 1] = T + ((p + e) % 6) * day;
                    events[e * 3 + 2] = "{\"payload\":" + p + "}";
                }
                CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(Payloads.gzip(Payloads.dataJson("g", "s", events)));
                results.add(pool.submit(() -> ingester.ingest(payload)));
            }
            for (Future<IngestResult> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS).succeeded()).isEqualTo(5);
            }
        } finally {
            pool.shutdownNow();
        }

        connection.client().indices().refresh(r -> r.index(prefix + "-*"));
        assertThat(connection.client().count(c -> c.index(prefix + "-*")).count()).isEqualTo(200);
        assertThat(connection.client().indices().get(g -> g.index(prefix + "-*")).result()).hasSize(6);
    }
}
