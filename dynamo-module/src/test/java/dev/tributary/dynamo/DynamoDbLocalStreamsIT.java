package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.LocalDynamoDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Proves the test kit's DynamoDB Local serves tables and their streams to our SDK version. */
class DynamoDbLocalStreamsIT extends LocalStreamTable {
    DynamoDbLocalStreamsIT(LocalDynamoDb local) {
        super(local, "users");
    }

    @Test
    void putAndDelete_item_appearInStreamAsInsertThenRemove() {
        String streamArn = dynamo.createTable(b -> b.tableName(table)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("userId").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "userId", AttributeValue.fromS("u-1"), "email", AttributeValue.fromS("someone@example.test"))));
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("userId", AttributeValue.fromS("u-1"))));

        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> records = streams.getRecords(b -> b.shardIterator(iterator).limit(100)).records();

        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.REMOVE);
        assertThat(records.get(0).dynamodb().newImage()).containsEntry("userId", AttributeValue.fromS("u-1"));
        assertThat(records.get(1).dynamodb().oldImage()).containsKey("email");
        assertThat(records.get(0).dynamodb().sequenceNumber())
                .isLessThan(records.get(1).dynamodb().sequenceNumber());
    }
}
