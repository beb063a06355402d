package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts {@link LocalOpenSearch#shared() the OpenSearch node} once per JVM and injects it as a
 * {@link LocalOpenSearch} parameter. Register with {@code @ExtendWith(OpenSearchExtension.class)}.
 */
public final class OpenSearchExtension implements BeforeAllCallback, ParameterResolver {
    private final SharedPeer<LocalOpenSearch> peer = SharedPeer.of(LocalOpenSearch.class, LocalOpenSearch::shared);

    /** Created by JUnit. */
    public OpenSearchExtension() {}

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
