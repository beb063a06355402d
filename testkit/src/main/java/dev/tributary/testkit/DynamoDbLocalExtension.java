package dev.tributary.testkit;

/**
 * JUnit 5 extension that starts {@link LocalDynamoDb#shared() DynamoDB Local} once per JVM and injects it as a
 * {@link LocalDynamoDb} parameter. Register with {@code @ExtendWith(DynamoDbLocalExtension.class)}.
 */
public final class DynamoDbLocalExtension extends PeerExtension<LocalDynamoDb> {
    /** Created by JUnit. */
    public DynamoDbLocalExtension() {
        super(LocalDynamoDb.class, LocalDynamoDb::shared);
    }
}
