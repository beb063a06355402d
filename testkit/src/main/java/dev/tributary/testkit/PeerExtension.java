package dev.tributary.testkit;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one shape of every test kit extension: starts a peer once per JVM before the test class runs (a missing
 * tool fails the class with its install command, never a silent skip) and injects it as a constructor or method
 * parameter of the peer's type. {@link DynamoDbLocalExtension}, {@link OpenSearchExtension},
 * {@link SecureOpenSearchExtension}, {@link SesEmulatorExtension} and {@link LocalSqsExtension} are its instances;
 * a new peer adds one more in three lines.
 *
 * <p>Supported API (not an {@code internal} type), so that public extensions never expose an unsupported
 * supertype.
 *
 * @param <P> the peer type
 */
public abstract class PeerExtension<P> implements BeforeAllCallback, ParameterResolver {
    private final Class<P> type;
    private final Supplier<P> shared;

    /**
     * Creates the extension.
     *
     * @param type the peer type injected
     * @param shared returns the JVM-wide peer, starting it on first call
     */
    protected PeerExtension(Class<P> type, Supplier<P> shared) {
        this.type = Objects.requireNonNull(type, "type");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        shared.get();
    }

    @Override
    public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared.get();
    }
}
