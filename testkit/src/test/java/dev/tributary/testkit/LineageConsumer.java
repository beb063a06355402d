package dev.tributary.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A correct stream consumer, for the tests: one reader thread per shard, a shard started only once its parent
 * was read to its end (or its parent is no longer listed), throttling retried, expired iterators renewed after
 * the last record read. Records are delivered in arrival order into one list.
 */
final class LineageConsumer {
    private final DynamoDbStreamsClient client;
    private final String streamArn;
    private final int limit;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final List<Record> delivered = new ArrayList<>();
    private final Map<String, List<Record>> byShard = new LinkedHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private volatile @Nullable Throwable failure;

    LineageConsumer(DynamoDbStreamsClient client, String streamArn, int limit) {
        this.client = client;
        this.streamArn = streamArn;
        this.limit = limit;
    }

    /** Reads until {@code expected} records arrived; fails after {@code timeoutSeconds}. */
    LineageConsumer readUntil(int expected, int timeoutSeconds) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(timeoutSeconds)).pollInterval(Duration.ofMillis(20))
                    .alias(expected + " records")
                    .failFast(() -> failure != null)
                    .until(() -> {
                        startReadyShards(pool);
                        return deliveredCount() >= expected;
                    });
        } finally {
            stop.set(true);
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                throw new AssertionError("shard readers did not stop within 30 s");
            }
        }
        if (failure != null) {
            throw new AssertionError("a shard reader failed", failure);
        }
        return this;
    }

    /** Starts a reader for each listed shard whose parent is finished (or trimmed away) and has none yet. */
    private void startReadyShards(ExecutorService pool) {
        List<Shard> shards = describeAll(client, streamArn, null);
        Set<String> listed = ConcurrentHashMap.newKeySet();
        shards.forEach(s -> listed.add(s.shardId()));
        for (Shard s : shards) {
            String parent = s.parentShardId();
            boolean parentDone = parent == null || finished.contains(parent) || !listed.contains(parent);
            if (parentDone && started.add(s.shardId())) {
                pool.submit(() -> read(s.shardId()));
            }
        }
    }

    /** Lists every shard, page by page; with a {@code pageLimit}, pages of at most that many. */
    static List<Shard> describeAll(DynamoDbStreamsClient client, String streamArn, @Nullable Integer pageLimit) {
        List<Shard> out = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse r = client.describeStream(b -> b.streamArn(streamArn).limit(pageLimit)
                    .exclusiveStartShardId(from));
            out.addAll(r.streamDescription().shards());
            start = r.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return out;
    }

    private void read(String shardId) {
        try {
            String lastSeq = null;
            String iterator = iterator(shardId, null);
            while (!stop.get() && iterator != null) {
                GetRecordsResponse r;
                try {
                    calls.incrementAndGet();
                    String it = iterator;
                    r = client.getRecords(b -> b.shardIterator(it).limit(limit));
                } catch (LimitExceededException e) {
                    throttles.incrementAndGet();
                    Thread.sleep(2);
                    continue;
                } catch (ExpiredIteratorException e) {
                    expired.incrementAndGet();
                    iterator = iterator(shardId, lastSeq);
                    continue;
                }
                if (!r.records().isEmpty()) {
                    synchronized (this) {
                        delivered.addAll(r.records());
                        byShard.computeIfAbsent(shardId, k -> new ArrayList<>()).addAll(r.records());
                    }
                    lastSeq = r.records().get(r.records().size() - 1).dynamodb().sequenceNumber();
                } else {
                    Thread.sleep(10);
                }
                iterator = r.nextShardIterator();
            }
            if (iterator == null) {
                finished.add(shardId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    private String iterator(String shardId, @Nullable String afterSeq) {
        return client.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(afterSeq == null ? ShardIteratorType.TRIM_HORIZON
                                : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(afterSeq))
                .shardIterator();
    }

    synchronized int deliveredCount() {
        return delivered.size();
    }

    synchronized List<Record> delivered() {
        return List.copyOf(delivered);
    }

    synchronized Map<String, List<Record>> byShard() {
        return new LinkedHashMap<>(byShard);
    }

    long calls() {
        return calls.get();
    }

    long throttles() {
        return throttles.get();
    }

    long expired() {
        return expired.get();
    }
}
