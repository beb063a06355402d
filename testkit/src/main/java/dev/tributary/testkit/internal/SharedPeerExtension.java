package dev.tributary.testkit.internal;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Base of the per-JVM peer extensions: starts the shared peer before the test class runs (so a missing tool
 * fails the class with its install command, never a silent skip) and injects it into constructors and
 * methods that declare a parameter of its type.
 *
 * @param <P> the peer type
 */
public abstract class SharedPeerExtension<P> implements BeforeAllCallback, ParameterResolver {
    private final Class<P> type;
    private final Supplier<P> shared;

    /**
     * For subclasses.
     *
     * @param type the peer type injected
     * @param shared returns the JVM-wide peer, starting it on first call
     */
    protected SharedPeerExtension(Class<P> type, Supplier<P> shared) {
        this.type = type;
        this.shared = shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared.get();
    }
}
