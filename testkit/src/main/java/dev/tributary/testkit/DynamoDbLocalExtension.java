package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts {@link LocalDynamoDb#shared() DynamoDB Local} once per JVM and injects it as a
 * {@link LocalDynamoDb} parameter. Register with {@code @ExtendWith(DynamoDbLocalExtension.class)}.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, ParameterResolver {
    private final SharedPeer<LocalDynamoDb> peer = SharedPeer.of(LocalDynamoDb.class, LocalDynamoDb::shared);

    /** Created by JUnit. */
    public DynamoDbLocalExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        peer.start();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return peer.supports(parameter);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return peer.get();
    }
}
