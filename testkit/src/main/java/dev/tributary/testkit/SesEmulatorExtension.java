package dev.tributary.testkit;

/**
 * JUnit 5 extension that starts {@link LocalSes#shared() the SES emulator} once per JVM and injects it as a
 * {@link LocalSes} parameter. Register with {@code @ExtendWith(SesEmulatorExtension.class)}.
 */
public final class SesEmulatorExtension extends PeerExtension<LocalSes> {
    /** Created by JUnit. */
    public SesEmulatorExtension() {
        super(LocalSes.class, LocalSes::shared);
    }
}
