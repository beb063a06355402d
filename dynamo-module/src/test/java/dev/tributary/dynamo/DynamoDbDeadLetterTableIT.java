package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The dead-letter table against DynamoDB Local: oversized poison records still land; one item per handler. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbDeadLetterTableIT {
    private final DynamoDbClient dynamo;
    private final String table = "dlq_" + System.nanoTime();

    DynamoDbDeadLetterTableIT(LocalDynamoDb local) {
        this.dynamo = ItClients.dynamo(local);
    }

    @AfterEach
    void drop() {
        try {
            dynamo.deleteTable(b -> b.tableName(table));
        } finally {
            dynamo.close();
        }
    }

    private static DeadLetter deadLetter(String handler, int imageBytes) {
        Map<String, AttributeValue> keys = Map.of("id", AttributeValue.fromS("k-1"));
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.fromS("k-1"),
                "blob", AttributeValue.fromS("x".repeat(imageBytes)));
        Record r = Record.builder().eventID("ev-1").eventName("MODIFY")
                .dynamodb(d -> d.keys(keys).newImage(image).oldImage(image).sequenceNumber("4000000000000000000000123456789")
                        .approximateCreationDateTime(Instant.parse("2026-01-01T00:00:00Z")))
                .build();
        ChangeEvent<Map<String, AttributeValue>> e = StreamRecordMapper.raw().toEvent(r, "arn:stream", "shard-1");
        return new DeadLetter(r, e, "arn:stream", "shard-1", handler, "java.lang.IllegalStateException",
                "refused", 3, Instant.parse("2026-01-01T00:00:01Z"));
    }

    @Test
    void accept_recordWithImagesOverTheItemLimit_landsWithKeysReasonAndSequenceNumber() {
        DynamoDbDeadLetterTable dlq = DynamoDbDeadLetterTable.create(dynamo, table);

        dlq.accept(deadLetter("search", 300 * 1024));

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(DynamoDbDeadLetterTable.KEY_ATTRIBUTE, AttributeValue.fromS("search|ev-1")))).item();
        assertThat(item).containsEntry("imagesOmitted", AttributeValue.fromBool(true))
                .containsEntry("sequenceNumber", AttributeValue.fromS("4000000000000000000000123456789"))
                .containsEntry("errorType", AttributeValue.fromS("java.lang.IllegalStateException"))
                .doesNotContainKeys("newImage", "oldImage");
        assertThat(item.get("keys").m()).containsEntry("id", AttributeValue.fromS("k-1"));
    }

    @Test
    void accept_smallRecordRefusedByTwoHandlers_keepsBothWithImages() {
        DynamoDbDeadLetterTable dlq = DynamoDbDeadLetterTable.create(dynamo, table);

        dlq.accept(deadLetter("search", 10));
        dlq.accept(deadLetter("mailer", 10));

        assertThat(dynamo.scan(b -> b.tableName(table).consistentRead(true)).items())
                .hasSize(2)
                .allSatisfy(i -> assertThat(i).containsKeys("newImage", "oldImage").doesNotContainKey("imagesOmitted"));
    }
}
