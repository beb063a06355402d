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
}
