package dev.tributary.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Plain-SDK tables, workloads and direct reads of DynamoDB Local's stream for the AwsShapedStreams tests. */
final class StreamFixtures {
    private StreamFixtures() {}

    static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }

    static DynamoDbStreamsClient streams(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        // DynamoDB Local accepts any credentials; these are placeholders, not a key.
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /** Creates a table keyed by pk (S) and sk (N) with a NEW_AND_OLD_IMAGES stream; returns the stream ARN. */
    static String createTable(DynamoDbClient dynamo, String table) {
        return dynamo.createTable(b -> b.tableName(table)
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
                        .keySchema(
                                KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    /**
     * Writes {@code threads * batches} BatchWriteItem requests of 25 distinct keys drawn from {@code keys} keys:
     * about 80% puts (inserts, or modifications since every put carries a new version) and 20% deletes.
     */
    static void write(DynamoDbClient dynamo, String table, int threads, int batches, int keys, long seed)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random rng = new Random(seed * 31 + t);
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        writeBatch(dynamo, table, batch(rng, keys, thread * 1_000_000 + b));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<WriteRequest> batch(Random rng, int keys, int version) {
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < 25) {
            picked.add(rng.nextInt(keys));
        }
        List<WriteRequest> out = new ArrayList<>();
        for (int k : picked) {
            Map<String, AttributeValue> key = key(k);
            if (rng.nextInt(5) == 0) {
                out.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
            } else {
                Map<String, AttributeValue> item = new HashMap<>(key);
                item.put("version", AttributeValue.fromN(Integer.toString(version)));
                item.put("note", AttributeValue.fromS("v" + version));
                out.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
        }
        return out;
    }

    static Map<String, AttributeValue> key(int k) {
        return Map.of("pk", AttributeValue.fromS("user-" + k / 3), "sk", AttributeValue.fromN(Integer.toString(k % 3)));
    }

    private static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> requests)
            throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pending.isEmpty() && !pending.getOrDefault(table, List.of()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("BatchWriteItem left unprocessed items for 30 s");
            }
            Map<String, List<WriteRequest>> send = pending;
            BatchWriteItemResponse r = dynamo.batchWriteItem(b -> b.requestItems(send));
            pending = r.unprocessedItems();
            if (!pending.isEmpty()) {
                Thread.sleep(20);
            }
        }
    }

    /** A key's identity in a record: "pk#sk". */
    static String keyOf(Record r) {
        return r.dynamodb().keys().get("pk").s() + "#" + r.dynamodb().keys().get("sk").n();
    }

    /** Reads DynamoDB Local's stream directly, every shard in lineage order, until it has nothing more. */
    static List<Record> readReal(DynamoDbStreamsClient local, String streamArn) {
        List<Shard> shards = local.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
        List<Record> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.size() < shards.size()) {
            for (Shard s : shards) {
                if (done.contains(s.shardId())
                        || (s.parentShardId() != null && !done.contains(s.parentShardId())
                                && shards.stream().anyMatch(p -> p.shardId().equals(s.parentShardId())))) {
                    continue;
                }
                String it = local.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (it != null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Reading DynamoDB Local's stream took over 60 s");
                    }
                    String current = it;
                    GetRecordsResponse r = local.getRecords(b -> b.shardIterator(current).limit(1000));
                    out.addAll(r.records());
                    // An open shard is done once it returns nothing: the writes finished before this read.
                    it = r.records().isEmpty() ? null : r.nextShardIterator();
                }
                done.add(s.shardId());
            }
        }
        return out;
    }

    /** Groups eventIDs by key, in the given order. */
    static Map<String, List<String>> eventIdsByKey(List<Record> records) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Record r : records) {
            out.computeIfAbsent(keyOf(r), k -> new ArrayList<>()).add(r.eventID());
        }
        return out;
    }
}
