package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirehoseTransformTest {

    private static KinesisFirehoseEvent event(byte[]... data) {
        List<KinesisFirehoseEvent.Record> records = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            KinesisFirehoseEvent.Record r = new KinesisFirehoseEvent.Record().withRecordId("r" + i)
                    .withApproximateArrivalTimestamp(1440442987000L);
            r.setData(ByteBuffer.wrap(data[i]));
            records.add(r);
        }
        return new KinesisFirehoseEvent().withInvocationId("inv-1")
                .withDeliveryStreamArn("arn:aws:firehose:eu-west-1:111111111111:deliverystream/cwl")
                .withRegion("eu-west-1").withRecords(records);
    }

    private static byte[] bytes(ByteBuffer b) {
        return KinesisLambda.bytes(b);
    }

    @Test
    void cloudWatchLogs_dataControlAndMalformed_okDroppedAndFailedInOrder() throws Exception {
        byte[] data = Payloads.gzip(Payloads.dataJson("/app/api", "i-0abc",
                "e1", 1440442987000L, "{\"level\":\"ERROR\",\"msg\":\"boom\"}",
                "e2", 1440442987001L, "GET /health 200"));
        byte[] control = Payloads.gzip(Payloads.CONTROL_JSON);
        byte[] malformed = "not a payload".getBytes(StandardCharsets.UTF_8);

        KinesisAnalyticsInputPreprocessingResponse response =
                FirehoseTransform.apply(event(data, control, malformed), FirehoseTransform.cloudWatchLogs());

        List<KinesisAnalyticsInputPreprocessingResponse.Record> out = response.getRecords();
        assertThat(out).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getRecordId)
                .containsExactly("r0", "r1", "r2");
        assertThat(out).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getResult)
                .containsExactly(Result.Ok, Result.Dropped, Result.ProcessingFailed);

        String ndjson = new String(bytes(out.get(0).getData()), StandardCharsets.UTF_8);
        assertThat(ndjson).endsWith("\n");
        String[] lines = ndjson.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Payloads.JSON.readTree(lines[0]);
        assertThat(first.path("id").asText()).isEqualTo("e1");
        assertThat(first.path("@timestamp").asText()).isEqualTo("2015-08-24T19:03:07Z");
        assertThat(first.path("logGroup").asText()).isEqualTo("/app/api");
        assertThat(first.path("fields").path("level").asText()).isEqualTo("ERROR");
        JsonNode second = Payloads.JSON.readTree(lines[1]);
        assertThat(second.path("message").asText()).isEqualTo("GET /health 200");
        assertThat(second.has("fields")).isFalse();

        assertThat(bytes(out.get(2).getData())).isEqualTo(malformed);
    }

    @Test
    void apply_customFunction_nullDropsAndBytesPassThrough() {
        byte[] keep = "keep".getBytes(StandardCharsets.UTF_8);
        byte[] drop = "drop".getBytes(StandardCharsets.UTF_8);

        KinesisAnalyticsInputPreprocessingResponse response = FirehoseTransform.apply(event(keep, drop),
                d -> new String(d, StandardCharsets.UTF_8).equals("drop") ? null
                        : (new String(d, StandardCharsets.UTF_8).toUpperCase() + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(response.getRecords().get(0).getResult()).isEqualTo(Result.Ok);
        assertThat(new String(bytes(response.getRecords().get(0).getData()), StandardCharsets.UTF_8)).isEqualTo("KEEP\n");
        assertThat(response.getRecords().get(1).getResult()).isEqualTo(Result.Dropped);
    }

    @Test
    void apply_noRecords_emptyResponse() {
        assertThat(FirehoseTransform.apply(new KinesisFirehoseEvent(), d -> d).getRecords()).isEmpty();
    }

    @Test
    void jsonDocument_objectArrayAndNdjson_onlyTheSingleObjectIsOk() {
        byte[] object = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        byte[] ndjson = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
        byte[] map = "map".getBytes(StandardCharsets.UTF_8);

        KinesisAnalyticsInputPreprocessingResponse response = FirehoseTransform.apply(event(object, array, ndjson, map),
                FirehoseTransform.jsonDocument(d -> new String(d, StandardCharsets.UTF_8).equals("map")
                        ? java.util.Map.of("text", "line one\nline two") : d));

        assertThat(response.getRecords()).extracting(KinesisAnalyticsInputPreprocessingResponse.Record::getResult)
                .containsExactly(Result.Ok, Result.ProcessingFailed, Result.ProcessingFailed, Result.Ok);
        assertThat(new String(bytes(response.getRecords().get(0).getData()), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        String fromMap = new String(bytes(response.getRecords().get(3).getData()), StandardCharsets.UTF_8);
        assertThat(fromMap).isEqualTo("{\"text\":\"line one\\nline two\"}").doesNotContain("\n");
        assertThat(bytes(response.getRecords().get(2).getData())).isEqualTo(ndjson);
    }

    @Test
    void cloudWatchLogsDocument_twoEvents_oneObjectWithoutLineBreaks() throws Exception {
        byte[] data = Payloads.gzip(Payloads.dataJson("/app/api", "i-0abc",
                "e1", 1440442987000L, "first\nwith a line break", "e2", 1440442987001L, "second"));

        byte[] out = FirehoseTransform.cloudWatchLogsToDocument(data);

        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        JsonNode doc = Payloads.JSON.readTree(text);
        assertThat(doc.path("eventCount").asInt()).isEqualTo(2);
        assertThat(doc.path("message").asText()).isEqualTo("first\nwith a line break\nsecond");
        assertThat(doc.path("events").get(1).path("id").asText()).isEqualTo("e2");
        assertThat(doc.path("events").get(1).has("logGroup")).isFalse();
        assertThat(FirehoseTransform.cloudWatchLogsToDocument(Payloads.gzip(Payloads.CONTROL_JSON))).isNull();
    }
}
