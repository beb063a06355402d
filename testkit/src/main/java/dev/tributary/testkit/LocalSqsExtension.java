package dev.tributary.testkit;

import dev.tributary.testkit.internal.SharedPeerExtension;

/**
 * JUnit 5 extension that starts {@link LocalSqs#shared() the embedded SQS server} once per JVM and injects it as
 * a {@link LocalSqs} parameter. Register with {@code @ExtendWith(LocalSqsExtension.class)}.
 */
public final class LocalSqsExtension extends SharedPeerExtension<LocalSqs> {
    /** Created by JUnit. */
    public LocalSqsExtension() {
        super(LocalSqs.class, LocalSqs::shared);
    }
}
