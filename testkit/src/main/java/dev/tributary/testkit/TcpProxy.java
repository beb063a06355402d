package dev.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TCP proxy in front of a peer that can be switched off, dropping every connection at once, to
 * test how a client rides out an outage of the peer (OpenSearch, DynamoDB Local, ...). It can also let a
 * request reach the peer and then lose the peer's answer ({@link #dropResponses(int)},
 * {@link #dropRepliesAfter(String, int)}): the case where a client cannot know whether its call took effect.
 * Thread-safe.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(node.url())) {
 *     // point the client at proxy.url()
 *     proxy.setUp(false);   // outage
 *     proxy.setUp(true);    // back
 *     proxy.dropResponses(1); // the next request is forwarded, its response never arrives
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private volatile boolean up = true;
    private volatile @Nullable Fault fault;
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * What to lose: the answer to the next {@code remaining} requests, or the reply after {@code marker}; then
     * close the connection, or keep it open and silent so the client runs into its read timeout.
     */
    private record Fault(byte @Nullable [] marker, AtomicInteger remaining, boolean close) {}

    /**
     * Starts a proxy on a free loopback port forwarding to {@code target}'s host and port.
     *
     * @param target the peer's URL
     * @return the running proxy
     * @throws java.io.UncheckedIOException if no port can be opened
     */
    public static TcpProxy to(URI target) {
        try {
            return new TcpProxy(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Starts a proxy on a free loopback port forwarding to {@code host:port} (for non-HTTP peers such as SMTP).
     *
     * @param host the peer's host
     * @param port the peer's port
     * @return the running proxy
     * @throws java.io.UncheckedIOException if no port can be opened
     */
    public static TcpProxy to(String host, int port) {
        return to(URI.create("tcp://" + host + ":" + port));
    }

    private TcpProxy(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "tributary-tcp-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** Returns the proxy's URL ({@code http://127.0.0.1:<port>}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Returns the proxy's port on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** Switches forwarding on, or off (new and open connections are dropped). */
    public void setUp(boolean up) {
        this.up = up;
    }

    /**
     * Forwards the next {@code count} requests to the peer but loses their responses: when the peer starts to
     * answer, the client's connection is closed without a byte of the answer (and the peer's too). For
     * request/response protocols such as HTTP, one request per connection at a time.
     *
     * @param count how many responses to drop; 0 stops dropping
     */
    public void dropResponses(int count) {
        this.fault = count <= 0 ? null : new Fault(null, new AtomicInteger(count), true);
    }

    /**
     * Forwards everything but, on a connection where the client has sent {@code marker}, loses the peer's next
     * reply the same way as {@link #dropResponses(int)}; {@code count} connections are hit. For SMTP,
     * {@code "\r\n.\r\n"} (the end of DATA) loses the reply that says whether the message was accepted. The
     * marker is looked for in the plain bytes, so it works only without TLS.
     *
     * @param marker what the client sends just before the reply to lose
     * @param count how many replies to drop; 0 stops dropping
     */
    public void dropRepliesAfter(String marker, int count) {
        this.fault = count <= 0 ? null
                : new Fault(marker.getBytes(StandardCharsets.ISO_8859_1), new AtomicInteger(count), true);
    }

    /**
     * Like {@link #dropRepliesAfter(String, int)}, but keeps the hit connection open and silent instead of
     * closing it, so the client waits until its read timeout: the peer has acted, the client never hears.
     *
     * @param marker what the client sends just before the reply to withhold
     * @param count how many replies to withhold; 0 stops
     */
    public void withholdRepliesAfter(String marker, int count) {
        this.fault = count <= 0 ? null
                : new Fault(marker.getBytes(StandardCharsets.ISO_8859_1), new AtomicInteger(count), false);
    }

    /**
     * Returns how many connections (new ones, or open ones on which the client sent bytes) were cut because the
     * proxy was down, so a test proves an outage was hit instead of sleeping through it.
     *
     * @return the count since the proxy started
     */
    public int refusedWhileDown() {
        return refused.get();
    }

    /** Returns how many responses or replies were dropped or withheld so far. */
    public int droppedResponses() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    refused.incrementAndGet();
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(target.getHost(), target.getPort());
                Link link = new Link(client, upstream);
                start(() -> link.pump(client.getInputStream(), upstream.getOutputStream(), true));
                start(() -> link.pump(upstream.getInputStream(), client.getOutputStream(), false));
            } catch (IOException e) {
                // Closed or connection failed: keep accepting until closed.
            }
        }
    }

    private static void start(IoTask task) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException ignored) {
                // Connection ended.
            }
        }, "tributary-tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    /** One proxied connection: both sockets and whether the peer's next answer is to be lost. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean armed;
        private boolean silent;
        private byte[] tail = new byte[0];

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(InputStream in, OutputStream out, boolean fromClient) throws IOException {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!up) {
                        if (fromClient) {
                            refused.incrementAndGet();
                        }
                        break;
                    }
                    if (fromClient) {
                        // Arm before forwarding, so the answer can never overtake the decision.
                        armIfFaulted(buf, n);
                    } else if (silent) {
                        continue;
                    } else if (armed) {
                        armed = false;
                        Fault f = fault;
                        if (f != null && f.remaining().getAndDecrement() > 0) {
                            dropped.incrementAndGet();
                            if (f.close()) {
                                break;
                            }
                            silent = true;
                            continue;
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } finally {
                closeBoth();
            }
        }

        private void armIfFaulted(byte[] buf, int n) {
            Fault f = fault;
            if (f == null || f.remaining().get() <= 0) {
                return;
            }
            byte[] marker = f.marker();
            if (marker == null) {
                armed = true;
                return;
            }
            byte[] window = new byte[tail.length + n];
            System.arraycopy(tail, 0, window, 0, tail.length);
            System.arraycopy(buf, 0, window, tail.length, n);
            if (indexOf(window, marker) >= 0) {
                armed = true;
            }
            tail = Arrays.copyOfRange(window, Math.max(0, window.length - marker.length + 1), window.length);
        }

        private void closeBoth() {
            try {
                client.close();
                upstream.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    private static int indexOf(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
