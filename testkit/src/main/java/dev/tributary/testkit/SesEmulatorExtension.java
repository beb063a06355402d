package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts {@link LocalSes#shared() the SES emulator} once per JVM and injects it as a
 * {@link LocalSes} parameter. Register with {@code @ExtendWith(SesEmulatorExtension.class)}.
 */
public final class SesEmulatorExtension implements BeforeAllCallback, ParameterResolver {
    private final SharedPeer<LocalSes> peer = SharedPeer.of(LocalSes.class, LocalSes::shared);

    /** Created by JUnit. */
    public SesEmulatorExtension() {}

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
