package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
@SuppressWarnings({"rawtypes", "unchecked"})
class KinesisIngesterIT {
    private static final String SHARD = "shardId-000000000000";
    private static final BigInteger FIRST_SEQ = new BigInteger("49545115243490985018280067714973144582180062593244200961");

    private final OpenSearchConnection connection;
    private final SearchIndex<Map> orders;

    KinesisIngesterIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        this.orders = SearchIndex.create(connection, IndexSpec.builder("kin-it" + System.nanoTime()).shards(1, 0)
                .keyword("orderId").integer("n").build(), Map.class);
        orders.ensureExists();
    }

    @AfterEach
    void cleanUp() {
        orders.drop();
        connection.close();
    }

    private static String seq(int i) {
        return FIRST_SEQ.add(BigInteger.valueOf(i)).toString();
    }

    private static byte[] order(int i, Object n) {
        return Payloads.JSON.createObjectNode().put("orderId", "o-" + i).putPOJO("n", n).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static @org.jspecify.annotations.Nullable JsonNode decode(byte[] data) throws Exception {
        JsonNode node = Payloads.JSON.readTree(data);
        return node.has("skip") ? null : node;
    }

    @Test
    void ingest_100RecordsReplayed_exactly100Documents() {
        List<KinesisRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(KinesisRecord.of(SHARD, seq(i), order(i, i)));
        }
        try (KinesisIngester<JsonNode> ingester = KinesisIngester.builder(Payloads.JSON::readTree)
                .connection(connection).index(orders.name()).build()) {
            IngestResult first = ingester.ingest(records);
            IngestResult replay = ingester.ingest(records);

            assertThat(first).isEqualTo(new IngestResult(100, 100, 0, 0, 0, List.of()));
            assertThat(replay).isEqualTo(first);
        }

        orders.refresh();
        assertThat(orders.count()).isEqualTo(100);
        assertThat(orders.get(SHARD + "-" + seq(42)).orElseThrow().source()).containsEntry("orderId", "o-42");
    }

    @Test
    void ingest_idFunction_documentsKeyedByOrderId() {
        List<KinesisRecord> records = List.of(KinesisRecord.of(SHARD, seq(0), order(0, 0)),
                KinesisRecord.of(SHARD, seq(1), order(1, 1)), KinesisRecord.of("shardId-000000000001", seq(0), order(1, 2)));
        try (KinesisIngester<JsonNode> ingester = KinesisIngester.builder(Payloads.JSON::readTree)
                .connection(connection).index(orders.name())
                .idFunction((record, doc) -> doc.path("orderId").asText()).build()) {
            assertThat(ingester.ingest(records).succeeded()).isEqualTo(3);
        }

        orders.refresh();
        assertThat(orders.count()).isEqualTo(2);
        assertThat(orders.get("o-1").orElseThrow().source()).containsEntry("n", 2);
    }

    @Test
    void lambdaHandle_mappingErrorDecodeErrorAndSkip_reportsOnlyFailedSequenceNumbers() {
        List<KinesisEvent.KinesisEventRecord> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byte[] data = switch (i) {
                case 3 -> order(i, "not-a-number");
                case 5 -> "garbage".getBytes(StandardCharsets.UTF_8);
                case 7 -> "{\"skip\":true}".getBytes(StandardCharsets.UTF_8);
                default -> order(i, i);
            };
            in.add(KinesisLambdaTest.record(SHARD, seq(i), data));
        }
        KinesisEvent event = KinesisLambdaTest.event(in);

        try (KinesisIngester<JsonNode> ingester = KinesisIngester.builder(KinesisIngesterIT::decode)
                .connection(connection).index(orders.name()).build()) {
            KinesisLambda<JsonNode> lambda = KinesisLambda.create(ingester);

            StreamsEventResponse response = lambda.handle(event);
            assertThat(response.getBatchItemFailures())
                    .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly(seq(3), seq(5));

            StreamsEventResponse retryableOnly = lambda.reportIf(IngestFailure::retryable).handle(event);
            assertThat(retryableOnly.getBatchItemFailures()).isEmpty();
        }

        orders.refresh();
        assertThat(orders.count()).isEqualTo(7);
        assertThat(orders.exists(SHARD + "-" + seq(3))).isFalse();
        assertThat(orders.exists(SHARD + "-" + seq(7))).isFalse();
        assertThat(orders.exists(SHARD + "-" + seq(9))).isTrue();
    }
}
