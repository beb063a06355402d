package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB checkpoint store against DynamoDB Local: a checkpoint only ever moves forward. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbCheckpointStoreIT {
    private final DynamoDbClient dynamo;
    private final String table = "checkpoints-" + System.nanoTime();

    DynamoDbCheckpointStoreIT(LocalDynamoDb local) {
        this.dynamo = ItClients.dynamo(local);
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    @Test
    void advance_olderSequenceNumber_keepsTheNewerCheckpointWithoutFailing() {
        DynamoDbCheckpointStore store = DynamoDbCheckpointStore.create(dynamo, table);

        // Sequence numbers of different lengths: the store compares them as numbers, not as text.
        store.advance("consumer", "arn", "shard-1", "1000000000000000000000");
        store.advance("consumer", "arn", "shard-1", "999999999999999999999");

        assertThat(store.read("consumer", "arn", "shard-1")).contains("1000000000000000000000");
    }

    @Test
    void markFinished_thenIsFinished_isTrueOnlyForThatShard() {
        DynamoDbCheckpointStore store = DynamoDbCheckpointStore.create(dynamo, table);
        store.advance("consumer", "arn", "shard-1", "100");

        store.markFinished("consumer", "arn", "shard-1");

        assertThat(store.isFinished("consumer", "arn", "shard-1")).isTrue();
        assertThat(store.isFinished("consumer", "arn", "shard-2")).isFalse();
        assertThat(store.read("consumer", "arn", "shard-1")).contains("100");
    }
}
