package dev.tributary.testkit.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The JVM-wide instance of one peer type: started by the first {@link #get()}, then handed to every caller;
 * it stops with the JVM, so the peer's {@code close()} asks {@link #is(Object)} and ignores the shared one.
 * Thread-safe.
 *
 * @param <P> the peer type
 */
public final class JvmShared<P> {
    private final Supplier<P> start;
    private @Nullable P instance;

    /**
     * Creates the holder; nothing starts yet.
     *
     * @param start starts the peer (and registers whatever stops it with the JVM)
     */
    public JvmShared(Supplier<P> start) {
        this.start = start;
    }

    /** Returns the shared peer, starting it on the first call. */
    public synchronized P get() {
        P p = instance;
        if (p == null) {
            p = start.get();
            instance = p;
        }
        return p;
    }

    /** Returns whether {@code peer} is the shared instance, which its owner must not close. */
    public synchronized boolean is(Object peer) {
        return peer == instance;
    }
}
