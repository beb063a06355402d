package dev.tributary.dynamo.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.FailurePolicy;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.HandlerRegistration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

class KclShardProcessorTest {
    private static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
    private static final String SHARD = "shardId-00000001700000000000-abcdef01";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:10Z");
    private static final FailurePolicy QUICK_STOP = FailurePolicy.builder().maxAttempts(2)
            .backoff(Duration.ZERO, Duration.ZERO).build();

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();

    /** The item type of the typed-schema tests. */
    static final class Person {
        private @Nullable String id;
        private @Nullable Integer age;

        @Nullable String getId() {
            return id;
        }

        void setId(@Nullable String id) {
            this.id = id;
        }

        @Nullable Integer getAge() {
            return age;
        }

        void setAge(@Nullable Integer age) {
            this.age = age;
        }
    }

    private static final TableSchema<Person> PERSON = StaticTableSchema.builder(Person.class)
            .newItemSupplier(Person::new)
            .addAttribute(String.class, a -> a.name("userId").getter(Person::getId).setter(Person::setId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(Integer.class, a -> a.name("age").getter(Person::getAge).setter(Person::setAge))
            .build();

    /** Records every RecordProcessorCheckpointer.checkpoint() call; can fail the first ones. */
    static final class FakeCheckpointer implements RecordProcessorCheckpointer {
        int checkpoints;
        int throttleFirst;
        boolean leaseGone;
        final List<String> sequenceNumbers = new ArrayList<>();

        @Override
        public void checkpoint(String sequenceNumber) throws ThrottlingException, ShutdownException {
            checkpoint();
            sequenceNumbers.add(sequenceNumber);
        }

        @Override
        public void checkpoint() throws ThrottlingException, ShutdownException {
            if (leaseGone) {
                throw new ShutdownException("lease lost");
            }
            if (throttleFirst > 0) {
                throttleFirst--;
                throw new ThrottlingException("slow down");
            }
            checkpoints++;
        }

        @Override
        public void checkpoint(software.amazon.awssdk.services.kinesis.model.Record record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkpoint(String sequenceNumber, long subSequenceNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(byte[] applicationState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(software.amazon.awssdk.services.kinesis.model.Record record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(software.amazon.awssdk.services.kinesis.model.Record record,
                byte[] applicationState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(String sequenceNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] applicationState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber,
                byte[] applicationState) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Checkpointer checkpointer() {
            throw new UnsupportedOperationException();
        }
    }

    /** Records listener calls as strings. */
    static final class RecordingListener implements CaptureListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onBatch(String shardId, int records, Duration lag) {
            calls.add("batch:" + records + ":" + lag.toSeconds());
        }

        @Override
        public void onShardStarted(String shardId) {
            calls.add("started");
        }

        @Override
        public void onShardEnded(String shardId, boolean stopped) {
            calls.add("ended:" + stopped);
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            calls.add("dead:" + deadLetter.event().sequenceNumber());
        }
    }

    private static Record insert(String id, String seq, String age) {
        Map<String, AttributeValue> image = Map.of("userId", AttributeValue.fromS(id), "age", AttributeValue.fromN(age));
        return record("INSERT", id, seq, image);
    }

    private static Record record(String eventName, String id, String seq, @Nullable Map<String, AttributeValue> image) {
        StreamRecord.Builder d = StreamRecord.builder()
                .keys(Map.of("userId", AttributeValue.fromS(id)))
                .sequenceNumber(seq)
                .approximateCreationDateTime(Instant.parse("2024-05-01T12:00:00Z"))
                .streamViewType("NEW_AND_OLD_IMAGES");
        if (image != null) {
            d.newImage(image);
        }
        return Record.builder().eventID("evt-" + seq).eventName(eventName).eventSource("aws:dynamodb")
                .awsRegion("us-east-1").dynamodb(d.build()).build();
    }

    private DynamoDBStreamsProcessRecordsInput batch(Record... records) {
        List<DynamoDBStreamsClientRecord> wrapped = new ArrayList<>();
        for (Record r : records) {
            wrapped.add(DynamoDBStreamsClientRecord.fromRecord(r));
        }
        return DynamoDBStreamsProcessRecordsInput.builder().records(wrapped).checkpointer(checkpointer)
                .millisBehindLatest(0L).isAtShardEnd(false).build();
    }

    private <T> KclRuntime<T> runtime(StreamRecordMapper<T> mapper, ChangeHandler<T> handler, FailurePolicy policy,
            @Nullable DeadLetterDestination unmappable, CaptureListener listener) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        KclRuntime<T> rt = new KclRuntime<>(STREAM, mapper, List.of(new HandlerRegistration<>("h", handler, policy)),
                unmappable, listener, clock);
        rt.started();
        return rt;
    }

    private KclShardProcessor<Person> processor(KclRuntime<Person> rt) {
        KclShardProcessor<Person> p = (KclShardProcessor<Person>) rt.shardRecordProcessor();
        p.initialize(InitializationInput.builder().shardId(SHARD).build());
        return p;
    }

    private ChangeHandler<Person> collecting() {
        return batch -> batch.forEach(e -> events.add(e.sequenceNumber() + "=" + e.newImage().map(Person::getAge)
                .orElse(null)));
    }

    @Test
    void processRecords_mappedBatch_deliversTypedEventsInOrderThenCheckpoints() {
        RecordingListener listener = new RecordingListener();
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null, listener);
        KclShardProcessor<Person> p = processor(rt);

        p.processRecords(batch(insert("a", "100", "30"), insert("b", "101", "40")));

        assertThat(events).containsExactly("100=30", "101=40");
        assertThat(checkpointer.checkpoints).isEqualTo(1);
        assertThat(listener.calls).containsExactly("started", "batch:2:10");
        CaptureMetrics m = rt.metrics();
        assertThat(m.records()).isEqualTo(2);
        assertThat(m.batches()).isEqualTo(1);
        assertThat(m.activeShards()).isEqualTo(1);
        assertThat(m.lag()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void processRecords_eventCarriesStreamArnAndShard_asChangeCaptureDoes() {
        List<ChangeEvent<Person>> seen = new CopyOnWriteArrayList<>();
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), seen::addAll, QUICK_STOP, null,
                CaptureListener.NONE);

        processor(rt).processRecords(batch(insert("a", "100", "30")));

        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.sourceId()).isEqualTo(STREAM);
            assertThat(e.partition()).isEqualTo(SHARD);
            assertThat(e.eventId()).isEqualTo("evt-100");
            assertThat(e.keys()).containsEntry("userId", "a");
        });
    }

