package dev.tributary.opensearch.internal;

import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.support.ClientHolder;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.transport.Endpoint;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;

/**
 * The connection's view of a transport: refuses every request once the connection is closed (with
 * {@link TributaryRejectedException} {@code CLOSED}, before anything is sent), and closes the transport only when
 * the connection built it. Closing is idempotent and never throws.
 */
public final class GuardedTransport implements OpenSearchTransport {
    private final ClientHolder<OpenSearchTransport> transport;
    private final @Nullable ClientHolder<? extends AutoCloseable> extra;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Wraps a transport.
     *
     * @param transport the transport, owned (closed with the connection) or borrowed
     * @param extra something else the connection built and closes after the transport (the SigV4 HTTP client),
     *     or null
     */
    public GuardedTransport(ClientHolder<OpenSearchTransport> transport, @Nullable ClientHolder<? extends AutoCloseable> extra) {
        this.transport = transport;
        this.extra = extra;
    }

    /** Returns whether the connection was closed. */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, @Nullable TransportOptions options) throws IOException {
        requireOpen();
        return transport.get().performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, @Nullable TransportOptions options) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(rejected());
        }
        return transport.get().performRequestAsync(request, endpoint, options);
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return transport.get().jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return transport.get().options();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
            if (extra != null) {
                extra.close();
            }
        }
    }

    /**
     * Fails when the connection is closed.
     *
     * @throws TributaryRejectedException ({@code CLOSED}) after {@link #close()}
     */
    public void requireOpen() {
        if (closed.get()) {
            throw rejected();
        }
    }

    private static TributaryRejectedException rejected() {
        return TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED,
                "the OpenSearchConnection is closed; build a new one", null);
    }
}
