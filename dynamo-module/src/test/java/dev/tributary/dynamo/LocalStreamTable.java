package dev.tributary.dynamo;

import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Base of ITs that read the stream of one table of the test kit's DynamoDB Local: a DynamoDB and a Streams
 * client, and a table name unique to the test, which the test creates and this base drops after it.
 */
@ExtendWith(DynamoDbLocalExtension.class)
abstract class LocalStreamTable {
    protected final DynamoDbClient dynamo;
    protected final DynamoDbStreamsClient streams;
    protected final String table;

    LocalStreamTable(LocalDynamoDb local, String tablePrefix) {
        this.dynamo = ItClients.dynamo(local);
        this.streams = ItClients.streams(local);
        this.table = tablePrefix + "_" + System.nanoTime();
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
        streams.close();
    }
}
