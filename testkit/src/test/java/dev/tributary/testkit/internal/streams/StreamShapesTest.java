package dev.tributary.testkit.internal.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class StreamShapesTest {

    @Test
    void base_manyDraws_coverTheWholeDigitRange() {
        Random rng = new Random(1);
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            lengths.add(SequenceNumbers.base(rng, 21, 40).toString().length());
        }

        assertThat(lengths).hasSize(20).contains(21, 40);
    }

    @Test
    void next_manySteps_increaseWithIrregularGapsAndKeepLength() {
        Random rng = new Random(2);
        BigInteger n = SequenceNumbers.base(rng, 21, 21);
        Set<BigInteger> gaps = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            BigInteger next = SequenceNumbers.next(rng, n);
            gaps.add(next.subtract(n));
            assertThat(next).isGreaterThan(n);
            n = next;
        }

        assertThat(gaps).hasSizeGreaterThan(300);
        assertThat(gaps.stream().max(BigInteger::compareTo).orElseThrow()).isGreaterThan(BigInteger.valueOf(1_000_000));
        assertThat(n.toString()).hasSize(21);
    }

    @Test
    void parse_nonDigitsOrTooLong_isNull() {
        assertThat(SequenceNumbers.parse("000123")).isEqualTo(BigInteger.valueOf(123));
        assertThat(SequenceNumbers.parse("12a")).isNull();
        assertThat(SequenceNumbers.parse("")).isNull();
        assertThat(SequenceNumbers.parse("1".repeat(41))).isNull();
        assertThat(SequenceNumbers.parse(null)).isNull();
    }

    @Test
    void keyHash_sameKeysInAnyOrder_sameHashInRange() {
        Map<String, AttributeValue> ab = new LinkedHashMap<>();
        ab.put("pk", AttributeValue.fromS("user-1"));
        ab.put("sk", AttributeValue.fromN("2"));
        Map<String, AttributeValue> ba = new LinkedHashMap<>();
        ba.put("sk", AttributeValue.fromN("2"));
        ba.put("pk", AttributeValue.fromS("user-1"));

        BigInteger hash = KeyHash.of(ab);

        assertThat(KeyHash.of(ba)).isEqualTo(hash);
        assertThat(hash).isNotNegative().isLessThan(KeyHash.SPACE);
    }

    @Test
    void keyHash_sameTextDifferentTypeOrName_differs() {
        assertThat(KeyHash.of(Map.of("pk", AttributeValue.fromS("1"))))
                .isNotEqualTo(KeyHash.of(Map.of("pk", AttributeValue.fromN("1"))))
                .isNotEqualTo(KeyHash.of(Map.of("id", AttributeValue.fromS("1"))));
    }

    @Test
    void iteratorToken_roundTrip_keepsEveryField() {
        IteratorToken token = new IteratorToken("arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2024",
                "shardId-00000001600000000000-0a1b2c3d", 42, 1_700_000_000_123L);

        String encoded = token.encode();

        assertThat(encoded).startsWith(token.streamArn() + "|1|");
        assertThat(IteratorToken.decode(encoded)).isEqualTo(token);
    }

    @Test
    void iteratorToken_foreignStrings_decodeToNull() {
        assertThat(IteratorToken.decode("000000000000000000001")).isNull();
        assertThat(IteratorToken.decode("arn|1|!!!")).isNull();
        assertThat(IteratorToken.decode("arn|1|" + Base64.getUrlEncoder().encodeToString("s/-1/5".getBytes())))
                .isNull();
    }

    private static Shard shard(String id, String parent) {
        return Shard.builder().shardId(id).parentShardId(parent).build();
    }

    @Test
    void page_limitAndStart_walkEveryShardOnce() {
        List<Shard> shards = List.of(shard("s1", null), shard("s2", "s1"), shard("s3", "s1"), shard("s4", "s2"));

        ShardPages.Page first = ShardPages.page(shards, DescribeStreamRequest.builder().limit(2).build(), 100);
        ShardPages.Page second = ShardPages.page(shards,
                DescribeStreamRequest.builder().limit(2).exclusiveStartShardId(first.lastEvaluated()).build(), 100);
        ShardPages.Page capped = ShardPages.page(shards, DescribeStreamRequest.builder().build(), 3);

        assertThat(first.shards()).extracting(Shard::shardId).containsExactly("s1", "s2");
        assertThat(first.lastEvaluated()).isEqualTo("s2");
        assertThat(second.shards()).extracting(Shard::shardId).containsExactly("s3", "s4");
        assertThat(second.lastEvaluated()).isNull();
        assertThat(capped.shards()).hasSize(3);
        assertThat(capped.lastEvaluated()).isEqualTo("s3");
    }

    @Test
    void page_childShardsFilter_listsOnlyChildren() {
        List<Shard> shards = List.of(shard("s1", null), shard("s2", "s1"), shard("s3", "s1"), shard("s4", "s2"));

        ShardPages.Page page = ShardPages.page(shards, DescribeStreamRequest.builder()
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId("s1")).build(), 100);

        assertThat(page.shards()).extracting(Shard::shardId).containsExactly("s2", "s3");
        assertThat(page.lastEvaluated()).isNull();
    }

    @Test
    void append_realRecord_getsVirtualSequenceAndSecondPrecisionTimeOnly() {
        Random rng = new Random(3);
        VirtualShard shard = new VirtualShard("shardId-1", null, BigInteger.ZERO, KeyHash.SPACE,
                SequenceNumbers.base(rng, 21, 40));
        Record real = Record.builder().eventID("e-1").eventName(OperationType.MODIFY).awsRegion("ddblocal")
                .userIdentity(i -> i.principalId("dynamodb.amazonaws.com").type("Service"))
                .dynamodb(d -> d.sequenceNumber("000000000000000000007").sizeBytes(42L)
                        .approximateCreationDateTime(Instant.parse("2030-01-01T10:00:05.789Z"))
                        .keys(Map.of("pk", AttributeValue.fromS("k")))
                        .newImage(Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("2")))
                        .oldImage(Map.of("pk", AttributeValue.fromS("k"), "v", AttributeValue.fromN("1")))
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();

        shard.append(real, 0, rng);
        shard.close(rng, 1);

        Record served = shard.slice(0, 1).get(0).record();
        assertThat(served.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2030-01-01T10:00:05Z"));
        assertThat(served.dynamodb().sequenceNumber()).matches("[1-9][0-9]{20,39}");
        assertThat(served.toBuilder().dynamodb(served.dynamodb().toBuilder()
                        .sequenceNumber("000000000000000000007")
                        .approximateCreationDateTime(Instant.parse("2030-01-01T10:00:05.789Z")).build()).build())
                .isEqualTo(real);
        BigInteger ending = new BigInteger(shard.toShard().sequenceNumberRange().endingSequenceNumber());
        assertThat(ending).isGreaterThan(new BigInteger(served.dynamodb().sequenceNumber()));
        assertThat(shard.expired(0)).as("nothing expires before a trim").isFalse();
        assertThat(shard.expired(1)).isTrue();
    }
}
