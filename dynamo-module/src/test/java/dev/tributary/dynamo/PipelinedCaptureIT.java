package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.PipelinedChangeHandler;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The embedded capture with a {@link PipelinedChangeHandler}: several batches in flight, checkpoints in order. */
@ExtendWith(DynamoDbLocalExtension.class)
class PipelinedCaptureIT {
    private static final int ITEMS = 1_500;

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final ScheduledExecutorService acks = Executors.newScheduledThreadPool(4);
    private final List<String> tables = new ArrayList<>();

    PipelinedCaptureIT(LocalDynamoDb local) {
        ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = settings.applyTo(DynamoDbStreamsClient.builder())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void cleanUp() {
        acks.shutdownNow();
        tables.forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
        streams.close();
    }

    @Test
    void capture_pipelinedHandler_keepsSeveralBatchesInFlightAndCheckpointsInStreamOrder() throws Exception {
        String table = filledTable("pipelined");
        RecordingHandler handler = new RecordingHandler(-1);
        RecordingCheckpoints checkpoints = new RecordingCheckpoints();
        try (ChangeCapture<Map<String, AttributeValue>> capture = capture(table, handler, checkpoints, 4)) {
            capture.start();
            await(() -> capture.metrics().records() == ITEMS);
        }

        assertThat(handler.maxInFlight.get()).as("batches in flight at once").isBetween(2, 4);
        assertThat(handler.asyncKeys).hasSize(ITEMS).doesNotHaveDuplicates();
        assertThat(handler.syncBatches).isEmpty();
        assertThat(checkpoints.advanced).isSortedAccordingTo(PipelinedCaptureIT::compareSequenceNumbers)
                .hasSizeGreaterThanOrEqualTo(ITEMS / 100);
        assertThat(checkpoints.advanced.get(checkpoints.advanced.size() - 1)).isEqualTo(handler.lastSequenceNumber());
    }

    @Test
    void capture_pipelinedBatchRefused_deliversItAndEveryLaterBatchAgainInOrder() throws Exception {
        String table = filledTable("refused");
        RecordingHandler handler = new RecordingHandler(3);
        RecordingCheckpoints checkpoints = new RecordingCheckpoints();
        try (ChangeCapture<Map<String, AttributeValue>> capture = capture(table, handler, checkpoints, 4)) {
            capture.start();
            await(() -> capture.metrics().records() == ITEMS);
        }

        // The refused batch comes again through handle(), first, followed by the batches that were in flight
        // behind it, in stream order; nothing after it was checkpointed before it was acknowledged.
        assertThat(handler.syncBatches).isNotEmpty();
        List<String> redelivered = handler.syncBatches.stream().map(b -> b.get(0)).toList();
        assertThat(redelivered.get(0)).isEqualTo(handler.refusedFirstSequenceNumber);
        assertThat(redelivered).isSortedAccordingTo(PipelinedCaptureIT::compareSequenceNumbers);
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(handler.asyncKeys);
        all.addAll(handler.syncKeys);
        assertThat(all).hasSize(ITEMS);
        assertThat(checkpoints.advanced).isSortedAccordingTo(PipelinedCaptureIT::compareSequenceNumbers);
        assertThat(checkpoints.advanced).noneMatch(seq -> compareSequenceNumbers(seq,
                handler.refusedFirstSequenceNumber) >= 0 && checkpoints.advancedBeforeRedelivery(seq, handler));
    }

    @Test
    void capture_batchesStillInFlightAtTheShardsTip_areCheckpointedWhenAcknowledgedNotAfterThePollingPause()
            throws Exception {
        String table = filledTable("tip");
        // Every batch is acknowledged 300 ms after it is handed over, so when the reader reaches the tip (an empty
        // page) the last batches are still in flight; the polling pause there is 10 minutes.
        PipelinedChangeHandler<Map<String, AttributeValue>> slowAcks = new PipelinedChangeHandler<>() {
            @Override
            public CompletableFuture<Void> handleAsync(List<ChangeEvent<Map<String, AttributeValue>>> batch) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                acks.schedule(() -> ack.complete(null), 300, TimeUnit.MILLISECONDS);
                return ack;
            }

            @Override
            public void handle(List<ChangeEvent<Map<String, AttributeValue>>> batch) {
                handleAsync(batch).join();
            }
        };
        try (ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().streamsClient(streams)
                .dynamoDbClient(dynamo).tableName(table).checkpointStore(new RecordingCheckpoints()).batchSize(100)
                .maxBatchesInFlight(8).polling(Duration.ofMinutes(10), Duration.ofMinutes(10))
                .handler("slow-acks", slowAcks).build()) {
            capture.start();

            // Before, the batches acknowledged during the pause were checkpointed only after it.
            await(() -> capture.metrics().records() == ITEMS);
        }
    }

