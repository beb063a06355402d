package dev.tributary.testkit;

/**
 * JUnit 5 extension that starts {@link LocalSecureOpenSearch#shared() the secured OpenSearch node} (TLS and
 * internal users) once per JVM and injects it as a {@link LocalSecureOpenSearch} parameter. Register with
 * {@code @ExtendWith(SecureOpenSearchExtension.class)}.
 */
public final class SecureOpenSearchExtension extends PeerExtension<LocalSecureOpenSearch> {
    /** Created by JUnit. */
    public SecureOpenSearchExtension() {
        super(LocalSecureOpenSearch.class, LocalSecureOpenSearch::shared);
    }
}
