package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.testkit.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/** Maps records that DynamoDB Local really streamed, for a composite-key table with a bean schema. */
class StreamRecordMapperIT extends LocalStreamTable {
    StreamRecordMapperIT(LocalDynamoDb local) {
        super(local, "orders");
    }

    @Test
    void toEvents_putUpdateDelete_giveTypedEventsInOrder() {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        String arn = StreamTables.ensureTable(dynamo, TableDefinition.builder()
                .tableName(table)
                .hashKey("customerId", ScalarAttributeType.S)
                .rangeKey("orderNo", ScalarAttributeType.N)
                .build());
        Map<String, AttributeValue> key = Map.of(
                "customerId", AttributeValue.fromS("c-1"), "orderNo", AttributeValue.fromN("7"));
        dynamo.putItem(b -> b.tableName(table).item(Map.of("customerId", AttributeValue.fromS("c-1"),
                "orderNo", AttributeValue.fromN("7"), "total", AttributeValue.fromN("10.5"))));
        dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET #t = :t")
                .expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromN("12"))));
        dynamo.deleteItem(b -> b.tableName(table).key(key));
        String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = streams.getRecords(b -> b.shardIterator(iterator).limit(100)).records();

        List<ChangeEvent<CustomerOrder>> events =
                StreamRecordMapper.of(TableSchema.fromBean(CustomerOrder.class)).toEvents(records, arn, shardId);

        assertThat(events).extracting(ChangeEvent::type)
                .containsExactly(ChangeType.INSERT, ChangeType.MODIFY, ChangeType.REMOVE);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.keys().keySet()).containsExactly("customerId", "orderNo");
            assertThat(e.keys().get("orderNo")).isEqualTo(new BigDecimal("7"));
            assertThat(e.sourceId()).isEqualTo(arn);
            assertThat(e.partition()).isEqualTo(shardId);
            assertThat(e.approximateCreationTime()).isAfter(before);
            assertThat(e.metadata()).doesNotContainKey(StreamRecordMapper.CREATION_TIME_ESTIMATED);
        });
        assertThat(events.get(0).newImage()).map(CustomerOrder::getTotal).hasValue(new BigDecimal("10.5"));
        assertThat(events.get(1).oldImage()).map(CustomerOrder::getTotal).hasValue(new BigDecimal("10.5"));
        assertThat(events.get(1).newImage()).map(CustomerOrder::getTotal).hasValue(new BigDecimal("12"));
        assertThat(events.get(2).newImage()).isEmpty();
        assertThat(events.get(2).oldImage()).map(CustomerOrder::getOrderNo).hasValue(7L);
        assertThat(events).extracting(ChangeEvent::eventId).doesNotHaveDuplicates();
    }
}
