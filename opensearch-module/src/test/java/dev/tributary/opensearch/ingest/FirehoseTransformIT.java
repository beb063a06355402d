package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The transformation on the wire, end to end: a Firehose event as JSON, read and written by the Lambda Java
 * runtime's own serialisers, and every {@code Ok} record delivered to a real OpenSearch node the way Firehose's
 * OpenSearch destination does it (the record's data as the source of one bulk {@code index} action).
 */
@ExtendWith(OpenSearchExtension.class)
class FirehoseTransformIT {
    private static final long T = 1440442987000L;

    private final OpenSearchConnection connection;
    private final String index = "firehose-it" + System.nanoTime();

    FirehoseTransformIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        connection.client().generic().execute(Requests.builder().method("DELETE").endpoint("/" + index).build()).close();
        connection.close();
    }

    private static String firehoseEventJson(byte[]... data) {
        ObjectNode event = Payloads.JSON.createObjectNode();
        event.put("invocationId", "inv-1");
        event.put("deliveryStreamArn", "arn:aws:firehose:eu-west-1:111111111111:deliverystream/cwl");
        event.put("region", "eu-west-1");
        ArrayNode records = event.putArray("records");
        for (int i = 0; i < data.length; i++) {
            records.addObject().put("recordId", "r" + i).put("approximateArrivalTimestamp", T)
                    .put("data", Base64.getEncoder().encodeToString(data[i]));
        }
        return event.toString();
    }

    /** Runs the handler as the Lambda Java runtime would: its serialisers on both sides. */
    private static JsonNode invoke(String eventJson, Function<byte[], byte[]> transform) throws Exception {
        PojoSerializer<KinesisFirehoseEvent> in = LambdaEventSerializers.serializerFor(KinesisFirehoseEvent.class,
                FirehoseTransformIT.class.getClassLoader());
        KinesisFirehoseEvent event = in.fromJson(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)));
        KinesisAnalyticsInputPreprocessingResponse response = FirehoseTransform.apply(event, transform);
        Class<KinesisAnalyticsInputPreprocessingResponse> type = KinesisAnalyticsInputPreprocessingResponse.class;
        PojoSerializer<KinesisAnalyticsInputPreprocessingResponse> out =
                LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                        ? LambdaEventSerializers.serializerFor(type, FirehoseTransformIT.class.getClassLoader())
                        : JacksonFactory.getInstance().getSerializer(type);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(response, bytes);
        return Payloads.JSON.readTree(bytes.toByteArray());
    }

    /** Delivers each Ok record as Firehose's OpenSearch destination does; returns the bulk answer. */
    private JsonNode deliver(JsonNode response) throws Exception {
        StringBuilder bulk = new StringBuilder();
        for (JsonNode r : response.path("records")) {
            if (r.path("result").asText().equals("Ok")) {
                bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n")
                        .append(new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        try (Response r = connection.client().generic().execute(Requests.builder().method("POST").endpoint("/_bulk")
                .query(Map.of("refresh", "true"))
                .body(Body.from(bulk.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson")).build())) {
            return Payloads.JSON.readTree(r.getBody().map(Body::bodyAsString).orElse("{}"));
        }
    }

    private static byte[] twoEventPayload() {
        return Payloads.gzip(Payloads.dataJson("/app/api", "i-0abc",
                "e1", T, "{\"level\":\"ERROR\",\"msg\":\"boom\"}",
                "e2", T + 1, "GET /health 200\nsecond line"));
    }

    @Test
    void cloudWatchLogsDocument_overLambdaRuntimeAndBulk_oneDocumentPerOkRecordIndexed() throws Exception {
        String eventJson = firehoseEventJson(twoEventPayload(), Payloads.gzip(Payloads.CONTROL_JSON),
                "broken".getBytes(StandardCharsets.UTF_8));

        JsonNode response = invoke(eventJson, FirehoseTransform.cloudWatchLogsDocument());

        List<String> shape = new ArrayList<>();
        response.path("records").forEach(r -> shape.add(r.path("recordId").asText() + ":" + r.path("result").asText()
                + ":" + r.has("data")));
        assertThat(shape).containsExactly("r0:Ok:true", "r1:Dropped:true", "r2:ProcessingFailed:true");
        // The failed record carries its original data back, base64 as Firehose wants it.
        assertThat(Base64.getDecoder().decode(response.path("records").get(2).path("data").asText()))
                .isEqualTo("broken".getBytes(StandardCharsets.UTF_8));

        JsonNode bulk = deliver(response);
        assertThat(bulk.path("errors").asBoolean()).as(bulk.toString()).isFalse();
        assertThat(bulk.path("items")).hasSize(1);
        try (Response r = connection.client().generic().execute(Requests.builder().method("GET")
                .endpoint("/" + index + "/_search").build())) {
            JsonNode hits = Payloads.JSON.readTree(r.getBody().orElseThrow().bodyAsString()).path("hits");
            assertThat(hits.path("total").path("value").asLong()).isEqualTo(1);
            JsonNode doc = hits.path("hits").get(0).path("_source");
            assertThat(doc.path("@timestamp").asText()).isEqualTo("2015-08-24T19:03:07Z");
            assertThat(doc.path("logGroup").asText()).isEqualTo("/app/api");
            assertThat(doc.path("eventCount").asInt()).isEqualTo(2);
            assertThat(doc.path("message").asText()).isEqualTo("{\"level\":\"ERROR\",\"msg\":\"boom\"}\nGET /health 200\nsecond line");
            assertThat(doc.path("events").get(0).path("id").asText()).isEqualTo("e1");
            assertThat(doc.path("events").get(0).path("fields").path("level").asText()).isEqualTo("ERROR");
            assertThat(doc.path("events").get(1).path("@timestamp").asText()).isEqualTo("2015-08-24T19:03:07.001Z");
        }
    }

    @Test
    void cloudWatchLogsNdjson_deliveredToOpenSearch_isRefused() throws Exception {
        // Why the OpenSearch transformation exists: two documents in one record break the destination's bulk.
        JsonNode response = invoke(firehoseEventJson(twoEventPayload()), FirehoseTransform.cloudWatchLogs());

        JsonNode bulk = deliver(response);

        assertThat(bulk.path("errors").asBoolean(false) || bulk.has("error")).as(bulk.toString()).isTrue();
    }
}
