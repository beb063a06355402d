package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts {@link LocalSqs#shared() the embedded SQS server} once per JVM and injects it as
 * a {@link LocalSqs} parameter. Register with {@code @ExtendWith(LocalSqsExtension.class)}.
 */
public final class LocalSqsExtension implements BeforeAllCallback, ParameterResolver {
    private final SharedPeer<LocalSqs> peer = SharedPeer.of(LocalSqs.class, LocalSqs::shared);

    /** Created by JUnit. */
    public LocalSqsExtension() {}

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
