package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AwsShapedStreams over a real DynamoDB Local stream: one table of a few thousand writes (BatchWriteItem from
 * four threads, puts and deletes over 300 keys) is shared by the tests, each of which builds its own rigs.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class AwsShapedStreamsIT {
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient local;
    private static final List<String> tables = new ArrayList<>();
    private static String arn;
    /** DynamoDB Local's records, read directly: the truth the rigs are checked against. */
    private static List<Record> real;

    @BeforeAll
    static void writeWorkload(LocalDynamoDb server) throws Exception {
        dynamo = StreamFixtures.dynamo(server.endpoint());
        local = StreamFixtures.streams(server.endpoint());
        arn = table("aws_shaped");
        StreamFixtures.write(dynamo, tables.get(0), 4, 30, 300, 1);
        real = StreamFixtures.readReal(local, arn);
        assertThat(real).hasSizeGreaterThan(2000);
    }

    @AfterAll
    static void dropTables() {
        tables.forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
        local.close();
    }

    private static String table(String prefix) {
        String name = prefix + "_" + System.nanoTime();
        tables.add(name);
        return StreamFixtures.createTable(dynamo, name);
    }

    @Test
    void getRecords_concurrentLineageConsumer_deliversEveryRecordOnceInKeyOrder() throws Exception {
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).seed(11)
                .rolloverEvery(400).splitEvery(1300).throttleRate(0.1).expiredIteratorRate(0.1).pageSize(3)
                .build();

        LineageConsumer consumer = new LineageConsumer(rig, arn, 40).readUntil(real.size(), 120);

        List<Record> delivered = consumer.delivered();
        assertThat(delivered).extracting(Record::eventID).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(real.stream().map(Record::eventID).toList());
        assertThat(StreamFixtures.eventIdsByKey(delivered)).isEqualTo(StreamFixtures.eventIdsByKey(real));
        assertThat(delivered).allSatisfy(r -> assertThat(r.dynamodb().approximateCreationDateTime().getNano()).isZero());
        assertPassThrough(delivered);
        List<Shard> shards = LineageConsumer.describeAll(rig, arn, null);
        assertSequenceNumbers(shards, consumer.byShard());
        assertTopology(shards, rig);
        assertThat(consumer.throttles()).isPositive().isEqualTo(rig.throttles());
        assertThat(consumer.expired()).isPositive().isEqualTo(rig.expiredIterators());
        assertThat(rig.recordsServed()).isEqualTo(real.size());
        assertThat(rig.recordsPulled()).isEqualTo(real.size());
    }

    /** Everything but the sequence number and the creation time's fraction comes through unchanged. */
    private static void assertPassThrough(List<Record> delivered) {
        Map<String, Record> byId = real.stream().collect(Collectors.toMap(Record::eventID, Function.identity()));
        for (Record r : delivered) {
            Record original = byId.get(r.eventID());
            assertThat(r.eventName()).isEqualTo(original.eventName());
            assertThat(r.dynamodb().keys()).isEqualTo(original.dynamodb().keys());
            assertThat(r.dynamodb().newImage()).isEqualTo(original.dynamodb().newImage());
            assertThat(r.dynamodb().oldImage()).isEqualTo(original.dynamodb().oldImage());
            assertThat(r.dynamodb().sizeBytes()).isEqualTo(original.dynamodb().sizeBytes());
            assertThat(r.dynamodb().streamViewType()).isEqualTo(original.dynamodb().streamViewType());
            assertThat(r.dynamodb().approximateCreationDateTime())
                    .isEqualTo(original.dynamodb().approximateCreationDateTime().truncatedTo(ChronoUnit.SECONDS));
            assertThat(r.dynamodb().sequenceNumber()).isNotEqualTo(original.dynamodb().sequenceNumber());
        }
    }

    private static void assertSequenceNumbers(List<Shard> shards, Map<String, List<Record>> byShard) {
        Set<BigInteger> gaps = new HashSet<>();
        Map<String, Shard> listed = shards.stream().collect(Collectors.toMap(Shard::shardId, Function.identity()));
        byShard.forEach((shardId, records) -> {
            Shard shard = listed.get(shardId);
            BigInteger previous = new BigInteger(shard.sequenceNumberRange().startingSequenceNumber());
            for (Record r : records) {
                String text = r.dynamodb().sequenceNumber();
                assertThat(text).matches("[1-9][0-9]{20,39}");
                BigInteger seq = new BigInteger(text);
                assertThat(seq).as("sequence numbers increase within %s", shardId).isGreaterThan(previous);
                gaps.add(seq.subtract(previous));
                previous = seq;
            }
            String ending = shard.sequenceNumberRange().endingSequenceNumber();
            if (ending != null) {
                assertThat(new BigInteger(ending)).isGreaterThanOrEqualTo(previous);
            }
        });
        assertThat(gaps).as("irregular gaps").hasSizeGreaterThan(100).doesNotContain(BigInteger.ZERO);
    }

    private static void assertTopology(List<Shard> shards, AwsShapedStreams rig) {
        Map<String, Shard> byId = shards.stream().collect(Collectors.toMap(Shard::shardId, Function.identity()));
        Map<String, List<Shard>> children = shards.stream().filter(s -> s.parentShardId() != null)
                .collect(Collectors.groupingBy(Shard::parentShardId));
        assertThat(shards.stream().filter(s -> s.parentShardId() == null)).hasSize(1);
        assertThat(rig.rollovers()).isPositive();
        assertThat(rig.splits()).isPositive();
        assertThat(rig.shardCount()).isEqualTo(shards.size());
        assertThat(children.values()).extracting(List::size).contains(1, 2).allMatch(n -> n == 1 || n == 2);
        boolean childBelowParent = false;
        for (var e : children.entrySet()) {
            Shard parent = byId.get(e.getKey());
            assertThat(parent).as("parent of %s is listed", e.getValue()).isNotNull();
            assertThat(parent.sequenceNumberRange().endingSequenceNumber()).as("a parent is closed").isNotNull();
            BigInteger parentEnd = new BigInteger(parent.sequenceNumberRange().endingSequenceNumber());
            for (Shard child : e.getValue()) {
                childBelowParent |= new BigInteger(child.sequenceNumberRange().startingSequenceNumber())
                        .compareTo(parentEnd) < 0;
            }
        }
        assertThat(childBelowParent).as("some child's numbers start below its parent's end").isTrue();
        List<String> ids = shards.stream().map(Shard::shardId).toList();
        assertThat(ids).isSorted().allMatch(id -> id.matches("shardId-[0-9]{20}-[0-9a-f]{8}"));
    }

    @Test
    void build_sameSeed_sameTopologyAndSequenceNumbers() {
        Map<String, String> first = readInOrder(rigWithSeed(7));
        Map<String, String> second = readInOrder(rigWithSeed(7));
        Map<String, String> other = readInOrder(rigWithSeed(8));

        assertThat(first).hasSize(real.size()).isEqualTo(second);
        assertThat(other).hasSize(real.size()).isNotEqualTo(first);
        assertThat(LineageConsumer.describeAll(rigWithSeed(7), arn, null)).hasSize(1);
    }

    private static AwsShapedStreams rigWithSeed(long seed) {
        return AwsShapedStreams.builder().delegate(local).seed(seed).rolloverEvery(500).splitEvery(1100).build();
    }

    /** Reads a rig single-threaded, shard by shard in listing order; returns eventID to "shard/sequence". */
    private static Map<String, String> readInOrder(AwsShapedStreams rig) {
        Map<String, String> out = new HashMap<>();
        Set<String> read = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean more = true;
        while (more) {
            more = false;
            for (Shard s : LineageConsumer.describeAll(rig, arn, 2)) {
                if (!read.add(s.shardId())) {
                    continue;
                }
                more = true;
                String it = rig.getShardIterator(b -> b.streamArn(arn).shardId(s.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (it != null) {
                    assertThat(System.nanoTime()).as("read within 60 s").isLessThan(deadline);
                    String current = it;
                    GetRecordsResponse r = rig.getRecords(b -> b.shardIterator(current).limit(333));
                    r.records().forEach(rec -> out.put(rec.eventID(), s.shardId() + "/" + rec.dynamodb().sequenceNumber()));
                    it = r.records().isEmpty() ? null : r.nextShardIterator();
                }
            }
        }
        return out;
    }

    @Test
    void describeStream_childShardsFilterAndPages_listWhatAwsWould() {
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).seed(3).build();
        String root = LineageConsumer.describeAll(rig, arn, null).get(0).shardId();
        rig.split();
        rig.rollover();

        List<Shard> all = LineageConsumer.describeAll(rig, arn, 1);
        List<Shard> rootChildren = rig.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(root))).streamDescription().shards();
        List<Shard> grandChildren = rig.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(rootChildren.get(0).shardId())))
                .streamDescription().shards();

        assertThat(all).hasSize(5).extracting(Shard::shardId).doesNotHaveDuplicates();
        assertThat(rootChildren).hasSize(2).allMatch(s -> root.equals(s.parentShardId()));
        assertThat(grandChildren).singleElement()
                .satisfies(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull());
        assertThat(rig.describeStream(b -> b.streamArn(arn).limit(2)).streamDescription().lastEvaluatedShardId())
                .isEqualTo(all.get(1).shardId());
        assertThat(rig.describeStream(b -> b.streamArn(arn)).streamDescription().tableName())
                .isEqualTo(tables.get(0));
        assertThat(rig.splits()).isEqualTo(1);
        assertThat(rig.rollovers()).isEqualTo(1);
        assertThatThrownBy(() -> rig.describeStream(b -> b.streamArn(arn).limit(101)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertAwsError(e, "ValidationException"));
        assertThatThrownBy(() -> rig.describeStream(b -> b.streamArn(arn)
                        .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertAwsError(e, "ValidationException"));
    }

    @Test
    void getRecords_singleReader_faultsAtConfiguredRates() {
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).seed(5)
                .throttleRate(0.1).expiredIteratorRate(0.05).build();
        String shard = LineageConsumer.describeAll(rig, arn, null).get(0).shardId();
        int calls = 0;
        int received = 0;
        String lastSeq = null;
        String it = iterator(rig, shard, ShardIteratorType.TRIM_HORIZON, null);
        while (received < real.size()) {
            assertThat(calls).as("calls bounded").isLessThan(real.size() * 3);
            calls++;
            String current = it;
            try {
                GetRecordsResponse r = rig.getRecords(b -> b.shardIterator(current).limit(2));
                received += r.records().size();
                if (!r.records().isEmpty()) {
                    lastSeq = r.records().get(r.records().size() - 1).dynamodb().sequenceNumber();
                }
                it = r.nextShardIterator();
            } catch (LimitExceededException e) {
                assertAwsError(e, "LimitExceededException");
            } catch (ExpiredIteratorException e) {
                assertAwsError(e, "ExpiredIteratorException");
                it = lastSeq == null ? iterator(rig, shard, ShardIteratorType.TRIM_HORIZON, null)
                        : iterator(rig, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSeq);
            }
        }

        assertThat(received).isEqualTo(real.size());
        assertThat((double) rig.throttles() / calls).isBetween(0.07, 0.13);
        assertThat((double) rig.expiredIterators() / calls).isBetween(0.03, 0.07);
    }

    private static void assertAwsError(AwsServiceException e, String code) {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.awsErrorDetails().serviceName()).isEqualTo("DynamoDbStreams");
        assertThat(e.requestId()).isNotBlank();
    }

    private static String iterator(DynamoDbStreamsClient client, String shard, ShardIteratorType type, String seq) {
        return client.getShardIterator(b -> b.streamArn(arn).shardId(shard).shardIteratorType(type).sequenceNumber(seq))
                .shardIterator();
    }

    @Test
    void getRecords_iteratorPastLifetime_throwsExpiredIterator() throws Exception {
        MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).clock(clock).build();
        String shard = LineageConsumer.describeAll(rig, arn, null).get(0).shardId();
        String it = iterator(rig, shard, ShardIteratorType.TRIM_HORIZON, null);
        clock.advance(Duration.ofMinutes(15));
        String next = rig.getRecords(b -> b.shardIterator(it).limit(1)).nextShardIterator();

        clock.advance(Duration.ofMinutes(15).plusMillis(1));

        assertThatThrownBy(() -> rig.getRecords(b -> b.shardIterator(next)))
                .isInstanceOfSatisfying(ExpiredIteratorException.class, e -> assertAwsError(e, "ExpiredIteratorException"));
        assertThat(rig.expiredIterators()).isEqualTo(1);

        AwsShapedStreams shortLived = AwsShapedStreams.builder().delegate(local).clock(clock)
                .iteratorLifetime(Duration.ofMillis(200)).build();
        String fresh = iterator(shortLived, shard, ShardIteratorType.LATEST, null);
        clock.advance(Duration.ofMillis(300));
        assertThatThrownBy(() -> shortLived.getRecords(b -> b.shardIterator(fresh)))
                .isInstanceOf(ExpiredIteratorException.class);
    }

    @Test
    void trimAll_positionsBeforeTrimPoint_failAndTrimHorizonStartsAfter() throws Exception {
        String smallArn = table("aws_shaped_trim");
        String smallTable = tables.get(tables.size() - 1);
        StreamFixtures.write(dynamo, smallTable, 1, 2, 60, 2);
        List<Record> before = StreamFixtures.readReal(local, smallArn);
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).seed(9).build();
        String root = LineageConsumer.describeAll(rig, smallArn, null).get(0).shardId();
        String oldIterator = iteratorOn(rig, smallArn, root, ShardIteratorType.TRIM_HORIZON, null);
        List<Record> firstRead = rig.getRecords(b -> b.shardIterator(oldIterator).limit(10)).records();

        assertThat(rig.trimBefore(5)).isEqualTo(5);
        assertThat(rig.getRecords(b -> b.shardIterator(iteratorOn(rig, smallArn, root, ShardIteratorType.TRIM_HORIZON, null))
                .limit(1)).records()).extracting(Record::eventID).containsExactly(before.get(5).eventID());

        rig.rollover();
        StreamFixtures.write(dynamo, smallTable, 1, 1, 60, 3);
        String child = LineageConsumer.describeAll(rig, smallArn, null).get(1).shardId();
        String trimmedInChild = rig.getRecords(b -> b.shardIterator(iteratorOn(rig, smallArn, child,
                ShardIteratorType.TRIM_HORIZON, null))).records().get(0).dynamodb().sequenceNumber();
        long trimmed = rig.trimAll();
        StreamFixtures.write(dynamo, smallTable, 1, 1, 60, 4);
        int afterTrim = StreamFixtures.readReal(local, smallArn).size() - (int) rig.recordsPulled();

        assertThat(trimmed).isEqualTo(rig.recordsPulled() - 5);
        assertThatThrownBy(() -> rig.getRecords(b -> b.shardIterator(oldIterator)))
                .isInstanceOfSatisfying(TrimmedDataAccessException.class, e -> assertAwsError(e, "TrimmedDataAccessException"));
        assertThatThrownBy(() -> iteratorOn(rig, smallArn, child, ShardIteratorType.AT_SEQUENCE_NUMBER, trimmedInChild))
                .isInstanceOf(TrimmedDataAccessException.class);
        assertThatThrownBy(() -> iteratorOn(rig, smallArn, root, ShardIteratorType.TRIM_HORIZON, null))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(LineageConsumer.describeAll(rig, smallArn, null)).extracting(Shard::shardId).containsExactly(child);
        List<Record> fresh = rig.getRecords(b -> b.shardIterator(iteratorOn(rig, smallArn, child,
                ShardIteratorType.TRIM_HORIZON, null))).records();
        assertThat(fresh).hasSize(afterTrim).isNotEmpty()
                .extracting(Record::eventID).doesNotContainAnyElementsOf(firstRead.stream().map(Record::eventID).toList());
        assertThat(rig.trimmedErrors()).isEqualTo(2);
    }

    private static String iteratorOn(
            DynamoDbStreamsClient client, String streamArn, String shard, ShardIteratorType type, String seq) {
        return client.getShardIterator(b -> b.streamArn(streamArn).shardId(shard).shardIteratorType(type)
                .sequenceNumber(seq)).shardIterator();
    }

    @Test
    void lambdaEvents_splitStream_batchesPerShardInLambdaShape() {
        AwsShapedStreams rig = AwsShapedStreams.builder().delegate(local).seed(21).splitEvery(900).build();
        Map<String, String> shardOf = new HashMap<>();
        readInOrder(AwsShapedStreams.builder().delegate(local).seed(21).splitEvery(900).build())
                .forEach((id, where) -> shardOf.put(id, where.substring(0, where.indexOf('/'))));

        List<DynamodbEvent> events = rig.lambdaEvents(arn, 100);

        List<DynamodbStreamRecord> records = events.stream().flatMap(e -> e.getRecords().stream()).toList();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getRecords()).hasSizeBetween(1, 100);
            assertThat(e.getRecords()).extracting(r -> shardOf.get(r.getEventID())).containsOnly(
                    shardOf.get(e.getRecords().get(0).getEventID()));
        });
        assertThat(records).extracting(DynamodbStreamRecord::getEventID)
                .containsExactlyInAnyOrderElementsOf(real.stream().map(Record::eventID).toList());
        Map<String, List<String>> lambdaKeyOrder = new HashMap<>();
        for (DynamodbStreamRecord r : records) {
            String key = r.getDynamodb().getKeys().get("pk").getS() + "#" + r.getDynamodb().getKeys().get("sk").getN();
            lambdaKeyOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(r.getEventID());
        }
        assertThat(lambdaKeyOrder).isEqualTo(StreamFixtures.eventIdsByKey(real));
        Map<String, Record> byId = real.stream().collect(Collectors.toMap(Record::eventID, Function.identity()));
        assertThat(records).allSatisfy(r -> {
            Record original = byId.get(r.getEventID());
            assertThat(r.getEventSourceARN()).isEqualTo(arn);
            assertThat(r.getAwsRegion()).isEqualTo(original.awsRegion() == null ? "ddblocal" : original.awsRegion());
            assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
            assertThat(r.getEventName()).isEqualTo(original.eventNameAsString());
            assertThat(r.getDynamodb().getApproximateCreationDateTime().getTime() % 1000).isZero();
            assertThat(r.getDynamodb().getSequenceNumber()).matches("[1-9][0-9]{20,39}");
            assertThat(r.getDynamodb().getSizeBytes()).isEqualTo(original.dynamodb().sizeBytes());
            assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
            if (original.dynamodb().hasNewImage()) {
                assertThat(r.getDynamodb().getNewImage().get("version").getN())
                        .isEqualTo(original.dynamodb().newImage().get("version").n());
            } else {
                assertThat(r.getDynamodb().getNewImage()).isNull();
            }
            if (original.dynamodb().hasOldImage()) {
                assertThat(r.getDynamodb().getOldImage().get("note").getS())
                        .isEqualTo(original.dynamodb().oldImage().get("note").s());
            }
        });
        assertThat(rig.recordsServed()).isZero();
    }
}
