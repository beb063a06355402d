package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.tributary.core.TributaryValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisLambdaTest {

    static KinesisEvent.KinesisEventRecord record(String shard, String sequenceNumber, byte[] data) {
        KinesisEvent.Record k = new KinesisEvent.Record();
        k.setSequenceNumber(sequenceNumber);
        k.setData(ByteBuffer.wrap(data));
        k.setPartitionKey("pk-" + sequenceNumber);
        k.setApproximateArrivalTimestamp(Date.from(Instant.parse("2026-11-22T10:00:00Z")));
        k.setKinesisSchemaVersion("1.0");
        KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
        r.setKinesis(k);
        r.setEventID(shard + ":" + sequenceNumber);
        r.setEventName("aws:kinesis:record");
        r.setEventSource("aws:kinesis");
        r.setEventSourceARN("arn:aws:kinesis:eu-west-1:111111111111:stream/orders");
        r.setAwsRegion("eu-west-1");
        return r;
    }

    static KinesisEvent event(List<KinesisEvent.KinesisEventRecord> records) {
        KinesisEvent e = new KinesisEvent();
        e.setRecords(records);
        return e;
    }

    @Test
    void records_lambdaEvent_shardFromEventIdAndDataCopied() {
        String seq = "49545115243490985018280067714973144582180062593244200961";
        byte[] data = "Hello, this is a test 123.".getBytes(StandardCharsets.UTF_8);

        List<KinesisRecord> records = KinesisLambda.records(event(List.of(record("shardId-000000000000", seq, data))));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.shardId()).isEqualTo("shardId-000000000000");
            assertThat(r.sequenceNumber()).isEqualTo(seq);
            assertThat(r.data()).isEqualTo(data);
            assertThat(r.partitionKey()).isEqualTo("pk-" + seq);
            assertThat(r.approximateArrivalTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(r.defaultId()).isEqualTo("shardId-000000000000-" + seq);
            assertThat(r.toString()).doesNotContain("Hello");
        });
    }

    @Test
    void records_eventIdWithoutShard_throwsValidation() {
        KinesisEvent.KinesisEventRecord r = record("shardId-000000000000", "1", new byte[] {'{', '}'});
        r.setEventID("no-colon");

        assertThatThrownBy(() -> KinesisLambda.records(event(List.of(r))))
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("Records[0].eventID"));
    }

    @Test
    void records_noRecords_empty() {
        assertThat(KinesisLambda.records(new KinesisEvent())).isEmpty();
    }
}