    private ChangeCapture<Map<String, AttributeValue>> capture(String table, RecordingHandler handler,
            CheckpointStore checkpoints, int inFlight) {
        return ChangeCapture.raw().streamsClient(streams).dynamoDbClient(dynamo).tableName(table)
                .checkpointStore(checkpoints).batchSize(100).maxBatchesInFlight(inFlight)
                .polling(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler("pipelined", handler, FailurePolicy.builder().maxAttempts(3)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build())
                .build();
    }

    private String filledTable(String prefix) {
        String name = prefix + "-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        for (int start = 0; start < ITEMS; start += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = start; i < start + 25; i++) {
                String id = "item-" + i;
                writes.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("id", AttributeValue.fromS(id))))
                        .build());
            }
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(name, writes)));
        }
        return name;
    }

    private static int compareSequenceNumbers(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b));
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    /**
     * Acknowledges each batch after a random delay (so later batches often finish first), refusing the
     * {@code refuse}-th batch once.
     */
    private final class RecordingHandler implements PipelinedChangeHandler<Map<String, AttributeValue>> {
        private final int refuse;
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final List<String> asyncKeys = new CopyOnWriteArrayList<>();
        private final List<String> syncKeys = new CopyOnWriteArrayList<>();
        private final List<List<String>> syncBatches = new CopyOnWriteArrayList<>();
        private final List<String> asyncLastSequenceNumbers = new CopyOnWriteArrayList<>();
        private volatile String refusedFirstSequenceNumber;
        private volatile long redeliveryStartedNanos = Long.MAX_VALUE;

        RecordingHandler(int refuse) {
            this.refuse = refuse;
        }

        @Override
        public CompletableFuture<Void> handleAsync(List<ChangeEvent<Map<String, AttributeValue>>> batch) {
            int call = calls.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            asyncLastSequenceNumbers.add(batch.get(batch.size() - 1).sequenceNumber());
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.schedule(() -> {
                inFlight.decrementAndGet();
                if (call == refuse) {
                    refusedFirstSequenceNumber = batch.get(0).sequenceNumber();
                    ack.completeExceptionally(new IllegalStateException("refused once"));
                } else {
                    batch.forEach(e -> asyncKeys.add(e.keys().get("id").toString()));
                    ack.complete(null);
                }
            }, ThreadLocalRandom.current().nextInt(5, 40), TimeUnit.MILLISECONDS);
            return ack;
        }

        @Override
        public void handle(List<ChangeEvent<Map<String, AttributeValue>>> batch) {
            redeliveryStartedNanos = Math.min(redeliveryStartedNanos, System.nanoTime());
            syncBatches.add(batch.stream().map(ChangeEvent::sequenceNumber).toList());
            batch.forEach(e -> syncKeys.add(e.keys().get("id").toString()));
        }

        String lastSequenceNumber() {
            return asyncLastSequenceNumbers.stream().max(PipelinedCaptureIT::compareSequenceNumbers).orElseThrow();
        }
    }

    /** Remembers every checkpoint advance, and when it happened. */
    private static final class RecordingCheckpoints implements CheckpointStore {
        private final InMemoryCheckpointStore delegate = InMemoryCheckpointStore.create();
        private final List<String> advanced = new CopyOnWriteArrayList<>();
        private final Map<String, Long> advancedAt = new ConcurrentHashMap<>();

        @Override
        public Optional<String> read(String consumer, String streamArn, String shardId) {
            return delegate.read(consumer, streamArn, shardId);
        }

        @Override
        public void advance(String consumer, String streamArn, String shardId, String sequenceNumber) {
            advanced.add(sequenceNumber);
            advancedAt.put(sequenceNumber, System.nanoTime());
            delegate.advance(consumer, streamArn, shardId, sequenceNumber);
        }

        @Override
        public void markFinished(String consumer, String streamArn, String shardId) {
            delegate.markFinished(consumer, streamArn, shardId);
        }

        @Override
        public boolean isFinished(String consumer, String streamArn, String shardId) {
            return delegate.isFinished(consumer, streamArn, shardId);
        }

        boolean advancedBeforeRedelivery(String seq, RecordingHandler handler) {
            return advancedAt.getOrDefault(seq, Long.MAX_VALUE) < handler.redeliveryStartedNanos;
        }
    }
}
