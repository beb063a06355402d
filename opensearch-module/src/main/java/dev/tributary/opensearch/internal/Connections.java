package dev.tributary.opensearch.internal;

import dev.tributary.core.Resilience;
import dev.tributary.opensearch.OpenSearchConnection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;

/**
 * The implementation side of {@link OpenSearchConnection} that Tributary's own packages use (per-index
 * Resilience guards, the generic client for raw requests) without it being public API on the connection.
 * {@code OpenSearchConnection} installs the accessor when its class is initialised, which has happened before
 * any instance can be passed here. Unsupported for users.
 */
public final class Connections {
    /** What the connection lends to Tributary's packages. */
    public interface Access {
        /**
         * Returns the guard for a backend name, created once per connection.
         *
         * @param connection the connection
         * @param name the backend name, such as {@code opensearch.products}
         * @return the guard
         */
        Resilience guard(OpenSearchConnection connection, String name);

        /**
         * Returns a generic client on the connection's transport (raw requests; refused after close).
         *
         * @param connection the connection
         * @return the generic client
         */
        OpenSearchGenericClient generic(OpenSearchConnection connection);
    }

    private static volatile @Nullable Access access;

    private Connections() {}

    /**
     * Installs the accessor; called once by {@link OpenSearchConnection}.
     *
     * @param a the accessor
     */
    public static synchronized void install(Access a) {
        if (access == null) {
            access = Objects.requireNonNull(a, "access");
        }
    }

    /**
     * Returns the connection's guard for {@code name}.
     *
     * @param connection the connection
     * @param name the backend name
     * @return the guard
     */
    public static Resilience guard(OpenSearchConnection connection, String name) {
        return access().guard(Objects.requireNonNull(connection, "connection"), name);
    }

    /**
     * Returns a generic client on the connection's transport.
     *
     * @param connection the connection
     * @return the generic client
     */
    public static OpenSearchGenericClient generic(OpenSearchConnection connection) {
        return access().generic(Objects.requireNonNull(connection, "connection"));
    }

    private static Access access() {
        return Objects.requireNonNull(access, "OpenSearchConnection has not been initialised");
    }
}
