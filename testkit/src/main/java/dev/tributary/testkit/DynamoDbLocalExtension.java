package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeerExtension;

/**
 * JUnit 5 extension that starts {@link LocalDynamoDb#shared() DynamoDB Local} once per JVM and injects it as a
 * {@link LocalDynamoDb} parameter. Register with {@code @ExtendWith(DynamoDbLocalExtension.class)}.
 */
public final class DynamoDbLocalExtension extends SharedPeerExtension<LocalDynamoDb> {
    /** Created by JUnit. */
    public DynamoDbLocalExtension() {
        super(LocalDynamoDb.class, LocalDynamoDb::shared);
    }
}
