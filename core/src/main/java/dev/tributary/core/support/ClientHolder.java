package dev.tributary.core.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a client and remembers whether Tributary created it: clients passed in by the user are never closed
 * by us; clients we built are closed exactly once.
 *
 * @param <C> the client type
 */
public final class ClientHolder<C extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHolder.class);

    private final C client;
    private final boolean owned;
    private boolean closed;

    private ClientHolder(C client, boolean owned) {
        this.client = client;
        this.owned = owned;
    }

    /**
     * Wraps a client Tributary created; {@link #close()} closes it.
     *
     * @param client the client
     * @param <C> the client type
     * @return the holder
     */
    public static <C extends AutoCloseable> ClientHolder<C> owned(C client) {
        return new ClientHolder<>(client, true);
    }

    /**
     * Wraps a client the user passed in; {@link #close()} leaves it open.
     *
     * @param client the client
     * @param <C> the client type
     * @return the holder
     */
    public static <C extends AutoCloseable> ClientHolder<C> borrowed(C client) {
        return new ClientHolder<>(client, false);
    }

    /** Returns the client. */
    public C get() {
        return client;
    }

    /** Returns whether Tributary owns (and so closes) the client. */
    public boolean owned() {
        return owned;
    }

    @Override
    public synchronized void close() {
        if (!owned || closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("Closing an SDK client failed [client={}]", client.getClass().getSimpleName(), e);
        }
    }
}
