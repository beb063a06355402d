package dev.tributary.examples.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** A loopback TCP proxy that can be switched off (connections dropped at once) to simulate an outage. */
final class FlakyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private volatile boolean up = true;

    FlakyProxy(URI target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "flaky-proxy");
        t.setDaemon(true);
        t.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    void setUp(boolean up) {
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
        }, "flaky-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
