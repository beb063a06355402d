package dev.tributary.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A loopback TCP proxy in front of a peer that can be switched off, dropping every connection at once, to
 * test how a client rides out an outage of the peer (OpenSearch, DynamoDB Local, ...). Thread-safe.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(node.url())) {
 *     // point the client at proxy.url()
 *     proxy.setUp(false);   // outage
 *     proxy.setUp(true);    // back
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private volatile boolean up = true;

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

    /** Switches forwarding on, or off (new and open connections are dropped). */
    public void setUp(boolean up) {
        this.up = up;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(target.getHost(), target.getPort());
                pipe(client.getInputStream(), upstream.getOutputStream(), client, upstream);
                pipe(upstream.getInputStream(), client.getOutputStream(), client, upstream);
            } catch (IOException e) {
                // Closed or connection failed: keep accepting until closed.
            }
        }
    }

    private void pipe(InputStream in, OutputStream out, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!up) {
                        break;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // Connection ended.
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, "tributary-tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
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
