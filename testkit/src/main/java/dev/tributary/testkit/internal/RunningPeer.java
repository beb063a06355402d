package dev.tributary.testkit.internal;

/**
 * A started peer server, however it runs ({@link ChildProcess} or {@link ContainerPeer}): what a local peer
 * class stops on {@code close()}.
 */
public interface RunningPeer extends AutoCloseable {
    /** Stops the peer; does nothing when it has stopped already. */
    @Override
    void close();
}
