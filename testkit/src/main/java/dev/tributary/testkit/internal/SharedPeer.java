package dev.tributary.testkit.internal;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * What every per-JVM peer extension does, held as a field by each public extension (composition, so the public
 * extensions expose no internal base type): starts the shared peer before the test class runs (a missing tool
 * fails the class with its install command, never a silent skip) and resolves parameters of the peer's type.
 *
 * @param <P> the peer type
 */
public final class SharedPeer<P> {
    private final Class<P> type;
    private final Supplier<P> shared;

    private SharedPeer(Class<P> type, Supplier<P> shared) {
        this.type = type;
        this.shared = shared;
    }

    /**
     * Creates the helper.
     *
     * @param type the peer type injected
     * @param shared returns the JVM-wide peer, starting it on first call
     * @param <P> the peer type
     * @return the helper
     */
    public static <P> SharedPeer<P> of(Class<P> type, Supplier<P> shared) {
        return new SharedPeer<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(shared, "shared"));
    }

    /** Starts the peer (once per JVM). */
    public void start() {
        shared.get();
    }

    /**
     * Returns whether a parameter asks for the peer.
     *
     * @param parameter the parameter
     * @return whether its type is the peer type
     */
    public boolean supports(ParameterContext parameter) {
        return parameter.getParameter().getType() == type;
    }

    /** Returns the peer, starting it if needed. */
    public P get() {
        return shared.get();
    }
}
