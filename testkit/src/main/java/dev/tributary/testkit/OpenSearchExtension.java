package dev.tributary.testkit;

/**
 * JUnit 5 extension that starts {@link LocalOpenSearch#shared() the OpenSearch node} once per JVM and injects it as a
 * {@link LocalOpenSearch} parameter. Register with {@code @ExtendWith(OpenSearchExtension.class)}.
 */
public final class OpenSearchExtension extends PeerExtension<LocalOpenSearch> {
    /** Created by JUnit. */
    public OpenSearchExtension() {
        super(LocalOpenSearch.class, LocalOpenSearch::shared);
    }
}
