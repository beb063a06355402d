package dev.tributary.testkit;

/**
 * JUnit 5 extension that starts {@link LocalSqs#shared() the embedded SQS server} once per JVM and injects it as
 * a {@link LocalSqs} parameter. Register with {@code @ExtendWith(LocalSqsExtension.class)}.
 */
public final class LocalSqsExtension extends PeerExtension<LocalSqs> {
    /** Created by JUnit. */
    public LocalSqsExtension() {
        super(LocalSqs.class, LocalSqs::shared);
    }
}