    @Test
    void processRecords_handlerRefusesWithStopPolicy_noCheckpointAndLaterBatchesIgnored() {
        RecordingListener listener = new RecordingListener();
        int[] calls = {0};
        ChangeHandler<Person> failing = batch -> {
            calls[0]++;
            throw new IllegalStateException("down");
        };
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), failing, QUICK_STOP, null, listener);
        KclShardProcessor<Person> p = processor(rt);

        p.processRecords(batch(insert("a", "100", "30")));
        p.processRecords(batch(insert("b", "101", "31")));

        assertThat(calls[0]).as("two attempts of the first batch, none of the second").isEqualTo(2);
        assertThat(checkpointer.checkpoints).isZero();
        assertThat(rt.stoppedShards()).containsExactly(SHARD);
        assertThat(listener.calls).containsExactly("started", "ended:true");
        assertThat(rt.metrics().retries()).isEqualTo(1);
    }

    @Test
    void shardEnded_afterStop_doesNotCheckpointShardEnd() {
        ChangeHandler<Person> failing = batch -> {
            throw new IllegalStateException("down");
        };
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), failing, QUICK_STOP, null, CaptureListener.NONE);
        KclShardProcessor<Person> p = processor(rt);
        p.processRecords(batch(insert("a", "100", "30")));

        p.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(checkpointer.checkpoints).isZero();
        assertThat(rt.metrics().finishedShards()).isZero();
    }

    @Test
    void processRecords_poisonRecordWithDeadLetterPolicy_deadLettersOnlyItAndCheckpoints() {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        ChangeHandler<Person> picky = batch -> {
            if (batch.stream().anyMatch(e -> e.sequenceNumber().equals("102"))) {
                throw new IllegalArgumentException("poison");
            }
            batch.forEach(e -> events.add(e.sequenceNumber()));
        };
        FailurePolicy policy = FailurePolicy.builder().maxAttempts(1).backoff(Duration.ZERO, Duration.ZERO)
                .deadLetter(dead::add).build();
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), picky, policy, null, listener);

        processor(rt).processRecords(batch(insert("a", "100", "1"), insert("b", "101", "2"), insert("c", "102", "3"),
                insert("d", "103", "4")));

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.event().sequenceNumber()).isEqualTo("102");
            assertThat(d.record().dynamodb().sequenceNumber()).isEqualTo("102");
            assertThat(d.handler()).isEqualTo("h");
            assertThat(d.shardId()).isEqualTo(SHARD);
            assertThat(d.errorType()).isEqualTo(IllegalArgumentException.class.getName());
        });
        assertThat(events).containsExactly("100", "101", "103");
        assertThat(checkpointer.checkpoints).isEqualTo(1);
        assertThat(rt.metrics().deadLettered()).isEqualTo(1);
        assertThat(rt.stoppedShards()).isEmpty();
    }

    @Test
    void processRecords_unmappableRecordWithoutDestination_stopsShardWithoutCheckpoint() {
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null,
                CaptureListener.NONE);
        Record bad = record("INSERT", "x", "100", Map.of("userId", AttributeValue.fromS("x"),
                "age", AttributeValue.fromS("not a number")));

        processor(rt).processRecords(batch(bad, insert("b", "101", "2")));

        assertThat(events).isEmpty();
        assertThat(checkpointer.checkpoints).isZero();
        assertThat(rt.stoppedShards()).containsExactly(SHARD);
    }

    @Test
    void processRecords_unmappableRecordWithDestination_deadLettersItAndDeliversTheRest() {
        List<DeadLetter> unmappable = new CopyOnWriteArrayList<>();
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, unmappable::add,
                CaptureListener.NONE);
        Record bad = record("INSERT", "x", "100", Map.of("userId", AttributeValue.fromS("x"),
                "age", AttributeValue.fromS("not a number")));

        processor(rt).processRecords(batch(bad, insert("b", "101", "2")));

        assertThat(unmappable).singleElement().satisfies(d -> {
            assertThat(d.handler()).isEqualTo("<schema mapping>");
            assertThat(d.event().sequenceNumber()).isEqualTo("100");
        });
        assertThat(events).containsExactly("101=2");
        assertThat(checkpointer.checkpoints).isEqualTo(1);
    }

    @Test
    void shardEnded_healthyShard_checkpointsAndCountsFinished() {
        RecordingListener listener = new RecordingListener();
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null, listener);
        KclShardProcessor<Person> p = processor(rt);

        p.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());

        assertThat(checkpointer.checkpoints).isEqualTo(1);
        assertThat(rt.metrics().finishedShards()).isEqualTo(1);
        assertThat(rt.metrics().activeShards()).isZero();
        assertThat(listener.calls).containsExactly("started", "ended:false");
    }

    @Test
    void leaseLost_anyTime_doesNotCheckpoint() {
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null,
                CaptureListener.NONE);
        KclShardProcessor<Person> p = processor(rt);

        p.leaseLost(LeaseLostInput.builder().build());

        assertThat(checkpointer.checkpoints).isZero();
        assertThat(rt.metrics().activeShards()).isZero();
    }

    @Test
    void shutdownRequested_afterAcknowledgedBatch_checkpointsItsLastSequenceNumber() {
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null,
                CaptureListener.NONE);
        KclShardProcessor<Person> p = processor(rt);
        p.processRecords(batch(insert("u-1", "1", "30"), insert("u-2", "2", "31")));

        p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(checkpointer.sequenceNumbers).containsExactly("2", "2");
    }

    @Test
    void shutdownRequested_batchCutOffByClose_isNotCheckpointedOrDeadLettered() {
        List<DeadLetter> dead = new ArrayList<>();
        KclRuntime<Person>[] holder = new KclRuntime[1];
        ChangeHandler<Person> failsWhileStopping = batch -> {
            holder[0].stopping();
            throw new IllegalStateException("OpenSearch unavailable");
        };
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), failsWhileStopping,
                FailurePolicy.builder().maxAttempts(1).deadLetter(dead::add).build(), null, CaptureListener.NONE);
        holder[0] = rt;
        KclShardProcessor<Person> p = processor(rt);

        p.processRecords(batch(insert("u-1", "1", "30")));
        p.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());

        assertThat(dead).isEmpty();
        assertThat(checkpointer.checkpoints).isZero();
    }

    @Test
    void processRecords_checkpointThrottledTwice_retriesUntilItSucceeds() {
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null,
                CaptureListener.NONE);
        checkpointer.throttleFirst = 2;

        processor(rt).processRecords(batch(insert("a", "100", "30")));

        assertThat(checkpointer.checkpoints).isEqualTo(1);
        assertThat(checkpointer.throttleFirst).isZero();
    }

    @Test
    void processRecords_leaseGoneAtCheckpoint_returnsNormallyAndCountsDelivery() {
        KclRuntime<Person> rt = runtime(StreamRecordMapper.of(PERSON), collecting(), QUICK_STOP, null,
                CaptureListener.NONE);
        checkpointer.leaseGone = true;

        processor(rt).processRecords(batch(insert("a", "100", "30")));

        assertThat(events).containsExactly("100=30");
        assertThat(checkpointer.checkpoints).isZero();
        assertThat(rt.metrics().records()).isEqualTo(1);
    }

    @Test
    void processRecords_rawMapper_keepsAttributeMaps() {
        List<ChangeEvent<Map<String, AttributeValue>>> seen = new CopyOnWriteArrayList<>();
        KclRuntime<Map<String, AttributeValue>> rt = runtime(StreamRecordMapper.raw("userId", null), seen::addAll,
                QUICK_STOP, null, CaptureListener.NONE);
        KclShardProcessor<Map<String, AttributeValue>> p =
                (KclShardProcessor<Map<String, AttributeValue>>) rt.shardRecordProcessor();
        p.initialize(InitializationInput.builder().shardId(SHARD).build());

        p.processRecords(batch(insert("a", "100", "30"), record("REMOVE", "a", "101", null)));

        assertThat(seen.stream().map(e -> e.type().name()).collect(Collectors.toList()))
                .containsExactly("INSERT", "REMOVE");
        assertThat(seen.get(0).newImage()).hasValueSatisfying(m -> assertThat(m.get("age").n()).isEqualTo("30"));
        assertThat(checkpointer.checkpoints).isEqualTo(1);
    }
}
