package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts {@link LocalSecureOpenSearch#shared() the secured OpenSearch node} (TLS and
 * internal users) once per JVM and injects it as a {@link LocalSecureOpenSearch} parameter. Register with
 * {@code @ExtendWith(SecureOpenSearchExtension.class)}.
 */
public final class SecureOpenSearchExtension implements BeforeAllCallback, ParameterResolver {
    private final SharedPeer<LocalSecureOpenSearch> peer = SharedPeer.of(LocalSecureOpenSearch.class, LocalSecureOpenSearch::shared);

    /** Created by JUnit. */
    public SecureOpenSearchExtension() {}

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
